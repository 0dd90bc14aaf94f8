import { Select } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useStudioQuery } from '../../api/queries';
import { useProjectId } from './use-project-id';

/** Switches project, staying on the same page (Dataset, Train ...). */
export function ProjectSwitcher() {
  const projectId = useProjectId();
  const projects = useStudioQuery('projects.list', {});
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = /^\/p\/\d+\/(\w+)/.exec(pathname)?.[1] ?? 'dataset';
  return (
    <Select
      aria-label="Open project"
      placeholder="Open a project"
      data={(projects.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
      value={projectId === null ? null : String(projectId)}
      onChange={(value) => value && navigate(`/p/${value}/${section}`)}
      searchable
      nothingFoundMessage="No project with that name"
      w={240}
      allowDeselect={false}
    />
  );
}
