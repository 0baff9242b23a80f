/**
 * The QA dashboard at `GET /__ssmock/` (README "QA dashboard") in real headless Chromium, against a started
 * server, doing what a QA person does with it: activate a scenario, add a rule, watch the journal, edit a
 * record, try an operation. Each check reads what the page shows and what the API answers next. A screenshot
 * of each section goes to test-results/dashboard/ (git-ignored).
 *
 * Chromium comes from the system (CI installs Debian's `chromium`); without one the cases are skipped.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MockServer } from '../src/server/start.js';
import { startTestServer } from './helpers.js';

const CHROMIUM_CANDIDATES = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const executablePath = CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p));
if (!executablePath)
  console.warn('dashboard: skipped, no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
const describeInChromium = executablePath ? describe : describe.skip;

const SHOTS = path.join(process.cwd(), 'test-results', 'dashboard');
/** How long the page may take to show what the server did: the journal is polled twice a second. */
const WITHIN_A_SECOND = 1_000;
const UI_TIMEOUT = 10_000;

describeInChromium('the QA dashboard (real Chromium)', () => {
  let mock: MockServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const api = (pathAndQuery: string, init: RequestInit = {}) =>
    fetch(`${mock.url}${pathAndQuery}`, {
      ...init,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...init.headers },
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  const section = (name: string) => page.getByRole('region', { name, exact: true });
  const shot = (name: string) => section(name).screenshot({ path: path.join(SHOTS, `${name.toLowerCase()}.png`) });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mock = await startTestServer({ scenario: 'happy-path' });
    browser = await chromium.launch({ executablePath: executablePath!, timeout: 20_000 });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${mock.url}/__ssmock/`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it('loads without console errors: a landmark and a heading per section, the start-up scenario marked active', async () => {
    for (const name of ['Scenarios', 'Rules', 'Requests', 'State', 'Operations']) {
      await expectVisible(section(name));
      await expectVisible(page.getByRole('heading', { name, exact: true, level: 2 }));
    }
    await expectVisible(page.getByRole('navigation', { name: 'Sections' }));
    await expectVisible(section('Scenarios').locator('[aria-current="true"]', { hasText: 'happy-path' }));
    await expectVisible(page.getByRole('combobox', { name: 'Session' }));
    expect(consoleErrors).toEqual([]);
    await shot('Scenarios');
  }, 30_000);

  it('"Activate" a scenario changes what the API answers; "Reset" puts the start-up one back', async () => {
    expect((await api('/servicestack-home/Customer/1')).status).toBe(200);
    await section('Scenarios').getByRole('button', { name: 'Activate flaky-backend' }).click();
    await expectVisible(section('Scenarios').locator('[aria-current="true"]', { hasText: 'flaky-backend' }));
    // flaky-backend seeds no ServiceStack Home customers.
    expect((await api('/servicestack-home/Customer/1')).status).toBe(404);
    // Its five rules are now the active ones.
    await expectVisible(section('Rules').getByRole('row', { name: /CreatePersonRequest · status 503/ }));

    await section('Scenarios').getByRole('button', { name: 'Reset', exact: true }).click();
    await expectVisible(section('Scenarios').locator('[aria-current="true"]', { hasText: 'happy-path' }));
    expect((await api('/servicestack-home/Customer/1')).status).toBe(200);
  }, 30_000);

  it('an added rule makes the next call fail; a bad value is named at its field', async () => {
    const rules = section('Rules');
    await rules.getByLabel('Operation').selectOption({ label: 'billiecart · CreatePersonRequest' });
    await rules.getByLabel('Status').fill('200');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await expectVisible(rules.locator('#rule-status-error'));
    expect(await rules.getByLabel('Status').getAttribute('aria-invalid')).toBe('true');

    await rules.getByLabel('Status').fill('503');
    await rules.getByLabel('Error code').fill('Maintenance');
    await rules.getByLabel('Message').fill('Down for QA');
    await rules.getByLabel('Times').fill('1');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await expectVisible(rules.getByRole('row', { name: /CreatePersonRequest · status 503 · Maintenance/ }));

    const failed = await api('/billiecart/persons', { method: 'POST', body: JSON.stringify({ timezone: 'UTC' }) });
    expect(failed.status).toBe(503);
    expect(failed.body['responseStatus']).toMatchObject({ errorCode: 'Maintenance', message: 'Down for QA' });
    // Times 1: used up, the next call succeeds.
    expect((await api('/billiecart/persons', { method: 'POST', body: '{}' })).status).toBe(200);
    await shot('Rules');
    await rules
      .getByRole('button', { name: /^Delete rule/ })
      .first()
      .click();
    await expectVisible(rules.getByText('No active rules.'));
  }, 30_000);

  it('a call made outside the page appears in the journal within a second; a click shows its DTO and answer', async () => {
    const requests = section('Requests');
    expect((await api('/servicestack-home/Customer/2?include=outside')).status).toBe(200);
    const row = requests.getByRole('row', { name: /\/servicestack-home\/Customer\/2\?include=outside/ });
    await row.waitFor({ timeout: WITHIN_A_SECOND });
    await expectVisible(row.locator('.status', { hasText: '200' }));

    await row.getByRole('button', { name: 'Customer' }).click();
    const details = requests.getByRole('region', { name: 'Call details' });
    expect(JSON.parse(await details.getByLabel('Request DTO').innerText())).toEqual({ id: 2 });
    expect(JSON.parse(await details.getByLabel('Answer').innerText())).toMatchObject({ id: 2, firstName: 'Grace' });

    await requests.getByLabel('Status filter').selectOption({ label: '5xx' });
    // Only the call the rule failed (previous case) is left.
    await requests.getByText(/^1 of \d+ calls$/).waitFor();
    await expectVisible(requests.getByRole('row', { name: /CreatePersonRequest POST \/billiecart\/persons 503/ }));
    await requests.getByLabel('Status filter').selectOption({ label: 'any' });
    await shot('Requests');
    await requests.getByRole('button', { name: 'Clear' }).click();
    await expectVisible(requests.getByText('0 of 0 calls'));
  }, 30_000);

  it('an edited record is what the API returns next; a mistake is shown with its path and nothing is saved', async () => {
    const state = section('State');
    await state.getByRole('button', { name: 'Edit Customer 1', exact: true }).click();
    const editor = state.getByLabel('Record JSON');
    // The editor fills once the record has loaded (a string: the test's tsconfig has no DOM types).
    await page.waitForFunction(`document.getElementById('record-json')?.value.includes('"firstName": "Ada"')`);
    const record = JSON.parse(await editor.inputValue()) as Record<string, unknown>;

    await editor.fill(JSON.stringify({ ...record, firstName: 7 }));
    await state.getByRole('button', { name: 'Save record' }).click();
    await expectVisible(state.getByText('firstName: must be string, not number'));
    expect((await api('/servicestack-home/Customer/1')).body['firstName']).toBe('Ada');

    await editor.fill(JSON.stringify({ ...record, firstName: 'Augusta' }));
    await state.getByRole('button', { name: 'Save record' }).click();
    await expectVisible(state.getByText('Saved Customer 1'));
    expect((await api('/servicestack-home/Customer/1')).body['firstName']).toBe('Augusta');
    await expectVisible(state.getByRole('cell', { name: 'Augusta' }));
    await shot('State');
  }, 30_000);

  it('exports the whole state as JSON and imports it back, edited', async () => {
    const state = section('State');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      state.getByRole('button', { name: 'Export state' }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      'servicestack-home': { Customer: Record<string, unknown>[] };
    };
    expect(exported['servicestack-home'].Customer.map((c) => c['firstName'])).toEqual(['Augusta', 'Grace']);

    exported['servicestack-home'].Customer = [{ id: 5, firstName: 'Imported' }];
    await state.getByLabel('Import state (JSON file)').setInputFiles({
      name: 'state.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await expectVisible(state.getByText('Imported state.json'));
    expect((await api('/servicestack-home/Customer/5')).body['firstName']).toBe('Imported');
    expect((await api('/servicestack-home/Customer/1')).status).toBe(404);
  }, 30_000);

  it('the session picker scopes every section to one session; the keyboard alone activates a scenario', async () => {
    const other = { 'X-Ssmock-Session': 'qa-two' };
    expect((await api('/servicestack-home/Customer/2', { headers: other })).body['firstName']).toBe('Grace');
    await page.getByRole('button', { name: 'Refresh sessions' }).click();
    await page.getByRole('combobox', { name: 'Session' }).selectOption('qa-two');
    await section('Requests')
      .getByRole('row', { name: /\/servicestack-home\/Customer\/2/ })
      .waitFor();
    await expectVisible(section('State').getByRole('cell', { name: 'Grace', exact: true }));

    await section('Scenarios').getByRole('button', { name: 'Activate flaky-backend' }).focus();
    await page.keyboard.press('Enter');
    await expectVisible(section('Scenarios').locator('[aria-current="true"]', { hasText: 'flaky-backend' }));
    expect((await api('/servicestack-home/Customer/2', { headers: other })).status).toBe(404);
    // The default session still has what the earlier cases left.
    expect((await api('/servicestack-home/Customer/5')).status).toBe(200);
    await page.getByRole('combobox', { name: 'Session' }).selectOption('default');
    await expectVisible(section('Scenarios').locator('[aria-current="true"]', { hasText: 'happy-path' }));
  }, 30_000);

  it('"Try it" sends a call as a chosen user and shows its answer', async () => {
    const operations = section('Operations');
    await operations.getByRole('button', { name: 'Try it: CreateCustomerRequest' }).click();
    const form = operations.getByRole('form', { name: 'Try CreateCustomerRequest' });
    await form.getByLabel('Send as').selectOption('manager');
    await form.getByLabel(/^email/).fill('tried@example.com');
    await form.getByLabel(/^organisationId/).fill('org-1');
    await form.getByRole('button', { name: 'Send' }).click();
    const answer = form.getByRole('region', { name: 'Answer of CreateCustomerRequest' });
    await expectVisible(answer.locator('.status', { hasText: '200' }));
    await expectVisible(answer.getByText('"email": "tried@example.com"'));
    const stored = (await api('/__ssmock/state')).body as { billiecart: { Customer: { email: string }[] } };
    expect(stored.billiecart.Customer.map((c) => c.email)).toContain('tried@example.com');

    // Anonymous, the same operation is refused, and the page shows that answer too.
    await form.getByLabel('Send as').selectOption('');
    await form.getByRole('button', { name: 'Send' }).click();
    await expectVisible(answer.locator('.status', { hasText: '401' }));
    await shot('Operations');
    // Chromium logs each 4xx the page fetched (the bad rule, the refused call) as "Failed to load resource": asked for here.
    expect(consoleErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  }, 30_000);
});

/** Waits until the element is visible (fails with playwright's timeout message otherwise). */
const expectVisible = (locator: ReturnType<Page['locator']>) => locator.waitFor({ state: 'visible' });
