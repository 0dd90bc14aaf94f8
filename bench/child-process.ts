import { spawn } from 'node:child_process';

export interface ChildOutcome<T> {
  /** The child's report, parsed from its stdout line that starts with the prefix; null if none. */
  result: T | null;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs a bench script in a child process (`npx tsx`, as the bench itself runs) with one JSON
 * argument: its log lines go to this process's stderr, its report is the stdout line that starts
 * with `resultPrefix`. A child that crashes ends only itself.
 */
export function runBenchChild<T>(script: string, arg: unknown, resultPrefix: string): Promise<ChildOutcome<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', script, JSON.stringify(arg)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(resultPrefix));
      resolve({ result: line ? (JSON.parse(line.slice(resultPrefix.length)) as T) : null, code, signal });
    });
  });
}
