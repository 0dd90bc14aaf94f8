import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowFileServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that sends one file at a set pace (a download a test can watch
 * and stop), resuming from `Range: bytes=N-` as model hosts do.
 */
export async function serveSlowly(body: Buffer, bytesPerSecond: number): Promise<SlowFileServer> {
  const server = createServer((req, res) => {
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    res.writeHead(start > 0 ? 206 : 200, {
      ETag: '"slow-1"',
      'Content-Length': body.length - start,
      ...(start > 0 && { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` }),
    });
    const tickMs = 50;
    const chunk = Math.ceil((bytesPerSecond * tickMs) / 1000);
    let sent = start;
    const timer = setInterval(() => {
      const next = body.subarray(sent, sent + chunk);
      sent += next.length;
      if (sent >= body.length) {
        clearInterval(timer);
        res.end(next);
      } else res.write(next);
    }, tickMs);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/model.safetensors`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
