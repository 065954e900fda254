// overleg.test.mjs: the consultation with the national contact over HTTP: ask, inbox,
// answer, meer-informatie and aanvulling, access per record, stale versie and races, 422s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

let srv;
const tokens = {};
before(async () => {
  srv = await startServer();
  for (const u of ['officier', 'officier2', 'medewerker', 'medewerker2', 'admin'])
    tokens[u] = await csrfToken(srv, u, '/overleg/nieuw');
});
after(async () => {
  const r = await srv.stop();
  const log = srv.output() + srv.appLog();
  srv.cleanup();
  assert.equal(r.code, 0, 'the server stops cleanly');
  assert.doesNotMatch(log, /Sanitizer|runtime error/, 'no sanitizer reports');
});

async function ask(user, fields = {}) {
  const r = await request(srv, 'POST', '/overleg', {
    user,
    body: { csrf: tokens[user], vraag: 'Het slachtoffer is misschien 6 jaar jonger. Kan Halt?',
      criteria: ['leeftijdsverschil', 'planmatig'], leeftijd_jongere: '15', ...fields },
  });
  assert.equal(r.status, 303, r.text);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/overleg\/O\d{8}$/);
  return loc.slice('/overleg/'.length);
}

// The versie and the csrf token of the form on the overleg page of user.
async function formOf(user, id) {
  const r = await request(srv, 'GET', `/overleg/${id}`, { user });
  assert.equal(r.status, 200);
  const versie = r.text.match(/name="versie" value="(\d+)"/);
  const csrf = r.text.match(/name="csrf" value="([^"]+)"/);
  return { versie: versie && versie[1], csrf: csrf && csrf[1], text: r.text };
}

async function answer(id, advies, toelichting, versie, csrf) {
  return request(srv, 'POST', `/overleg/${id}/antwoord`, {
    user: 'contact', body: { csrf, advies, toelichting, versie },
  });
}

test('the question form is prefilled from the query and warns not to write names', async () => {
  const r = await request(srv, 'GET', '/overleg/nieuw?criteria=leeftijdsverschil&criteria=ontkent&zaak=Z00000001', { user: 'officier' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Schrijf geen namen/);
  assert.match(r.text, /<input[^>]*value="leeftijdsverschil"[^>]*checked/);
  assert.match(r.text, /<input[^>]*value="ontkent"[^>]*checked/);
  assert.doesNotMatch(r.text, /<input[^>]*value="chantage"[^>]*checked/);
  assert.match(r.text, /name="zaak" value="Z00000001"/);
});

test('an empty question is 422 with the other values kept', async () => {
  const r = await request(srv, 'POST', '/overleg', {
    user: 'officier', body: { csrf: tokens.officier, vraag: '', criteria: 'dwang', leeftijd_jongere: '14' },
  });
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul uw vraag in/);
  assert.match(r.text, /<input[^>]*value="dwang"[^>]*checked/);
  assert.match(r.text, /name="leeftijd_jongere" value="14"/);
});

test('beheer and the contact cannot ask; beheer cannot list', async () => {
  assert.equal((await request(srv, 'GET', '/overleg/nieuw', { user: 'beheer' })).status, 403);
  assert.equal((await request(srv, 'GET', '/overleg/nieuw', { user: 'contact' })).status, 403);
  assert.equal((await request(srv, 'GET', '/overleg', { user: 'beheer' })).status, 403);
});

test('ask, inbox, answer: the asker sees the advice', async () => {
  const id = await ask('officier');
  let r = await request(srv, 'GET', `/overleg/${id}`, { user: 'officier', xml: true });
  assert.equal(r.status, 200);
  assert.match(r.text, /<overleg [^>]*status="open"/);
  assert.match(r.text, /<criterium code="leeftijdsverschil"/);
  assert.match(r.text, /<bericht soort="vraag" wie="officier"/);

  r = await request(srv, 'GET', '/overleg', { user: 'contact' });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`href="/overleg/${id}"`));
  assert.match(r.text, /Open vragen/);
  assert.match(r.text, /0 dagen/);

  const f = await formOf('contact', id);
  assert.equal(f.versie, '1');
  assert.match(f.text, /Wat is uw advies/);
  r = await answer(id, 'geschikt', 'Bij 6 jaar is het een contra-indicatie, maar hier twijfel.', f.versie, f.csrf);
  assert.equal(r.status, 303, r.text);
  assert.equal(r.headers.get('location'), `/overleg/${id}`);

  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'officier' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Advies: Geschikt/);
  assert.match(r.text, /hier twijfel/);
  r = await request(srv, 'GET', '/overleg', { user: 'officier' });
  assert.match(r.text, /Mijn vragen/);
  assert.match(r.text, new RegExp(`href="/overleg/${id}"`));
  assert.match(r.text, /Beantwoord/);
  r = await request(srv, 'GET', '/overleg', { user: 'officier2' });
  assert.doesNotMatch(r.text, new RegExp(`/overleg/${id}`), 'another officier does not see it');

  // Answered: a second answer with the old versie is refused.
  r = await answer(id, 'niet-geschikt', 'Toch niet.', f.versie, f.csrf);
  assert.equal(r.status, 409);
});

