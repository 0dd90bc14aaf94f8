import { Button, Center, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';

/** A page that failed to draw: the message and a way back, never a stack trace. */
export function RouteError() {
  const error = useRouteError();
  return (
    <Center h="100vh" p="xl">
      <Stack maw={560}>
        <ErrorNotice error={error} />
        <Button onClick={() => window.location.reload()}>Reload the studio</Button>
      </Stack>
    </Center>
  );
}
