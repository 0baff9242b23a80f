// Scenarios: each one's description, data counts and rules; "Activate" one, or "Reset" to the start-up one.
import { html, useEffect, useState } from 'preact';
import { admin } from './api.js';
import { Alert, Section } from './section.js';

const counts = (byApi) =>
  Object.entries(byApi).flatMap(([api, byType]) => Object.entries(byType).map(([type, n]) => `${api}.${type}: ${n}`));

const ruleText = (r) =>
  [
    r.operation,
    r.status && `→ ${r.status}`,
    r.fault && `fault ${r.fault}`,
    r.delayMs && `delay ${r.delayMs} ms`,
    r.times && `×${r.times}`,
  ]
    .filter(Boolean)
    .join(' ');

export const Scenarios = ({ session, active, changed, version }) => {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    admin(session, 'GET', '/scenarios').then((r) => setList(r.scenarios), setError);
  }, [session, version]);
  const act = (what, path) => {
    setError(null);
    setDone('');
    admin(session, 'POST', path).then(() => {
      setDone(what);
      changed();
    }, setError);
  };
  return html`<${Section} name="Scenarios">
    <p>
      <button type="button" onClick=${() => act('Reset to the start-up scenario', '/reset')}>Reset</button>
      <span role="status" class="done">${done}</span>
    </p>
    <${Alert} messages=${error && [error.message]} />
    ${
      list === null
        ? html`<p>Loading…</p>`
        : html`<ul class="cards">
            ${list.map(
              (s) =>
                html`<li
                  class=${s.name === active ? 'card active' : 'card'}
                  aria-current=${s.name === active ? 'true' : undefined}
                >
                  <h3>${s.name} ${s.name === active ? html`<span class="badge">active</span>` : null}</h3>
                  <p>${s.description}</p>
                  ${s.problem ? html`<p class="alert">${s.problem}</p>` : null}
                  <p class="meta">Data: ${counts(s.counts).join(', ') || 'none'}</p>
                  ${
                    s.rules.length
                      ? html`<details>
                          <summary>${s.rules.length} rule${s.rules.length === 1 ? '' : 's'}</summary>
                          <ul>
                            ${s.rules.map((r) => html`<li>${r.description ? `${r.description} ` : ''}<code>${ruleText(r)}</code></li>`)}
                          </ul>
                        </details>`
                      : html`<p class="meta">No rules</p>`
                  }
                  <button
                    type="button"
                    aria-label=${`Activate ${s.name}`}
                    onClick=${() => act(`Activated ${s.name}`, `/scenarios/${encodeURIComponent(s.name)}`)}
                  >
                    Activate
                  </button>
                </li>`,
            )}
          </ul>`
    }
  <//>`;
};
