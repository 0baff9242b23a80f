/**
 * `npm run dev [-- serve flags]`: the mock as a front-end developer runs it all day, `ssmock serve --watch` (edited
 * pages, schemas, users.json and scenarios reload without a restart: README, "Live reload"), and for contributors
 * `tsc --watch` recompiles dist/ as ssmock's own sources change while `node --watch` restarts the server whenever a
 * file it loaded from dist/ is rewritten. `--no-watch` turns the live reload off. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const given = process.argv.slice(2);
// `serve --watch` unless the flags say otherwise (`--no-watch`, `--watch=false`).
const serveArgs = given.some((arg) => /^--(no-)?watch(=|$)/.test(arg)) ? given : ['--watch', ...given];

const compiler = spawn(
  process.execPath,
  [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--watch', '--preserveWatchOutput'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
let server;
compiler.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  // The first "Watching for file changes" follows the first full build: dist/ is complete, start serving.
  if (!server && /Watching for file changes/.test(String(chunk))) {
    server = spawn(process.execPath, ['--watch', path.join(root, 'dist', 'cli', 'index.js'), 'serve', ...serveArgs], {
      stdio: 'inherit',
    });
    server.on('exit', (code) => stop(code ?? 0));
  }
});
compiler.on('exit', (code) => stop(code ?? 0));

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  server?.kill('SIGTERM');
  compiler.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
