import type { Project } from '../../../../src-main/contract';
import { confirmDanger } from '../../components/confirm-danger';

/** Asks before a project goes: it says what is removed and what stays. */
export function confirmDeleteProject(project: Project, onConfirm: () => void): void {
  confirmDanger({
    title: `Delete “${project.name}”?`,
    message: 'Its folder goes with it: copied dataset images, training runs, adapters and generated images. Images and models you imported by reference stay where they are. This cannot be undone.',
    confirm: 'Delete project',
    onConfirm,
  });
}
