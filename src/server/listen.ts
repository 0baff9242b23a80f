/**
 * The mock's listening sockets. The default host `localhost` listens on BOTH loopback addresses, 127.0.0.1 and
 * ::1, on one port, and names itself `http://localhost:PORT`: a browser front end on `http://localhost:5173`
 * and the mock are then the same site, so its `SameSite=Lax` session cookies are sent, whichever address the
 * browser resolves `localhost` to (README, "Host names"). Any other host binds only that address.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { FRONT_CLASSES } from './fast-front.js';

export interface Listening {
  port: number;
  /** Base URL without a trailing slash: `http://localhost:5050`, `http://[::1]:5050`. */
  url: string;
  /** Open connections of every listener (a graceful close may need to cut some). */
  sockets(): Iterable<Socket>;
  /** Stops accepting on every address and closes idle connections; resolves once all connections are gone. */
  close(): Promise<void>;
}

/** The addresses `localhost` stands for; the first one picks the port when port 0 is asked for. */
const LOOPBACK: readonly [string, string] = ['127.0.0.1', '::1'];
/** Errors that mean "this machine has no IPv6 loopback": the ::1 listener is then skipped. */
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);
/** With port 0 the port 127.0.0.1 got may be taken on ::1 by someone else: try a few fresh ones. */
const FREE_PORT_ATTEMPTS = 5;

/** `loopback` is only for tests (an address the machine lacks stands in for a missing IPv6 loopback). */
export const listen = async (
  handler: RequestListener,
  port: number,
  host: string,
  loopback: readonly [string, string] = LOOPBACK,
): Promise<Listening> => {
  const open = new Set<Socket>();
  if (host.toLowerCase() !== 'localhost') {
    const server = await bind(handler, port, host, open);
    return listening([server], portOf(server), host, open);
  }
  for (let attempt = 1; ; attempt++) {
    const v4 = await bind(handler, port, loopback[0], open);
    const chosen = portOf(v4);
    try {
      const v6 = await bind(handler, chosen, loopback[1], open);
      return listening([v4, v6], chosen, 'localhost', open);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (NO_IPV6.has(code)) return listening([v4], chosen, 'localhost', open);
      await closeServer(v4);
      if (!(port === 0 && code === 'EADDRINUSE' && attempt < FREE_PORT_ATTEMPTS)) throw err;
    }
  }
};

const bind = (handler: RequestListener, port: number, host: string, open: Set<Socket>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer(FRONT_CLASSES, handler);
    server.on('connection', (s) => {
      open.add(s);
      s.on('close', () => open.delete(s));
    });
    server.once('error', reject);
    // ipv6Only: `::` must not also take the IPv4 wildcard, or the 127.0.0.1 listener and it would collide.
    server.listen({ port, host, ipv6Only: host.includes(':') }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });

const portOf = (server: Server): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on a TCP port');
  return address.port;
};

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });

const listening = (servers: Server[], port: number, host: string, open: Set<Socket>): Listening => ({
  port,
  url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  sockets: () => open,
  close: async () => {
    await Promise.all(servers.map(closeServer));
  },
});
