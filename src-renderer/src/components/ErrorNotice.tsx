import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { describeError } from '../api/describe-error';

/** An error in place: the service's sentence and what to do next (never a stack trace). */
export function ErrorNotice({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { title, message, next, code } = describeError(error);
  return (
    <Alert color={code === 'cancelled' ? 'gray' : 'red'} title={title} icon={<IconAlertTriangle size={18} />} withCloseButton={!!onClose} onClose={onClose} data-error-code={code}>
      <Text size="sm">{message}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {next}
      </Text>
    </Alert>
  );
}
