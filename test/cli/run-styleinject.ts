import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/styleinject.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `styleinject` command as a user would, with STYLEINJECT_BACKEND cleared unless given. */
export function styleinject(args: string[], env: Record<string, string> = {}, timeoutMs = 240_000): Promise<CliRun> {
  const base = { ...process.env };
  delete base.STYLEINJECT_BACKEND;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...base, ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
