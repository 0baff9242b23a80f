import { createServer, type Server } from 'node:http';
import { listen, type Listening } from './listen.js';

const hello = (_req: unknown, res: { end(body: string): void }) => res.end('hi');

/** GET / on one address; the error code when nothing answers there. */
const reach = async (address: string, port: number): Promise<string> => {
  try {
    return await (await fetch(`http://${address}:${port}/`)).text();
  } catch (err) {
    return (err as { cause?: { code?: string } }).cause?.code ?? 'failed';
  }
};

const bindOther = (port: number, host: string): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen({ port, host, ipv6Only: true }, () => resolve(server));
  });

/** Whether this machine has an IPv6 loopback: the dual listener's second half depends on it. */
const hasIpv6 = await bindOther(0, '::1').then(
  (s) => new Promise<boolean>((r) => s.close(() => r(true))),
  () => false,
);

let open: Listening | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

(hasIpv6 ? it : it.skip)('localhost: 127.0.0.1 and ::1 on one port (port 0 picks it), named localhost', async () => {
  open = await listen(hello, 0, 'localhost');
  expect(open.url).toBe(`http://localhost:${open.port}`);
  expect(await reach('127.0.0.1', open.port)).toBe('hi');
  expect(await reach('[::1]', open.port)).toBe('hi');
  expect(await reach('localhost', open.port)).toBe('hi');
});

it.each([['127.0.0.1', '127.0.0.1', '[::1]'], ...(hasIpv6 ? [['::1', '[::1]', '127.0.0.1']] : [])])(
  'host %s binds only that address',
  async (host, bound, other) => {
    open = await listen(hello, 0, host);
    expect(open.url).toBe(`http://${bound}:${open.port}`);
    expect(await reach(bound, open.port)).toBe('hi');
    expect(await reach(other, open.port)).toBe('ECONNREFUSED');
  },
);

it('skips the IPv6 half quietly when the machine lacks that address', async () => {
  // 2001:db8::/32 is the documentation prefix: no machine has it, so binding it fails as a missing ::1 would.
  open = await listen(hello, 0, 'localhost', ['127.0.0.1', '2001:db8::1']);
  expect(open.url).toBe(`http://localhost:${open.port}`);
  expect(await reach('127.0.0.1', open.port)).toBe('hi');
});

(hasIpv6 ? it : it.skip)('a port taken on ::1 fails the start and frees 127.0.0.1 again', async () => {
  const squatter = await bindOther(0, '::1');
  const port = (squatter.address() as { port: number }).port;
  try {
    await expect(listen(hello, port, 'localhost')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(await reach('127.0.0.1', port)).toBe('ECONNREFUSED');
  } finally {
    await new Promise((r) => squatter.close(r));
  }
});

it('close() stops every listener and waits for open connections', async () => {
  open = await listen(hello, 0, 'localhost');
  const { port } = open;
  expect(await reach('127.0.0.1', port)).toBe('hi');
  await open.close();
  open = undefined;
  expect(await reach('127.0.0.1', port)).toBe('ECONNREFUSED');
  if (hasIpv6) expect(await reach('[::1]', port)).toBe('ECONNREFUSED');
});
