// foundation.test.mjs: the real Apache + app over HTTP: auth, CSRF, status codes, headers,
// content negotiation, and that hostile requests leave the server serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, csrfToken, SECURITY_HEADERS } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0, 'make run stops cleanly on SIGTERM');
});

function assertSecurityHeaders(r, what) {
  for (const [h, re] of Object.entries(SECURITY_HEADERS))
    assert.match(r.headers.get(h) || '', re, `${h} on ${what}`);
}

test('without credentials Apache answers 401 with a Dutch page and the headers', async () => {
  const r = await request(srv, 'GET', '/');
  assert.equal(r.status, 401);
  assert.match(r.headers.get('www-authenticate') || '', /Basic/);
  assert.match(r.text, /lang="nl"/);
  assertSecurityHeaders(r, '401');
});

test('a wrong password is 401', async () => {
  const r = await fetch(srv.base + '/', { headers: { Authorization: 'Basic ' + Buffer.from('officier:fout').toString('base64') } });
  assert.equal(r.status, 401);
});

test('every demo user gets a start page for the role, with no-store and security headers', async () => {
  const expect = {
    officier: /Nieuwe verwijzing/, officier2: /Nieuwe verwijzing/, admin: /Nieuwe zaken registreren/,
    medewerker: /Mijn zaken/, medewerker2: /Mijn zaken/, stagiair: /Mijn zaken/,
    contact: /Vragen om advies/, beheer: /Auditlog/,
  };
  for (const [user, re] of Object.entries(expect)) {
    const r = await request(srv, 'GET', '/', { user });
    assert.equal(r.status, 200, user);
    assert.match(r.text, /^<!DOCTYPE html>/i, user);
    assert.match(r.text, /<html[^>]* lang="nl"/, user);
    assert.match(r.text, re, user);
    assert.match(r.headers.get('cache-control') || '', /no-store/, user);
    assertSecurityHeaders(r, 'start page of ' + user);
  }
});

test('the start page as XML is the model, with the same status', async () => {
  const r = await request(srv, 'GET', '/', { user: 'admin', xml: true });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /application\/xml/);
  assert.match(r.text, /<start [^>]*rol="halt-admin"/);
  assert.match(r.text, /<taak [^>]*href="\/zaken\?status=aangemeld"[^>]*aantal="0"/);
});

test('a user Apache knows but the store does not gets 403', async () => {
  await srv.htpasswd('onbekend');
  const r = await request(srv, 'GET', '/', { user: 'onbekend' });
  assert.equal(r.status, 403);
  assert.match(r.text, /niet bekend/);
  assertSecurityHeaders(r, '403');
});

test('a disabled user gets 403, also while the server runs', async () => {
  await srv.htpasswd('tijdelijk');
  srv.haltctl('user', 'add', 'tijdelijk', '--rol', 'officier');
  assert.equal((await request(srv, 'GET', '/', { user: 'tijdelijk' })).status, 200);
  srv.haltctl('user', 'disable', 'tijdelijk');
  const r = await request(srv, 'GET', '/', { user: 'tijdelijk' });
  assert.equal(r.status, 403);
  assert.match(r.text, /uitgeschakeld/);
});

