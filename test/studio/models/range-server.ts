import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface ServedFile {
  body: Buffer;
  etag: string;
  /** Answer 200 with the whole file even when a range is asked for (servers without range support). */
  ignoreRange?: boolean;
}

export interface RangeServer {
  url(path: string): string;
  files: Map<string, ServedFile>;
  /** Range and If-Range of every request, in order. */
  requests: { path: string; range?: string; ifRange?: string }[];
  /** The next `count` responses are cut (socket destroyed) after `bytes` body bytes. */
  cutNext(count: number, bytes: number): void;
}

/**
 * A real HTTP server on localhost, serving files with ETags and single byte ranges
 * (`bytes=N-`, honouring If-Range), and able to cut connections mid-body.
 */
export async function startRangeServer(): Promise<RangeServer> {
  const files = new Map<string, ServedFile>();
  const requests: RangeServer['requests'] = [];
  let cuts = { count: 0, bytes: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const range = req.headers.range;
    const ifRange = req.headers['if-range'] as string | undefined;
    requests.push({ path, ...(range && { range }), ...(ifRange && { ifRange }) });
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, 'Not Found').end();
      return;
    }
    const match = /^bytes=(\d+)-$/.exec(range ?? '');
    const honour = match && !file.ignoreRange && (!ifRange || ifRange === file.etag);
    const start = honour ? Number(match[1]) : 0;
    if (start >= file.body.length && honour) {
      res.writeHead(416, { 'Content-Range': `bytes */${file.body.length}` }).end();
      return;
    }
    const body = file.body.subarray(start);
    res.writeHead(honour ? 206 : 200, {
      ETag: file.etag,
      'Content-Length': body.length,
      ...(honour && { 'Content-Range': `bytes ${start}-${file.body.length - 1}/${file.body.length}` }),
    });
    if (cuts.count > 0) {
      cuts = { count: cuts.count - 1, bytes: cuts.bytes };
      res.write(body.subarray(0, cuts.bytes), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    files,
    requests,
    cutNext: (count, bytes) => (cuts = { count, bytes }),
  };
}
