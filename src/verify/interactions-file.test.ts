import { loadApi } from '../schema/registry.js';
import { Chain } from './chain.js';
import { parseInteractions } from './interactions-file.js';

const api = loadApi('schemas', 'billiecart');

describe('interactions files', () => {
  it('reads valid entries, upper-casing methods', () => {
    expect(
      parseInteractions(
        [
          {
            operation: 'createcustomerrequest',
            method: 'post',
            request: { email: 'a@b.co' },
            expect: { status: 201 },
            description: 'd',
          },
        ],
        api,
      ),
    ).toEqual([
      {
        operation: 'createcustomerrequest',
        method: 'POST',
        request: { email: 'a@b.co' },
        expect: { status: 201 },
        description: 'd',
      },
    ]);
  });

  it('reports every mistake with where it is', () => {
    expect(() => parseInteractions({}, api, 'x.json')).toThrow('x.json: expected a JSON array of interactions');
    expect(() =>
      parseInteractions(
        [1, { operation: 'CreatePersonRequest', method: 'FETCH', request: [], anonymous: 'yes', extra: 1 }],
        api,
        'x.json',
      ),
    ).toThrow(
      'x.json: [0]: expected an object; [1].extra: unknown field (expected operation, request, method, anonymous, description, expect); [1].request: expected an object (the request DTO); [1].method: expected one of GET, POST, PUT, PATCH, DELETE; [1].anonymous: expected true or false',
    );
  });
});

describe('chaining', () => {
  it('fills {{Resource.field}} from the last created resource, keeping types, and its tenant', () => {
    const chain = new Chain();
    const create = api.operation('CreateCustomerRequest')!;
    chain.record(create, 'POST', { customer: { id: 'c-9', email: 'a@b.co' } }, { organisationId: 'org-3' });
    const { request, unresolved } = chain.resolve({
      id: '{{Customer.id}}',
      organisationId: '{{Customer.$tenant}}',
      nested: ['{{ customer.EMAIL }}'],
      person: '{{Person.id}}',
    });
    expect(request).toEqual({ id: 'c-9', organisationId: 'org-3', nested: ['a@b.co'], person: '{{Person.id}}' });
    expect(unresolved).toEqual(['{{Person.id}}']);
  });

  it('ignores answers of operations that do not create', () => {
    const chain = new Chain();
    chain.record(api.operation('AssociateUserAccountToCustomerRequest')!, 'PUT', { customer: { id: 'x' } }, {});
    expect(chain.resolve({ id: '{{Customer.id}}' }).unresolved).toEqual(['{{Customer.id}}']);
  });
});
