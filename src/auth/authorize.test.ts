import type { AuthRequirement } from '../schema/manifest.js';
import { MockError } from '../errors.js';
import { authorize } from './authorize.js';
import type { Principal } from './principal.js';

const principal = (roles: string[], permissions: string[] = []): Principal => ({
  userId: '1',
  userName: 'u',
  displayName: 'U',
  roles,
  permissions,
  authProvider: 'credentials',
});
const need = (partial: Partial<AuthRequirement>): AuthRequirement => ({
  required: true,
  roles: [],
  anyRoles: [],
  permissions: [],
  anyPermissions: [],
  ...partial,
});

function failure(run: () => void): { status: number; errorCode: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof MockError)) throw error;
    return { status: error.status, errorCode: error.errorCode, message: error.message };
  }
}

describe('authorize', () => {
  it('lets anyone through an operation without requirements', () => {
    expect(failure(() => authorize(null, undefined))).toBeNull();
    expect(failure(() => authorize(null, need({ required: false })))).toBeNull();
  });

  it('answers 401 Not Authenticated with WWW-Authenticate when nobody is signed in', () => {
    try {
      authorize(null, need({}));
      throw new Error('expected a 401');
    } catch (error) {
      expect(error).toBeInstanceOf(MockError);
      const mock = error as MockError;
      expect([mock.status, mock.errorCode, mock.message]).toEqual([401, 'Unauthorized', 'Not Authenticated']);
      expect(mock.headers['WWW-Authenticate']).toBe('credentials realm="/auth/credentials"');
    }
  });

  it('treats listed roles as requiring authentication even without required', () => {
    expect(failure(() => authorize(null, { roles: ['manager'] }))?.status).toBe(401);
  });

  it.each([
    [need({ roles: ['manager'] }), ['clerk'], [], 'manager Role Required'],
    [need({ roles: ['manager', 'auditor'] }), ['manager'], [], 'auditor Role Required'],
    [need({ roles: ['manager'] }), ['Manager'], [], 'manager Role Required'],
    [need({ anyRoles: ['a', 'b'] }), ['c'], [], 'Any of a, b Roles Required'],
    [need({ permissions: ['approve'] }), ['manager'], ['read'], 'approve Permission Required'],
    [need({ anyPermissions: ['x', 'y'] }), [], ['z'], 'Any of x, y Permissions Required'],
  ])('answers 403 for %j with roles %j', (requirement, roles, permissions, message) => {
    expect(failure(() => authorize(principal(roles, permissions), requirement))).toEqual({
      status: 403,
      errorCode: 'Forbidden',
      message,
    });
  });

  it('answers the attribute style with an empty 401 whose status line says Unauthorized', () => {
    const mock = failure(() => authorize(null, need({ style: 'attribute' })));
    expect(mock).toEqual({ status: 401, errorCode: 'Unauthorized', message: 'Unauthorized' });
    let thrown: unknown;
    try {
      authorize(null, need({ style: 'attribute' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ bodiless: true, reason: 'Unauthorized' });
    expect((thrown as MockError).headers['WWW-Authenticate']).toBe('credentials realm="/auth/credentials"');
  });

  it.each([
    [need({ roles: ['manager'], style: 'attribute' }), ['clerk'], [], 'Invalid Role'],
    [need({ anyRoles: ['a', 'b'], style: 'attribute' }), ['c'], [], 'Invalid Role'],
    [need({ permissions: ['approve'], style: 'attribute' }), ['manager'], ['read'], 'Invalid Permission'],
    [need({ anyPermissions: ['x', 'y'], style: 'attribute' }), [], ['z'], 'Invalid Permission'],
  ])(
    'answers the attribute style %j for roles %j with an empty 403 "%s"',
    (requirement, roles, permissions, reason) => {
      let thrown: unknown;
      try {
        authorize(principal(roles, permissions), requirement);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ status: 403, errorCode: 'Forbidden', reason, bodiless: true });
    },
  );

  it.each([
    [need({ roles: ['manager'] }), ['manager']],
    [need({ anyRoles: ['a', 'b'] }), ['b']],
    [need({ permissions: ['p'] }), ['p']],
  ])('passes %j for a principal that has it', (requirement, granted) => {
    expect(failure(() => authorize(principal(granted, granted), requirement))).toBeNull();
  });

  it('lets Admin through every role and permission check', () => {
    const all = need({ roles: ['manager'], anyRoles: ['x'], permissions: ['p'], anyPermissions: ['q'] });
    expect(failure(() => authorize(principal(['Admin']), all))).toBeNull();
  });
});