test('unknown routes are 404 and wrong methods 405 with Allow, as pages and as XML', async () => {
  let r = await request(srv, 'GET', '/bestaat-niet', { user: 'officier' });
  assert.equal(r.status, 404);
  assert.match(r.text, /niet gevonden/);
  assertSecurityHeaders(r, '404');
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  r = await request(srv, 'GET', '/bestaat-niet', { user: 'officier', xml: true });
  assert.equal(r.status, 404);
  assert.match(r.text, /<fout status="404"/);
  r = await request(srv, 'DELETE', '/verwijzingen/nieuw', { user: 'officier' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow') || '', /GET/);
  r = await request(srv, 'GET', '/verwijzingen', { user: 'officier' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'POST');
});

test('a role that may not use a route gets 403', async () => {
  const r = await request(srv, 'GET', '/verwijzingen/nieuw', { user: 'medewerker' });
  assert.equal(r.status, 403);
});

test('POST without, with a forged and with another user\'s CSRF token is 403', async () => {
  const mine = await csrfToken(srv, 'officier');
  const other = await csrfToken(srv, 'officier2');
  assert.notEqual(mine, other);
  for (const csrf of [undefined, '', 'x', mine.replace(/.$/, (c) => (c === '0' ? '1' : '0')), other]) {
    const body = { actie: 'controleren' };
    if (csrf !== undefined) body.csrf = csrf;
    const r = await request(srv, 'POST', '/verwijzingen', { user: 'officier', body });
    assert.equal(r.status, 403, `token ${csrf}`);
    assert.match(r.text, /verlopen/);
  }
  const ok = await request(srv, 'POST', '/verwijzingen', { user: 'officier', body: { csrf: mine, actie: 'controleren' } });
  assert.equal(ok.status, 422, 'a valid token reaches the form');
});

test('an invalid form comes back 422 with the error summary and the typed values', async () => {
  const csrf = await csrfToken(srv, 'officier');
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: { csrf, actie: 'controleren', jongere_voornaam: 'Zoë <b>&', datum_beslissing: '2025-02-30' },
  });
  assert.equal(r.status, 422);
  assert.match(r.text, /<title>Fout: /);
  assert.match(r.text, /Er is een probleem/);
  assert.match(r.text, /href="#veld-datum_beslissing"/);
  assert.match(r.text, /value="Zoë &lt;b&gt;&amp;"/, 'typed value kept and escaped');
  assert.match(r.text, /value="2025-02-30"/);
});

test('a body over the limit is 413, a multipart or JSON body 415', async () => {
  const csrf = await csrfToken(srv, 'officier');
  let r = await request(srv, 'POST', '/verwijzingen', { user: 'officier', body: 'csrf=' + csrf + '&omschrijving=' + 'a'.repeat(300 * 1024) });
  assert.equal(r.status, 413);
  assertSecurityHeaders(r, '413');
  r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier', body: '--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + csrf + '\r\n--b--\r\n',
    headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
  });
  assert.equal(r.status, 415);
  assert.match(r.text, /Bestanden/);
  r = await request(srv, 'POST', '/verwijzingen', { user: 'officier', body: '{}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 415);
});

test('too many fields is 413 from the app', async () => {
  const csrf = await csrfToken(srv, 'officier');
  const body = 'csrf=' + csrf + '&' + Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&');
  const r = await request(srv, 'POST', '/verwijzingen', { user: 'officier', body });
  assert.equal(r.status, 413);
});

test('static files carry the security headers too', async () => {
  const r = await request(srv, 'GET', '/static/halt.css', { user: 'officier' });
  assert.equal(r.status, 200);
  assertSecurityHeaders(r, 'static css');
});

test('hostile requests get 400/404, never 500, and the server keeps serving', async () => {
  const csrf = await csrfToken(srv, 'officier');
  const hostile = [
    ['GET', '/zaken/%00'], ['GET', '/%ff%fe'], ['GET', '/zaken/..%2f..%2fetc%2fpasswd'],
    ['GET', '/' + 'a'.repeat(5000)], ['GET', '/?q=%c0%af'], ['GET', '/zaken/Z00000001%0d%0aX-Evil:%201'],
  ];
  for (const [m, p] of hostile) {
    const r = await request(srv, m, p, { user: 'officier' });
    assert.ok(r.status >= 400 && r.status < 500, `${p} gave ${r.status}`);
  }
  for (const body of ['csrf=' + csrf + '&a=%00', 'csrf=' + csrf + '&a=%ed%a0%80', 'csrf=' + csrf + '&a=%', 'csrf=' + csrf + '&=x']) {
    const r = await request(srv, 'POST', '/verwijzingen', { user: 'officier', body });
    assert.equal(r.status, 400, body);
  }
  const r = await request(srv, 'GET', '/', { user: 'officier' });
  assert.equal(r.status, 200, 'still serving');
});
