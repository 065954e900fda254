// audit.test.mjs: every read and write of a zaak or overleg, allowed or refused, is exactly one
// audit entry (actor, time, action, object, result, origin) without case content; beheer reads
// the log at /beheer/audit (filters, newest first, pages); the hash chain verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

let srv;
const tokens = {};
let zaak, overleg;
const MARKER = 'Auditmarkeringnaam';

before(async () => {
  srv = await startServer();
  tokens.officier = await csrfToken(srv, 'officier');
  tokens.medewerker = await csrfToken(srv, 'medewerker', '/overleg/nieuw');
  let r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: referral({ csrf: tokens.officier, actie: 'indienen', jongere_voornaam: MARKER,
      jongere_achternaam: MARKER, omschrijving: `${MARKER} omschrijving` }),
  });
  assert.equal(r.status, 303);
  zaak = r.headers.get('location').match(/\/zaken\/(Z\d+)/)[1];
  r = await request(srv, 'POST', '/overleg', {
    user: 'medewerker', body: { csrf: tokens.medewerker, vraag: `${MARKER} vraag`, criteria: 'dwang' },
  });
  assert.equal(r.status, 303);
  overleg = r.headers.get('location').match(/\/overleg\/(O\d+)/)[1];
});

after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

// haltctl audit: seq, tijd, actor, origin, action, object, result per line.
function entries() {
  return srv.haltctl('audit').trim().split('\n').filter(Boolean).map((l) => {
    const [seq, tijd, actor, origin, action, object, result] = l.split('\t');
    return { seq: Number(seq), tijd, actor, origin, action, object, result };
  });
}

// The request adds exactly one entry; returns it.
async function oneEntry(method, path, user, body) {
  const voor = entries().length;
  const r = await request(srv, method, path, { user, body });
  const na = entries();
  assert.equal(na.length, voor + 1, `${user} ${method} ${path} (${r.status}) left ${na.length - voor} entries`);
  return { status: r.status, e: na[na.length - 1] };
}

function assertEntry(e, { actor, action, object, result }) {
  assert.equal(e.actor, actor);
  assert.equal(e.action, action);
  assert.equal(e.object, object);
  assert.equal(e.result, result);
  assert.equal(e.origin, '127.0.0.1');
  assert.match(e.tijd, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?/);
}

test('reading a zaak is one entry: allowed, refused by record, refused by role, not found', async () => {
  let { status, e } = await oneEntry('GET', `/zaken/${zaak}`, 'officier');
  assert.equal(status, 200);
  assertEntry(e, { actor: 'officier', action: 'zaak.lezen', object: `zaak/${zaak}`, result: 'toegestaan' });
  ({ status, e } = await oneEntry('GET', `/zaken/${zaak}`, 'officier2'));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'officier2', action: 'zaak.lezen', object: `zaak/${zaak}`, result: 'geweigerd' });
  // Refused by role before any record is read: still one entry.
  for (const user of ['contact', 'beheer']) {
    ({ status, e } = await oneEntry('GET', `/zaken/${zaak}`, user));
    assert.equal(status, 403);
    assertEntry(e, { actor: user, action: 'zaak.lezen', object: `zaak/${zaak}`, result: 'geweigerd' });
  }
  ({ status, e } = await oneEntry('GET', `/zaken/${zaak}/voorblad`, 'beheer'));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'beheer', action: 'zaak.voorblad', object: `zaak/${zaak}`, result: 'geweigerd' });
  ({ status, e } = await oneEntry('GET', '/zaken/Z99999999', 'admin'));
  assert.equal(status, 404);
  assertEntry(e, { actor: 'admin', action: 'zaak.lezen', object: 'zaak/Z99999999', result: 'niet-gevonden' });
});

test('writes and refused writes of a zaak are one entry each, CSRF refusals included', async () => {
  let { status, e } = await oneEntry('POST', `/zaken/${zaak}/stappen/hertoetsing`, 'officier',
    { csrf: tokens.officier });
  assert.equal(status, 403);
  assertEntry(e, { actor: 'officier', action: 'stap.vastleggen', object: `zaak/${zaak}`, result: 'geweigerd' });
  ({ status, e } = await oneEntry('POST', `/zaken/${zaak}/registratie`, 'admin',
    { csrf: 'vervalst', medewerker: 'medewerker', versie: '1' }));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'admin', action: 'zaak.toewijzen', object: `zaak/${zaak}`, result: 'geweigerd' });
  const token = await csrfToken(srv, 'admin', '/overleg/nieuw');
  ({ status, e } = await oneEntry('POST', `/zaken/${zaak}/registratie`, 'admin',
    { csrf: token, medewerker: 'medewerker', versie: '1' }));
  assert.equal(status, 303);
  assertEntry(e, { actor: 'admin', action: 'zaak.toewijzen', object: `zaak/${zaak}`, result: 'toegestaan' });
});

