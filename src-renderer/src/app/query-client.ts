import { MutationCache, QueryClient } from '@tanstack/react-query';
import { StudioCallError } from '../api/studio-client';
import { notifyError } from '../components/notify';

/** One cache for the whole studio: fresh data comes from `changed` events, so no refetch on focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    mutationCache: new MutationCache({ onError: (error) => notifyError(error) }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        // A call the service refused will be refused again; only a dropped connection is worth retrying.
        retry: (count, error) => !(error instanceof StudioCallError) && count < 2,
      },
    },
  });
}
