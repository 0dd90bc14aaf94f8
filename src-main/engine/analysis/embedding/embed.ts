import { badInput } from '../../errors';
import type { EmbeddingRun } from './iteration-pacer';
import { pcaProjection } from './pca';
import { tsneEmbedding } from './tsne';
import { umapEmbedding } from './umap';
import { uniqueRows } from './unique-rows';

export const EMBEDDING_METHODS = ['tsne', 'pca', 'umap'] as const;
export type EmbeddingMethod = (typeof EMBEDDING_METHODS)[number];

export function isEmbeddingMethod(value: unknown): value is EmbeddingMethod {
  return typeof value === 'string' && (EMBEDDING_METHODS as readonly string[]).includes(value);
}

/** Settings of the three methods; each uses those that concern it. */
export interface EmbeddingOptions {
  /** Fixes the random start (t-SNE, UMAP) and the PCA power iteration: the same data gives the same picture. Default 1. */
  seed?: number;
  /** t-SNE: the effective number of neighbours each point attends to (default 30; lowered to (points - 1) / 3 for few points). */
  perplexity?: number;
  /** t-SNE iterations (default 500) or UMAP epochs (default 200). */
  iterations?: number;
  /** UMAP: neighbours in the graph (default 15; lowered to points - 1 for few points). */
  neighbors?: number;
  /** UMAP: how tightly points may pack (default 0.1). */
  minDist?: number;
}

/** The options a run used, defaults and lowered values filled in. */
export type UsedEmbeddingOptions = Required<EmbeddingOptions>;

export interface Embedding {
  /** One [x, y] per input vector, in input order. */
  points: [number, number][];
  options: UsedEmbeddingOptions;
  /** What the caller should know (settings lowered for few points, vectors that are all alike). */
  notes: string[];
}

/**
 * 2-D points for row vectors (router-route vectors, one per image and step) by t-SNE, PCA or
 * UMAP. Plain JS on the CPU, no tensors: it needs no compute backend. Iterative methods report
 * progress, yield to the event loop and stop when the run's signal aborts.
 */
export async function embedVectors(vectors: readonly ArrayLike<number>[], method: EmbeddingMethod, options: EmbeddingOptions = {}, run: EmbeddingRun = {}): Promise<Embedding> {
  if (!isEmbeddingMethod(method)) throw badInput(`unknown embedding method '${String(method)}': use ${EMBEDDING_METHODS.join(', ')}`);
  const rows = checkedRows(vectors);
  const notes: string[] = [];
  // UMAP's graph falls apart on identical vectors (more copies than neighbours leave each group
  // of copies linked to almost nothing), so it embeds the distinct ones and copies share a point.
  const { unique, indexOf } = method === 'umap' ? uniqueRows(rows) : { unique: rows, indexOf: rows.map((_, i) => i) };
  if (unique.length < rows.length) notes.push(`UMAP embedded the ${unique.length} distinct vectors of ${rows.length}: identical vectors share a point`);
  const used = usedOptions(options, method, unique.length, notes);
  if (allAlike(rows)) notes.push('every vector is the same (the router routes every image and step alike, as an untrained one does): the picture has no structure');

  let points: Float64Array[];
  if (method === 'pca' || unique.length <= MIN_GRAPH_POINTS) {
    run.onProgress?.(0, 1);
    points = pcaProjection(unique, 2, used.seed);
    run.onProgress?.(1, 1);
  } else if (method === 'tsne') {
    points = await tsneEmbedding(unique, used, run);
  } else {
    points = await umapEmbedding(unique, used, run);
  }
  return { points: indexOf.map((i) => [finite(points[i][0]), finite(points[i][1])]), options: used, notes };
}

/** With this few distinct vectors a neighbour graph says nothing PCA does not: their PCA is the picture. */
const MIN_GRAPH_POINTS = 3;

function checkedRows(vectors: readonly ArrayLike<number>[]): Float64Array[] {
  if (!Array.isArray(vectors) || vectors.length < 3) throw badInput(`an embedding needs at least 3 vectors, got ${Array.isArray(vectors) ? vectors.length : 'none'}`);
  const width = vectors[0]?.length;
  if (!(width > 0)) throw badInput('the vectors to embed are empty: each needs at least one number');
  return vectors.map((v, i) => {
    if (v?.length !== width) throw badInput(`vector ${i} has ${v?.length ?? 0} numbers, vector 0 has ${width}: all must have the same length`);
    const row = Float64Array.from(v);
    if (!row.every(Number.isFinite)) throw badInput(`vector ${i} holds a value that is not a finite number`);
    return row;
  });
}

function usedOptions(options: EmbeddingOptions, method: EmbeddingMethod, n: number, notes: string[]): UsedEmbeddingOptions {
  const number = (name: keyof EmbeddingOptions, fallback: number, ok: (v: number) => boolean, rule: string): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !ok(value)) throw badInput(`embedding option ${name} must be ${rule}, got ${String(value)}`);
    return value;
  };
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  const used: UsedEmbeddingOptions = {
    seed: number('seed', 1, (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer'),
    perplexity: number('perplexity', 30, (v) => v >= 1, 'a number >= 1'),
    iterations: number('iterations', method === 'umap' ? 200 : 500, positiveInt, 'a positive integer'),
    neighbors: number('neighbors', 15, (v) => Number.isInteger(v) && v >= 2, 'an integer >= 2'),
    minDist: number('minDist', 0.1, (v) => v >= 0 && v <= 1, 'a number in [0, 1]'),
  };
  if (used.perplexity > (n - 1) / 3) {
    const lowered = Math.max(1, (n - 1) / 3);
    notes.push(`perplexity lowered from ${used.perplexity} to ${lowered.toFixed(1)}: ${n} points allow at most (points - 1) / 3`);
    used.perplexity = lowered;
  }
  if (used.neighbors > n - 1) {
    notes.push(`neighbors lowered from ${used.neighbors} to ${n - 1}: there are ${n} points`);
    used.neighbors = n - 1;
  }
  return used;
}

function allAlike(rows: Float64Array[]): boolean {
  return rows.every((row) => row.every((v, j) => v === rows[0][j]));
}

// PCA of vectors without variance divides zero by zero; those points all sit at the origin.
const finite = (v: number) => (Number.isFinite(v) ? v : 0);
