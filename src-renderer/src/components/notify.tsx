import { notifications } from '@mantine/notifications';
import { describeError } from '../api/describe-error';

/** A failure as a notification: what went wrong, and what to do next. */
export function notifyError(error: unknown): void {
  const { title, message, next } = describeError(error);
  notifications.show({
    color: 'red',
    title,
    autoClose: 10_000,
    message: (
      <>
        {message}
        <br />
        <em>{next}</em>
      </>
    ),
  });
}

export function notifyDone(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}
