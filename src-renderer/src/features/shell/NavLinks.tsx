import { NavLink, Stack } from '@mantine/core';
import { IconAdjustmentsAlt, IconBox, IconBrush, IconFolders, IconPhoto, IconRoute, IconTimeline } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { useProjectId } from './use-project-id';

const PROJECT_PAGES = [
  { to: 'models', label: 'Models', icon: IconBox },
  { to: 'dataset', label: 'Dataset', icon: IconPhoto },
  { to: 'train', label: 'Train', icon: IconTimeline },
  { to: 'generate', label: 'Generate', icon: IconBrush },
  { to: 'router', label: 'Router', icon: IconRoute },
] as const;

/** The pages: Projects always; the project's own pages once one is open. */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const projectId = useProjectId();
  const { pathname } = useLocation();
  return (
    <Stack gap={2} component="nav" aria-label="Pages">
      <NavLink component={Link} to="/projects" label="Projects" leftSection={<IconFolders size={18} />} active={pathname === '/projects'} onClick={onNavigate} />
      {projectId === null ? (
        <NavLink label="Open a project for the other pages" leftSection={<IconAdjustmentsAlt size={18} />} disabled />
      ) : (
        PROJECT_PAGES.map(({ to, label, icon: Icon }) => {
          const path = `/p/${projectId}/${to}`;
          return <NavLink key={to} component={Link} to={path} label={label} leftSection={<Icon size={18} />} active={pathname.startsWith(path)} onClick={onNavigate} />;
        })
      )}
    </Stack>
  );
}
