/**
 * `ssmock derive`: metadata pages (files or folders) → `schemas/<api>/`.
 * Reads everything first, reports every page it cannot read, writes the rest;
 * output is deterministic so `--check` can compare it with what is committed.
 * `deriveFromUrls` first saves what a running server publishes into `<out>/<api>/docs/`, then derives those folders.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS } from '../config.js';
import { makeFolder, reasonOf, refusal, writeOutput } from '../output-paths.js';
import type { ApiDraft } from './api-draft.js';
import { newDraft } from './api-draft.js';
import { buildApi } from './build-api.js';
import { parseMetadataPage } from './metadata-page.js';
import type { Diagnostic } from './model.js';
import type { InferredType } from './precision.js';
import { addDerivedFileToDraft } from './dto-file.js';
import type { FetchOptions } from './from-url.js';
import { fetchPublished, planFetch } from './from-url.js';
import { looksLikeHtml } from './page-text.js';
import { addPageToDraft } from './pages-to-draft.js';
import { stableStringify } from './to-json-schema.js';
import { countValidatedProperties } from './summary.js';

export interface DeriveOptions {
  inputs: string[];
  /** Schemas root; each API goes to `<out>/<id>/`. */
  out: string;
  api?: string;
  /** Compare instead of writing. */
  check?: boolean;
}

export interface DeriveResult {
  /** `inferred`: types refined where the files' language hid them (TypeScript `number` → `int`; precision.ts). */
  apis: { id: string; operations: string[]; types: number; validators: number; inferred: InferredType[] }[];
  diagnostics: Diagnostic[];
  /** Files that differ from a fresh derive (`check` only). */
  drift: string[];
}

const PAGE_MARK = /back to all web services/i;

/** `Billiecart API` → `billiecart`; `ServiceStack Home (Live)` → `servicestack-home`. */
export const apiSlug = (title: string): string =>
  title
    .replace(/\(.*?\)/g, '')
    .trim()
    .replace(/\s+API$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const listFiles = (input: string): string[] => {
  if (!existsSync(input)) return [];
  if (!statSync(input).isDirectory()) return [input];
  return readdirSync(input)
    .sort()
    .flatMap((entry) => listFiles(path.join(input, entry)));
};

/** The `<id>` of a page under `<id>/docs/`. */
const folderApi = (file: string): string | undefined => {
  const parts = path.resolve(file).split(path.sep);
  const docs = parts.lastIndexOf('docs');
  return docs > 0 ? parts[docs - 1] : undefined;
};

const docsFolders = (schemasRoot: string): string[] =>
  existsSync(schemasRoot) && statSync(schemasRoot).isDirectory()
    ? readdirSync(schemasRoot)
        .sort()
        .map((id) => path.join(schemasRoot, id, 'docs'))
        .filter((p) => existsSync(p))
    : [];

/**
 * The inputs when none are given: the pages under `<out>/<api>/docs` when there are any, else those
 * under `schemas/<api>/docs` of the current directory — so `derive --out preview` previews a derive of the committed pages
 * into another folder, and `derive --out elsewhere` of a schemas root with its own pages re-derives that root.
 */
export const defaultInputs = (out: string, fallback: string = DEFAULTS.schemasDir): string[] => {
  const own = docsFolders(out);
  if (own.some((folder) => listFiles(folder).length > 0)) return own;
  return path.resolve(out) === path.resolve(fallback) ? own : docsFolders(fallback);
};

export const deriveSchemas = (options: DeriveOptions): DeriveResult => {
  const diagnostics: Diagnostic[] = [];
  const drafts = new Map<string, ApiDraft>();
  const files = options.inputs.flatMap((input) => {
    const found = listFiles(input);
    if (found.length === 0)
      diagnostics.push({
        severity: 'error',
        file: input,
        line: 1,
        message: 'expected a metadata page file or a folder of them; nothing found',
      });
    return found;
  });
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      // An unreadable page (EACCES, EISDIR …) is the user's to fix: one error at its name; the others still derive.
      diagnostics.push({ severity: 'error', file, line: 1, message: `cannot read: ${reasonOf(err)}` });
      continue;
    }
    const source = path.basename(file);
    // A served page's HTML opens with its stylesheet, so the mark can sit well past the first 4,000 characters.
    if (PAGE_MARK.test(looksLikeHtml(text) ? text : text.slice(0, 4000))) {
      const { page, diagnostics: found } = parseMetadataPage(text, file);
      diagnostics.push(...found);
      // A page we could not read is reported once and left out; the other pages are still derived.
      if (!page || found.some((d) => d.severity === 'error')) continue;
      const id = options.api ?? folderApi(file) ?? apiSlug(page.title);
      const draft = drafts.get(id) ?? newDraft(id, page.title);
      drafts.set(id, draft);
      addPageToDraft(draft, page, `docs/${source}`, diagnostics);
    } else {
      const id = options.api ?? folderApi(file);
      if (!id) {
        diagnostics.push({
          severity: 'error',
          file,
          line: 1,
          message:
            'expected a metadata page (title, "<back to all web services", operation); for a bare DTO file pass --api or put it under <id>/docs/',
        });
        continue;
      }
      const draft = drafts.get(id) ?? newDraft(id, id);
      drafts.set(id, draft);
      addDerivedFileToDraft(draft, text, `docs/${source}`, file, diagnostics);
    }
  }

  const result: DeriveResult = { apis: [], diagnostics, drift: [] };
  for (const id of [...drafts.keys()].sort()) {
    const output = buildApi(drafts.get(id)!);
    diagnostics.push(...output.diagnostics);
    const files = new Map<string, string>([[path.join(id, 'manifest.json'), stableStringify(output.manifest)]]);
    for (const [name, schema] of output.schemas)
      files.set(path.join(id, 'types', `${name}.json`), stableStringify(schema));
    if (options.check) result.drift.push(...compare(options.out, id, files));
    else write(options.out, id, files);
    result.apis.push({
      id,
      operations: output.manifest.operations.map((o) => o.name),
      types: output.schemas.size,
      validators: countValidatedProperties(drafts.get(id)!.types.values()),
      inferred: output.inferred,
    });
  }
  return result;
};

