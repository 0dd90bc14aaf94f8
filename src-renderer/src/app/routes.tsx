import { createHashRouter, Navigate } from 'react-router';
import { DatasetPage } from '../features/dataset/DatasetPage';
import { GeneratePage } from '../features/generate/GeneratePage';
import { ModelsPage } from '../features/models/ModelsPage';
import { ProjectsPage } from '../features/projects/ProjectsPage';
import { RouterPage } from '../features/router/RouterPage';
import { ProjectScope } from '../features/shell/ProjectScope';
import { RouteError } from '../features/shell/RouteError';
import { StartRedirect } from '../features/shell/StartRedirect';
import { StudioLayout } from '../features/shell/StudioLayout';
import { TrainPage } from '../features/train/TrainPage';

/** Hash routes: they work the same from file:// in Electron and from the loopback server. */
export function createStudioRouter() {
  return createHashRouter([
    {
      element: <StudioLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <StartRedirect /> },
        { path: 'projects', element: <ProjectsPage /> },
        {
          path: 'p/:projectId',
          element: <ProjectScope />,
          children: [
            { index: true, element: <Navigate to="dataset" replace /> },
            { path: 'models', element: <ModelsPage /> },
            { path: 'dataset/:datasetId?', element: <DatasetPage /> },
            { path: 'train/:runId?', element: <TrainPage /> },
            { path: 'generate', element: <GeneratePage /> },
            { path: 'router/:studyId?', element: <RouterPage /> },
          ],
        },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ]);
}
