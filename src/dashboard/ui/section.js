// A section is a landmark named by its heading; an Alert says what went wrong, next to where it happened.
import { html } from 'preact';

export const Section = ({ name, children }) => {
  const id = name.toLowerCase();
  return html`<section id=${id} aria-labelledby=${`${id}-heading`}>
    <h2 id=${`${id}-heading`}>${name}</h2>
    ${children}
  </section>`;
};

export const Alert = ({ messages, id }) =>
  messages?.length
    ? html`<ul class="alert" role="alert" id=${id}>
        ${messages.map((m) => html`<li>${m}</li>`)}
      </ul>`
    : null;

export const Status = ({ status }) => {
  const kind = status === 0 ? 'none' : `${String(status)[0]}xx`;
  return html`<span class=${`status s${kind}`}>${status === 0 ? 'no answer' : status}</span>`;
};
