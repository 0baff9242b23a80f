/**
 * ServiceStack's auth endpoints (protocol §8.1): Authenticate on `/auth`,
 * `/auth/{provider}` and the predefined routes the JS client calls, logout,
 * and GetAccessToken. Handlers only leave a Reply in `res.locals.reply` or
 * throw a MockError: body parsing, serialisation and error rendering happen
 * upstream and downstream of this router.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { MockError, errors } from '../errors.js';
import { REPLY_LOCAL, type Reply } from '../http/reply.js';
import type { Authenticator } from './authenticator.js';
import { COOKIE, parseCookies } from './cookies.js';
import { authenticateResponseOf } from './principal.js';
import { booleanField, readFields, stringField, type Fields } from './request-fields.js';

const FORMATS = ['json', 'jsv', 'xml'] as const;

/** Every predefined route of an operation the mock serves: `/api/Op`, `/api/Op.json`, `/json/reply/Op`. */
const predefinedRoutes = (operation: string): string[] => [
  `/api/${operation}`,
  ...FORMATS.flatMap((format) => [`/api/${operation}.${format}`, `/${format}/reply/${operation}`]),
];

const AUTHENTICATE_PATHS = ['/auth', ...predefinedRoutes('Authenticate')];
const ACCESS_TOKEN_PATHS = ['/access-token', ...predefinedRoutes('GetAccessToken')];

const CREDENTIALS_PROVIDERS = new Set(['credentials', 'login']);

/** ServiceStack refuses credentials sign-in over GET (AuthFeature.DefaultAllowGetAuthenticateRequests). */
const getNotAllowed = (): MockError =>
  new MockError(
    405,
    'NotSupportedException',
    'GET Authenticate requests are disabled, to enable set AuthFeature.AllowGetAuthenticateRequests = req => true',
  );

const unknownProvider = (provider: string): MockError =>
  new MockError(404, 'NotFound', `No configuration was added for OAuth provider '${provider}'`);

/** GetAccessToken without a refresh token: ServiceStack's ArgumentNullException, a 400. */
const refreshTokenMissing = (): MockError =>
  new MockError(400, 'ArgumentNullException', "Value cannot be null. (Parameter 'RefreshToken')", {
    errors: [{ errorCode: 'ArgumentNullException', fieldName: 'RefreshToken', message: 'Value cannot be null.' }],
  });

const reply = (res: Response, next: NextFunction, value: Reply): void => {
  res.locals[REPLY_LOCAL] = value;
  next();
};

const cookieHeader = (req: Request): Record<string, string> => parseCookies(req.headers.cookie);

export function createAuthRouter(auth: Authenticator): Router {
  const router = Router();

  /** Logout ends whichever session the request names, even if its bearer token has expired. */
  async function logout(req: Request, res: Response, next: NextFunction): Promise<void> {
    const principal = await auth.identify(req).catch(() => null);
    const cookies = cookieHeader(req);
    const named = [
      cookies[COOKIE.sessionId],
      cookies[COOKIE.permanentSessionId],
      req.get('X-ss-id'),
      req.get('X-ss-pid'),
    ];
    const deleted = auth.signOut(principal);
    for (const id of named) if (id !== undefined && id !== '') auth.signOut(id);
    reply(res, next, { status: 200, body: {}, typeName: 'AuthenticateResponse', cookies: deleted });
  }

  /** `GET /auth` with no provider: the current session, or 401. */
  async function currentSession(req: Request, res: Response, next: NextFunction): Promise<void> {
    const principal = await auth.identify(req);
    if (principal === null) throw errors.unauthorized();
    reply(res, next, { status: 200, body: authenticateResponseOf(principal), typeName: 'AuthenticateResponse' });
  }

  async function signIn(fields: Fields, res: Response, next: NextFunction): Promise<void> {
    const result = await auth.signIn({
      userName: stringField(fields, 'userName') ?? '',
      password: stringField(fields, 'password') ?? '',
      rememberMe: booleanField(fields, 'rememberMe'),
    });
    reply(res, next, {
      status: 200,
      body: result.response,
      typeName: 'AuthenticateResponse',
      cookies: result.cookies,
      // Tells @servicestack/client the refresh token is also in a cookie, so it auto-refreshes from it.
      headers: { 'X-Cookies': `${COOKIE.accessToken},${COOKIE.refreshToken}` },
    });
  }

  const authenticate = (fromPath: boolean) =>
    async function (req: Request, res: Response, next: NextFunction): Promise<void> {
      const fields = readFields(req.body, req.query);
      // A path variable beats the body on a user route; with no provider, a user name means the first provider.
      const pathProvider: unknown = fromPath ? req.params['provider'] : undefined;
      const named = (typeof pathProvider === 'string' ? pathProvider : undefined) ?? stringField(fields, 'provider');
      const provider =
        named?.toLowerCase() ?? (stringField(fields, 'userName') === undefined ? undefined : 'credentials');
      if (req.method === 'DELETE' || provider === 'logout') return logout(req, res, next);
      if (provider === undefined) return currentSession(req, res, next);
      if (!CREDENTIALS_PROVIDERS.has(provider)) throw unknownProvider(named ?? provider);
      if (req.method === 'GET') throw getNotAllowed();
      return signIn(fields, res, next);
    };

  async function getAccessToken(req: Request, res: Response, next: NextFunction): Promise<void> {
    const fields = readFields(req.body, req.query);
    const refreshToken = stringField(fields, 'refreshToken') ?? cookieHeader(req)[COOKIE.refreshToken];
    if (refreshToken === undefined || refreshToken.trim() === '') throw refreshTokenMissing();
    const accessToken = await auth.refresh(refreshToken.trim());
    reply(res, next, {
      status: 200,
      body: { accessToken },
      typeName: 'GetAccessTokenResponse',
      cookies: [{ name: COOKIE.accessToken, value: accessToken, httpOnly: true }],
    });
  }

  router.route(AUTHENTICATE_PATHS).get(authenticate(false)).post(authenticate(false)).delete(authenticate(false));
  router.route('/auth/:provider').get(authenticate(true)).post(authenticate(true)).delete(authenticate(true));
  router.route(ACCESS_TOKEN_PATHS).get(getAccessToken).post(getAccessToken);
  return router;
}
