// access.test.mjs: the access matrix: every route of the contract (and app.c's extra ones)
// × every demo user × records that are and are not theirs, with the exact status; and
// lists (/zaken, /overleg) never show what the user may not open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

// The demo users, plus a halt-admin for Limburg (made here) so Limburg zaken can be assigned.
const USERS = {
  officier: { rol: 'officier' },
  officier2: { rol: 'officier' },
  admin: { rol: 'halt-admin', wg: 'Midden-Nederland' },
  admin2: { rol: 'halt-admin', wg: 'Limburg' },
  medewerker: { rol: 'halt-medewerker', wg: 'Midden-Nederland' },
  medewerker2: { rol: 'halt-medewerker', wg: 'Limburg' },
  stagiair: { rol: 'halt-medewerker', wg: 'Midden-Nederland' },
  contact: { rol: 'landelijk-contact' },
  beheer: { rol: 'beheer' },
};
const NAMES = Object.keys(USERS);
const ZAAK_ROLES = ['officier', 'halt-admin', 'halt-medewerker'];
const isZaakRole = (u) => ZAAK_ROLES.includes(USERS[u].rol);
const MISSING_ZAAK = 'Z99999999';
const MISSING_OVERLEG = 'O99999999';

let srv;
const tokens = {};
const zaken = {};	// key -> { id, officier, regio, medewerker }
const overleg = {};	// key -> { id, vrager }

before(async () => {
  srv = await startServer();
  srv.haltctl('user', 'add', 'admin2', '--rol', 'halt-admin', '--werkgebied', 'Limburg');
  await srv.htpasswd('admin2');
  for (const u of NAMES) {
    if (u === 'contact' || u === 'beheer') continue;
    tokens[u] = await csrfToken(srv, u, '/overleg/nieuw');
  }
  // Four zaken: by officier and officier2, in Midden-Nederland and in Limburg;
  // one of each werkgebied assigned through registration.
  const plan = [
    ['A', 'officier', 'Midden-Nederland', 'medewerker', 'admin'],
    ['B', 'officier2', 'Limburg', 'medewerker2', 'admin2'],
    ['C', 'officier2', 'Midden-Nederland', null, null],
    ['D', 'officier', 'Limburg', null, null],
  ];
  for (const [key, officier, regio, mw, admin] of plan) {
    let r = await request(srv, 'POST', '/verwijzingen', {
      user: officier,
      body: referral({ csrf: tokens[officier], actie: 'indienen', regio,
        jongere_voornaam: `Toegang${key}`, jongere_achternaam: `Matrix${key}`,
        parketnummer: `13/77${key}-26` }),
    });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const id = r.headers.get('location').match(/\/zaken\/(Z\d+)/)[1];
    zaken[key] = { id, officier, regio, medewerker: mw };
    if (mw) {
      r = await request(srv, 'GET', `/zaken/${id}`, { user: admin, xml: true });
      const versie = r.text.match(/<zaak[^>]* versie="(\d+)"/)[1];
      r = await request(srv, 'POST', `/zaken/${id}/registratie`,
        { user: admin, body: { csrf: tokens[admin], medewerker: mw, versie } });
      assert.equal(r.status, 303, r.text.slice(0, 300));
    }
  }
  for (const [key, vrager] of [['P', 'officier'], ['Q', 'medewerker']]) {
    const r = await request(srv, 'POST', '/overleg', {
      user: vrager, body: { csrf: tokens[vrager], vraag: `Toegangsvraag ${key}`, criteria: 'dwang' },
    });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    overleg[key] = { id: r.headers.get('location').match(/\/overleg\/(O\d+)/)[1], vrager };
  }
  // The contact's token comes from the answer form of an open overleg.
  tokens.contact = await csrfToken(srv, 'contact', `/overleg/${overleg.P.id}`);
  tokens.beheer = tokens.officier;	// beheer has no form; role refusal comes first anyway
});

after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

