import { describe, expect, it } from 'vitest';
import { fillForm, parseForms } from './html-form.js';

const PAGE = 'http://auth.example/interaction/abc';

describe('parseForms', () => {
  it.each([
    [
      'a login form with a relative action and a hidden CSRF token',
      '<form method="post" action="/interaction/abc/login"><input type="hidden" name="csrf" value="t1"><input name="login"><input type="password" name="password"><button type="submit">Sign in</button></form>',
      { action: 'http://auth.example/interaction/abc/login', method: 'POST', fields: [['csrf', 't1'], ['login', ''], ['password', '']], passwordFields: ['password'] },
    ],
    [
      'a consent form whose named submit button is sent, no action (the page itself), unquoted attributes',
      '<FORM METHOD=POST><input type=hidden name=prompt value=consent><button name=decision value=allow>Allow</button><button name=decision value=deny>Deny</button></FORM>',
      { action: PAGE, method: 'POST', fields: [['prompt', 'consent'], ['decision', 'allow']], passwordFields: [] },
    ],
    [
      'checked and unchecked boxes, a select, a textarea, disabled and unnamed inputs, a GET form',
      '<form action="next?x=1"><input type="checkbox" name="remember" checked><input type="checkbox" name="spam" value="yes"><input type="radio" name="r" value="b" checked><select name="lang"><option value="en">en</option><option value="fr" selected>fr</option></select><textarea name="note">hi</textarea><input name="off" disabled value="x"><input value="nameless"><input type="submit" value="Go"></form>',
      { action: 'http://auth.example/interaction/next?x=1', method: 'GET', fields: [['remember', 'on'], ['r', 'b'], ['lang', 'fr'], ['note', 'hi']], passwordFields: [] },
    ],
    [
      'a <base href> the action resolves against, an email field',
      '<html><head><base href="https://login.example/u/"></head><body><form method="post" action="login"><input type="email" name="email"><input type="password" name="pw"></form></body></html>',
      { action: 'https://login.example/u/login', method: 'POST', fields: [['email', ''], ['pw', '']], passwordFields: ['pw'] },
    ],
  ])('%s', (_what, html, form) => {
    expect(parseForms(html, PAGE)).toEqual([form]);
  });

  it('finds every form of a page, and none in a page without one', () => {
    expect(parseForms('<form id="a"></form><p>text</p><form id="b" method="post"></form>', PAGE).map((f) => f.method)).toEqual(['GET', 'POST']);
    expect(parseForms('<h1>invalid_request</h1><p>no form here', PAGE)).toEqual([]);
  });
});

describe('fillForm', () => {
  it.each([
    ['login', 'password'],
    ['username', 'password'],
    ['email', 'pw'],
    ['Username', 'passwd'],
  ])('puts the username in %s and the password in the password input %s, and keeps the hidden fields', (user, pass) => {
    const [form] = parseForms(`<form method="post"><input type="hidden" name="state" value="s1"><input name="${user}" value="prefilled"><input type="password" name="${pass}"></form>`, PAGE);
    expect(fillForm(form!, { username: 'learner', password: 'secret' }).toString()).toBe(`state=s1&${user}=learner&${pass}=secret`);
  });
});
