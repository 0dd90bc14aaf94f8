import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { bucketResolutions, chooseBucket, type BucketOptions, type Size } from './aspect-buckets';
import { captionFromBytes, cleanCaption, DEFAULT_MAX_CAPTION_CHARS } from './caption-text';
import { centreCoverCrop, type CropBox } from './cover-crop';
import { decodeCropped, probeImage, type Rgb8Image } from './decode-image';
import { listDatasetFolder, type ImageFile } from './image-files';
import { badInput } from '../../errors';

/** Where the images come from: a folder (kohya layout) or the studio's explicit list. */
export type DatasetSource = { folder: string } | { items: readonly { image: string; caption: string; repeats?: number }[] };

export interface DatasetOptions {
  /** Square training resolution (default 512); with buckets, bucket areas stay within resolution^2. */
  resolution?: number;
  /** Group images into aspect-ratio buckets instead of centre-cropping all to a square. */
  buckets?: boolean | Omit<BucketOptions, 'resolution'>;
  maxCaptionChars?: number;
  /** Receives each skip and caption note as one line. */
  log?: (line: string) => void;
}

export interface DatasetItem {
  /** Position in dataset.items. */
  index: number;
  image: string;
  caption: string;
  repeats: number;
  /** sha256 (hex) of the image file's bytes. */
  contentHash: string;
  /** Upright size of the source image. */
  sourceSize: Size;
  /** The training size (the square resolution, or the item's bucket). */
  size: Size;
  crop: CropBox;
}

export interface SkippedImage {
  path: string;
  reason: string;
}

export interface Dataset {
  items: DatasetItem[];
  /** Images that could not be used, with why. */
  skipped: SkippedImage[];
  /** Things changed on the way in (captions cut, missing, re-encoded; folders ignored). */
  notes: { path: string; message: string }[];
}

interface Candidate {
  image: string;
  repeats: number;
  caption: () => Promise<{ text: string; notes: string[] }>;
}

/**
 * Opens every image once (hashing and fully decoding it, so broken files are found now and
 * skipped with a reason instead of failing mid-run) and decides each item's caption and crop.
 */
export async function loadDataset(source: DatasetSource, options: DatasetOptions = {}): Promise<Dataset> {
  const resolution = options.resolution ?? 512;
  if (!(Number.isSafeInteger(resolution) && resolution >= 8)) throw badInput(`dataset: resolution must be an integer >= 8, got ${resolution}`);
  const maxChars = options.maxCaptionChars ?? DEFAULT_MAX_CAPTION_CHARS;
  const log = options.log ?? (() => undefined);
  const dataset: Dataset = { items: [], skipped: [], notes: [] };
  const note = (path: string, message: string) => {
    dataset.notes.push({ path, message });
    log(`${path}: ${message}`);
  };

  const candidates = 'folder' in source ? await folderCandidates(source.folder, maxChars, note) : listCandidates(source.items, maxChars);
  const buckets = options.buckets ? bucketResolutions({ ...(options.buckets === true ? {} : options.buckets), resolution }) : null;
  for (const candidate of candidates) {
    let bytes: Uint8Array;
    let sourceSize: Size;
    try {
      bytes = await readFile(candidate.image);
      sourceSize = await probeImage(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      dataset.skipped.push({ path: candidate.image, reason });
      log(`${candidate.image}: skipped (${reason})`);
      continue;
    }
    const caption = await candidate.caption();
    for (const message of caption.notes) note(candidate.image, message);
    const size = buckets ? chooseBucket(sourceSize, buckets) : { width: resolution, height: resolution };
    dataset.items.push({
      index: dataset.items.length,
      image: candidate.image,
      caption: caption.text,
      repeats: candidate.repeats,
      contentHash: sha256Hex(bytes),
      sourceSize,
      size,
      crop: centreCoverCrop(sourceSize, size),
    });
  }
  return dataset;
}

/** The item's training pixels; fails clearly if the file changed since the dataset was loaded. */
export async function loadItemPixels(item: DatasetItem, flip: boolean): Promise<Rgb8Image> {
  const bytes = await readFile(item.image);
  if (sha256Hex(bytes) !== item.contentHash) throw badInput(`${item.image}: the file changed since the dataset was loaded; reload the dataset`);
  return decodeCropped(bytes, item.crop, flip);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function folderCandidates(folder: string, maxChars: number, note: (path: string, message: string) => void): Promise<Candidate[]> {
  const { files, ignoredFolders } = await listDatasetFolder(folder);
  for (const ignored of ignoredFolders) note(ignored, "folder ignored: not in kohya's 'N_name' form (N = repeats)");
  return files.map((file) => ({ image: file.image, repeats: file.repeats, caption: () => readCaptionFile(file, maxChars) }));
}

function listCandidates(items: readonly { image: string; caption: string; repeats?: number }[], maxChars: number): Candidate[] {
  return items.map(({ image, caption, repeats = 1 }) => {
    if (!(Number.isSafeInteger(repeats) && repeats >= 1)) throw badInput(`dataset: ${image}: repeats must be an integer >= 1, got ${repeats}`);
    if (typeof caption !== 'string') throw badInput(`dataset: ${image}: caption must be a string`);
    return { image, repeats, caption: async () => cleanCaption(caption, maxChars) };
  });
}

/** The .txt caption; without one, a kohya folder's class words (or nothing), with a note. */
async function readCaptionFile(file: ImageFile, maxChars: number): Promise<{ text: string; notes: string[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.captionFile);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const why = missing ? 'no caption file' : `caption file unreadable (${(error as Error).message})`;
    const fallback = file.folderName;
    return { text: fallback, notes: [fallback ? `${why}; using the folder's class words '${fallback}'` : `${why}; training with an empty caption`] };
  }
  return captionFromBytes(bytes, maxChars);
}
