import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Project } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';

export function RenameProjectModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const [name, setName] = useState(project.name);
  const rename = useStudioMutation('projects.rename', { onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={`Rename “${project.name}”`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ projectId: project.id, name });
        }}
      >
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus required />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={rename.isPending} disabled={name.trim() === '' || name === project.name}>
            Rename
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
