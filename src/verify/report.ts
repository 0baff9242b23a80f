/**
 * A VerifyReport for people (text), scripts (JSON) and CI dashboards (JUnit XML).
 *
 * Text: one line per interaction, `PASS|FAIL <operation> <METHOD> <path> <status>` (`-` when no
 * answer came), its violations indented beneath (`  at $.customer.id: expected string, got number`),
 * with `notes` its notes too (`  note: empty 401 body accepted: …`), and the closing line
 * `N passed, N failed`.
 */
import type { InteractionResult, VerifyReport, Violation } from './model.js';

const violationLine = (v: Violation): string => (v.path ? `  at ${v.path}: ${v.message}` : `  ${v.message}`);

export const resultLine = (r: InteractionResult): string =>
  `${r.passed ? 'PASS' : 'FAIL'} ${r.operation} ${r.method} ${r.path} ${r.status ?? '-'}`;

export const formatText = (report: VerifyReport, options: { notes?: boolean } = {}): string => {
  if (report.unreachable !== undefined) return `${report.target} is unreachable: ${report.unreachable}\n`;
  const lines: string[] = [];
  for (const r of report.results) {
    lines.push(r.description ? `${resultLine(r)} (${r.description})` : resultLine(r));
    lines.push(...r.violations.map(violationLine));
    if (options.notes) lines.push(...r.notes.map((n) => `  note: ${n}`));
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
};

export const formatJson = (report: VerifyReport): string => `${JSON.stringify(report, null, 2)}\n`;

// XML 1.0 cannot carry most control characters, even escaped; a backend's body might contain them.
const printable = (text: string): string =>
  [...text]
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join('');

const xml = (text: string): string =>
  printable(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one testcase per interaction. */
export const formatJunit = (report: VerifyReport): string => {
  const suite = `ssmock verify ${report.api}`;
  const time = seconds(report.results.reduce((t, r) => t + r.durationMs, 0));
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const errors = report.unreachable !== undefined ? 1 : 0;
  out.push(
    `<testsuites name="ssmock verify" tests="${report.results.length}" failures="${report.failed}" errors="${errors}" time="${time}">`,
  );
  out.push(
    `  <testsuite name="${xml(suite)}" tests="${report.results.length}" failures="${report.failed}" errors="${errors}" time="${time}">`,
  );
  out.push(`    <properties><property name="target" value="${xml(report.target)}"/></properties>`);
  if (report.unreachable !== undefined) {
    out.push(`    <testcase classname="${xml(report.api)}" name="reach ${xml(report.target)}" time="0.000">`);
    out.push(`      <error message="${xml(`unreachable: ${report.unreachable}`)}"/>`);
    out.push('    </testcase>');
  }
  for (const r of report.results) {
    const name = `${r.operation} ${r.method} ${r.path}${r.description ? ` (${r.description})` : ''}`;
    out.push(`    <testcase classname="${xml(report.api)}" name="${xml(name)}" time="${seconds(r.durationMs)}">`);
    if (!r.passed) {
      const first = r.violations[0];
      const message = first ? violationLine(first).trim() : 'failed';
      out.push(
        `      <failure message="${xml(message)}" type="ContractViolation">${xml(r.violations.map(violationLine).join('\n'))}</failure>`,
      );
    }
    if (r.notes.length) out.push(`      <system-out>${xml(r.notes.join('\n'))}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
};
