// Rules: the session's active rules with how often each fired; a form adds one, the admin API's messages at their field.
import { html, useEffect, useState } from 'preact';
import { admin, fieldErrors } from './api.js';
import { Alert, Section } from './section.js';

const FAULTS = ['reset', 'timeout', 'malformed'];
const EMPTY = { operation: '*', status: '', errorCode: '', message: '', delayMs: '', fault: '', times: '' };

/** The form's fields as the rule the admin API takes; numbers stay text when not numbers, so it says why. */
const ruleOf = (form, apis) => {
  const num = (v) => (v === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v);
  const [apiId, operation] = form.operation.includes('/') ? form.operation.split('/') : [undefined, form.operation];
  const responseStatus =
    form.errorCode || form.message
      ? { ...(form.errorCode ? { errorCode: form.errorCode } : {}), ...(form.message ? { message: form.message } : {}) }
      : undefined;
  const rule = {
    operation,
    api: apis.length > 1 ? apiId : undefined,
    status: num(form.status),
    responseStatus,
    delayMs: num(form.delayMs),
    fault: form.fault || undefined,
    times: num(form.times),
  };
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
};

/** A field's problems, from the rule's paths (`rule.responseStatus.errorCode` belongs to "Error code"). */
const FIELD_OF_PATH = {
  'responseStatus.errorCode': 'errorCode',
  'responseStatus.message': 'message',
  responseStatus: 'errorCode',
  api: 'operation',
};

const Field = ({ id, label, errors, children }) =>
  html`<div class="field">
    <label for=${`rule-${id}`}>${label}</label>
    ${children}
    <${Alert} messages=${errors[id]} id=${`rule-${id}-error`} />
  </div>`;

const describeRule = (r) =>
  [
    r.api ? `${r.api}/${r.operation}` : r.operation,
    r.status && `status ${r.status}`,
    r.responseStatus?.errorCode,
    r.responseStatus?.message && `“${r.responseStatus.message}”`,
    r.delayMs && `delay ${r.delayMs} ms`,
    r.fault && `fault ${r.fault}`,
    r.times && `times ${r.times}`,
  ]
    .filter(Boolean)
    .join(' · ');

export const Rules = ({ session, apis, version, changed }) => {
  const [rules, setRules] = useState([]);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  useEffect(() => {
    admin(session, 'GET', '/rules').then((r) => setRules(r.rules));
  }, [session, version]);
  const set = (key) => (e) => setForm({ ...form, [key]: e.target.value });
  const submit = (e) => {
    e.preventDefault();
    setErrors({});
    admin(session, 'POST', '/rules', ruleOf(form, apis)).then(
      () => {
        setForm(EMPTY);
        changed();
      },
      (err) => {
        const byPath = fieldErrors(err, 'rule.');
        const byField = {};
        for (const [path, msgs] of Object.entries(byPath)) {
          const field = FIELD_OF_PATH[path] ?? (path in EMPTY ? path : '');
          (byField[field] ??= []).push(...msgs.map((m) => (field === path ? m : `${path || 'rule'}: ${m}`)));
        }
        setErrors(byField);
      },
    );
  };
  const remove = (id) => admin(session, 'DELETE', `/rules/${encodeURIComponent(id)}`).then(changed);
  const invalid = (id) => (errors[id] ? { 'aria-invalid': 'true', 'aria-describedby': `rule-${id}-error` } : {});
  const operations = apis.flatMap((a) =>
    a.operations.map((o) => ({
      value: apis.length > 1 ? `${a.id}/${o.name}` : o.name,
      label: apis.length > 1 ? `${a.id} · ${o.name}` : o.name,
    })),
  );
  return html`<${Section} name="Rules">
    ${
      rules.length
        ? html`<table>
            <caption>
              Active rules, in firing order
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Fired</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${rules.map(
                (r) =>
                  html`<tr>
                    <td>${describeRule(r)}${r.description ? html`<div class="meta">${r.description}</div>` : null}</td>
                    <td>${r.fired}</td>
                    <td>
                      <button
                        type="button"
                        aria-label=${`Delete rule ${describeRule(r)}`}
                        onClick=${() => remove(r.id)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>No active rules.</p>`
    }
    <form class="rule-form" onSubmit=${submit} aria-label="Add a rule" novalidate>
      <h3>Add a rule</h3>
      <${Field} id="operation" label="Operation" errors=${errors}>
        <select id="rule-operation" value=${form.operation} onChange=${set('operation')} ...${invalid('operation')}>
          <option value="*">* (every operation)</option>
          ${operations.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
        </select>
      <//>
      <${Field} id="status" label="Status" errors=${errors}>
        <input
          id="rule-status"
          inputmode="numeric"
          value=${form.status}
          onInput=${set('status')}
          placeholder="503"
          ...${invalid('status')}
        />
      <//>
      <${Field} id="errorCode" label="Error code" errors=${errors}>
        <input id="rule-errorCode" value=${form.errorCode} onInput=${set('errorCode')} ...${invalid('errorCode')} />
      <//>
      <${Field} id="message" label="Message" errors=${errors}>
        <input id="rule-message" value=${form.message} onInput=${set('message')} ...${invalid('message')} />
      <//>
      <${Field} id="delayMs" label="Delay (ms)" errors=${errors}>
        <input
          id="rule-delayMs"
          inputmode="numeric"
          value=${form.delayMs}
          onInput=${set('delayMs')}
          ...${invalid('delayMs')}
        />
      <//>
      <${Field} id="fault" label="Fault" errors=${errors}>
        <select id="rule-fault" value=${form.fault} onChange=${set('fault')} ...${invalid('fault')}>
          <option value="">none</option>
          ${FAULTS.map((f) => html`<option value=${f}>${f}</option>`)}
        </select>
      <//>
      <${Field} id="times" label="Times" errors=${errors}>
        <input
          id="rule-times"
          inputmode="numeric"
          value=${form.times}
          onInput=${set('times')}
          placeholder="unlimited"
          ...${invalid('times')}
        />
      <//>
      <${Alert} messages=${errors['']} />
      <button type="submit">Add rule</button>
    </form>
  <//>`;
};
