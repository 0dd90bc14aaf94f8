import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A scratch folder for one test file, removed when its tests finish. */
export function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `safetensors-${label}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Hand-assembles a safetensors file: 8-byte length prefix (the real one unless overridden),
 * the header text, then `dataBytes` bytes of data. Lets tests build files the writer never would.
 */
export function assemble(header: string | object, dataBytes: Uint8Array | number, lengthPrefix?: bigint): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const body = new TextEncoder().encode(text);
  const data = typeof dataBytes === 'number' ? new Uint8Array(dataBytes) : dataBytes;
  const bytes = new Uint8Array(8 + body.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, lengthPrefix ?? BigInt(body.length), true);
  bytes.set(body, 8);
  bytes.set(data, 8 + body.length);
  return bytes;
}

export function writeBytes(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
