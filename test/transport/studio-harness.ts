import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { StudioClient, StudioEvents } from '../../src-main/contract';
import type { EngineEvent } from '../../src-main/engine';
import { createEngineClient } from '../../src-main/engine-host/engine-client';
import { forkEngine } from '../../src-main/engine-host/fork-engine';
import { studioBridge } from '../../src-main/preload/studio-bridge';
import { openStore } from '../../src-main/storage';
import { createStudioService, type StudioService } from '../../src-main/studio/service/studio-service';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/transport/http-ws';
import { serveOverIpc } from '../../src-main/transport/ipc';
import { httpClient, ipcClient, type WebSocketFactory } from '../../src-renderer/src/api/studio-client';
import { ipcPair } from './ipc-pair';

export type TransportName = 'http' | 'ipc';

export interface StudioHarness {
  client: StudioClient;
  service: StudioService;
  dataDir: string;
  /** The loopback server, for the HTTP transport. */
  server: LoopbackServer | null;
  close(): Promise<void>;
}

/** A real studio (SQLite in a temp data dir, the engine in its own process) behind one transport, and the renderer's client for it. */
export async function openHarness(transport: TransportName): Promise<StudioHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), `styleinject-studio-${transport}-`));
  const store = openStore({ dataDir });
  const service = createStudioService({ store, engine: createEngineClient(forkEngine({ backend: 'wasm' })), mode: 'browser', version: 'test' });
  let client: StudioClient & { close?: () => void };
  let server: LoopbackServer | null = null;
  let teardown = () => undefined as void;
  if (transport === 'http') {
    server = await startLoopbackServer({ handlers: service.handlers, subscribe: service.subscribe, resolveMedia: service.resolveMedia });
    client = httpClient(server.origin, server.token, WebSocket as unknown as WebSocketFactory);
  } else {
    const pair = ipcPair();
    teardown = serveOverIpc(pair.main, { handlers: service.handlers, subscribe: service.subscribe, windows: () => [pair.window], isTrustedSender: (url) => url.startsWith('app://studio/') });
    client = ipcClient(studioBridge(pair.renderer));
  }
  return {
    client,
    service,
    dataDir,
    server,
    close: async () => {
      client.close?.();
      teardown();
      await server?.close();
      await service.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface JobOutcome {
  events: EngineEvent[];
  result?: unknown;
  error?: { code: string; message: string };
}

/** Collects every job's events from the moment it is made, so a job started afterwards misses none. */
export function watchJobs(client: StudioClient): { done(jobId: string): Promise<JobOutcome>; events(jobId: string): EngineEvent[]; stop(): void } {
  const seen = new Map<string, EngineEvent[]>();
  const waiters = new Map<string, (outcome: JobOutcome) => void>();
  const finish = (jobId: string) => {
    const events = seen.get(jobId) ?? [];
    const last = events.at(-1);
    if (!last || (last.type !== 'result' && last.type !== 'error')) return;
    waiters.get(jobId)?.({ events, ...(last.type === 'result' ? { result: last.result } : { error: last.error }) });
  };
  const stop = client.listen('job', (payload: StudioEvents['job']) => {
    const events = seen.get(payload.jobId) ?? [];
    seen.set(payload.jobId, events);
    events.push(payload.event);
    finish(payload.jobId);
  });
  return {
    done: (jobId) =>
      new Promise((resolve) => {
        waiters.set(jobId, resolve);
        finish(jobId);
      }),
    events: (jobId) => seen.get(jobId) ?? [],
    stop,
  };
}
