import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadApis } from '../schema/registry.js';
import { createCatalog, loadScenarioFile, resolveScenarioFile, ScenarioError } from './catalog.js';
import { scenarioProblems } from './scenario-file.js';
import { ruleProblems, validateRule } from './validate.js';
import { MockError } from '../errors.js';

const apis = loadApis(path.resolve('schemas'));
const fixtures = path.resolve('fixtures');
const startingWith = (text: string) =>
  expect.stringMatching(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
const shipped = readdirSync(path.join(fixtures, 'scenarios')).filter((f) => f.endsWith('.json'));

describe('shipped scenarios', () => {
  it('ships the documented QA scenarios', () => {
    expect(shipped.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(
      [
        'customer-not-found',
        'email-already-registered',
        'flaky-backend',
        'happy-path',
        'manager-session-expired',
        'person-validation-errors',
        'slow-network',
      ].sort(),
    );
  });

  it.each(shipped)('%s validates (shape, rules, every record against its DTO schema)', (file) => {
    expect(() => loadScenarioFile(path.join(fixtures, 'scenarios', file), apis)).not.toThrow();
  });

  it('lists them with their descriptions', async () => {
    const list = await createCatalog(fixtures, apis).list();
    expect(list.length).toBe(shipped.length);
    expect(list.every((s) => s.description.length > 20)).toBe(true);
  });
});

describe('scenario file mistakes, each with its JSON path', () => {
  it.each<[string, unknown, string]>([
    ['a non-object file', [], '(root): must be object, not an array'],
    [
      'an unknown top-level field',
      { rulez: [] },
      'rulez: unknown field (expected one of: $schema, description, data, users, rules, events)',
    ],
    ['a description of the wrong type', { description: 5 }, 'description: must be string, not number'],
    [
      'a success status in an error rule',
      { rules: [{ operation: 'CreatePersonRequest', status: 200 }] },
      'rules[0].status: must be >= 400',
    ],
    [
      'times as text',
      { rules: [{ operation: 'CreatePersonRequest', status: 503, times: '2' }] },
      'rules[0].times: must be integer, not string',
    ],
    [
      'times of 0',
      { rules: [{ operation: 'CreatePersonRequest', status: 503, times: 0 }] },
      'rules[0].times: must be >= 1',
    ],
    [
      'an unknown fault',
      { rules: [{ operation: 'CreatePersonRequest', fault: 'explode' }] },
      'rules[0].fault: must be one of: reset, timeout, malformed',
    ],
    [
      'a fault with a status',
      { rules: [{ operation: 'CreatePersonRequest', fault: 'reset', status: 500 }] },
      'rules[0].status: cannot be combined with "fault" (a fault sends no ResponseStatus)',
    ],
    ['a rule without operation', { rules: [{ status: 500 }] }, 'rules[0].operation: is required'],
    [
      'a misspelt rule field',
      { rules: [{ operation: 'CreatePersonRequest', stauts: 500 }] },
      'rules[0].stauts: unknown field (expected one of: description, api, operation, when, status, responseStatus, delayMs, fault, times)',
    ],
    [
      'an unknown operation',
      { rules: [{ operation: 'CreatePerson', status: 500 }] },
      "rules[0].operation: no operation 'CreatePerson' in billiecart, servicestack-home",
    ],
    [
      'an unknown API',
      { rules: [{ api: 'shop', operation: 'CreatePersonRequest', status: 500 }] },
      "rules[0].api: no API 'shop' is served (known: billiecart, servicestack-home)",
    ],
    [
      'a when field the request lacks',
      { rules: [{ operation: 'CreateCustomerRequest', when: { emial: 'a@b.c' }, status: 409 }] },
      "rules[0].when.emial: CreateCustomerRequest has no field 'emial' (fields: email, organisationId)",
    ],
    [
      'a bad regex',
      { rules: [{ operation: 'CreateCustomerRequest', when: { email: { regex: '(' } }, status: 409 }] },
      'rules[0].when.email.regex: not a valid regular expression',
    ],
    [
      'a misspelt matcher',
      { rules: [{ operation: 'CreateCustomerRequest', when: { email: { regx: 'a' } }, status: 409 }] },
      'rules[0].when.email.regx: unknown field (expected one of: regex, flags, exists)',
    ],
    [
      'a matcher that is no matcher',
      { rules: [{ operation: 'CreateCustomerRequest', when: { email: {} }, status: 409 }] },
      'rules[0].when.email: expected a value, { "regex": "…" } or { "exists": true|false }',
    ],
    [
      'a field error without fieldName',
      { rules: [{ operation: 'CreateCustomerRequest', responseStatus: { errors: [{ message: 'x' }] } }] },
      'rules[0].responseStatus.errors[0].fieldName: is required',
    ],
    ['a user without password', { users: [{ userName: 'qa' }] }, 'users[0].password: is required'],
    [
      'roles as text',
      { users: [{ userName: 'qa', password: 'x', roles: 'manager' }] },
      'users[0].roles: must be array, not string',
    ],
    [
      'a repeated user',
      {
        users: [
          { userName: 'qa', password: 'x' },
          { userName: 'QA', password: 'y' },
        ],
      },
      "users[1].userName: repeats users[0] ('QA')",
    ],
    [
      'an unknown API in data',
      { data: { shop: {} } },
      "data.shop: no API 'shop' is served (known: billiecart, servicestack-home)",
    ],
    [
      'an unknown DTO type',
      { data: { billiecart: { Custmer: [] } } },
      "data.billiecart.Custmer: no DTO type 'Custmer' in billiecart (resources: Customer, Person)",
    ],
    [
      'a DTO no operation stores',
      { data: { billiecart: { BankAccount: [] } } },
      'data.billiecart.BankAccount: no operation of billiecart stores BankAccount records (resources: Customer, Person)',
    ],
    [
      'records that are not an array',
      { data: { billiecart: { Customer: {} } } },
      'data.billiecart.Customer: must be array, not object',
    ],
    [
      'a record value of the wrong type',
      { data: { billiecart: { Customer: [{ email: 42 }] } } },
      'data.billiecart.Customer[0].email: must be string, not number',
    ],
    [
      'a record field the DTO lacks',
      { data: { billiecart: { Customer: [{ emial: 'a@b.c' }] } } },
      'data.billiecart.Customer[0].emial: unknown field (expected one of: id, firstName, lastName',
    ],
    [
      'a nested record mistake',
      { data: { billiecart: { Customer: [{ bankAccount: { bsb: '062-000' } }] } } },
      'data.billiecart.Customer[0].bankAccount.bsb: unknown field (expected one of: bsbNumber, accountNumber)',
    ],
    [
      'a date that is not a date',
      { data: { billiecart: { Customer: [{ dateOfBirth: 'last tuesday' }] } } },
      'data.billiecart.Customer[0].dateOfBirth: must match format "date-time"',
    ],
    [
      'an integer id given as text',
      { data: { 'servicestack-home': { Customer: [{ id: 'one' }] } } },
      'data["servicestack-home"].Customer[0].id: must be integer, not string',
    ],
    [
      '$tenant on an untenanted resource',
      { data: { billiecart: { Person: [{ $tenant: 'org-1' }] } } },
      'data.billiecart.Person[0].$tenant: Person is not tenanted in billiecart',
    ],
    [
      'a repeated id in one tenant',
      {
        data: {
          billiecart: {
            Customer: [
              { $tenant: 'org-1', id: 'a' },
              { $tenant: 'org-2', id: 'a' },
              { $tenant: 'org-1', id: 'a' },
            ],
          },
        },
      },
      "data.billiecart.Customer[2].id: repeats the id of data.billiecart.Customer[0] ('a')",
    ],
  ])('reports %s', (_what, file, expected) => {
    expect(scenarioProblems(file, apis)).toEqual(expect.arrayContaining([startingWith(expected)]));
  });

  it('lists every mistake of a file at once', () => {
    const problems = scenarioProblems(
      {
        description: 1,
        data: { billiecart: { Customer: [{ email: 1 }] } },
        rules: [
          { operation: 'Nope', status: 200 },
          { operation: 'CreatePersonRequest', times: -1 },
        ],
      },
      apis,
    );
    expect(problems).toEqual([
      'description: must be string, not number',
      'rules[0].status: must be >= 400',
      expect.stringMatching(/^rules\[0\]\.operation: no operation 'Nope'/),
      'rules[1].times: must be >= 1',
      'data.billiecart.Customer[0].email: must be string, not number',
    ]);
  });

  it('throws a ScenarioError carrying the problems, naming the file', () => {
    const file = path.join(fixtures, 'scenarios', 'happy-path.json');
    expect(() => loadScenarioFile(path.resolve('package.json'), apis)).toThrow(ScenarioError);
    try {
      loadScenarioFile(path.resolve('package.json'), apis);
    } catch (err) {
      expect((err as ScenarioError).problems.length).toBeGreaterThan(3);
      expect((err as ScenarioError).message).toContain('package.json');
    }
    expect(resolveScenarioFile(fixtures, 'happy-path')).toBe(file);
    expect(resolveScenarioFile(fixtures, file)).toBe(file);
  });

  it('says which scenarios exist when a name is unknown', () => {
    expect(() => resolveScenarioFile(fixtures, 'no-such')).toThrow(/no scenario 'no-such'.*happy-path/);
  });
});

describe('validateRule', () => {
  it('accepts a pass-through rule (a "then succeed" step) and a wildcard operation', () => {
    expect(ruleProblems({ operation: 'CreatePersonRequest' }, apis)).toEqual([]);
    expect(ruleProblems({ operation: '*', delayMs: 10 }, apis)).toEqual([]);
  });

  it('names the rule itself as the root', () => {
    expect(ruleProblems('nope', apis)).toEqual(['rule: must be object, not string']);
  });

  it('throws a 400 MockError with one entry per mistake, fieldName = its path', () => {
    let thrown: unknown;
    try {
      validateRule({ operation: 'CreatePersonRequest', status: 99, delayMs: -1 }, apis);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(MockError);
    const e = thrown as MockError;
    expect(e.status).toBe(400);
    expect(e.errors.map((x) => [x.fieldName, x.message])).toEqual([
      ['rule.status', 'must be >= 400'],
      ['rule.delayMs', 'must be >= 0'],
    ]);
  });
});
