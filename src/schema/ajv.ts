/**
 * The one way ssmock makes an ajv: draft 2020-12, strict mode, formats, and our
 * `x-*` annotations registered as a vocabulary. Strict mode makes ajv refuse a
 * keyword it does not know, so a typo in a schema (`"requred"`, `"x-nullabel"`)
 * fails at load instead of silently validating nothing.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { KeywordDefinition, Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { VALIDATE_META_SCHEMA } from './validator-rules.js';

// ajv-formats is CommonJS with a default export that NodeNext types as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, options: { mode: 'full' | 'fast' }) => Ajv2020;

const STRING = { type: 'string' };
const STRINGS = { type: 'array', items: STRING };
const ENUM_MEMBERS = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'value'],
    properties: { name: STRING, value: { type: 'integer' } },
    additionalProperties: false,
  },
};

/**
 * Annotations only: they never change what validates, and ajv checks each one's
 * value against its `metaSchema` when a schema is compiled.
 */
export const SSMOCK_VOCABULARY: KeywordDefinition[] = [
  // Written by derive into the DTO schemas (README, "The schemas").
  { keyword: 'x-dotnet-type', metaSchema: STRING }, // the .NET type (`decimal`, `long`, `TimeSpan`, `string?`)
  { keyword: 'x-inherits', metaSchema: STRING }, // the DTO's base class, for documentation
  { keyword: 'x-implements', metaSchema: STRINGS }, // its interfaces (`IReturn<T>`, `IGet`, …)
  { keyword: 'x-nullable', metaSchema: { type: 'boolean' } }, // a nullable value type (`int?`): XML writes it nil
  { keyword: 'x-xml-namespace', metaSchema: STRING }, // the DataContract namespace of the type
  { keyword: 'x-xml-order', metaSchema: STRINGS }, // DataMember order where it is not alphabetical
  { keyword: 'x-xml-name', metaSchema: STRING }, // a member's element name when not PascalCase ([DataMember(Name)])
  { keyword: 'x-member-name', metaSchema: STRING }, // the C# name of a member a [DataMember(Name)] alias renames
  { keyword: 'x-enum-members', metaSchema: ENUM_MEMBERS }, // an enum written as numbers ([Flags]), member by member
  { keyword: 'x-namespace', metaSchema: STRING }, // a CLR namespace the XML namespace is made from
  // declarative validators ([Validate("GreaterThan(0)")]): enforced by the pipeline, worded as FluentValidation
  { keyword: 'x-validate', metaSchema: VALIDATE_META_SCHEMA },
  // Hand-written meta schemas (schemas/meta/): the one-line message for an anyOf no branch matched.
  { keyword: 'x-message', metaSchema: STRING },
];

/**
 * `allErrors` (default true: every field error at once), `verbose`, and `formats`: 'full' (default) checks that a
 * date-time names a real instant, 'fast' only its shape — for checking our own answers, where the full check of a
 * list of dates would cost more than the rest of the request.
 */
export const createAjv = (
  options: Pick<Options, 'allErrors' | 'verbose'> & { formats?: 'full' | 'fast' } = {},
): Ajv2020 => {
  const { formats = 'full', ...rest } = options;
  const ajv = new Ajv2020({
    allErrors: true,
    ...rest,
    strict: true,
    // `"type": ["string", "integer"]` is plain JSON Schema; strict mode alone would refuse it.
    allowUnionTypes: true,
    validateFormats: true,
    // Checking each schema against the draft 2020-12 meta-schema first would compile that meta-schema in every
    // instance (30-50 ms of start-up per API). Strict compilation already refuses unknown keywords and values of
    // the wrong type; a schema that fails is checked against the meta-schema then, to say where (schema-faults.ts).
    validateSchema: false,
  });
  addFormats(ajv, { mode: formats });
  ajv.addVocabulary(SSMOCK_VOCABULARY);
  return ajv;
};
