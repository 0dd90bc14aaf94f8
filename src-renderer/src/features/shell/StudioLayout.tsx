import { AppShell, Burger, Group, ScrollArea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from 'react-router';
import { BackendLine } from './BackendLine';
import { JobsIndicator } from './JobsIndicator';
import { NavLinks } from './NavLinks';
import { ProjectSwitcher } from './ProjectSwitcher';

/** The frame around every page: the project switcher and running jobs on top, the pages on the left. */
export function StudioLayout() {
  const [navOpen, { toggle, close }] = useDisclosure();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Show pages" />
            <Title order={4} style={{ whiteSpace: 'nowrap' }}>
              StyleInject Studio
            </Title>
            <ProjectSwitcher />
          </Group>
          <JobsIndicator />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <NavLinks onNavigate={close} />
        </AppShell.Section>
        <AppShell.Section>
          <BackendLine />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
