import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { timeRuns } from '../measure';
import type { BenchContext, BenchRow, BenchSection } from '../section';
import { createProject, DATABASE_FILE, openStore, type Store, type TraceRow } from '../../src-main/storage';
import { datasetFlags, importImages } from '../../src-main/studio/datasets';

// The studio's storage work on real files: no GFLOP, so those columns read 0; the figures are the times.
const IMAGES = 200;
const SIZE = 768;
const STUDY = { generations: 100, steps: 20, layers: 64, k: 16 };

export const section: BenchSection = {
  name: 'store',
  description: `dataset import of ${IMAGES} ${SIZE}px JPEGs (copies, thumbnails, hashes), flags, and a router-trace study in SQLite`,
  run: async (ctx) => {
    const scratch = mkdtempSync(join(tmpdir(), 'styleinject-bench-store-'));
    try {
      const source = await writeImages(join(scratch, 'source'));
      return [...(await importRows(ctx, scratch, source)), ...(await traceRows(ctx, scratch))];
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};

const row = (op: string, shape: string, timing: { medianMs: number; runs: number }): BenchRow => ({ section: 'store', backend: 'node', op, shape, gflop: 0, gflops: 0, ...timing });

/** Distinct photo-like JPEGs, cut from one noise canvas at different offsets (cheap to make, real to decode). */
async function writeImages(folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const canvas = SIZE + 256;
  const noise = await sharp({ create: { width: canvas, height: canvas, channels: 3, background: { r: 90, g: 120, b: 160 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .raw()
    .toBuffer();
  for (let i = 0; i < IMAGES; i++) {
    const crop = { left: (i * 37) % 256, top: (i * 91) % 256, width: SIZE, height: SIZE };
    const jpeg = await sharp(noise, { raw: { width: canvas, height: canvas, channels: 3 } }).extract(crop).jpeg({ quality: 90 }).toBuffer();
    writeFileSync(join(folder, `${i}.jpg`), jpeg);
    writeFileSync(join(folder, `${i}.txt`), `image ${i}, noise`);
  }
  return folder;
}

async function importRows(ctx: BenchContext, scratch: string, source: string): Promise<BenchRow[]> {
  let run = 0;
  let last: { store: Store; datasetId: number } | null = null;
  const timing = await timeRuns(async () => {
    last?.store.close();
    const store = openStore({ dataDir: join(scratch, `import-${++run}`) });
    const project = await createProject(store, { name: 'bench' });
    const dataset = store.datasets.create({ projectId: project.id, name: 'set' });
    await importImages(store, { datasetId: dataset.id, sources: [source] });
    last = { store, datasetId: dataset.id };
  }, { maxRuns: 1, budgetMs: 0 });
  const { store, datasetId } = last!;
  const items = store.items.list(datasetId);
  const flags = await timeRuns(async () => void datasetFlags(store.datasets.get(datasetId), items), ctx);
  store.close();
  return [row('import folder (copy mode)', `${IMAGES} JPEG ${SIZE}x${SIZE}`, timing), row('dataset flags (dup, near-dup, low-res)', `${IMAGES} items`, flags)];
}

async function traceRows(ctx: BenchContext, scratch: string): Promise<BenchRow[]> {
  const store = openStore({ dataDir: join(scratch, 'traces') });
  const project = await createProject(store, { name: 'study' });
  const probs = Array.from({ length: STUDY.k }, () => 1 / STUDY.k);
  const rows: TraceRow[] = [];
  for (let step = 0; step < STUDY.steps; step++)
    for (let l = 0; l < STUDY.layers; l++) rows.push({ imageIndex: 0, pass: 'cond', step, timestep: 999 - step * 50, adapter: 'ink', layer: `unet:layer.${l}`, probs });
  const ids: number[] = [];
  const save = await timeRuns(async () => {
    for (let g = 0; g < STUDY.generations; g++) {
      const id = store.generations.create({ projectId: project.id, prompt: `prompt ${g}`, settings: {}, seed: g, images: [{ file: `g${g}.png`, seed: g }] }).id;
      store.routerTraces.save(id, rows);
      ids.push(id);
    }
  }, { maxRuns: 1, budgetMs: ctx.budgetMs });
  const load = await timeRuns(async () => void store.routerTraces.rows(ids[0]), ctx);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(join(store.dataDir, DATABASE_FILE)).size;
  store.close();
  const study = `${STUDY.generations} gens x ${STUDY.steps} steps x ${STUDY.layers} layers x K=${STUDY.k}`;
  return [row('save router-trace study', `${study}; db ${(bytes / 2 ** 20).toFixed(1)} MiB`, save), row('load one generation trace as rows', `${STUDY.steps * STUDY.layers} rows`, load)];
}
