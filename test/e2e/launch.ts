import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..');

/** Debian's chromium, as CI installs it (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface RunningStudio {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Another test process holding the start lock, if it is still alive. */
async function lockHolderAlive(lock: string): Promise<boolean> {
  const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
  if (!pid) return true; // being written: its owner is alive
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One studio start at a time across test files that run in parallel: `npm start` builds when
 * sources changed, and two builds into one out/ folder would trip over each other. The second
 * start finds the build fresh.
 */
async function oneStartAtATime<T>(start: () => Promise<T>): Promise<T> {
  const lock = join(root, 'test-artifacts', '.studio-start.lock');
  await mkdir(join(root, 'test-artifacts'), { recursive: true });
  for (const deadline = Date.now() + 600_000; ; ) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw error;
      if (!(await lockHolderAlive(lock))) await rm(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await start();
  } finally {
    await rm(lock, { force: true });
  }
}

/** `npm start` as an artist runs it (browser mode here), on a data directory of the test's own; resolves once it prints its address. */
export function startStudio(dataDir: string): Promise<RunningStudio> {
  return oneStartAtATime(() => spawnStudio(dataDir));
}

async function spawnStudio(dataDir: string): Promise<RunningStudio> {
  let output = '';
  const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), '--no-open', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = /open: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (found) {
        clearInterval(timer);
        resolve(found[1]);
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the studio exited (${code}) before printing its address:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Headless chromium with the flags this machine needs (no network chatter, no sandbox as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Screenshots go to test-artifacts/screenshots: they are what an artist sees. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = join(root, 'test-artifacts', 'screenshots');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // From the top: a full-page capture of a scrolled page draws the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