test('only the asker and the contact read an overleg', async () => {
  const id = await ask('medewerker');
  for (const user of ['officier', 'officier2', 'medewerker2', 'admin']) {
    const r = await request(srv, 'GET', `/overleg/${id}`, { user });
    assert.equal(r.status, 403, user);
    assert.doesNotMatch(r.text, /misschien 6 jaar/, user);
  }
  assert.equal((await request(srv, 'GET', `/overleg/${id}`, { user: 'beheer' })).status, 403);
  for (const user of ['beheer', 'medewerker2']) {
    const audit = srv.haltctl('audit', '--gebruiker', user);
    assert.match(audit, new RegExp(`overleg\\.lezen.*overleg/${id}.*geweigerd`), `the refusal of ${user} is audited`);
  }
  assert.equal((await request(srv, 'GET', `/overleg/${id}`, { user: 'medewerker' })).status, 200);
  assert.equal((await request(srv, 'GET', `/overleg/${id}`, { user: 'contact' })).status, 200);
  assert.equal((await request(srv, 'GET', '/overleg/O99999999', { user: 'contact' })).status, 404);
  // Only the contact answers.
  const r = await request(srv, 'POST', `/overleg/${id}/antwoord`, {
    user: 'medewerker', body: { csrf: tokens.medewerker, advies: 'geschikt', toelichting: 'x', versie: '1' },
  });
  assert.equal(r.status, 403);
});

test('invalid advies and empty toelichting are 422 with the values kept', async () => {
  const id = await ask('officier');
  const f = await formOf('contact', id);
  let r = await answer(id, 'misschien', 'Mijn toelichting blijft staan.', f.versie, f.csrf);
  assert.equal(r.status, 422);
  assert.match(r.text, /Mijn toelichting blijft staan/);
  assert.match(r.text, /name="versie" value="1"/);
  r = await answer(id, 'geschikt', '', f.versie, f.csrf);
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul de toelichting in/);
  assert.match(r.text, /value="geschikt"[^>]*checked/);
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'contact', xml: true });
  assert.match(r.text, /status="open"/, 'nothing was stored');
});

test('a stale versie is 409', async () => {
  const id = await ask('officier');
  const f = await formOf('contact', id);
  const r = await answer(id, 'geschikt', 'Goed.', '7', f.csrf);
  assert.equal(r.status, 409);
});

test('two answers racing on the same versie: one 303, one 409, one answer stored', async () => {
  const id = await ask('officier');
  const f = await formOf('contact', id);
  const rs = await Promise.all([
    answer(id, 'geschikt', 'Antwoord A', f.versie, f.csrf),
    answer(id, 'niet-geschikt', 'Antwoord B', f.versie, f.csrf),
  ]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [303, 409]);
  const r = await request(srv, 'GET', `/overleg/${id}`, { user: 'officier', xml: true });
  assert.equal((r.text.match(/soort="antwoord"/g) || []).length, 1);
});

