// The QA dashboard: a session picker, then one section per concern, each working on the chosen session.
import { html, render, useCallback, useEffect, useState } from 'preact';
import { admin } from './api.js';
import { Operations } from './operations.js';
import { Requests } from './requests.js';
import { Rules } from './rules.js';
import { Scenarios } from './scenarios.js';
import { State } from './state.js';

const SECTIONS = ['Scenarios', 'Rules', 'Requests', 'State', 'Operations'];

const SessionPicker = ({ session, onChange }) => {
  const [sessions, setSessions] = useState([]);
  const load = useCallback(() => admin(session, 'GET', '/sessions').then((r) => setSessions(r.sessions)), [session]);
  useEffect(() => {
    load().catch(() => {});
  }, [load]);
  const ids = sessions.map((s) => s.id);
  if (!ids.includes(session)) ids.push(session);
  return html`<form class="session" onSubmit=${(e) => e.preventDefault()}>
    <label for="session">Session</label>
    <select id="session" value=${session} onChange=${(e) => onChange(e.target.value)} onFocus=${load}>
      ${ids.map((id) => html`<option value=${id}>${id}</option>`)}
    </select>
    <button type="button" onClick=${load}>Refresh sessions</button>
  </form>`;
};

const App = () => {
  const [session, setSession] = useState(new URLSearchParams(location.search).get('session') ?? 'default');
  const [apis, setApis] = useState([]);
  const [health, setHealth] = useState(null);
  // Bumped after anything that changes a session's rules or state, so the sections showing them reload.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    admin(session, 'GET', '/operations').then((r) => setApis(r.apis));
  }, []);
  useEffect(() => {
    admin(session, 'GET', '/health').then(setHealth);
  }, [session, version]);
  const props = { session, apis, version, changed };
  return html`
    <header>
      <h1>ssmock · QA dashboard</h1>
      <${SessionPicker} session=${session} onChange=${setSession} />
      <p class="scenario">Scenario: <strong>${health?.scenario ?? '(none)'}</strong></p>
      <nav aria-label="Sections">
        <ul>
          ${SECTIONS.map((s) => html`<li><a href=${`#${s.toLowerCase()}`}>${s}</a></li>`)}
        </ul>
      </nav>
    </header>
    <main>
      <${Scenarios} ...${props} active=${health?.scenario} />
      <${Rules} ...${props} />
      <${Requests} ...${props} />
      <${State} ...${props} />
      <${Operations} ...${props} />
    </main>
  `;
};

render(html`<${App} />`, document.getElementById('app'));
