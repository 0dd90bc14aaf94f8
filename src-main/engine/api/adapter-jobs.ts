import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { disposeAdapter } from '../adapters/adapter';
import { exportKohya, importAdapter, inspectAdapterFile, saveAdapter } from '../adapters/files';
import { modelFileShapes, sd15Shapes } from '../adapters/params';
import { badInput, EngineError } from '../errors';
import type { AdapterInfo, ExportAdapterRequest } from './types';

export async function inspectAdapterJob(request: { path: string }): Promise<AdapterInfo> {
  if (!existsSync(request.path)) throw new EngineError('not-found', `the adapter file ${request.path} does not exist`);
  return inspectAdapterFile(request.path);
}

/**
 * An adapter written in another format: a kohya file of a plain LoRA (for A1111, ComfyUI,
 * kohya), or our format from any file we read. Community files resolve their layer names
 * against the model's shapes (headers only; SD 1.5's architecture by default).
 */
export async function exportAdapterJob(request: ExportAdapterRequest): Promise<{ path: string }> {
  if (!existsSync(request.path)) throw new EngineError('not-found', `the adapter file ${request.path} does not exist`);
  const out = resolve(request.out);
  if (out === resolve(request.path)) throw badInput('the export would replace the file it reads: choose another output');
  if (existsSync(out) && !request.overwrite) throw badInput(`${out} exists: choose another name, or allow overwriting`);
  const models = request.model ? await modelFileShapes(request.model.path, request.model.config) : sd15Shapes();
  const adapter = await importAdapter(request.path, models);
  try {
    if (request.format === 'kohya') await exportKohya(out, adapter, { outputName: adapter.name });
    else await saveAdapter(out, adapter);
    return { path: out };
  } finally {
    disposeAdapter(adapter);
  }
}
