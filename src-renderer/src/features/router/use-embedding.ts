import { useEffect, useRef, useState } from 'react';
import type { MethodInput, RouterEmbeddingView } from '../../../../src-main/contract';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { useJob } from '../../api/use-job';
import { useJobEnd } from '../../api/use-job-end';

export type EmbedRequest = Omit<MethodInput<'router.embed'>, 'studyId'>;

/** PCA over every routed layer: seconds even for 10,000 points, the first look at a study. */
export const FIRST_LOOK: EmbedRequest = { method: 'pca' };

/**
 * A study's embedding, computed as a job in the engine process (never on this thread): the
 * last finished view, the job running now (started here, or found running after a reload), and
 * a way to start another. The first look (PCA) starts by itself.
 */
export function useEmbedding(studyId: number) {
  const jobs = useStudioQuery('jobs.list', {});
  const [jobId, setJobId] = useState<string | null>(null);
  const [view, setView] = useState<RouterEmbeddingView | null>(null);
  const [asked, setAsked] = useState<EmbedRequest | null>(null);
  const embed = useStudioMutation('router.embed', { onSuccess: ({ jobId }) => setJobId(jobId) });
  const running = jobs.data?.find((j) => j.kind === 'embed' && j.subjectId === studyId)?.jobId ?? null;
  const job = useJob(jobId ?? running);
  useJobEnd(job, (ended) => {
    if (!ended.error) setView(ended.result as RouterEmbeddingView);
  });

  const start = (request: EmbedRequest) => {
    setAsked(request);
    embed.mutate({ studyId, ...request });
  };
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !jobs.isSuccess || running) return;
    started.current = true;
    setAsked(FIRST_LOOK);
    embed.mutate({ studyId, ...FIRST_LOOK });
  }, [jobs.isSuccess, running, studyId, embed]);

  return { view, job, asked, start, starting: embed.isPending };
}
