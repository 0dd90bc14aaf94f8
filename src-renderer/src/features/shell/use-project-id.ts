import { useMatch } from 'react-router';

/** The open project's id from the address (/p/:projectId/...), or null outside a project. */
export function useProjectId(): number | null {
  const match = useMatch('/p/:projectId/*');
  const id = Number(match?.params.projectId);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Inside a project's pages, where the id is always there. */
export function useOpenProjectId(): number {
  const id = useProjectId();
  if (id === null) throw new Error('this page lives under /p/:projectId');
  return id;
}
