import { useState } from 'react';
import { useParams } from 'react-router';
import { useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useOpenProjectId } from '../shell/use-project-id';
import { NewStudyForm } from './NewStudyForm';
import { StudyExplorer } from './StudyExplorer';
import { StudyJobs } from './StudyJobs';
import { StudyPicker } from './StudyPicker';

/**
 * The router explorer: the project's stored router studies (the newest when none is chosen),
 * studies running now, and a new one (`router/new`, or when there is none yet).
 */
export function RouterPage() {
  const projectId = useOpenProjectId();
  const { studyId } = useParams();
  const studies = useStudioQuery('router.studies', { projectId });
  const [started, setStarted] = useState<string[]>([]);
  const sorted = [...(studies.data ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  const chosen = studyId === 'new' ? 'new' : studyId ? Number(studyId) : (sorted[0]?.id ?? (studies.isSuccess ? 'new' : null));
  return (
    <>
      <PageHeader title="Router" description="Look inside a StyleInject adapter: which of its K style branches each layer picks, across prompts and denoising steps.">
        <StudyPicker projectId={projectId} studies={sorted} current={chosen} />
      </PageHeader>
      {studies.error && <ErrorNotice error={studies.error} />}
      <StudyJobs projectId={projectId} started={started} />
      {chosen === 'new' && <NewStudyForm projectId={projectId} onStarted={(jobId) => setStarted((ids) => [jobId, ...ids])} />}
      {typeof chosen === 'number' && <StudyExplorer key={chosen} studyId={chosen} />}
    </>
  );
}
