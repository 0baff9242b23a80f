/**
 * StoreState → the bytes of db.json (layout in file-format.ts), as a list of
 * buffers for one `writev`: each chunk of records contributes its cached
 * text, so a commit re-serialises only what changed since the last one.
 *
 * Rebuilding stale chunks can take long after a start-up or a bulk load
 * (JSON.stringify of 100k records ≈ 200 ms), so `refreshChunks` does it in
 * slices and yields to the event loop between them; `render` then only
 * stitches buffers together, in one synchronous pass, so the file is a
 * consistent picture of one moment.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Collection, type Chunk } from './collections.js';
import { encodeTenant, FORMAT_VERSION } from './file-format.js';
import { resourceKey, type StoreState } from './state.js';

/** Records sit at depth 6 (root → sessions → session → api → resource → tenant → record). */
const RECORD_INDENT = ' '.repeat(12);

function chunkText(chunk: Chunk): Buffer {
  if (chunk.text) return chunk.text;
  const lines: string[] = [];
  for (const { entity } of chunk.slots.values()) lines.push(RECORD_INDENT + JSON.stringify(entity));
  chunk.text = Buffer.from(lines.join(',\n'));
  return chunk.text;
}

/** Rebuilds stale chunk text, yielding to the event loop every `sliceMs`. */
export async function refreshChunks(state: StoreState, sliceMs = 8): Promise<void> {
  let sliceStart = performance.now();
  // A copy: chunks dirtied while we yield are left to render(), so this loop always ends.
  for (const chunk of [...state.dirty]) {
    chunkText(chunk);
    state.dirty.delete(chunk);
    if (performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

class Output {
  readonly buffers: Buffer[] = [];
  bytes = 0;
  #text = '';

  text(text: string): void {
    this.#text += text;
  }

  buffer(buffer: Buffer): void {
    this.#flushText();
    this.buffers.push(buffer);
    this.bytes += buffer.length;
  }

  done(): { buffers: Buffer[]; bytes: number } {
    this.#flushText();
    return { buffers: this.buffers, bytes: this.bytes };
  }

  #flushText(): void {
    if (this.#text === '') return;
    const buffer = Buffer.from(this.#text);
    this.#text = '';
    this.buffers.push(buffer);
    this.bytes += buffer.length;
  }
}

type Node = Collection | Map<string, Node>;

const hasRecords = (node: Node): boolean =>
  node instanceof Collection ? node.size > 0 : [...node.values()].some(hasRecords);

function writeNode(out: Output, node: Map<string, Node>, depth: number): void {
  const children = [...node].filter(([, child]) => hasRecords(child));
  if (children.length === 0) return out.text('{}');
  const pad = ' '.repeat(depth + 2);
  out.text('{');
  children.forEach(([key, child], index) => {
    const name = child instanceof Collection ? encodeTenant(key) : key;
    out.text(`${index === 0 ? '' : ','}\n${pad}${JSON.stringify(name)}: `);
    if (child instanceof Collection) writeRecords(out, child, depth + 2);
    else writeNode(out, child, depth + 2);
  });
  out.text(`\n${' '.repeat(depth)}}`);
}

function writeRecords(out: Output, collection: Collection, depth: number): void {
  out.text('[');
  let first = true;
  for (const chunk of collection.chunks()) {
    out.text(first ? '\n' : ',\n');
    out.buffer(chunkText(chunk));
    first = false;
  }
  out.text(`\n${' '.repeat(depth)}]`);
}

/** `"stringIds"`: one line per session that drew any, `{"api/Resource":{"<tenant>":n}}`; left out when none did. */
function writeStringIds(out: Output, state: StoreState): void {
  let first = true;
  for (const [session, apis] of state.sessions) {
    let counts: Record<string, Record<string, number>> | undefined;
    for (const [api, resources] of apis) {
      for (const [resource, tenants] of resources) {
        for (const [tenant, collection] of tenants) {
          if (collection.drawn === 0) continue;
          counts ??= {};
          (counts[resourceKey(api, resource)] ??= {})[encodeTenant(tenant)] = collection.drawn;
        }
      }
    }
    if (!counts) continue;
    out.text(`${first ? '\n  "stringIds": {' : ','}\n    ${JSON.stringify(session)}: ${JSON.stringify(counts)}`);
    first = false;
  }
  if (!first) out.text('\n  },');
}

/** The whole file, synchronously. Cheap once `refreshChunks` has run: it copies no record text. */
export function render(state: StoreState): { buffers: Buffer[]; bytes: number } {
  const out = new Output();
  out.text(`{\n  "version": ${FORMAT_VERSION},\n  "resources": {`);
  let first = true;
  for (const [key, meta] of state.resources) {
    out.text(`${first ? '' : ','}\n    ${JSON.stringify(key)}: ${JSON.stringify(meta)}`);
    first = false;
  }
  out.text(first ? '},' : '\n  },');
  writeStringIds(out, state);
  out.text('\n  "sessions": ');
  writeNode(out, state.sessions, 2);
  out.text('\n}\n');
  state.dirty.clear();
  return out.done();
}
