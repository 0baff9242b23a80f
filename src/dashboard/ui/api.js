// The admin API and the mocked APIs, as the page calls them: every call carries the chosen session.

export const ADMIN = '/__ssmock';

/** A failed call: its status and ServiceStack ResponseStatus (errors carry the field paths). */
export class CallError extends Error {
  constructor(status, responseStatus) {
    super(responseStatus?.message || `HTTP ${status}`);
    this.status = status;
    this.responseStatus = responseStatus ?? { errors: [] };
  }
}

const parse = (text) => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
};

/** Calls the admin API as `session`; resolves to the JSON answer, rejects with a CallError. */
export const admin = async (session, method, path, body) => {
  const headers = { Accept: 'application/json', 'X-Ssmock-Session': session };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(ADMIN + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = parse(await res.text());
  if (!res.ok) throw new CallError(res.status, data?.responseStatus);
  return data;
};

/** Calls an API as `session` (and a user's bearer token); always resolves, to what came back. */
export const callApi = async (session, { method, url, body, token }) => {
  const headers = { Accept: 'application/json', 'X-Ssmock-Session': session };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const started = performance.now();
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return {
    status: res.status,
    statusText: res.statusText,
    ms: Math.round(performance.now() - started),
    body: parse(text),
  };
};

/** The field errors of a failed admin call by path (`rule.status` → `status`), and the rest under ''. */
export const fieldErrors = (err, prefix = '') => {
  const out = {};
  for (const e of err?.responseStatus?.errors ?? []) {
    const key = e.fieldName.startsWith(prefix) ? e.fieldName.slice(prefix.length) : '';
    (out[key] ??= []).push(e.message);
  }
  if (!err?.responseStatus?.errors?.length) out[''] = [err?.message ?? String(err)];
  return out;
};

export const json = (value) => JSON.stringify(value, null, 2);
