import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { Project } from '../../../../src-main/contract';

/** Asks before a project goes: it says what is removed and what stays. */
export function confirmDeleteProject(project: Project, onConfirm: () => void): void {
  modals.openConfirmModal({
    title: `Delete “${project.name}”?`,
    children: (
      <Text size="sm">
        Its folder goes with it: copied dataset images, training runs, adapters and generated images. Images and models you imported by reference stay where they are. This cannot be undone.
      </Text>
    ),
    labels: { confirm: 'Delete project', cancel: 'Keep it' },
    confirmProps: { color: 'red' },
    onConfirm,
  });
}
