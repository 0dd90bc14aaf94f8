import { app, BrowserWindow, dialog, ipcMain, net, protocol } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MEDIA_PROTOCOL } from '../preload/studio-bridge';
import { openStudio } from '../host/open-studio';
import { serveOverIpc } from '../transport/ipc';
import { createStudioWindow } from './hardened-window';
import { utilityEngine } from './utility-engine';

// The Electron host: thin. It opens the studio (store + engine process), serves it to a
// sandboxed window over IPC, and images over its own protocol; everything else is the service.

protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

const rendererDir = join(__dirname, '../renderer');
const devServer = process.env.ELECTRON_RENDERER_URL;
const isOwnPage = (url: string) => (devServer ? url.startsWith(devServer) : url.startsWith(pathToFileURL(rendererDir).href));

if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  const { values } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { 'data-dir': { type: 'string' } }, strict: false });
  const { service } = openStudio({
    dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined,
    spawnEngine: utilityEngine(join(__dirname, 'engine-process.cjs')),
    mode: 'electron',
  });
  serveOverIpc(ipcMain, {
    handlers: service.handlers,
    subscribe: service.subscribe,
    windows: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    isTrustedSender: isOwnPage,
  });
  protocol.handle(MEDIA_PROTOCOL, async (request) => {
    const file = await service.resolveMedia(decodeURIComponent(new URL(request.url).pathname.slice(1)));
    return file ? net.fetch(pathToFileURL(file).href) : new Response('not found', { status: 404 });
  });

  let keepRunning = false;
  const openWindow = () => {
    const window = createStudioWindow({ preload: join(__dirname, '../preload/index.cjs'), isOwnPage, icon: join(__dirname, '../../resources/icon.png') });
    window.on('close', (event) => {
      const jobs = service.runningJobs();
      if (jobs === 0 || keepRunning) return;
      // Closing with work in progress asks first: stop it (training writes a checkpoint), or keep it going headless.
      const choice = dialog.showMessageBoxSync(window, {
        type: 'question',
        buttons: ['Keep running in the background', 'Stop and quit', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: `${jobs} job${jobs === 1 ? ' is' : 's are'} still running.`,
        detail: 'A training run can continue without the window; open StyleInject Studio again to see it. Stopping writes a checkpoint first, and the run resumes from it later.',
      });
      if (choice === 2) event.preventDefault();
      else keepRunning = choice === 0;
    });
    if (devServer) void window.loadURL(devServer);
    else void window.loadFile(join(rendererDir, 'index.html'));
  };
  openWindow();

  // Opening the app again (or clicking its dock icon) brings back a window onto the running studio.
  app.on('second-instance', () => (BrowserWindow.getAllWindows().length === 0 ? openWindow() : BrowserWindow.getAllWindows()[0].focus()));
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && openWindow());
  const quit = () => void service.close().then(() => app.quit());
  app.on('window-all-closed', () => {
    if (!(keepRunning && service.runningJobs() > 0)) quit();
  });
  // Headless: once the last job ends with no window open, the app ends too.
  service.subscribe((event, payload) => {
    const ended = event === 'job' && (payload as { event: { type: string } }).event.type in { result: 1, error: 1 };
    if (ended && keepRunning) setImmediate(() => BrowserWindow.getAllWindows().length === 0 && service.runningJobs() === 0 && quit());
  });
});
