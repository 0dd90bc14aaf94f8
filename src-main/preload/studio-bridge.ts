// What the preload exposes to the page: the contract's calls and events, nothing else (never
// ipcRenderer itself). Kept free of the electron import so tests build it over an in-process pair.
import type { StudioBridge, StudioEvents } from '../contract';

export const CALL_CHANNEL = 'studio:call';
export const EVENT_CHANNEL = 'studio:event';
/** The custom protocol the main process serves images on (the page never opens file:// paths). */
export const MEDIA_PROTOCOL = 'studio-media';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

export function studioBridge(ipc: IpcRendererLike): StudioBridge {
  return {
    call: (method, input) => ipc.invoke(CALL_CHANNEL, method, input),
    listen: (event, listener) => {
      const forward = (_e: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload as StudioEvents[typeof event]);
      };
      ipc.on(EVENT_CHANNEL, forward as (event: unknown, ...args: unknown[]) => void);
      return () => ipc.removeListener(EVENT_CHANNEL, forward as (event: unknown, ...args: unknown[]) => void);
    },
    mediaUrl: (media) => `${MEDIA_PROTOCOL}://media/${encodeURIComponent(media)}`,
  };
}
