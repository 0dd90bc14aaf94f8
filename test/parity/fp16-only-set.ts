import { statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SafetensorsReader } from '../../src-main/engine/io/safetensors';

/**
 * A reference set whose only weights are one fp16 single file, made from a full one (in a temp
 * folder, by links: nothing is copied): every case folder as it is, and a models folder that
 * holds the fp16 file alone, with a models manifest listing only it. The case manifests are
 * left as they are, so they still name float32 weights this set does not hold.
 */
export async function fp16OnlySet(source: string): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const top = await mkdtemp(join(tmpdir(), 'styleinject-fp16-set-'));
  const root = join(top, basename(source));
  await mkdir(join(root, 'models'), { recursive: true });
  // Case manifests may reach beside the set (the tokenizer case reads ../../clip-tokenizer).
  for (const sibling of await readdir(dirname(source))) {
    if (sibling !== basename(source)) await symlink(join(dirname(source), sibling), join(top, sibling));
  }
  for (const entry of await readdir(source)) {
    if (entry !== 'models') await symlink(join(source, entry), join(root, entry));
  }
  const models = JSON.parse(await readFile(join(source, 'models', 'manifest.json'), 'utf8')) as { files: Record<string, string> };
  const halfFiles: [string, string][] = [];
  for (const [key, file] of Object.entries(models.files)) if (await storesHalf(join(source, 'models', file))) halfFiles.push([key, file]);
  if (halfFiles.length !== 1) throw new Error(`${source}/models/manifest.json: expected one fp16 file among ${Object.values(models.files).join(', ')}`);
  const [[key, file]] = halfFiles;
  await symlink(join(source, 'models', file), join(root, 'models', file));
  await writeFile(join(root, 'models', 'manifest.json'), JSON.stringify({ ...models, files: { [key]: file } }, null, 1));
  return { root, cleanup: () => rm(top, { recursive: true, force: true }) };
}

async function storesHalf(path: string): Promise<boolean> {
  if (!path.endsWith('.safetensors') || statSync(path).isDirectory()) return false;
  const reader = await SafetensorsReader.open(path);
  try {
    return reader.keys().some((k) => reader.entry(k).dtype === 'F16');
  } finally {
    await reader.close();
  }
}
