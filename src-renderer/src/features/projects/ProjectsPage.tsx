import { SimpleGrid, Text } from '@mantine/core';
import { useState } from 'react';
import type { Project } from '../../../../src-main/contract';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { lastProjectId, rememberProject } from '../shell/last-project';
import { BackupDatabase } from './BackupDatabase';
import { confirmDeleteProject } from './confirm-delete-project';
import { CreateProjectForm } from './CreateProjectForm';
import { ProjectCard } from './ProjectCard';
import { RenameProjectModal } from './RenameProjectModal';

export function ProjectsPage() {
  const projects = useStudioQuery('projects.list', {});
  const [renaming, setRenaming] = useState<Project | null>(null);
  const remove = useStudioMutation('projects.delete', {
    onSuccess: (_, { projectId }) => lastProjectId() === projectId && rememberProject(null),
  });
  return (
    <>
      <PageHeader title="Projects" description="Each project holds one style: its dataset, training runs, adapters and generations.">
        <BackupDatabase />
      </PageHeader>
      <CreateProjectForm />
      {projects.error && <ErrorNotice error={projects.error} />}
      {projects.data?.length === 0 && <Text c="dimmed">No projects yet: name your first one above.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }}>
        {projects.data?.map((project) => (
          <ProjectCard key={project.id} project={project} onRename={() => setRenaming(project)} onDelete={() => confirmDeleteProject(project, () => remove.mutate({ projectId: project.id, confirm: true }))} />
        ))}
      </SimpleGrid>
      {renaming && <RenameProjectModal project={renaming} onClose={() => setRenaming(null)} />}
    </>
  );
}
