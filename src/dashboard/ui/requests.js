// Requests: the session's journal, newest first, polled twice a second; a row opens the bound DTO and the answer.
import { html, useEffect, useRef, useState } from 'preact';
import { admin, json } from './api.js';
import { Section, Status } from './section.js';

const POLL_MS = 500;
const STATUS_FILTERS = [
  ['', 'any'],
  ['2', '2xx'],
  ['4', '4xx'],
  ['5', '5xx'],
  ['0', 'no answer'],
];

const matches = (entry, operation, status) =>
  (!operation || entry.operation === operation) && (!status || String(entry.status)[0] === status);

const timeOf = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour12: false }) + `.${iso.slice(20, 23)}`;

export const Requests = ({ session, apis }) => {
  const [entries, setEntries] = useState([]);
  const [operation, setOperation] = useState('');
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState(null);
  const last = useRef('');
  useEffect(() => {
    let stopped = false;
    last.current = '';
    const poll = () =>
      admin(session, 'GET', '/requests?limit=200')
        .then((r) => {
          // Only a changed journal re-renders, so a row being read keeps its place and focus.
          const key = `${r.requests.length}|${r.requests.at(-1)?.time ?? ''}`;
          if (!stopped && key !== last.current) {
            last.current = key;
            setEntries(r.requests.map((e, i) => ({ ...e, key: `${e.time}#${i}` })).reverse());
          }
        })
        .catch(() => {});
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [session]);
  const clear = () => admin(session, 'DELETE', '/requests').then(() => setOpen(null));
  const names = [
    ...new Set([
      ...apis.flatMap((a) => a.operations.map((o) => o.name)),
      ...entries.map((e) => e.operation).filter(Boolean),
    ]),
  ];
  const shown = entries.filter((e) => matches(e, operation, status));
  const opened = entries.find((e) => e.key === open);
  return html`<${Section} name="Requests">
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label for="requests-operation">Operation filter</label>
      <select id="requests-operation" value=${operation} onChange=${(e) => setOperation(e.target.value)}>
        <option value="">any</option>
        ${names.map((n) => html`<option value=${n}>${n}</option>`)}
      </select>
      <label for="requests-status">Status filter</label>
      <select id="requests-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
        ${STATUS_FILTERS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
      </select>
      <button type="button" onClick=${clear}>Clear</button>
      <span class="meta" aria-live="polite">${shown.length} of ${entries.length} calls</span>
    </form>
    <div class="scroll">
      <table class="journal">
        <caption class="sr-only">
          Request journal, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Operation</th>
            <th scope="col">Method</th>
            <th scope="col">Path</th>
            <th scope="col">Status</th>
            <th scope="col">ms</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (e) =>
              html`<tr key=${e.key} class=${e.key === open ? 'selected' : ''}>
                <td>${timeOf(e.time)}</td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-expanded=${e.key === open}
                    onClick=${() => setOpen(e.key === open ? null : e.key)}
                  >
                    ${e.operation ?? '(no operation)'}${e.batchIndex !== undefined ? ` [${e.batchIndex}]` : ''}
                  </button>
                </td>
                <td>${e.method}</td>
                <td class="path">${e.path}</td>
                <td><${Status} status=${e.status} /></td>
                <td>${e.durationMs}</td>
                <td>
                  ${
                    e.problems.length
                      ? html`<ul class="problems">
                          ${e.problems.map((p) => html`<li>${p}</li>`)}
                        </ul>`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      opened
        ? html`<div class="details" aria-label="Call details" role="region">
            <h3>${opened.method} ${opened.path}</h3>
            <div class="pair">
              <div>
                <h4 id="call-request">Request DTO</h4>
                <pre aria-labelledby="call-request">${opened.request ? json(opened.request) : '(not bound)'}</pre>
              </div>
              <div>
                <h4>Answer <${Status} status=${opened.status} /></h4>
                <pre aria-label="Answer">
${opened.response === undefined ? '(no body kept)' : json(opened.response)}</pre>
              </div>
            </div>
          </div>`
        : null
    }
  <//>`;
};
