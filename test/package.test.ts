/**
 * ssmock as a front-end project meets it: as a dependency. `npm pack` makes the tarball `npm install` would fetch
 * (from git, `prepare` builds dist/ first; here `npm test`'s build already did, so scripts are skipped and the
 * tarball holds this dist/). It is installed into an empty project from npm's cache, then the project imports
 * `ssmock`, starts and closes a server, and runs `npx ssmock --version`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const REPO = process.cwd();
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

let work: string;
let project: string;
let packed: { filename: string; files: { path: string }[] };

/** `npm install` of the tarball from the cache only (npm ci filled it); --prefer-offline where --offline is refused. */
const installOffline = async (tarball: string): Promise<void> => {
  const args = ['install', '--no-audit', '--no-fund', tarball];
  try {
    await exec('npm', ['--offline', ...args], { cwd: project });
  } catch (offline) {
    await exec('npm', ['--prefer-offline', ...args], { cwd: project }).catch((err: Error) => {
      throw new Error(`npm install failed offline (${(offline as Error).message}) and preferring offline`, {
        cause: err,
      });
    });
  }
};

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'index.js')) || !existsSync(path.join(REPO, 'dist', 'cli', 'index.js')))
    throw new Error('dist/ is missing: run npm run build');
  work = mkdtempSync(path.join(tmpdir(), 'ssmock-package-'));
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: REPO,
  });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!;
  project = path.join(work, 'front-end');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'front-end', private: true, type: 'module' }),
  );
  await installOffline(path.join(work, packed.filename));
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

it('packs dist, the schemas, the fixtures and the docs, and no sources or tests', () => {
  const files = packed.files.map((f) => f.path);
  expect(files).toEqual(
    expect.arrayContaining([
      'package.json',
      'README.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/index.js',
      'schemas/billiecart/manifest.json',
      'fixtures/users.json',
      'fixtures/scenarios/happy-path.json',
    ]),
  );
  const unexpected = files.filter(
    (f) =>
      !/^(dist|schemas|fixtures|docs)\//.test(f) && !['package.json', 'README.md'].includes(f) && !/^LICENSE/.test(f),
  );
  expect(unexpected).toEqual([]);
  expect(files.filter((f) => /\.test\.|__fixtures__|\.tsbuildinfo$/.test(f))).toEqual([]);
});

it("import { startMockServer } from 'ssmock' starts a server on localhost and closes it", async () => {
  const script = `
    import { startMockServer } from 'ssmock';
    const mock = await startMockServer({ port: 0, db: 'memory' });
    const health = await fetch(mock.url + '/__ssmock/health');
    console.log(JSON.stringify({ url: mock.url, apis: mock.apis.map((a) => a.id), status: health.status }));
    await mock.close();
  `;
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
  const result = JSON.parse(stdout) as { url: string; apis: string[]; status: number };
  expect(result.url).toMatch(/^http:\/\/localhost:\d+$/);
  // No ./schemas in the project: the schemas shipped in the package are served.
  expect(result.apis).toEqual(['billiecart', 'servicestack-home']);
  expect(result.status).toBe(200);
});

it('npx ssmock runs the installed command line', async () => {
  const { stdout } = await exec('npx', ['ssmock', '--version'], { cwd: project });
  expect(stdout).toBe(`${version}\n`);
});
