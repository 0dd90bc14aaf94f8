import { Alert, Center, MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import type { StudioClient } from '../../src-main/contract';
import { createQueryClient } from './app/query-client';
import { createStudioRouter } from './app/routes';
import { theme } from './app/theme';
import { connectStudio } from './api/connect';
import { StudioProvider } from './api/studio-context';
import { useJobTracking } from './api/use-job-tracking';
import { useLiveInvalidation } from './api/use-live-invalidation';

/** The studio: the connection (either transport), the cache, the theme and the pages. */
export function App() {
  const [connection] = useState<StudioClient | Error>(() => {
    try {
      return connectStudio();
    } catch (error) {
      return error as Error;
    }
  });
  return (
    <MantineProvider theme={theme} defaultColorScheme="dark">
      <Notifications position="bottom-right" />
      {connection instanceof Error ? (
        <Center h="100vh" p="xl">
          <Alert color="yellow" title="Not connected" maw={560}>
            {connection.message}
          </Alert>
        </Center>
      ) : (
        <Connected client={connection} />
      )}
    </MantineProvider>
  );
}

function Connected({ client }: { client: StudioClient }) {
  // The router is made after connecting: connectStudio() takes the token out of the address's fragment first.
  const [router] = useState(createStudioRouter);
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <StudioProvider client={client}>
        <ModalsProvider>
          <LiveSync />
          <RouterProvider router={router} />
        </ModalsProvider>
      </StudioProvider>
    </QueryClientProvider>
  );
}

/** Events from the service: refetch what changed, follow every job. */
function LiveSync() {
  useLiveInvalidation();
  useJobTracking();
  return null;
}