test('reading an overleg and the lists are one entry each, refusals included', async () => {
  let { status, e } = await oneEntry('GET', `/overleg/${overleg}`, 'medewerker');
  assert.equal(status, 200);
  assertEntry(e, { actor: 'medewerker', action: 'overleg.lezen', object: `overleg/${overleg}`, result: 'toegestaan' });
  ({ status, e } = await oneEntry('GET', `/overleg/${overleg}`, 'officier'));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'officier', action: 'overleg.lezen', object: `overleg/${overleg}`, result: 'geweigerd' });
  ({ status, e } = await oneEntry('GET', `/overleg/${overleg}`, 'beheer'));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'beheer', action: 'overleg.lezen', object: `overleg/${overleg}`, result: 'geweigerd' });
  ({ status, e } = await oneEntry('POST', `/overleg/${overleg}/antwoord`, 'medewerker', { csrf: tokens.medewerker }));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'medewerker', action: 'overleg.beantwoorden', object: `overleg/${overleg}`, result: 'geweigerd' });
  ({ status, e } = await oneEntry('GET', '/zaken', 'medewerker'));
  assert.equal(status, 200);
  assertEntry(e, { actor: 'medewerker', action: 'zaken.lijst', object: 'zaken', result: 'toegestaan' });
  ({ status, e } = await oneEntry('GET', '/zaken', 'contact'));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'contact', action: 'zaken.lijst', object: 'zaken', result: 'geweigerd' });
  ({ status, e } = await oneEntry('GET', '/overleg', 'beheer'));
  assert.equal(status, 403);
  assertEntry(e, { actor: 'beheer', action: 'overleg.lijst', object: 'overleg', result: 'geweigerd' });
});

test('the audit log holds no case content', async () => {
  const log = srv.haltctl('audit');
  assert.doesNotMatch(log, new RegExp(MARKER));
  const page = await request(srv, 'GET', '/beheer/audit', { user: 'beheer', xml: true });
  assert.doesNotMatch(page.text, new RegExp(MARKER));
});

test('beheer reads the log in the browser: a table, newest first, filters, pages', async () => {
  // Enough entries for more than one page.
  for (let i = 0; i < 30; i++) await request(srv, 'GET', `/zaken/${zaak}`, { user: 'medewerker' });
  let r = await request(srv, 'GET', '/beheer/audit', { user: 'beheer' });
  assert.equal(r.status, 200);
  assert.match(r.text, /<table class="utrecht-table[^"]*">/);
  assert.match(r.text, /<caption[^>]*>Auditregels/);
  assert.match(r.text, /<th [^>]*scope="col"[^>]*>Gebruiker<\/th>/);
  assert.match(r.text, /<label class="utrecht-form-label" for="filter-zaak">/);

  r = await request(srv, 'GET', '/beheer/audit', { user: 'beheer', xml: true });
  const rows = (t) => [...t.matchAll(/<regel ([^>]*)\/>/g)].map((m) => Object.fromEntries(
    [...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
  const page1 = rows(r.text);
  assert.equal(page1.length, 25);
  const all = entries();
  assert.equal(Number(page1[0].seq), all[all.length - 1].seq, 'newest first');
  for (let i = 1; i < page1.length; i++) assert.ok(Number(page1[i].seq) < Number(page1[i - 1].seq));
  const volgende = r.text.match(/<audit-log [^>]*volgende="(\d+)"/)[1];
  assert.equal(volgende, page1[24].seq);
  r = await request(srv, 'GET', `/beheer/audit?voor=${volgende}`, { user: 'beheer', xml: true });
  const page2 = rows(r.text);
  assert.equal(Number(page2[0].seq), Number(volgende) - 1, 'the next page goes on where the first stopped');

  r = await request(srv, 'GET', `/beheer/audit?zaak=${zaak}`, { user: 'beheer', xml: true });
  const perZaak = rows(r.text);
  assert.ok(perZaak.length > 0);
  assert.ok(perZaak.every((x) => x.object === `zaak/${zaak}`));
  r = await request(srv, 'GET', `/beheer/audit?zaak=${zaak}&gebruiker=officier2`, { user: 'beheer', xml: true });
  assert.ok(rows(r.text).some((x) => x.actie === 'zaak.lezen' && x.resultaat === 'geweigerd'), 'refusals are listed');

  r = await request(srv, 'GET', `/beheer/audit?gebruiker=officier2`, { user: 'beheer', xml: true });
  const perUser = rows(r.text);
  assert.ok(perUser.length > 0 && perUser.every((x) => x.actor === 'officier2'));

  r = await request(srv, 'GET', `/beheer/audit?zaak=${overleg}`, { user: 'beheer', xml: true });
  assert.ok(rows(r.text).every((x) => x.object === `overleg/${overleg}`) && rows(r.text).length > 0);

  for (const bad of ['zaak=..%2F..', 'voor=abc', 'voor=0', `gebruiker=${'x'.repeat(65)}`])
    assert.equal((await request(srv, 'GET', `/beheer/audit?${bad}`, { user: 'beheer' })).status, 400, bad);
});

test('only beheer opens the audit log', async () => {
  for (const user of ['officier', 'officier2', 'admin', 'medewerker', 'medewerker2', 'stagiair', 'contact'])
    assert.equal((await request(srv, 'GET', '/beheer/audit', { user })).status, 403, user);
});

test('haltctl audit verify passes and --zaak/--gebruiker answer who looked', async () => {
  assert.match(srv.haltctl('audit', 'verify'), /keten in orde/);
  const perZaak = srv.haltctl('audit', '--zaak', zaak).trim().split('\n');
  assert.ok(perZaak.length > 30 && perZaak.every((l) => l.split('\t')[5] === `zaak/${zaak}`));
});
