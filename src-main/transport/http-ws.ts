import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StudioEventListener } from '../contract';
import { dispatch, type StudioHandlers } from './rpc';

export interface LoopbackServerOptions {
  handlers: StudioHandlers;
  /** Every studio event, for the WebSocket; returns an unsubscribe. */
  subscribe: (listener: StudioEventListener) => () => void;
  /** Where a media id's file is (an image, thumbnail or sample), or null when there is none. */
  resolveMedia: (id: string) => Promise<string | null>;
  /** The built renderer (index.html and assets); omitted in tests that only call the API. */
  staticDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The per-launch secret every API call, event stream and media request needs. */
  token: string;
  /** The address to open: the page reads the token from the fragment (never sent over the wire by the browser). */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
// The page may only talk to this server; no inline scripts, no remote anything.
const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The studio over HTTP and a WebSocket on 127.0.0.1 (browser mode and browser tests). Loopback
 * only, behind a random per-launch token; a request with a foreign Host or Origin (DNS
 * rebinding, another site's page) or from a non-loopback address is refused before anything
 * else. POST /api/<method> takes the contract's JSON input; /api/events streams events;
 * /media/<id> serves images; everything else is the built renderer.
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  const refusal = (req: IncomingMessage): string | null => {
    if (!isLoopback(req.socket.remoteAddress)) return 'only this computer may connect';
    if (!hosts.has(req.headers.host ?? '')) return 'unexpected Host header';
    const from = req.headers.origin;
    if (from !== undefined && !origins.has(from)) return 'requests from other sites are refused';
    return null;
  };
  const authorised = (req: IncomingMessage, url: URL): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return sameSecret(bearer ?? url.searchParams.get('token') ?? '', token);
  };

  server.on('request', (req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: { code: 'internal', message: String(error) } }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const refused = refusal(req);
    if (refused) return send(res, 403, { ok: false, error: { code: 'bad-input', message: refused } });
    if (url.pathname.startsWith('/api/')) {
      if (!authorised(req, url)) return send(res, 401, { ok: false, error: { code: 'bad-input', message: 'missing or wrong token: open the address the studio printed' } });
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'bad-input', message: 'API calls are POST requests' } });
      const body = await readJson(req);
      if (body === undefined) return send(res, 400, { ok: false, error: { code: 'bad-input', message: `the body must be JSON of at most ${MAX_BODY_BYTES} bytes` } });
      const reply = await dispatch(options.handlers, decodeURIComponent(url.pathname.slice('/api/'.length)), body);
      return send(res, 200, reply);
    }
    if (url.pathname.startsWith('/media/')) {
      if (!authorised(req, url)) return send(res, 401, { ok: false, error: { code: 'bad-input', message: 'missing or wrong token' } });
      const file = await options.resolveMedia(decodeURIComponent(url.pathname.slice('/media/'.length)));
      return file ? sendFile(res, file, 'private, max-age=3600') : send(res, 404, { ok: false, error: { code: 'not-found', message: 'no such image' } });
    }
    if (!options.staticDir || req.method !== 'GET') return send(res, 404, { ok: false, error: { code: 'not-found', message: 'not found' } });
    return sendStatic(res, options.staticDir, url.pathname);
  };

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (refusal(req) || url.pathname !== '/api/events' || !authorised(req, url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const unsubscribe = options.subscribe((event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
    });
  });

  return {
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text ? JSON.parse(text) : {});
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

async function sendFile(res: ServerResponse, file: string, cache: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return send(res, 404, { ok: false, error: { code: 'not-found', message: 'not found' } });
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
  });
  createReadStream(file).pipe(res);
}

/** The built renderer; unknown paths get index.html (the page routes itself). */
async function sendStatic(res: ServerResponse, root: string, pathname: string): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) return send(res, 403, { ok: false, error: { code: 'bad-input', message: 'outside the app' } });
  const info = await stat(file).catch(() => null);
  return sendFile(res, info?.isFile() ? file : join(root, 'index.html'), info?.isFile() && relative.startsWith('assets') ? 'public, max-age=31536000, immutable' : 'no-cache');
}