test('meer-informatie, aanvulling and a new answer stay in one thread, in order', async () => {
  const id = await ask('medewerker');
  let f = await formOf('contact', id);
  let r = await answer(id, 'meer-informatie', 'Hoe oud is het slachtoffer precies?', f.versie, f.csrf);
  assert.equal(r.status, 303);

  // The asker now gets the aanvulling form; the contact has no form.
  f = await formOf('medewerker', id);
  assert.match(f.text, /Aanvullende informatie/);
  assert.match(f.text, /action="\/overleg\/O\d{8}\/aanvulling"/);
  // 1 asked, 2 answered, 3 the asker opened the new answer.
  assert.equal(f.versie, '3');
  r = await request(srv, 'POST', `/overleg/${id}/aanvulling`, {
    user: 'medewerker', body: { csrf: f.csrf, toelichting: '', versie: f.versie },
  });
  assert.equal(r.status, 422);
  r = await request(srv, 'POST', `/overleg/${id}/aanvulling`, {
    user: 'officier', body: { csrf: tokens.officier, toelichting: 'x', versie: f.versie },
  });
  assert.equal(r.status, 403, 'only the asker adds information');
  r = await request(srv, 'POST', `/overleg/${id}/aanvulling`, {
    user: 'medewerker', body: { csrf: f.csrf, toelichting: 'Het slachtoffer is 11.', versie: f.versie },
  });
  assert.equal(r.status, 303);
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'contact', xml: true });
  assert.match(r.text, /<overleg [^>]*status="open"/, 'the overleg reopens');
  // A second aanvulling before the answer is out of order.
  r = await request(srv, 'POST', `/overleg/${id}/aanvulling`, {
    user: 'medewerker', body: { csrf: f.csrf, toelichting: 'Nog iets.', versie: '4' },
  });
  assert.equal(r.status, 409);

  f = await formOf('contact', id);
  assert.equal(f.versie, '4');
  r = await answer(id, 'niet-geschikt', 'Dan is het verschil te groot.', f.versie, f.csrf);
  assert.equal(r.status, 303);
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'medewerker', xml: true });
  const soorten = [...r.text.matchAll(/<bericht soort="([a-z]+)"/g)].map((m) => m[1]);
  assert.deepEqual(soorten, ['vraag', 'antwoord', 'aanvulling', 'antwoord']);
  assert.match(r.text, /<overleg [^>]*status="beantwoord"/);
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'medewerker' });
  const order = ['Vraag van', 'Meer informatie nodig', 'Het slachtoffer is 11.', 'Dan is het verschil te groot.']
    .map((s) => r.text.indexOf(s));
  assert.ok(order.every((p) => p > 0), 'every message is on the page');
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'in order');
});

test('a zaak the asker may not read cannot be linked', async () => {
  const r = await request(srv, 'POST', '/overleg', {
    user: 'officier', body: { csrf: tokens.officier, vraag: 'Vraag', zaak: 'Z99999999' },
  });
  assert.equal(r.status, 422);
});

test('the zaak shows the question and advice of the overleg its referral names, only its own', async () => {
  const id = await ask('officier', { vraag: 'Leeftijd slachtoffer onbekend: kan Halt?' });
  const f = await formOf('contact', id);
  assert.equal((await answer(id, 'geschikt', 'Ja, met motivering.', f.versie, f.csrf)).status, 303);
  const other = await ask('officier2', { vraag: 'Vraag van een ander.' });

  const submit = async (overleg, achternaam) => request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: referral({ csrf: tokens.officier, actie: 'indienen', slachtoffer_geboortedatum: '',
      motivering: 'Advies van de landelijk contactpersoon gevolgd.', overleg,
      jongere_achternaam: achternaam, parketnummer: `13/${achternaam}` }),
  });
  let r = await submit(id, 'Eigen');
  assert.equal(r.status, 303, r.text);
  const zaak = r.headers.get('location').replace(/\?.*/, '');
  r = await request(srv, 'GET', zaak, { user: 'officier' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Leeftijd slachtoffer onbekend: kan Halt\?/);
  assert.match(r.text, /Ja, met motivering\./);
  r = await request(srv, 'GET', zaak, { user: 'medewerker' });
  assert.match(r.text, /Ja, met motivering\./, 'the Halt worker of the werkgebied sees the advice');
  assert.match(r.text, /href="\/overleg\/nieuw\?zaak=Z\d{8}"/);

  // Naming someone else's overleg is refused on that field: the zaak would disclose it.
  r = await submit(other, 'Ander');
  assert.equal(r.status, 422, r.text);
  assert.match(r.text, /href="#veld-overleg"/);
  assert.doesNotMatch(r.text, /Vraag van een ander/);
});

test('a Halt worker asks about a zaak of the werkgebied; another werkgebied cannot link it', async () => {
  const r0 = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: referral({ csrf: tokens.officier, actie: 'indienen', jongere_achternaam: 'Werkgebied', parketnummer: '13/wg' }),
  });
  assert.equal(r0.status, 303, r0.text);
  const zid = r0.headers.get('location').match(/Z\d{8}/)[0];
  let r = await request(srv, 'GET', `/overleg/nieuw?zaak=${zid}`, { user: 'medewerker' });
  assert.match(r.text, new RegExp(`name="zaak" value="${zid}"`));
  const id = await ask('medewerker', { zaak: zid });
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'medewerker' });
  assert.match(r.text, new RegExp(`href="/zaken/${zid}"`));
  r = await request(srv, 'POST', '/overleg', {
    user: 'medewerker2', body: { csrf: tokens.medewerker2, vraag: 'Vraag', zaak: zid },
  });
  assert.equal(r.status, 422);
});
