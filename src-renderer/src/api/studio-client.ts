import type { CallReply, EventName, MethodInput, MethodName, MethodOutput, StudioBridge, StudioClient, StudioErrorCode, StudioEvents } from '../../../src-main/contract';

/** A failed call: the contract's error code (what to do next) and a sentence. */
export class StudioCallError extends Error {
  constructor(
    readonly code: StudioErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioCallError';
  }
}

function unwrap<T>(reply: CallReply): T {
  if (reply.ok) return reply.result as T;
  throw new StudioCallError(reply.error.code, reply.error.message);
}

/** Over Electron IPC: window.studio, which the preload exposes. */
export function ipcClient(bridge: StudioBridge): StudioClient {
  return {
    call: async <M extends MethodName>(method: M, input: MethodInput<M>) => unwrap<MethodOutput<M>>((await bridge.call(method, input)) as CallReply),
    listen: (event, listener) => bridge.listen(event, listener),
    mediaUrl: (media) => bridge.mediaUrl(media),
  };
}

/** The WebSocket constructor: the browser's, or `ws` in Node tests. */
export type WebSocketFactory = new (url: string) => { onmessage: ((e: { data: unknown }) => void) | null; onclose: (() => void) | null; close(): void };

/**
 * Over HTTP and a WebSocket to the loopback server (browser mode): calls are POSTs with the
 * launch token; events arrive on one socket, reopened after a drop (the server restarting).
 */
export function httpClient(origin: string, token: string, Socket: WebSocketFactory = WebSocket as unknown as WebSocketFactory): StudioClient & { close(): void } {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: InstanceType<WebSocketFactory> | null = null;
  let closed = false;
  const open = () => {
    if (closed || socket) return;
    socket = new Socket(`${origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(token)}`);
    socket.onmessage = (e) => {
      const { event, payload } = JSON.parse(String(e.data)) as { event: EventName; payload: unknown };
      listeners.get(event)?.forEach((l) => l(payload));
    };
    socket.onclose = () => {
      socket = null;
      if (!closed && [...listeners.values()].some((s) => s.size > 0)) setTimeout(open, 1000);
    };
  };
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return unwrap<MethodOutput<M>>((await response.json()) as CallReply);
    },
    listen<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      open();
      return () => set.delete(listener as (payload: unknown) => void);
    },
    mediaUrl: (media) => `${origin}/media/${encodeURIComponent(media)}?token=${encodeURIComponent(token)}`,
    close: () => {
      closed = true;
      socket?.close();
    },
  };
}
