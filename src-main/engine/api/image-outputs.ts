import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { badInput, EngineError } from '../errors';
import { readInfotextFromPng } from '../io/png';

/** image.png -> [image.png] for one image; image-1.png, image-2.png ... for a batch. */
export function numberedPaths(path: string, count: number): string[] {
  if (count === 1) return [path];
  const ext = extname(path);
  return Array.from({ length: count }, (_, i) => `${path.slice(0, path.length - ext.length)}-${i + 1}${ext}`);
}

/**
 * The files `count` images will be written to, checked before any work starts: a PNG name, an
 * existing writable folder, and no file in the way that is not a generated image (one with
 * A1111 parameters) unless `overwrite`. Half an hour of sampling never ends in "cannot write".
 */
export async function planImageOutputs(path: string, count: number, options: { overwrite: boolean }): Promise<string[]> {
  if (!path) throw badInput('no output file given');
  const target = resolve(path);
  if (extname(target).toLowerCase() !== '.png') throw badInput(`${path}: images are written as PNG (with their settings inside): name the output .png`);
  const paths = numberedPaths(target, count);
  for (const p of paths) await checkOutput(p, options.overwrite, isGeneratedImage);
  return paths;
}

/** The same checks for a router trace file: one this engine wrote may be replaced. */
export async function checkTraceOutput(path: string, options: { overwrite: boolean }): Promise<string> {
  const target = resolve(path);
  await checkOutput(target, options.overwrite, isRouterTrace);
  return target;
}

async function checkOutput(path: string, overwrite: boolean, ours: (path: string) => Promise<boolean>): Promise<void> {
  const folder = dirname(path);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat) throw new EngineError('not-found', `the folder ${folder} does not exist: create it first or choose another output`);
  if (!folderStat.isDirectory()) throw badInput(`${folder} is not a folder`);
  await access(folder, constants.W_OK).catch(() => {
    throw badInput(`cannot write into ${folder} (read-only or no permission): choose another output`);
  });
  const existing = await stat(path).catch(() => null);
  if (!existing) return;
  if (existing.isDirectory()) throw badInput(`${path} is a folder: give a file name`);
  if (!overwrite && !(await ours(path))) throw badInput(`${path} exists and was not written by a generation here: choose another name, or allow overwriting`);
}

/** A PNG carrying generation parameters: replacing it with a new generation loses nothing the user made by hand. */
async function isGeneratedImage(path: string): Promise<boolean> {
  try {
    return readInfotextFromPng(new Uint8Array(await readFile(path))) !== undefined;
  } catch {
    return false;
  }
}

async function isRouterTrace(path: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { rows?: unknown };
    return Array.isArray(parsed.rows);
  } catch {
    return false;
  }
}
