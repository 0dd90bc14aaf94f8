import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the declarations are kept when npm left the `electron` package out; tsconfig.json's `paths` falls back to it. */
export const FALLBACK_TYPES = join('node_modules', '.cache', 'electron-types', 'electron.d.ts');

/** The electron version package-lock.json pins, or undefined without a lock entry. */
function lockedElectronVersion(root: string): string | undefined {
  try {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, { version?: string }> };
    return lock.packages?.['node_modules/electron']?.version;
  } catch {
    return undefined;
  }
}

/**
 * `electron` is an optional dependency: its own postinstall downloads Electron's binary, and
 * where that download fails (offline, or the release host unreachable) npm removes the whole
 * package, type declarations included. The CLI, the engine and the tests never need the
 * binary, but type-checking the Electron host (src-main/app, src-main/preload) needs the
 * declarations. So when the package is absent, this takes `electron.d.ts` from the same
 * version's package on the npm registry (npm's cache already holds it) and keeps it at
 * FALLBACK_TYPES, where tsconfig.json finds it. Returns a line saying what happened.
 */
export function ensureElectronTypes(root: string): string {
  if (existsSync(join(root, 'node_modules', 'electron', 'electron.d.ts'))) return 'electron: installed';
  const version = lockedElectronVersion(root) ?? 'latest';
  const target = join(root, FALLBACK_TYPES);
  const scratch = mkdtempSync(join(tmpdir(), 'electron-types-'));
  try {
    const npm = process.env.npm_execpath; // the npm running this install; plain `npm` when run by hand
    const args = ['pack', `electron@${version}`, '--pack-destination', scratch, '--prefer-offline', '--silent'];
    const tarball = (npm ? execFileSync(process.execPath, [npm, ...args], { encoding: 'utf8' }) : execFileSync('npm', args, { encoding: 'utf8', shell: process.platform === 'win32' })).trim();
    execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', scratch, 'package/electron.d.ts']);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(scratch, 'package', 'electron.d.ts'), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return (
    `electron: npm left out the optional 'electron' package (its binary could not be downloaded); ` +
    `the type check uses electron@${version}'s declarations from the npm registry ('npm start' opens the studio in the browser)`
  );
}
