import path from 'node:path';
import { changeOf, type ReloadTarget } from './reload.js';

const root = path.resolve('/project');
const target = (wanted: string[] = [], startupScenario?: string) =>
  ({
    schemasRoot: path.join(root, 'schemas'),
    fixtures: path.join(root, 'fixtures'),
    wanted,
    startupScenario,
  }) as ReloadTarget;

describe('what a changed file is to a reload', () => {
  it.each([
    ['schemas/billiecart/docs/GetOrder.python.json.txt', { kind: 'docs', id: 'billiecart' }],
    ['schemas/billiecart/docs/more/dtos.cs', { kind: 'docs', id: 'billiecart' }],
    ['schemas/newapi/docs/dtos.ts', { kind: 'docs', id: 'newapi' }],
    ['schemas/billiecart/manifest.json', { kind: 'schemas', id: 'billiecart' }],
    ['schemas/billiecart/types/Order.json', { kind: 'schemas', id: 'billiecart' }],
    ['fixtures/users.json', { kind: 'users' }],
    ['fixtures/scenarios/happy-path.json', { kind: 'scenario' }],
    // Not read by ssmock, or an editor's scratch files.
    ['schemas/billiecart/README.md', undefined],
    ['schemas/billiecart/types/notes.txt', undefined],
    ['schemas/billiecart', undefined],
    ['schemas/meta/scenario.schema.json', undefined],
    ['schemas/billiecart/docs/.dtos.cs.swp', undefined],
    ['schemas/billiecart/docs/dtos.cs~', undefined],
    ['schemas/billiecart/docs/#dtos.cs#', undefined],
    ['fixtures/README.md', undefined],
    ['fixtures/scenarios/old/x.json', undefined],
    ['fixtures/scenarios/notes.txt', undefined],
    ['elsewhere/users.json', undefined],
  ])('%s → %j', (file, change) => {
    expect(changeOf(target(), path.join(root, file))).toEqual(change);
  });

  it('leaves out the APIs not served when --api names some', () => {
    expect(changeOf(target(['billiecart']), path.join(root, 'schemas/other/docs/dtos.cs'))).toBeUndefined();
    expect(changeOf(target(['billiecart']), path.join(root, 'schemas/billiecart/docs/dtos.cs'))).toEqual({
      kind: 'docs',
      id: 'billiecart',
    });
  });

  it('knows a start-up scenario given as a path outside the fixtures', () => {
    const qa = path.join(root, 'qa', 'broken-checkout.json');
    expect(changeOf(target([], qa), qa)).toEqual({ kind: 'scenario' });
    expect(changeOf(target([], qa), path.join(root, 'qa', 'other.json'))).toBeUndefined();
  });
});
