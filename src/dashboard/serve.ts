/**
 * The QA dashboard (README "QA dashboard"): `GET /__ssmock/` answers its page, `/__ssmock/ui/…` its ES modules
 * and CSS, `/__ssmock/ui/vendor/preact.js` Preact with htm from the installed `htm` package (one ES module
 * file, so no bundler and no CDN). The page talks only to the admin API.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { PACKAGE_ROOT } from '../server/package-root.js';

/** The page's files: the sources in a clone (an edit shows at the next reload), else the copy the build put in dist/. */
const uiFolder = (): string => {
  const sources = path.join(PACKAGE_ROOT, 'src', 'dashboard', 'ui');
  return existsSync(path.join(sources, 'index.html')) ? sources : fileURLToPath(new URL('./ui/', import.meta.url));
};

/** htm's standalone build: Preact, its hooks and htm in one ES module (the package exports no such subpath). */
const preactModule = (): string =>
  path.join(path.dirname(createRequire(import.meta.url).resolve('htm')), '..', 'preact', 'standalone.module.js');

/** Never cached: a QA person reloading after an upgrade gets the page the server ships. */
const NO_CACHE = { 'Cache-Control': 'no-store' };

export const dashboardRoutes = (): Router => {
  const router = express.Router();
  const folder = uiFolder();
  const page = path.join(folder, 'index.html');
  const vendor = preactModule();
  router.get('/', (_req, res) => res.set(NO_CACHE).sendFile(page));
  router.get('/ui/vendor/preact.js', (_req, res) => res.set(NO_CACHE).type('text/javascript').sendFile(vendor));
  router.use(
    '/ui',
    express.static(folder, { index: false, cacheControl: false, setHeaders: (res) => res.set(NO_CACHE) }),
  );
  return router;
};
