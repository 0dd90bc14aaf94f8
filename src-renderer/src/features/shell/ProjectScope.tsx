import { Alert, Anchor } from '@mantine/core';
import { useEffect } from 'react';
import { Link, Outlet } from 'react-router';
import { useStudioQuery } from '../../api/queries';
import { rememberProject } from './last-project';
import { useOpenProjectId } from './use-project-id';
import { PageLoader } from '../../components/PageLoader';

/** A project's pages: only for a project that exists; opening one makes it the one to reopen on start. */
export function ProjectScope() {
  const projectId = useOpenProjectId();
  const projects = useStudioQuery('projects.list', {});
  const project = projects.data?.find((p) => p.id === projectId);
  useEffect(() => {
    if (project) rememberProject(project.id);
  }, [project]);
  if (projects.isPending) {
    return <PageLoader />;
  }
  if (!project) {
    return (
      <Alert color="yellow" title="This project does not exist (any more)">
        It may have been deleted. <Anchor component={Link} to="/projects">Choose or create a project</Anchor>.
      </Alert>
    );
  }
  return <Outlet />;
}
