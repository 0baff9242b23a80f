/**
 * ServiceStack's own metadata surface, answered per API before routing (README, "Metadata surface"):
 * `<base>/types/metadata`, `<base>/types`, `<base>/types/{lang}` (Add ServiceStack Reference), `<base>/metadata`,
 * `<base>/{json|xml|jsv}/metadata?op=` (an operation's page), and the landing page a browser sees at a base.
 */
import { errors } from '../errors.js';
import type { Faker } from '../faker/index.js';
import type { FormatName } from '../formats/index.js';
import type { Call } from '../http/call.js';
import type { Reply } from '../http/reply.js';
import type { ApiSchemas } from '../schema/registry.js';
import { buildMetadataTypes } from './metadata-types.js';
import { landingApis, landingPage, metadataIndexPage, typeLinks, wantsHtml } from './pages.js';
import { buildCSharpDtos } from './csharp-dtos.js';
import { buildCommonJsDtos } from './commonjs-dtos.js';
import { buildPhpDtos } from './php-dtos.js';
import { buildRubyDtos } from './ruby-dtos.js';
import { dtoOptions, type DtoOptions } from './dto-options.js';
import { buildDartDtos } from './dart-dtos.js';
import { buildFSharpDtos } from './fsharp-dtos.js';
import { buildGoDtos } from './go-dtos.js';
import { buildJavaDtos } from './java-dtos.js';
import { buildKotlinDtos } from './kotlin-dtos.js';
import { buildMjsDtos } from './mjs-dtos.js';
import { findOperation, operationPage, PAGE_LANGUAGES } from './operation-page.js';
import { buildPythonDtos } from './python-dtos.js';
import { buildRustDtos } from './rust-dtos.js';
import { buildSwiftDtos } from './swift-dtos.js';
import { buildTypeScriptDtos } from './typescript-dtos.js';
import { buildVbNetDtos } from './vbnet-dtos.js';
import { buildZigDtos } from './zig-dtos.js';

export { buildMetadataTypes } from './metadata-types.js';
export { landingApis, landingPage, wantsHtml } from './pages.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export const htmlReply = (typeName: string, body: string): Reply => ({
  status: 200,
  typeName,
  text: { contentType: HTML_TYPE, body },
});
const jsonReply = (typeName: string, value: unknown): Reply => ({
  status: 200,
  typeName,
  text: { contentType: JSON_TYPE, body: JSON.stringify(value, null, 2) },
});

type DtoBuilder = (api: ApiSchemas, baseUrl: string, options: DtoOptions) => string;
/** The generators served at `<base>/types/{lang}`, keyed as ServiceStack's routes name them. */
export const DTO_GENERATORS: Readonly<
  Record<string, { typeName: string; build: DtoBuilder; close: string; contentType?: string }>
> = {
  csharp: { typeName: 'CSharpDtos', build: buildCSharpDtos, close: '*/' },
  typescript: { typeName: 'TypeScriptDtos', build: (a, u, o) => buildTypeScriptDtos(a, u, o), close: '*/' },
  'typescript.d': {
    typeName: 'TypeScriptDefinitionDtos',
    build: (a, u, o) => buildTypeScriptDtos(a, u, o, new Date(), 'definitions'),
    close: '*/',
  },
  python: { typeName: 'PythonDtos', build: buildPythonDtos, close: '"""' },
  mjs: { typeName: 'MjsDtos', build: buildMjsDtos, close: '*/', contentType: 'text/javascript; charset=utf-8' },
  kotlin: { typeName: 'KotlinDtos', build: buildKotlinDtos, close: '*/' },
  java: { typeName: 'JavaDtos', build: buildJavaDtos, close: '*/' },
  swift: { typeName: 'SwiftDtos', build: buildSwiftDtos, close: '*/' },
  dart: { typeName: 'DartDtos', build: buildDartDtos, close: '*/' },
  // ServiceStack answers /types/php as text/javascript (NativeTypesService's [AddHeader]).
  php: { typeName: 'PhpDtos', build: buildPhpDtos, close: '*/', contentType: 'text/javascript; charset=utf-8' },
  ruby: { typeName: 'RubyDtos', build: buildRubyDtos, close: '=end' },
  js: {
    typeName: 'CommonJsDtos',
    build: buildCommonJsDtos,
    close: '*/',
    contentType: 'text/javascript; charset=utf-8',
  },
  go: { typeName: 'GoDtos', build: buildGoDtos, close: '*/' },
  rust: { typeName: 'RustDtos', build: buildRustDtos, close: '*/' },
  // Zig's header is one `///` doc-comment block, closed by a bare `///`.
  zig: { typeName: 'ZigDtos', build: buildZigDtos, close: '///' },
  fsharp: { typeName: 'FSharpDtos', build: buildFSharpDtos, close: '*)' },
  // VB.NET's header is `'` comments up to a blank line.
  vbnet: { typeName: 'VbNetDtos', build: buildVbNetDtos, close: '' },
};
const SERVED_LANGUAGES = Object.keys(DTO_GENERATORS);
const TYPES_PATH = /^\/types\/([^/]+)$/;
const PAGE_PATH = /^\/(json|xml|jsv)\/metadata$/;

