import { embedVectors } from '../analysis/embedding/embed';
import { neighbourPurity } from '../analysis/embedding/neighbour-purity';
import { studyVectors } from '../analysis/router-study/study-routes';
import { badInput } from '../errors';
import type { EngineEventListener } from './events';
import type { EmbedRoutesRequest, EmbedRoutesResult } from './router-types';

export interface EmbedRoutesContext {
  emit: EngineEventListener<EmbedRoutesResult>;
  signal?: AbortSignal;
}

/**
 * 2-D points for route vectors (one per image and step of a study, or given as they are), with
 * 'embed' progress; for a study with themes, also how well the themes separate.
 */
export async function embedRoutesJob(request: EmbedRoutesRequest, ctx: EmbedRoutesContext): Promise<EmbedRoutesResult> {
  const started = Date.now();
  if ((request.study === undefined) === (request.vectors === undefined)) throw badInput('give either a study or vectors to embed (exactly one of them)');
  if (request.vectors && request.layers) throw badInput('a layer filter applies to a study, not to vectors: leave out layers, or pass the study');
  const fromStudy = request.study ? studyVectors(request.study, request.layers) : null;
  const vectors = fromStudy?.vectors ?? request.vectors ?? [];

  const embedding = await embedVectors(vectors, request.method, request.options, {
    signal: ctx.signal,
    onProgress: (step, total) => {
      const elapsedMs = Date.now() - started;
      ctx.emit({ type: 'progress', phase: 'embed', step, total, elapsedMs, etaMs: step > 0 ? (elapsedMs / step) * (total - step) : undefined, message: request.method });
    },
  });

  const images = request.study?.images ?? [];
  const themes = fromStudy?.points.map((p) => images[p.image].theme);
  const separable = themes && themes.every((t) => typeof t === 'string') && new Set(themes).size > 1;
  const prompts = fromStudy?.points.map((p) => images[p.image].prompt ?? String(p.image));
  return {
    method: request.method,
    points: embedding.points,
    ...(fromStudy && { sources: fromStudy.points, layers: fromStudy.layers }),
    dimensions: vectors[0]?.length ?? 0,
    options: embedding.options,
    notes: embedding.notes,
    ...(separable && prompts && { themeSeparation: neighbourPurity(embedding.points, themes as string[], prompts) }),
    elapsedMs: Date.now() - started,
  };
}
