import type { IpcRendererLike } from '../../src-main/preload/studio-bridge';
import type { IpcMainLike, IpcWindow } from '../../src-main/transport/ipc';

type Handler = Parameters<IpcMainLike['handle']>[1];
type Listener = (event: unknown, ...args: unknown[]) => void;

/**
 * Electron's ipcMain / ipcRenderer pair in one process, for the contract suite: every value
 * crosses through structuredClone as it would between processes, so what the page receives
 * is data, never a reference into the main side.
 */
export function ipcPair(pageUrl = 'app://studio/index.html'): { main: IpcMainLike; renderer: IpcRendererLike; window: IpcWindow } {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const main: IpcMainLike = {
    handle: (channel, handler) => handlers.set(channel, handler),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: pageUrl } }, ...structuredClone(args)));
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const window: IpcWindow = {
    isDestroyed: () => false,
    send: (channel, ...args) => listeners.get(channel)?.forEach((l) => l({}, ...structuredClone(args))),
  };
  return { main, renderer, window };
}
