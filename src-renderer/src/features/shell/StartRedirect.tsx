import { Navigate } from 'react-router';
import { useStudioQuery } from '../../api/queries';
import { lastProjectId } from './last-project';
import { PageLoader } from '../../components/PageLoader';

/** The start page: the project open last time, if it still exists; otherwise the project list. */
export function StartRedirect() {
  const projects = useStudioQuery('projects.list', {});
  if (projects.isPending) {
    return <PageLoader />;
  }
  const last = lastProjectId();
  const reopen = projects.data?.find((p) => p.id === last);
  return <Navigate to={reopen ? `/p/${reopen.id}/dataset` : '/projects'} replace />;
}