// The record rules of cgi/access.c, restated from the contract.
function zaakLezen(u, z) {
  const p = USERS[u];
  if (p.rol === 'officier') return z.officier === u;
  if (p.rol === 'halt-admin' || p.rol === 'halt-medewerker') return z.regio === p.wg;
  return false;
}
const zaakAdmin = (u, z) => USERS[u].rol === 'halt-admin' && z.regio === USERS[u].wg;
const zaakToegewezen = (u, z) => USERS[u].rol === 'halt-medewerker' && z.regio === USERS[u].wg
  && z.medewerker === u;
const overlegLezen = (u, o) => USERS[u].rol === 'landelijk-contact'
  || (isZaakRole(u) && o.vrager === u);

// Run every case and report all mismatches at once.
async function matrix(cases) {
  const wrong = [];
  for (const { method, path, user, body, expect } of cases) {
    const r = await request(srv, method, path, { user, body });
    if (r.status !== expect) wrong.push(`${user} ${method} ${path}: ${r.status}, expected ${expect}`);
    if (r.status >= 500) wrong.push(`${user} ${method} ${path}: server error`);
  }
  assert.deepEqual(wrong, []);
}

const zaakKeys = () => [...Object.keys(zaken), null];	// null: a zaak that does not exist
const zaakOf = (k) => (k === null ? { id: MISSING_ZAAK } : zaken[k]);

test('routes without a record: each role exactly as the table says', async () => {
  const cases = [];
  for (const user of NAMES) {
    const p = USERS[user];
    const zaak = isZaakRole(user);
    cases.push({ method: 'GET', path: '/', user, expect: 200 });
    cases.push({ method: 'GET', path: '/verwijzingen/nieuw', user, expect: p.rol === 'officier' ? 200 : 403 });
    // A minimal body: a 422 shows the role check passed.
    cases.push({ method: 'POST', path: '/verwijzingen', user, body: { csrf: tokens[user], actie: 'indienen' },
      expect: p.rol === 'officier' ? 422 : 403 });
    cases.push({ method: 'GET', path: '/zaken', user, expect: zaak ? 200 : 403 });
    cases.push({ method: 'GET', path: '/overleg/nieuw', user, expect: zaak ? 200 : 403 });
    cases.push({ method: 'POST', path: '/overleg', user, body: { csrf: tokens[user], vraag: '' },
      expect: zaak ? 422 : 403 });
    cases.push({ method: 'GET', path: '/overleg', user, expect: zaak || p.rol === 'landelijk-contact' ? 200 : 403 });
    cases.push({ method: 'GET', path: '/beheer/audit', user, expect: p.rol === 'beheer' ? 200 : 403 });
  }
  await matrix(cases);
});

test('zaak routes: dossier and voorblad under the read rule', async () => {
  const cases = [];
  for (const user of NAMES)
    for (const k of zaakKeys()) {
      const z = zaakOf(k);
      const expect = !isZaakRole(user) ? 403 : k === null ? 404 : zaakLezen(user, z) ? 200 : 403;
      cases.push({ method: 'GET', path: `/zaken/${z.id}`, user, expect });
      cases.push({ method: 'GET', path: `/zaken/${z.id}/voorblad`, user, expect });
    }
  await matrix(cases);
});

test('registration: only the halt-admin of the zaak\'s werkgebied (a stale versie is a 409)', async () => {
  const cases = [];
  for (const user of NAMES)
    for (const k of zaakKeys()) {
      const z = zaakOf(k);
      const admin = USERS[user].rol === 'halt-admin';
      const mw = USERS[user].wg === 'Limburg' ? 'medewerker2' : 'medewerker';
      const expect = !admin ? 403 : k === null ? 404 : zaakAdmin(user, z) ? 409 : 403;
      cases.push({ method: 'POST', path: `/zaken/${z.id}/registratie`, user,
        body: { csrf: tokens[user], medewerker: mw, versie: '999' }, expect });
    }
  await matrix(cases);
});