const compare = (root: string, id: string, files: Map<string, string>): string[] => {
  const drift: string[] = [];
  for (const [rel, text] of files) {
    const target = path.join(root, rel);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) drift.push(target);
  }
  const typesDir = path.join(root, id, 'types');
  if (existsSync(typesDir)) {
    for (const f of readdirSync(typesDir))
      if (!files.has(path.join(id, 'types', f))) drift.push(path.join(typesDir, f));
  }
  return drift.sort();
};

/**
 * Writes only the files whose text changed and removes the types no longer derived: a re-derive of a large API
 * mostly rewrites nothing (400 operations: about half the CPU time of rewriting every file), and files that did not
 * change keep their times for watchers and build tools.
 */
const write = (root: string, id: string, files: Map<string, string>): void => {
  const typesDir = path.join(root, id, 'types');
  makeFolder(typesDir);
  try {
    for (const f of readdirSync(typesDir))
      if (!files.has(path.join(id, 'types', f))) rmSync(path.join(typesDir, f), { recursive: true, force: true });
  } catch (err) {
    throw refusal(err, typesDir);
  }
  for (const [rel, text] of files) {
    const target = path.join(root, rel);
    if (!holds(target, text)) writeOutput(target, text);
  }
};

/** Whether `file` already holds `text`; anything unreadable there does not (writing it then says why). */
const holds = (file: string, text: string): boolean => {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
};

export interface FromUrlOptions extends FetchOptions {
  /** URLs of running servers: a base URL, `/types/metadata`, `/types/{lang}` or `/{format}/metadata?op=X`. */
  from: string[];
  out: string;
  /** The API id of everything fetched; else each URL's path or host suggests one. */
  api?: string;
}

export interface Fetched {
  url: string;
  /** The saved copy, `<out>/<api>/docs/<name>`. */
  file: string;
  api: string;
  /** Where the API id came from. */
  apiFrom: 'flag' | 'path' | 'host';
}

/**
 * Fetches every URL first (one that fails throws a one-line UserError and nothing is written), saves each answer
 * under `<out>/<api>/docs/`, then derives those APIs' docs folders whole, as a later `derive` would.
 */
export const deriveFromUrls = async (options: FromUrlOptions): Promise<DeriveResult & { fetched: Fetched[] }> => {
  const plans = options.from.map(planFetch);
  const texts = await Promise.all(plans.map((plan) => fetchPublished(plan, options)));
  const fetched = plans.map((plan, i): Fetched & { text: string } => {
    const api = options.api ?? plan.api.id;
    const file = path.join(options.out, api, 'docs', plan.fileName);
    return { url: plan.url.href, file, api, apiFrom: options.api ? 'flag' : plan.api.from, text: texts[i]! };
  });
  for (const f of fetched) {
    makeFolder(path.dirname(f.file));
    writeOutput(f.file, f.text);
  }
  const docs = [...new Set(fetched.map((f) => path.dirname(f.file)))].sort();
  const result = deriveSchemas({ inputs: docs, out: options.out });
  return { ...result, fetched: fetched.map(({ text: _text, ...f }) => f) };
};
