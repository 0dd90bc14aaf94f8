import { BrowserWindow, shell, type WebContents } from 'electron';

/**
 * The studio's window: context isolation, a sandbox, no Node in the page, no navigation away
 * from the studio's own pages, no new windows (links to the web open in the user's browser),
 * and every permission request (camera, notifications ...) denied.
 */
export function createStudioWindow(options: { preload: string; isOwnPage: (url: string) => boolean; icon?: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'StyleInject Studio',
    backgroundColor: '#1a1b1e',
    show: false,
    ...(options.icon && { icon: options.icon }),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  guard(window.webContents, options.isOwnPage);
  window.once('ready-to-show', () => window.show());
  return window;
}

function guard(contents: WebContents, isOwnPage: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
