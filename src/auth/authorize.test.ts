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
    [need({ anyRoles: ['a', 'b'] }), ['c'], [], 'Requires any of the roles: a, b'],
    [need({ permissions: ['approve'] }), ['manager'], ['read'], 'approve Permission Required'],
    [need({ anyPermissions: ['x', 'y'] }), [], ['z'], 'Requires any of the permissions: x, y'],
  ])('answers 403 for %j with roles %j', (requirement, roles, permissions, message) => {
    expect(failure(() => authorize(principal(roles, permissions), requirement))).toEqual({
      status: 403,
      errorCode: 'Forbidden',
      message,
    });
  });

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
