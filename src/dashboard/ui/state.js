// State: the session's records per API, resource and tenant; one record viewed, edited (checked by the server
// against its DTO schema) or deleted; the whole state exported or imported as JSON.
import { html, useEffect, useState } from 'preact';
import { admin, json } from './api.js';
import { Alert, Section } from './section.js';

const TENANT = '$tenant';
const MAX_COLUMNS = 6;

/** Records grouped as the page lists them: API, resource, tenant. */
const collections = (snapshot) =>
  Object.entries(snapshot).flatMap(([api, byType]) =>
    Object.entries(byType).flatMap(([resource, records]) => {
      const byTenant = new Map();
      for (const r of records) {
        const t = r[TENANT] ?? '';
        if (!byTenant.has(t)) byTenant.set(t, []);
        byTenant.get(t).push(r);
      }
      return [...byTenant].map(([tenant, list]) => ({ api, resource, tenant, records: list }));
    }),
  );

const cell = (v) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

const recordPath = (c, id) =>
  `/state/${encodeURIComponent(c.api)}/${encodeURIComponent(c.resource)}/${encodeURIComponent(id)}` +
  (c.tenant ? `?tenant=${encodeURIComponent(c.tenant)}` : '');

const Editor = ({ session, target, onDone }) => {
  const [text, setText] = useState(null);
  const [problems, setProblems] = useState([]);
  const path = recordPath(target.collection, target.id);
  useEffect(() => {
    admin(session, 'GET', path).then(
      (r) => setText(json(r)),
      (e) => setProblems([e.message]),
    );
  }, [path]);
  const save = (e) => {
    e.preventDefault();
    let value;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return setProblems([`Not valid JSON: ${err.message}`]);
    }
    setProblems([]);
    admin(session, 'PUT', path, value).then(
      () => onDone(`Saved ${target.collection.resource} ${target.id}`),
      (err) => {
        const errs = err.responseStatus.errors ?? [];
        setProblems(errs.length ? errs.map((x) => `${x.fieldName}: ${x.message}`) : [err.message]);
      },
    );
  };
  return html`<form class="editor" onSubmit=${save} aria-label=${`Edit ${target.collection.resource} ${target.id}`}>
    <h3>${target.collection.api} · ${target.collection.resource} ${target.id}</h3>
    <label for="record-json">Record JSON</label>
    <textarea
      id="record-json"
      rows="16"
      value=${text ?? ''}
      onInput=${(e) => setText(e.target.value)}
      aria-describedby="record-problems"
      disabled=${text === null}
    ></textarea>
    <${Alert} messages=${problems} id="record-problems" />
    <button type="submit">Save record</button>
    <button type="button" onClick=${() => onDone('')}>Close</button>
  </form>`;
};

export const State = ({ session, apis, version, changed }) => {
  const [snapshot, setSnapshot] = useState({});
  const [target, setTarget] = useState(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState([]);
  useEffect(() => {
    admin(session, 'GET', '/state').then(setSnapshot);
  }, [session, version]);
  const idOf = (c) => apis.find((a) => a.id === c.api)?.resources[c.resource]?.idProperty ?? 'id';
  const remove = (c, id) =>
    admin(session, 'DELETE', recordPath(c, id)).then(() => {
      setNote(`Deleted ${c.resource} ${id}`);
      changed();
    });
  const exportState = () => {
    const url = URL.createObjectURL(new Blob([json(snapshot)], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: `ssmock-state-${session}.json` });
    a.click();
    URL.revokeObjectURL(url);
  };
  const importState = async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    setProblems([]);
    let value;
    try {
      value = JSON.parse(await file.text());
    } catch (err) {
      return setProblems([`${file.name} is not valid JSON: ${err.message}`]);
    }
    admin(session, 'PUT', '/state', value).then(
      () => {
        setNote(`Imported ${file.name}`);
        changed();
      },
      (err) => {
        const errs = err.responseStatus.errors ?? [];
        setProblems(errs.length ? errs.map((x) => `${x.fieldName}: ${x.message}`) : [err.message]);
      },
    );
    e.target.value = '';
  };
  const groups = collections(snapshot);
  return html`<${Section} name="State">
    <form class="toolbar" onSubmit=${(e) => e.preventDefault()}>
      <button type="button" onClick=${exportState}>Export state</button>
      <label for="state-import">Import state (JSON file)</label>
      <input id="state-import" type="file" accept="application/json,.json" onChange=${importState} />
      <span role="status" class="done">${note}</span>
    </form>
    <${Alert} messages=${problems} />
    ${
      target
        ? html`<${Editor}
            session=${session}
            target=${target}
            onDone=${(msg) => {
              setTarget(null);
              setNote(msg);
              if (msg) changed();
            }}
          />`
        : null
    }
    ${groups.length ? null : html`<p>No records in this session.</p>`}
    ${groups.map((c) => {
      const idProperty = idOf(c);
      const columns = [...new Set(c.records.flatMap((r) => Object.keys(r)))].filter((k) => k !== TENANT);
      const shown = [idProperty, ...columns.filter((k) => k !== idProperty)].slice(0, MAX_COLUMNS);
      const title = `${c.api} · ${c.resource}${c.tenant ? ` · tenant ${c.tenant}` : ''}`;
      return html`<div class="collection">
        <h3>${title} <span class="meta">(${c.records.length})</span></h3>
        <div class="scroll">
          <table>
            <caption class="sr-only">
              ${title}
            </caption>
            <thead>
              <tr>
                ${shown.map((k) => html`<th scope="col">${k}</th>`)}
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${c.records.map((r) => {
                const id = r[idProperty];
                return html`<tr>
                  ${shown.map((k) => html`<td>${cell(r[k])}</td>`)}
                  <td class="actions">
                    <button
                      type="button"
                      aria-label=${`Edit ${c.resource} ${id}`}
                      onClick=${() => setTarget({ collection: c, id: String(id) })}
                    >
                      Edit
                    </button>
                    <button type="button" aria-label=${`Delete ${c.resource} ${id}`} onClick=${() => remove(c, id)}>
                      Delete
                    </button>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </div>`;
    })}
  <//>`;
};
