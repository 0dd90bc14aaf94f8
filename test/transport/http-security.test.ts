import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StudioEventListener } from '../../src-main/contract';
import type { StudioHandlers } from '../../src-main/transport/rpc';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/transport/http-ws';

let server: LoopbackServer;
let root: string;
let listener: StudioEventListener | null = null;
const calls: unknown[] = [];

// The service here is a small real one: the security checks sit in front of any service.
const handlers = {
  'projects.list': async () => {
    calls.push('list');
    return [];
  },
  'projects.create': async (input: unknown) => {
    calls.push(input);
    return { id: 1, name: (input as { name: string }).name };
  },
} as unknown as StudioHandlers;

/** A raw request, so headers a browser would not let us set can be sent. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<{ status: number; body: string }> {
  const url = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.host ?? '127.0.0.1', port: url.port, path, method: options.method ?? 'POST', headers: { host: url.host, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ authorization: `Bearer ${server.token}`, 'content-type': 'application/json' });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'styleinject-http-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, '..', 'secret.txt'), 'do not serve');
  server = await startLoopbackServer({
    handlers,
    subscribe: (l) => {
      listener = l;
      return () => (listener = null);
    },
    resolveMedia: async (id) => (id === 'ok' ? join(root, 'assets', 'app.js') : null),
    staticDir: root,
  });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('the loopback server', () => {
  it('listens on 127.0.0.1 only, and prints an address whose fragment carries the token', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) await expect(raw('/api/projects.list', { host: external.address, headers: auth() })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('answers a call with the token, and refuses one without it or with a wrong one', async () => {
    expect(JSON.parse((await raw('/api/projects.list', { headers: auth(), body: '{}' })).body)).toEqual({ ok: true, result: [] });
    const none = await raw('/api/projects.list', { body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toMatch(/token/);
    expect((await raw('/api/projects.list', { headers: { authorization: 'Bearer wrong' }, body: '{}' })).status).toBe(401);
  });

  it("refuses a foreign Host (DNS rebinding) and a foreign Origin (another site's page), token or not", async () => {
    expect((await raw('/api/projects.list', { headers: { ...auth(), host: 'evil.example:80' }, body: '{}' })).status).toBe(403);
    expect((await raw('/api/projects.list', { headers: { ...auth(), origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await raw('/', { method: 'GET', headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await raw('/api/projects.list', { headers: { ...auth(), origin: server.origin }, body: '{}' })).status).toBe(200);
  });

  it("validates payloads against the contract's schemas before the service sees them", async () => {
    const before = calls.length;
    const bad = JSON.parse((await raw('/api/projects.create', { headers: auth(), body: JSON.stringify({ name: 42 }) })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(bad.error.message).toMatch(/^projects\.create: name:/);
    expect(JSON.parse((await raw('/api/projects.create', { headers: auth(), body: JSON.stringify({ name: 'a', extra: 1 }) })).body).error.message).toMatch(/extra/);
    expect((await raw('/api/projects.create', { headers: auth(), body: '{not json' })).status).toBe(400);
    expect(calls.length).toBe(before);
    expect(JSON.parse((await raw('/api/projects.create', { headers: auth(), body: JSON.stringify({ name: 'ok' }) })).body)).toEqual({ ok: true, result: { id: 1, name: 'ok' } });
    expect(JSON.parse((await raw('/api/nothing.here', { headers: auth(), body: '{}' })).body).error.message).toMatch(/unknown method/);
    expect((await raw('/api/projects.list', { method: 'GET', headers: auth() })).status).toBe(405);
  });

  it('streams events only to a socket that brings the token', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/api/events`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect([403, -1]).toContain(refused);
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/api/events?token=${server.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const got = new Promise<unknown>((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)))));
    listener?.('changed', { what: 'projects' });
    expect(await got).toEqual({ event: 'changed', payload: { what: 'projects' } });
    ws.close();
  });

  it('serves media only with the token, the built pages to anyone local, and nothing outside them', async () => {
    expect((await raw('/media/ok', { method: 'GET' })).status).toBe(401);
    expect((await raw(`/media/ok?token=${server.token}`, { method: 'GET' })).body).toBe('console.log(1)');
    expect((await raw(`/media/missing?token=${server.token}`, { method: 'GET' })).status).toBe(404);
    expect((await raw('/assets/app.js', { method: 'GET' })).body).toBe('console.log(1)');
    expect((await raw('/projects/7', { method: 'GET' })).body).toContain('<title>studio</title>');
    const traversal = await raw('/../secret.txt', { method: 'GET' });
    expect(traversal.body).not.toContain('do not serve');
    expect((await raw('/%2e%2e/secret.txt', { method: 'GET' })).body).not.toContain('do not serve');
  });
});
