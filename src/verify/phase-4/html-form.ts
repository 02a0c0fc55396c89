import { parse, type HTMLElement } from 'node-html-parser';

/** One `<form>` of a page, as a browser would submit it without the user changing anything. */
export interface HtmlForm {
  /** Absolute: the form's `action` resolved against the page (the page itself when there is none). */
  readonly action: string;
  readonly method: 'GET' | 'POST';
  /** Every successful control's name and value, in document order (the first named submit button included). */
  readonly fields: readonly (readonly [string, string])[];
  /** The names of its password inputs: a login form has one, a consent or account-picker form none. */
  readonly passwordFields: readonly string[];
}

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

const NOT_SUBMITTED = new Set(['submit', 'button', 'image', 'reset', 'file']);
const USERNAME_NAMES = /^(login|username|user|email|user_?name|identifier)$/i;

function controlValues(form: HTMLElement): { fields: [string, string][]; passwordFields: string[] } {
  const fields: [string, string][] = [];
  const passwordFields: string[] = [];
  let submitter: [string, string] | undefined;
  for (const control of form.querySelectorAll('input, textarea, select, button')) {
    const name = control.getAttribute('name');
    const tag = control.tagName.toLowerCase();
    const type = (control.getAttribute('type') ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
    if (control.hasAttribute('disabled')) continue;
    if (type === 'password' && name) passwordFields.push(name);
    if (tag === 'button' || (tag === 'input' && NOT_SUBMITTED.has(type))) {
      if (type === 'submit' && name && !submitter) submitter = [name, control.getAttribute('value') ?? ''];
      continue;
    }
    if (!name) continue;
    if (tag === 'textarea') fields.push([name, control.text]);
    else if (tag === 'select') {
      const option = control.querySelector('option[selected]') ?? control.querySelector('option');
      if (option) fields.push([name, option.getAttribute('value') ?? option.text.trim()]);
    } else if (type === 'checkbox' || type === 'radio') {
      if (control.hasAttribute('checked')) fields.push([name, control.getAttribute('value') ?? 'on']);
    } else fields.push([name, control.getAttribute('value') ?? '']);
  }
  if (submitter) fields.push(submitter);
  return { fields, passwordFields };
}

/**
 * The forms of an HTML page (node-html-parser, which tolerates the markup real login pages have), each with its
 * absolute action, its method and the values a plain submit would send: hidden inputs (CSRF tokens, the
 * interaction's state), checked boxes, selected options, the first named submit button.
 */
export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const root = parse(html);
  const base = root.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = base ? new URL(base, pageUrl).href : pageUrl;
  return root.querySelectorAll('form').map((form) => {
    const method = (form.getAttribute('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const action = form.getAttribute('action');
    return { action: new URL(action ? action : pageUrl, baseUrl).href, method, ...controlValues(form) };
  });
}

/** The form's fields with the credentials in: inputs named login/username/email get the username, passwords the password. */
export function fillForm(form: HtmlForm, credentials: Credentials): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of form.fields) {
    if (form.passwordFields.includes(name)) body.append(name, credentials.password);
    else if (USERNAME_NAMES.test(name)) body.append(name, credentials.username);
    else body.append(name, value);
  }
  return body;
}
