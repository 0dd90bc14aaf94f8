import { randomBytes } from 'node:crypto';
import { lstat, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { badInput, EngineError } from '../errors';
import { writeFileAtomic } from './atomic-file';
import { describeFileError, fileErrorCode } from './file-errors';
import { PNG_SIGNATURE, readInfotextFromPng } from './png';

/**
 * Where generated images (and their router trace) go, checked before any work starts and
 * written so that nothing is destroyed or half-written:
 * - images are PNG (the generation settings travel in the file): another extension is refused;
 * - the folder must exist and take a new file; a folder given as the image is refused;
 * - an existing file is replaced only when it is an image (or trace) this app wrote, unless
 *   `overwrite` says so: an adapter, a photo or a document under that name is left alone;
 * - every file is written atomically (a temporary file renamed over the target).
 */

/** The first key of every router trace file, so a later run can tell its own files apart. */
export const ROUTER_TRACE_FORMAT = 'styleinject-router-trace';

export interface ImageOutputRequest {
  /** The file asked for, e.g. fox.png; a batch of N writes fox-1.png ... fox-N.png. */
  path: string;
  count: number;
  /** Where the router trace goes (the CLI's `<name>.router.json`), checked like the images. */
  routerTracePath?: string;
  /** Replace existing files even when this app did not write them. */
  overwrite?: boolean;
}

export interface ImageOutputPlan {
  /** One absolute path per image. */
  images: string[];
  routerTrace?: string;
  overwrite: boolean;
}

// Larger files are never treated as one of our images (and are not read to find out).
const LARGEST_OWN_FILE_BYTES = 512 * 1024 * 1024;

/** The paths for `count` images from the requested one, all checked as described above. */
export async function planImageOutputs(request: ImageOutputRequest): Promise<ImageOutputPlan> {
  const path = resolve(request.path);
  if (await isFolder(path)) throw badInput(`${path} is a folder: name a file inside it, e.g. ${join(path, 'image.png')}`);
  const extension = extname(path);
  if (extension.toLowerCase() !== '.png') {
    const given = extension ? `'${extension}' is not written` : 'the name has no extension';
    throw badInput(`${path}: images are written as PNG, which carries their generation settings, and ${given}: name a .png file`);
  }
  if (!Number.isInteger(request.count) || request.count < 1) throw badInput(`cannot plan ${request.count} images: the count must be a positive integer`);
  const stem = path.slice(0, path.length - extension.length);
  const plan: ImageOutputPlan = {
    images: request.count === 1 ? [path] : Array.from({ length: request.count }, (_, i) => `${stem}-${i + 1}${extension}`),
    ...(request.routerTracePath && { routerTrace: resolve(request.routerTracePath) }),
    overwrite: request.overwrite === true,
  };
  await checkFolder(dirname(path));
  for (const image of plan.images) await checkTarget(image, 'image', plan.overwrite);
  if (plan.routerTrace) await checkTarget(plan.routerTrace, 'router trace', plan.overwrite);
  return plan;
}

/** Writes image `index` of the plan (PNG bytes) atomically; resolves to its path. */
export async function writeImageOutput(plan: ImageOutputPlan, index: number, png: Uint8Array): Promise<string> {
  const path = plan.images[index];
  if (path === undefined) throw new RangeError(`the plan holds ${plan.images.length} images, not ${index + 1}`);
  return writeChecked(path, 'image', plan.overwrite, png);
}

/** Writes the router trace (`{ format, ...content }` as JSON) atomically; resolves to its path. */
export async function writeRouterTraceOutput(plan: ImageOutputPlan, content: Record<string, unknown>): Promise<string> {
  if (!plan.routerTrace) throw new Error('the output plan has no router trace: plan it with a routerTracePath');
  const json = JSON.stringify({ format: ROUTER_TRACE_FORMAT, ...content });
  return writeChecked(plan.routerTrace, 'router trace', plan.overwrite, new TextEncoder().encode(json));
}

type OutputKind = 'image' | 'router trace';

async function writeChecked(path: string, kind: OutputKind, overwrite: boolean, bytes: Uint8Array): Promise<string> {
  await checkTarget(path, kind, overwrite); // again: a file may have appeared while the images were made
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    throw new EngineError(fileErrorCode(error) ?? 'internal', `could not write the ${kind}: ${describeFileError(error, path)}; nothing was left half-written`, { cause: error });
  }
  return path;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function checkFolder(folder: string): Promise<void> {
  try {
    if (!(await stat(folder)).isDirectory()) throw badInput(`${folder} is a file, not a folder: the images cannot go there`);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError(fileErrorCode(error) ?? 'bad-input', `the output folder ${describeFileError(error, folder)}: create it or choose another place`, { cause: error });
  }
  // Writing is what matters, and only trying tells (permissions, read-only mounts, ACLs).
  const probe = join(folder, `.styleinject-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await (await open(probe, 'wx')).close();
  } catch (error) {
    throw new EngineError(fileErrorCode(error) ?? 'bad-input', `cannot write in the output folder: ${describeFileError(error, folder)}`, { cause: error });
  }
  await rm(probe, { force: true });
}

async function checkTarget(path: string, kind: OutputKind, overwrite: boolean): Promise<void> {
  let entry;
  try {
    entry = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw badInput(`cannot use ${describeFileError(error, path)}`, { cause: error });
  }
  if (entry.isDirectory()) throw badInput(`${path} is a folder: name a file inside it for the ${kind}, e.g. ${join(path, 'image.png')}`);
  if (overwrite) return;
  const ours = entry.isFile() && entry.size <= LARGEST_OWN_FILE_BYTES && (kind === 'image' ? await isGeneratedPng(path) : await isRouterTrace(path));
  if (!ours) {
    throw badInput(
      `${path} already exists and is not ${kind === 'image' ? 'an image' : 'a router trace'} this app wrote, so it is left as it is: ` +
        'choose another name, or allow overwriting (--overwrite) to replace it',
    );
  }
}

/** A complete PNG carrying generation parameters: what this app (or A1111) writes. */
async function isGeneratedPng(path: string): Promise<boolean> {
  const head = await readStart(path, PNG_SIGNATURE.length);
  if (!PNG_SIGNATURE.every((b, i) => head[i] === b)) return false;
  try {
    return readInfotextFromPng(new Uint8Array(await readFile(path))) !== undefined;
  } catch {
    return false; // truncated or corrupt: not a usable image of ours
  }
}

async function isRouterTrace(path: string): Promise<boolean> {
  const prefix = `{"format":"${ROUTER_TRACE_FORMAT}"`;
  return new TextDecoder().decode(await readStart(path, prefix.length)) === prefix;
}

async function readStart(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(length);
    const { bytesRead } = await handle.read(bytes, 0, length, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
