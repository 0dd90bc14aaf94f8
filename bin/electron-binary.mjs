import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Electron's binary, or null where the package or its download is missing (npm could not fetch it). */
export function electronBinary() {
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** electron-vite's command line, run with this Node. */
export const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
