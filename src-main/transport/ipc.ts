import type { StudioEventListener } from '../contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/studio-bridge';
import { dispatch, type StudioHandlers } from './rpc';

/** What this transport needs of Electron's ipcMain (tests hand in an in-process pair). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcWindow {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcServeOptions {
  handlers: StudioHandlers;
  subscribe: (listener: StudioEventListener) => () => void;
  /** The windows events go to. */
  windows: () => IpcWindow[];
  /** Calls are answered only for the studio's own pages (a frame navigated elsewhere gets nothing). */
  isTrustedSender: (url: string) => boolean;
}

/**
 * The studio over Electron IPC: one invoke channel for every contract method (validated by the
 * same dispatcher as the HTTP transport) and one channel for events. Returns the teardown.
 */
export function serveOverIpc(ipc: IpcMainLike, options: IpcServeOptions): () => void {
  ipc.handle(CALL_CHANNEL, (event, method, input) => {
    if (!event.senderFrame || !options.isTrustedSender(event.senderFrame.url)) {
      return { ok: false, error: { code: 'bad-input', message: 'calls are taken from the studio window only' } };
    }
    return dispatch(options.handlers, String(method), input);
  });
  const unsubscribe = options.subscribe((event, payload) => {
    for (const window of options.windows()) if (!window.isDestroyed()) window.send(EVENT_CHANNEL, event, payload);
  });
  return () => {
    unsubscribe();
    ipc.removeHandler(CALL_CHANNEL);
  };
}
