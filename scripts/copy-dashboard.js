/**
 * `npm run build`'s last step: the QA dashboard's page files (plain ES modules, CSS, HTML; README "QA dashboard")
 * go to dist/dashboard/ui, so an installed package (which ships dist/, not src/) serves them. In a clone the
 * server reads them from src/ directly, so an edit shows at the next reload without a build.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const to = path.join(root, 'dist', 'dashboard', 'ui');
rmSync(to, { recursive: true, force: true });
cpSync(path.join(root, 'src', 'dashboard', 'ui'), to, { recursive: true });
