import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureElectronTypes, FALLBACK_TYPES } from '../../scripts/electron-types';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'styleinject-install-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project folder with the given files (path -> text). */
function project(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

describe('npm run dev without Electron', () => {
  it('says what to do instead, without a stack trace, where Electron cannot start', async (ctx) => {
    if (existsSync(join(repo, 'node_modules', 'electron', 'path.txt'))) ctx.skip(); // Electron is installed here: dev would open the window
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(repo, 'bin', 'dev.mjs')], (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Electron is not installed here[\s\S]*npm start/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the install without the electron package', () => {
  it("keeps the locked version's type declarations where tsconfig looks for them", () => {
    const root = project('types', {});
    copyFileSync(join(repo, 'package-lock.json'), join(root, 'package-lock.json'));
    expect(ensureElectronTypes(root)).toMatch(/left out the optional 'electron' package.*electron@\d+\.\d+\.\d+/);
    const types = readFileSync(join(root, FALLBACK_TYPES), 'utf8');
    const locked = (JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> }).packages['node_modules/electron'].version;
    expect(types.split('\n')[0]).toBe(`// Type definitions for Electron ${locked}`);
    expect(types).toMatch(/declare namespace Electron/);

    const tsconfig = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(tsconfig.compilerOptions.paths.electron).toEqual(['./node_modules/electron', `./${FALLBACK_TYPES.split('\\').join('/')}`]);
  });

  it('does nothing where npm installed the package', () => {
    const root = project('with-package', { 'node_modules/electron/electron.d.ts': '// the real one' });
    expect(ensureElectronTypes(root)).toBe('electron: installed');
    expect(existsSync(join(root, FALLBACK_TYPES))).toBe(false);
  });
});
