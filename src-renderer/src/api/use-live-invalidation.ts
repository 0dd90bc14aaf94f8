import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { STALE_AFTER } from './change-topics';
import { useStudio } from './studio-context';

/** Refetches what the pages show whenever the service says something stored changed (from this window or another). */
export function useLiveInvalidation(): void {
  const client = useStudio();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.listen('changed', ({ what }) => {
        const stale = STALE_AFTER[what] as readonly unknown[];
        void queryClient.invalidateQueries({ predicate: (query) => stale.includes(query.queryKey[0]) });
      }),
    [client, queryClient],
  );
}
