/**
 * The validate step's verdict on a bound request DTO, enforcing what ServiceStack enforces:
 *
 * - a value of the wrong type fails binding (SerializationException), before any validator runs;
 * - the declarative validators (`x-validate`) fail as FluentValidation fails them (validators.ts);
 * - `required` alone is documentation (`[Required]`, `[ApiMember(IsRequired=true)]`, a parameter table's
 *   "Required" column, `[ValidateNotEmpty]`'s metadata flag): ServiceStack never rejects a missing value for it,
 *   so the journal notes it and only `--strict` rejects it. A variable that every route of the operation
 *   carries stays required (ssmock's long-standing answer on predefined routes, README "Declarative validators");
 * - other keywords of hand-written schemas (`enum`, `format`, …) are answered as before (to-field-errors.ts).
 */
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../errors.js';
import type { JsonSchema } from './json-schema.js';
import { fieldPath, isTypeError, meaningfulErrors, toFieldError, valueAt } from './to-field-errors.js';
import { declaredFailures, declaresAt, type Resolve } from './validators.js';

/** Standard keywords derive writes beside `x-validate`: the declared rule answers in their place. */
const WRITTEN_FOR_RULES: ReadonlySet<string> = new Set([
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
]);

export interface RequestCheck {
  schema: JsonSchema;
  dto: Record<string, unknown>;
  /** ajv's errors for the DTO (null when it passed). */
  ajvErrors: ErrorObject[] | null | undefined;
  resolve: Resolve;
  strict: boolean;
  /** The operation's route paths (`/customers/{Id}`). */
  routes: string[];
  /** PATCH of an `IPatchDb` operation (ServiceStack skips the rules of properties left at their default). */
  patch: boolean;
}

export interface RequestVerdict {
  /** What the 400 carries, the first failure first; empty when the request passes. */
  errors: FieldError[];
  /** The errors are binding failures (SerializationException), not validation. */
  unbindable: boolean;
  /** What the journal notes (`call.problems`). */
  notes: string[];
}

/** Variables every route of the operation carries. */
const routeVariables = (routes: string[]): Set<string> => {
  const [first, ...rest] = routes.map(
    (path) => new Set([...path.matchAll(/\{([^}*:?]+)/g)].map((m) => (m[1] ?? '').toLowerCase())),
  );
  return new Set([...(first ?? [])].filter((v) => rest.every((vars) => vars.has(v))));
};

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const note = (e: FieldError): string => `${e.fieldName}: ${e.message}`;

export const checkRequest = (input: RequestCheck): RequestVerdict => {
  const { schema, dto, resolve } = input;
  const found = meaningfulErrors(input.ajvErrors ?? []);
  if (found.some(isTypeError)) {
    // ServiceStack stops at binding: no rule runs on a DTO it could not build.
    const errors = found.filter(isTypeError).map((e) => toFieldError(e, valueAt(dto, e.instancePath)));
    return { errors, unbindable: true, notes: errors.map(note) };
  }
  const notes: string[] = [];
  const enforced: FieldError[] = [];
  let variables: Set<string> | undefined;
  for (const e of found) {
    if (e.keyword === 'required') {
      const missing = String(e.params['missingProperty']);
      if (declaresAt(schema, `${e.instancePath}/${escapePointer(missing)}`, resolve)) continue;
      variables ??= routeVariables(input.routes);
      const routeVariable = e.instancePath === '' && variables.has(missing.toLowerCase());
      if (!routeVariable && !input.strict) {
        notes.push(
          `${fieldPath(e.instancePath, missing)}: missing, documented as required (not enforced; --strict rejects it)`,
        );
        continue;
      }
    } else if (WRITTEN_FOR_RULES.has(e.keyword) && declaresAt(schema, e.instancePath, resolve)) continue;
    enforced.push(toFieldError(e, valueAt(dto, e.instancePath)));
  }
  const errors = [...enforced, ...declaredFailures(schema, dto, resolve, { skipDefaults: input.patch })];
  return { errors, unbindable: false, notes: [...notes, ...errors.map(note)] };
};
