import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/** Asks before something is removed: what goes, what stays; the safe choice is the default. */
export function confirmDanger({ title, message, confirm, onConfirm }: { title: string; message: string; confirm: string; onConfirm: () => void }): void {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{message}</Text>,
    labels: { confirm, cancel: 'Keep it' },
    confirmProps: { color: 'red' },
    onConfirm,
  });
}