const dtoReply = (api: ApiSchemas, baseUrl: string, lang: string, query: Call['query']): Reply => {
  const generator = DTO_GENERATORS[lang];
  if (!generator) throw errors.dtoLanguageUnknown(lang, SERVED_LANGUAGES);
  return {
    status: 200,
    typeName: generator.typeName,
    text: {
      contentType: generator.contentType ?? 'text/plain; charset=utf-8',
      body: generator.build(api, baseUrl, dtoOptions(query)),
    },
  };
};

/** A page's DTO source: the generator's output for the operation's types, without its Options header. */
const pageSource = (api: ApiSchemas, baseUrl: string, lang: string, op: string): string => {
  const generator = DTO_GENERATORS[lang];
  const label = PAGE_LANGUAGES.find(([k]) => k === lang)?.[1];
  if (!generator || !label)
    throw errors.dtoLanguageUnknown(
      lang,
      SERVED_LANGUAGES.filter((l) => l !== 'typescript.d'),
    );
  const text = generator.build(api, baseUrl, dtoOptions({ IncludeTypes: `${op}.*` }));
  return text.slice(text.indexOf(`\n${generator.close}\n`) + generator.close.length + 2).trim();
};

const pageReply = (
  call: Call,
  api: ApiSchemas,
  base: string,
  format: FormatName,
  fakerFor: ((api: string) => Faker) | undefined,
): Reply => {
  const baseUrl = baseUrlOf(call, base);
  const text = (k: string): string | undefined => (typeof call.query[k] === 'string' ? call.query[k] : undefined);
  const opName = text('op');
  if (!opName) return htmlReply('MetadataPage', metadataIndexPage(api, base));
  const op = findOperation(api, baseUrl, opName);
  if (!op) throw errors.metadataOperationUnknown(opName);
  const langKey = text('lang')?.toLowerCase();
  const lang = langKey
    ? {
        key: langKey,
        source: pageSource(api, baseUrl, langKey, op.request.name),
        label: PAGE_LANGUAGES.find(([k]) => k === langKey)?.[1] ?? langKey,
      }
    : undefined;
  return htmlReply(
    'OperationMetadataPage',
    operationPage({
      api,
      base,
      baseUrl,
      host: call.req.get('host') ?? 'localhost',
      format,
      op,
      ...(lang ? { lang } : {}),
      ...(fakerFor ? { faker: fakerFor(api.id) } : {}),
    }),
  );
};

/** The absolute base URL of an API as the caller reached it (`http://127.0.0.1:5050/billiecart`). */
const baseUrlOf = (call: Call, base: string): string =>
  `${call.req.protocol}://${call.req.get('host') ?? 'localhost'}${base}`;

/**
 * The metadata answer for a GET (or HEAD) of `call.path` under an API mounted at `base`, or undefined when the path
 * is not one of them. The documents are rebuilt per call: they are small and carry the caller's host.
 */
export const metadataReply = (
  call: Call,
  api: ApiSchemas,
  base: string,
  all: { apis: ApiSchemas[]; rootApi?: string; fakerFor?: (api: string) => Faker },
): Reply | undefined => {
  const { method } = call.req;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const path = call.path.toLowerCase().replace(/(.)\/$/, '$1');
  const page = PAGE_PATH.exec(path);
  if (page) return pageReply(call, api, base, page[1] as FormatName, all.fakerFor);
  const types = TYPES_PATH.exec(path);
  if (types && types[1] !== 'metadata') return dtoReply(api, baseUrlOf(call, base), types[1]!, call.query);
  switch (path) {
    case '/types/metadata':
      return jsonReply('MetadataTypes', buildMetadataTypes(api, baseUrlOf(call, base)));
    case '/types':
      return jsonReply('TypeLinks', typeLinks(baseUrlOf(call, base)));
    case '/metadata':
      return htmlReply('MetadataPage', metadataIndexPage(api, base));
    case '/':
      return wantsHtml(call.req.headers.accept)
        ? htmlReply('LandingPage', landingPage(landingApis(all.apis, all.rootApi), baseUrlOf(call, '')))
        : undefined;
    default:
      return undefined;
  }
};