test('steps: only the assigned halt-medewerker, form and POST (a stale versie is a 409)', async () => {
  const cases = [];
  for (const user of NAMES)
    for (const k of zaakKeys()) {
      const z = zaakOf(k);
      const mw = USERS[user].rol === 'halt-medewerker';
      const mag = k !== null && zaakToegewezen(user, z);
      const path = `/zaken/${z.id}/stappen/hertoetsing`;
      cases.push({ method: 'GET', path, user, expect: !mw ? 403 : k === null ? 404 : mag ? 200 : 403 });
      cases.push({ method: 'POST', path, user,
        body: { csrf: tokens[user], datum: new Date().toISOString().slice(0, 10), voldoet: 'ja', versie: '999' },
        expect: !mw ? 403 : k === null ? 404 : mag ? 409 : 403 });
    }
  await matrix(cases);
});

test('overleg routes: the asker and the national contact; answer and addition by their roles', async () => {
  const cases = [];
  for (const user of NAMES)
    for (const k of [...Object.keys(overleg), null]) {
      const o = k === null ? { id: MISSING_OVERLEG } : overleg[k];
      const rol = USERS[user].rol;
      const lezen = isZaakRole(user) || rol === 'landelijk-contact';
      cases.push({ method: 'GET', path: `/overleg/${o.id}`, user,
        expect: !lezen ? 403 : k === null ? 404 : overlegLezen(user, o) ? 200 : 403 });
      // Minimal bodies: the 422 shows that role and record passed.
      cases.push({ method: 'POST', path: `/overleg/${o.id}/antwoord`, user, body: { csrf: tokens[user] },
        expect: rol !== 'landelijk-contact' ? 403 : k === null ? 404 : 422 });
      cases.push({ method: 'POST', path: `/overleg/${o.id}/aanvulling`, user, body: { csrf: tokens[user] },
        expect: !isZaakRole(user) ? 403 : k === null ? 404 : overlegLezen(user, o) ? 422 : 403 });
    }
  await matrix(cases);
});

test('a POST without a valid CSRF token is 403 on every POST route, for every role that may call it', async () => {
  const posts = ['/verwijzingen', `/zaken/${zaken.A.id}/registratie`, `/zaken/${zaken.A.id}/stappen/hertoetsing`,
    '/overleg', `/overleg/${overleg.P.id}/antwoord`, `/overleg/${overleg.P.id}/aanvulling`];
  const cases = [];
  for (const user of NAMES)
    for (const path of posts)
      cases.push({ method: 'POST', path, user, body: { csrf: 'ongeldig', vraag: 'x' }, expect: 403 });
  await matrix(cases);
});

test('/zaken lists exactly the zaken the user may open', async () => {
  for (const user of NAMES) {
    if (!isZaakRole(user)) continue;
    const r = await request(srv, 'GET', '/zaken', { user, xml: true });
    assert.equal(r.status, 200);
    const listed = [...r.text.matchAll(/<rij [^>]*id="(Z\d+)"/g)].map((m) => m[1]).sort();
    const mag = Object.values(zaken).filter((z) => zaakLezen(user, z)).map((z) => z.id).sort();
    assert.deepEqual(listed, mag, `/zaken for ${user}`);
    for (const id of listed)
      assert.equal((await request(srv, 'GET', `/zaken/${id}`, { user })).status, 200);
  }
  // The worker's own list holds only the zaken assigned to them.
  const r = await request(srv, 'GET', '/zaken?mijn=1', { user: 'medewerker', xml: true });
  if (r.status === 200) {
    const listed = [...r.text.matchAll(/<rij [^>]*id="(Z\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(listed, [zaken.A.id]);
  }
});

test('/overleg lists exactly the overleg the user may open', async () => {
  for (const user of NAMES) {
    if (!isZaakRole(user) && USERS[user].rol !== 'landelijk-contact') continue;
    const r = await request(srv, 'GET', '/overleg', { user, xml: true });
    assert.equal(r.status, 200);
    const listed = [...r.text.matchAll(/<rij [^>]*id="(O\d+)"/g)].map((m) => m[1]).sort();
    const mag = Object.values(overleg).filter((o) => overlegLezen(user, o)).map((o) => o.id).sort();
    assert.deepEqual(listed, mag, `/overleg for ${user}`);
  }
});
