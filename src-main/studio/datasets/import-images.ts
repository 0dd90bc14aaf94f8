import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseInput, toStoredPath, writeFileAtomic, type DatasetItem, type Store } from '../../storage';
import { readCaptionFile } from './caption-file';
import { datasetFiles, imageCopyFile, thumbnailFile, type DatasetFiles } from './dataset-files';
import { decodeImage, DEFAULT_DECODE_LIMITS, ImageSkip, type DecodedImage } from './decode-image';
import { scanSources, type ImageCandidate, type SkippedFile } from './scan-sources';

const importInput = z
  .object({
    datasetId: z.number().int().positive(),
    sources: z.array(z.string().min(1)).min(1, 'name at least one file or folder'),
    maxPixels: z.number().int().positive().default(DEFAULT_DECODE_LIMITS.maxPixels),
  })
  .strict();

export type ImportImagesOptions = z.input<typeof importInput> & {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
};

export interface ImportProgress {
  done: number;
  total: number;
  path: string;
  outcome: 'imported' | 'skipped' | 'already imported';
}

export interface ImportReport {
  imported: DatasetItem[];
  skipped: SkippedFile[];
  /** Files whose content was imported from the same path before (a re-run imports only what is new). */
  alreadyImported: number;
  cancelled: boolean;
}

/**
 * Imports images into a dataset. Each image is read once, hashed, decoded (checked, thumbnail,
 * perceptual hash); its files are written complete under temporary names and renamed; only
 * then is its row inserted, in one transaction with its tags. A crash at any point leaves
 * every earlier item whole and this one absent. The originals are only ever read.
 */
export async function importImages(store: Store, options: ImportImagesOptions): Promise<ImportReport> {
  const { onProgress, signal, ...fields } = options;
  const input = parseInput(importInput, fields, 'image import');
  const files = datasetFiles(store, input.datasetId);
  await mkdir(files.thumbnailsDir, { recursive: true });
  if (files.dataset.storage === 'copy') await mkdir(files.imagesDir, { recursive: true });
  const { candidates, skipped } = await scanSources(input.sources);
  const report: ImportReport = { imported: [], skipped, alreadyImported: 0, cancelled: false };
  for (const [index, candidate] of candidates.entries()) {
    if (signal?.aborted) {
      report.cancelled = true;
      break;
    }
    const outcome = await importOne(store, files, candidate, input.maxPixels, report);
    onProgress?.({ done: index + 1, total: candidates.length, path: candidate.path, outcome });
  }
  return report;
}

async function importOne(store: Store, files: DatasetFiles, candidate: ImageCandidate, maxPixels: number, report: ImportReport): Promise<ImportProgress['outcome']> {
  const skip = (reason: string) => {
    report.skipped.push({ path: candidate.path, reason });
    return 'skipped' as const;
  };
  let bytes: Buffer;
  try {
    bytes = await readFile(candidate.path);
  } catch (error) {
    return skip(`cannot be read (${(error as Error).message})`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (store.items.findImported(files.dataset.id, candidate.path, sha256)) {
    report.alreadyImported++;
    return 'already imported';
  }
  let decoded: DecodedImage;
  try {
    decoded = await decodeImage(bytes, { ...DEFAULT_DECODE_LIMITS, maxPixels });
  } catch (error) {
    if (error instanceof ImageSkip) return skip(error.message);
    throw error;
  }
  let caption = '';
  try {
    if (candidate.captionFile) caption = await readCaptionFile(candidate.captionFile);
  } catch (error) {
    return skip(`its caption file ${candidate.captionFile} cannot be read (${(error as Error).message})`);
  }
  report.imported.push(await storeItem(store, files, candidate, { bytes, sha256, decoded, caption }));
  return 'imported';
}

/** Files first (complete, renamed into place), then the row; on failure the files this item created are removed. */
async function storeItem(
  store: Store,
  files: DatasetFiles,
  candidate: ImageCandidate,
  { bytes, sha256, decoded, caption }: { bytes: Buffer; sha256: string; decoded: DecodedImage; caption: string },
): Promise<DatasetItem> {
  const created: string[] = [];
  try {
    await writeIfAbsent(store, thumbnailFile(files, sha256), decoded.thumbnail, created);
    const copy = imageCopyFile(files, sha256, decoded.format);
    if (files.dataset.storage === 'copy') await writeIfAbsent(store, copy, bytes, created);
    return store.items.insert({
      datasetId: files.dataset.id,
      image: files.dataset.storage === 'copy' ? toStoredPath(store.dataDir, copy) : candidate.path,
      source: candidate.path,
      sha256,
      dhash: decoded.dhash,
      format: decoded.format,
      sizeBytes: bytes.length,
      width: decoded.width,
      height: decoded.height,
      caption,
      repeats: candidate.repeats,
    });
  } catch (error) {
    for (const file of created) await store.files.remove(file);
    throw error;
  }
}

/** Content-named files are written once; a second item with the same picture shares them. */
async function writeIfAbsent(store: Store, path: string, data: Uint8Array, created: string[]): Promise<void> {
  if (existsSync(path)) return;
  await writeFileAtomic(path, data, store.files);
  created.push(path);
}
