import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where Electron's type declarations are kept when npm left the optional `electron` package
 * out (see electron-types.ts); tsconfig.json's `paths` falls back to this file.
 */
export const FALLBACK_TYPES = join('node_modules', '.cache', 'electron-types', 'electron.d.ts');

/** The electron version package-lock.json pins, or undefined without a lock entry. */
export function lockedElectronVersion(root: string): string | undefined {
  try {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, { version?: string }> };
    return lock.packages?.['node_modules/electron']?.version;
  } catch {
    return undefined;
  }
}

/**
 * Why Electron cannot start in the project at `root`, as a sentence saying what to do, or
 * null when it can. Finds the binary the way electron's own index.js does (path.txt names it
 * under dist/, or under ELECTRON_OVERRIDE_DIST_PATH).
 */
export function electronProblem(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = join(root, 'node_modules', 'electron');
  const cli = "The command line works without it: 'npx styleinject --help'.";
  if (!existsSync(join(packageDir, 'package.json'))) {
    return (
      "Electron is not installed: npm left out the optional 'electron' package because its binary could not be downloaded " +
      "during 'npm install' (no access to Electron's release host). Run 'npm install' again on a connection that reaches it, " +
      `or point ELECTRON_MIRROR at a mirror of Electron's releases first. ${cli}`
    );
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron') : executable && join(packageDir, 'dist', executable);
  if (!binary || !existsSync(binary)) {
    return (
      "Electron's package is installed without its binary (the download was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD or did not finish). " +
      `Fetch it with 'node node_modules/electron/install.js' on a connection that reaches Electron's release host. ${cli}`
    );
  }
  return null;
}
