import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../src-main/contract';
import { useStudio } from './studio-context';

/** The cache key of one call: the method's name first, so a `changed` topic invalidates by name. */
export const callKey = <M extends MethodName>(method: M, input: MethodInput<M>) => [method, input] as const;

type QueryExtras<M extends MethodName> = Omit<UseQueryOptions<MethodOutput<M>, Error>, 'queryKey' | 'queryFn' | 'enabled'>;

/** Reads through the contract; `input` null waits (a page whose project or dataset is not chosen yet). */
export function useStudioQuery<M extends MethodName>(method: M, input: MethodInput<M> | null, options?: QueryExtras<M>) {
  const client = useStudio();
  return useQuery<MethodOutput<M>, Error>({
    queryKey: callKey(method, input as MethodInput<M>),
    queryFn: () => client.call(method, input as MethodInput<M>),
    enabled: input !== null,
    ...options,
  });
}

/**
 * Changes through the contract. A failure is shown once, as a notification saying what to do
 * next (the query client's mutation cache does that for every mutation); the pages refetch on
 * the service's `changed` events.
 */
export function useStudioMutation<M extends MethodName>(method: M, options?: { onSuccess?: (output: MethodOutput<M>, input: MethodInput<M>) => void }) {
  const client = useStudio();
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, Error, MethodInput<M>>({
    mutationKey: [method],
    mutationFn: (input) => client.call(method, input),
    onSuccess: (output, input) => {
      // Changes without a `changed` event (jobs) show at once too.
      if (method.startsWith('jobs.')) void queryClient.invalidateQueries({ queryKey: ['jobs.list'] });
      options?.onSuccess?.(output, input);
    },
  });
}
