import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

// The Electron host: a sandboxed window with no Node in the renderer. The studio's pages and
// the typed contract arrive with the studio issue; for now the window shows the renderer shell.
function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'StyleInject Studio',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
}

void app.whenReady().then(createWindow);
app.on('window-all-closed', () => app.quit());
