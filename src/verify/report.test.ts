import { formatJunit, formatText } from './report.js';
import type { VerifyReport } from './model.js';
import { jsonPath } from './violations.js';

const report: VerifyReport = {
  target: 'http://backend',
  api: 'billiecart',
  passed: 1,
  failed: 1,
  results: [
    {
      operation: 'CreatePersonRequest',
      method: 'POST',
      path: '/api/CreatePersonRequest',
      status: 200,
      passed: true,
      violations: [],
      notes: [],
      durationMs: 5,
    },
    {
      operation: 'CreateCustomerRequest',
      method: 'POST',
      path: '/api/CreateCustomerRequest',
      status: null,
      passed: false,
      violations: [
        { message: 'no answer: ECONNRESET' },
        { path: '$.customer["first name"]', message: 'expected <string> & "more"\u0007' },
      ],
      notes: ['sent {{Customer.id}} as written'],
      durationMs: 1500,
    },
  ],
};

describe('verify reports', () => {
  it('text: one line per interaction, indented violations, the closing count', () => {
    expect(formatText(report)).toBe(
      [
        'PASS CreatePersonRequest POST /api/CreatePersonRequest 200',
        'FAIL CreateCustomerRequest POST /api/CreateCustomerRequest -',
        '  no answer: ECONNRESET',
        '  at $.customer["first name"]: expected <string> & "more"\u0007',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
    expect(formatText(report, { notes: true })).toContain('  note: sent {{Customer.id}} as written\n');
  });

  it('JUnit: escaped, control characters dropped, failures counted', () => {
    const xml = formatJunit(report);
    expect(xml).toContain('tests="2" failures="1" errors="0" time="1.505"');
    expect(xml).toContain(
      'at $.customer[&quot;first name&quot;]: expected &lt;string&gt; &amp; &quot;more&quot;</failure>',
    );
    expect(xml).not.toContain('\u0007');
    expect(xml).toContain('<system-out>sent {{Customer.id}} as written</system-out>');
  });

  it('JUnit: an unreachable target is one errored testcase', () => {
    const xml = formatJunit({
      target: 'http://nowhere',
      api: 'billiecart',
      passed: 0,
      failed: 0,
      results: [],
      unreachable: 'ENOTFOUND',
    });
    expect(xml).toContain('errors="1"');
    expect(xml).toContain('<error message="unreachable: ENOTFOUND"/>');
  });

  it('JSON paths name properties, indexes and odd keys', () => {
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('/orders/0/orderDetails/12/skuType')).toBe('$.orders[0].orderDetails[12].skuType');
    expect(jsonPath('/meta', 'a b')).toBe('$.meta["a b"]');
    expect(jsonPath('/a~1b')).toBe('$["a/b"]');
  });
});
