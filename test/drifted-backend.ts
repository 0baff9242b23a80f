/**
 * A Billiecart backend that drifted from the contract in every way `verify` should notice:
 * auth not enforced on the create, an integer id and a renamed field, a missing resource, an HTML 500,
 * an error without ResponseStatus, a dropped connection.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export const driftedBackend = () => {
  const app = express();
  app.use(express.json({ type: () => true }));
  app.post('/auth/credentials', (_req, res) => void res.json({ bearerToken: 'drifted-token' }));
  const authed = (req: express.Request) => req.headers.authorization === 'Bearer drifted-token';
  // Auth is not enforced here, the create answers an integer id and a renamed field.
  app.post(
    '/api/CreateCustomerRequest',
    (_req, res) => void res.json({ customer: { id: 123, first_name: 'Ann', email: 'ann@example.com' } }),
  );
  // The resource is missing from the answer.
  app.post('/api/CreatePersonRequest', (_req, res) => void res.json({}));
  app.put('/api/AssociateUserAccountToCustomerRequest', (req, res) => {
    if (!authed(req)) return void res.status(401).end();
    res.status(500).type('html').send('<html><body><h1>Internal Server Error</h1></body></html>');
  });
  // Errors without ServiceStack's ResponseStatus.
  app.post('/api/GetNothing', (_req, res) => void res.status(404).json({ error: 'not here' }));
  app.post('/api/Hangup', (req) => req.socket.destroy());
  return app;
};

export const listen = (app: express.Express): Promise<{ url: string; server: Server }> =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    );
  });

/** A port nothing listens on (a moment ago something did, so it is not a port fetch refuses). */
export const closedPort = async (): Promise<number> => {
  const { server } = await listen(express());
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
