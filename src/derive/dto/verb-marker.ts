/**
 * The verb a generator prints as a method (`getMethod()` in PHP and JavaScript, `get_method()` in
 * Ruby), read back as the `IVerb` marker C# declares. ServiceStack's clients pick that verb as
 * ServiceClientUtils.GetHttpMethod does (an IVerb marker, else a single route's verb, else the
 * AutoQuery CRUD verb); build-api.ts picks the operation's primary verb in the same order, so the
 * marker says what the method said.
 */
import type { TypeDef } from '../model.js';

const MARKERS: Record<string, string> = {
  GET: 'IGet',
  POST: 'IPost',
  PUT: 'IPut',
  DELETE: 'IDelete',
  PATCH: 'IPatch',
};

/** Adds `IGet`/`IPost`/… for `verb` unless the type already implements a verb marker. */
export function addVerbMarker(def: TypeDef, verb: string | undefined): void {
  const marker = verb ? MARKERS[verb.toUpperCase()] : undefined;
  if (!marker) return;
  const markers = Object.values(MARKERS);
  if (def.implements?.some((i) => markers.includes(i.name))) return;
  (def.implements ??= []).push({ name: marker });
}
