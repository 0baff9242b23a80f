// Operations: each API's operations with routes, verbs, auth and roles; "Try it" builds a form from the
// request DTO's schema and sends it as a chosen user (signed in through the admin API), showing the answer.
import { html, useEffect, useState } from 'preact';
import { admin, callApi, json } from './api.js';
import { Alert, Section, Status } from './section.js';

const authText = (auth) => {
  if (!auth.required) return 'anonymous';
  const needs = [
    ...auth.roles.map((r) => `role ${r}`),
    ...(auth.anyRoles.length ? [`any of ${auth.anyRoles.join(', ')}`] : []),
    ...auth.permissions.map((p) => `permission ${p}`),
  ];
  return needs.length ? `signed in, ${needs.join(', ')}` : 'signed in';
};

/** A property's schema type, `$ref`s and nullable unions reduced to what an input can hold. */
const kindOf = (schema) => {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum) return 'enum';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'string') return 'string';
  return 'json';
};

/** The form's text as the request DTO: empty fields left out, numbers and JSON parsed. */
const dtoOf = (fields, values) => {
  const dto = {};
  const problems = [];
  for (const [name, kind] of fields) {
    const raw = values[name];
    if (raw === undefined || raw === '') continue;
    if (kind === 'boolean') dto[name] = raw === true;
    else if (kind === 'number') dto[name] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
    else if (kind === 'json') {
      try {
        dto[name] = JSON.parse(raw);
      } catch {
        problems.push(`${name}: not valid JSON`);
      }
    } else dto[name] = raw;
  }
  return { dto, problems };
};

const QUERY_VERBS = new Set(['GET', 'DELETE']);

const TryIt = ({ session, api, op, users }) => {
  const fields = Object.entries(op.requestSchema?.properties ?? {}).map(([name, s]) => [name, kindOf(s), s]);
  const [values, setValues] = useState({});
  const [user, setUser] = useState('');
  const [verb, setVerb] = useState(op.verb);
  const [answer, setAnswer] = useState(null);
  const [problems, setProblems] = useState([]);
  const prefix = `try-${api.id}-${op.name}`;
  const send = async (e) => {
    e.preventDefault();
    const { dto, problems: bad } = dtoOf(fields, values);
    setProblems(bad);
    if (bad.length) return;
    setAnswer({ pending: true });
    try {
      const token = user
        ? (await admin(session, 'POST', `/users/${encodeURIComponent(user)}/sign-in`)).bearerToken
        : undefined;
      let url = `${api.base}/api/${op.name}`;
      if (QUERY_VERBS.has(verb)) {
        const query = new URLSearchParams(
          Object.entries(dto).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
        );
        if ([...query].length) url += `?${query}`;
      }
      setAnswer(await callApi(session, { method: verb, url, token, body: QUERY_VERBS.has(verb) ? undefined : dto }));
    } catch (err) {
      setAnswer(null);
      setProblems([err.message]);
    }
  };
  return html`<form class="try" onSubmit=${send} aria-label=${`Try ${op.name}`}>
    <div class="field">
      <label for=${`${prefix}-user`}>Send as</label>
      <select id=${`${prefix}-user`} value=${user} onChange=${(e) => setUser(e.target.value)}>
        <option value="">anonymous</option>
        ${users.map((u) => html`<option value=${u.userName}>${u.userName}${u.roles.length ? ` (${u.roles.join(', ')})` : ''}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for=${`${prefix}-verb`}>Verb</label>
      <select id=${`${prefix}-verb`} value=${verb} onChange=${(e) => setVerb(e.target.value)}>
        ${['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((v) => html`<option value=${v}>${v}</option>`)}
      </select>
    </div>
    ${fields.map(([name, kind, schema]) => {
      const id = `${prefix}-${name}`;
      const set = (v) => setValues({ ...values, [name]: v });
      const required = op.requestSchema.required?.includes(name);
      const label = html`<label for=${id}
        >${name}${required ? ' *' : ''} <span class="meta">${schema['x-dotnet-type'] ?? kind}</span></label
      >`;
      if (kind === 'boolean')
        return html`<div class="field check">
          <input
            id=${id}
            type="checkbox"
            checked=${values[name] === true}
            onChange=${(e) => set(e.target.checked)}
          />${label}
        </div>`;
      if (kind === 'enum')
        return html`<div class="field">
          ${label}<select id=${id} value=${values[name] ?? ''} onChange=${(e) => set(e.target.value)}>
            <option value="">(none)</option>
            ${schema.enum.filter((v) => v !== null).map((v) => html`<option value=${v}>${v}</option>`)}
          </select>
        </div>`;
      if (kind === 'json')
        return html`<div class="field">
          ${label}<textarea
            id=${id}
            rows="3"
            placeholder="JSON"
            value=${values[name] ?? ''}
            onInput=${(e) => set(e.target.value)}
          ></textarea>
        </div>`;
      return html`<div class="field">
        ${label}<input
          id=${id}
          inputmode=${kind === 'number' ? 'numeric' : undefined}
          value=${values[name] ?? ''}
          onInput=${(e) => set(e.target.value)}
        />
      </div>`;
    })}
    <${Alert} messages=${problems} />
    <button type="submit">Send</button>
    <div class="answer" aria-live="polite" aria-label=${`Answer of ${op.name}`} role="region">
      ${answer?.pending ? html`<p>Sending…</p>` : null}
      ${
        answer && !answer.pending
          ? html`<p><${Status} status=${answer.status} /> ${answer.statusText} · ${answer.ms} ms</p>
              <pre>${typeof answer.body === 'string' ? answer.body : json(answer.body)}</pre>`
          : null
      }
    </div>
  </form>`;
};

export const Operations = ({ session, apis }) => {
  const [users, setUsers] = useState([]);
  const [open, setOpen] = useState(null);
  useEffect(() => {
    admin(session, 'GET', '/users').then((r) => setUsers(r.users));
  }, [session]);
  return html`<${Section} name="Operations">
    ${apis.map(
      (api) =>
        html`<div class="api">
          <h3>${api.id} <span class="meta">${api.base || '/'}</span></h3>
          <table>
            <caption class="sr-only">
              Operations of ${api.id}
            </caption>
            <thead>
              <tr>
                <th scope="col">Operation</th>
                <th scope="col">Routes</th>
                <th scope="col">Auth</th>
                <th scope="col"><span class="sr-only">Try it</span></th>
              </tr>
            </thead>
            <tbody>
              ${api.operations.map((op) => {
                const key = `${api.id}/${op.name}`;
                return html`<tr key=${key}>
                    <td>
                      <strong>${op.name}</strong>
                      <div class="meta">${op.request} → ${op.response ?? 'void'}</div>
                    </td>
                    <td>
                      ${op.routes.length ? op.routes.map((r) => html`<div><code>${r.verbs.join(',')} ${r.path}</code></div>`) : html`<code>${op.verb} /api/${op.name}</code>`}
                    </td>
                    <td>${authText(op.auth)}</td>
                    <td>
                      <button
                        type="button"
                        aria-expanded=${open === key}
                        aria-label=${`Try it: ${op.name}`}
                        onClick=${() => setOpen(open === key ? null : key)}
                      >
                        Try it
                      </button>
                    </td>
                  </tr>
                  ${
                    open === key
                      ? html`<tr class="try-row">
                          <td colspan="4"><${TryIt} session=${session} api=${api} op=${op} users=${users} /></td>
                        </tr>`
                      : null
                  }`;
              })}
            </tbody>
          </table>
        </div>`,
    )}
  <//>`;
};
