// `npm start` where Electron's binary is missing: the same studio, served to a browser on
// 127.0.0.1 behind a per-launch token. Run with tsx: node --import tsx src-main/host/browser-mode.ts
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forkEngine } from '../engine-host/fork-engine';
import { startLoopbackServer } from '../transport/http-ws';
import { openStudio } from './open-studio';

const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Opens the address in the desktop's default browser, if there is one; silent where none is (a server, CI). */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the printed address is enough.
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'no-open': { type: 'boolean' } } });
  if (!existsSync(`${RENDERER}/index.html`)) throw new Error(`the studio's pages are not built (${RENDERER}): run npm start, which builds them first`);
  const { service, dataDir } = openStudio({ dataDir: values['data-dir'] ?? process.env.STYLEINJECT_DATA_DIR, spawnEngine: forkEngine(), mode: 'browser' });
  const server = await startLoopbackServer({
    handlers: service.handlers,
    subscribe: service.subscribe,
    resolveMedia: service.resolveMedia,
    staticDir: RENDERER,
    port: values.port ? Number(values.port) : undefined,
  });
  console.log(`StyleInject Studio (browser mode: the Electron app is not installed here)`);
  console.log(`data: ${dataDir}`);
  console.log(`open: ${server.url}`);
  if (!values['no-open'] && !process.env.CI) openBrowser(server.url);

  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130);
    stopping = true;
    const jobs = service.runningJobs();
    console.log(jobs > 0 ? `\nstopping ${jobs} job(s) at their next step (training writes a checkpoint); Ctrl-C again quits at once` : '\nstopping');
    await server.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`styleinject studio: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
