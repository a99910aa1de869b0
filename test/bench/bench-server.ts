// Serves a fetch handler on a free loopback port, the way web/server.ts serves the app.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

export interface BenchServer {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  origin: string;
  close(): Promise<void>;
}

export async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<BenchServer> {
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', reject);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from the load generator would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
