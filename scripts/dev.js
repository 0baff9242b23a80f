/**
 * `npm run dev [-- serve flags]`: for contributors. `tsc --watch` recompiles dist/ as sources change, and
 * `node --watch` restarts `ssmock serve` whenever a file it loaded from dist/ is rewritten. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const serveArgs = process.argv.slice(2);

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
