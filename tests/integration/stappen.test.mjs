// stappen.test.mjs: registration, assignment and every step of the intervention over HTTP:
// the journey to positive closure, retour, negative closure, who may record, order and versie.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

let srv;
const tokens = {};
before(async () => {
  srv = await startServer();
  tokens.officier = await csrfToken(srv, 'officier');
  for (const u of ['admin', 'medewerker', 'medewerker2', 'stagiair'])
    tokens[u] = await csrfToken(srv, u, '/overleg/nieuw');
});
after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

const today = new Date().toISOString().slice(0, 10);
let seq = 0;

// A new zaak of its own jongere (a second open referral of one jongere is refused).
async function newZaak() {
  seq++;
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: referral({ csrf: tokens.officier, actie: 'indienen', jongere_voornaam: `Stap${seq}`,
      jongere_achternaam: `Proef${seq}`, parketnummer: `13/9000${seq}-26` }),
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  return r.headers.get('location').match(/\/zaken\/(Z\d+)/)[1];
}

async function zaakXml(id, user = 'medewerker') {
  const r = await request(srv, 'GET', `/zaken/${id}`, { user, xml: true });
  assert.equal(r.status, 200);
  return r.text;
}

function versie(xml) {
  return xml.match(/<zaak[^>]* versie="(\d+)"/)[1];
}

function status(xml) {
  return xml.match(/<zaak[^>]* status="([^"]+)"/)[1];
}

async function registreer(id, medewerker = 'medewerker', user = 'admin') {
  const v = versie(await zaakXml(id, 'admin'));
  return request(srv, 'POST', `/zaken/${id}/registratie`,
    { user, body: { csrf: tokens[user], medewerker, versie: v } });
}

async function stap(id, naam, fields = {}, user = 'medewerker', v = undefined) {
  if (v === undefined) v = versie(await zaakXml(id, 'medewerker'));
  return request(srv, 'POST', `/zaken/${id}/stappen/${naam}`,
    { user, body: { csrf: tokens[user], datum: today, versie: v, ...fields } });
}

const journey = [
  ['hertoetsing', { voldoet: 'ja' }],
  ['voorgesprek', {}],
  ['startgesprek', { signaleringsinstrument: 'ja', checklist: 'ja', apart_gesprek: 'ja',
    zorgpunten: 'nee', toelichting: 'Intern: goed gesprek.' }],
  ['leeropdracht-1', { opdracht: 'Filmfragment', beoordeling: 'voldoende' }],
  ['oudergesprek', { afspraken: 'Telefoon op de gang.' }],
  ['leeropdracht-2', { opdracht: 'Game', beoordeling: 'voldoende' }],
  ['extra-gesprek', { reden: 'lvb', toelichting: 'Extra uitleg.' }],
  ['vervolggesprek', { toelichting: 'Excuus geoefend.' }],
  ['leeropdracht-3', { opdracht: 'Websites', beoordeling: 'voldoende' }],
  ['excuus', { vorm: 'excuusbrief' }],
  ['doorverwijzing', { kader: 'vrijwillig', instantie: 'Sociaal wijkteam', toelichting: 'Geheim detail.' }],
  ['extra-gesprek', { reden: 'zorg' }],
  ['eindgesprek', { afspraken: 'Geen foto\'s van anderen delen.' }],
  ['afsluiting', { uitkomst: 'positief' }],
];

test('full journey: registration, every step in order, positive closure', async () => {
  const id = await newZaak();
  assert.equal(status(await zaakXml(id, 'admin')), 'aangemeld');
  let r = await registreer(id);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/zaken/${id}`);
  assert.equal(status(await zaakXml(id)), 'toegewezen');

  r = await request(srv, 'GET', `/zaken/${id}/stappen/hertoetsing`, { user: 'medewerker' });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`action="/zaken/${id}/stappen/hertoetsing"`));
  assert.match(r.text, /name="versie"/);

  for (const [naam, fields] of journey) {
    r = await stap(id, naam, fields);
    assert.equal(r.status, 303, `${naam}: ${r.text.slice(0, 600)}`);
    if (naam === 'hertoetsing') assert.equal(status(await zaakXml(id)), 'in-behandeling');
  }
  const xml = await zaakXml(id);
  assert.equal(status(xml), 'afgerond-positief');
  assert.equal((xml.match(/<stap naam="extra-gesprek"/g) || []).length, 2, 'each occurrence kept');
  assert.match(xml, /<taak stap="eindgesprek" staat="afgerond"/);

  // Nothing after afsluiting.
  r = await stap(id, 'school', { toestemming: 'ja' });
  assert.equal(r.status, 409);
  assert.match(r.text, /afgesloten/);

  // The officier sees the outcome, not Halt's internal notes.
  const off = await zaakXml(id, 'officier');
  assert.match(off, /status="afgerond-positief"/);
  assert.doesNotMatch(off, /Intern: goed gesprek|Geheim detail|Sociaal wijkteam/);
  assert.doesNotMatch(off, /zorgpunten=/);
});

test('hertoetsing voldoet=nee sends the zaak back (retour) and nothing can follow', async () => {
  const id = await newZaak();
  assert.equal((await registreer(id)).status, 303);
  let r = await stap(id, 'hertoetsing', { voldoet: 'nee' });
  assert.equal(r.status, 422, 'toelichting is required when nee');
  assert.match(r.text, /Vul de toelichting in/);
  r = await stap(id, 'hertoetsing', { voldoet: 'nee', toelichting: 'Planmatig gedrag gebleken.' });
  assert.equal(r.status, 303);
  const xml = await zaakXml(id);
  assert.equal(status(xml), 'retour');
  r = await stap(id, 'voorgesprek');
  assert.equal(r.status, 409);
  assert.match(r.text, /teruggestuurd naar het OM/);
  // The reason is what goes back to the OM: the officier sees it.
  assert.match(await zaakXml(id, 'officier'), /Planmatig gedrag gebleken/);
});

test('negative closure needs a reason and may come any time after hertoetsing', async () => {
  const id = await newZaak();
  assert.equal((await registreer(id)).status, 303);
  let r = await stap(id, 'afsluiting', { uitkomst: 'negatief', reden: 'niet-meegewerkt' });
  assert.equal(r.status, 409, 'not before hertoetsing');
  assert.match(r.text, /Eerst: hertoetsing/);
  assert.equal((await stap(id, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  r = await stap(id, 'afsluiting', { uitkomst: 'positief' });
  assert.equal(r.status, 409, 'positive only after the eindgesprek');
  assert.match(r.text, /Eerst: eindgesprek/);
  r = await stap(id, 'afsluiting', { uitkomst: 'negatief' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies de reden van de negatieve afsluiting/);
  r = await stap(id, 'afsluiting', { uitkomst: 'negatief', reden: 'afspraken-niet-nagekomen' });
  assert.equal(r.status, 303);
  const off = await zaakXml(id, 'officier');
  assert.equal(status(off), 'afgerond-negatief');
  assert.match(off, /reden="afspraken-niet-nagekomen"/);
});

test('only the assigned worker of the werkgebied records steps; the untrained cannot be assigned', async () => {
  const id = await newZaak();
  let r = await registreer(id, 'stagiair');
  assert.equal(r.status, 422);
  assert.match(r.text, /niet getraind/);
  r = await registreer(id, 'medewerker2');
  assert.equal(r.status, 422);
  assert.match(r.text, /niet in uw werkgebied/);
  r = await registreer(id, 'officier');
  assert.equal(r.status, 422);
  assert.equal(status(await zaakXml(id, 'admin')), 'aangemeld');
  r = await registreer(id, 'medewerker', 'medewerker');
  assert.equal(r.status, 403, 'only halt-admin registers');

  assert.equal((await registreer(id)).status, 303);
  r = await stap(id, 'hertoetsing', { voldoet: 'ja' }, 'medewerker2');
  assert.equal(r.status, 403, 'other werkgebied');
  r = await stap(id, 'hertoetsing', { voldoet: 'ja' }, 'stagiair');
  assert.equal(r.status, 403, 'not assigned');
  r = await request(srv, 'GET', `/zaken/${id}/stappen/hertoetsing`, { user: 'stagiair' });
  assert.equal(r.status, 403);
  r = await request(srv, 'GET', `/zaken/${id}/stappen/hertoetsing`, { user: 'admin' });
  assert.equal(r.status, 403);
  r = await request(srv, 'GET', `/zaken/${id}/stappen/bestaat-niet`, { user: 'medewerker' });
  assert.equal(r.status, 404);
  r = await request(srv, 'GET', '/zaken/Z99999999/stappen/hertoetsing', { user: 'medewerker' });
  assert.equal(r.status, 404);
  r = await request(srv, 'POST', '/zaken/Z99999999/registratie',
    { user: 'admin', body: { csrf: tokens.admin, medewerker: 'medewerker', versie: '1' } });
  assert.equal(r.status, 404);

  // Reassignment keeps the history.
  assert.equal((await stap(id, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  assert.equal((await registreer(id, 'medewerker')).status, 303);
  const xml = await zaakXml(id, 'admin');
  assert.equal(status(xml), 'in-behandeling', 'reassignment does not reset the status');
  assert.equal((xml.match(/<toewijzing /g) || []).length, 2);
  assert.match(xml, /opnieuw toegewezen/);
});

test('out of order is 409 naming the step; a stale versie is 409 with the typed values kept', async () => {
  const id = await newZaak();
  assert.equal((await registreer(id)).status, 303);
  let r = await stap(id, 'vervolggesprek', { toelichting: 'x' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Eerst: leeropdracht-1 en leeropdracht-2/);
  r = await request(srv, 'GET', `/zaken/${id}/stappen/startgesprek`, { user: 'medewerker' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Eerst: voorgesprek/);

  const oud = versie(await zaakXml(id));
  assert.equal((await stap(id, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  r = await stap(id, 'extra-gesprek', { reden: 'overig', toelichting: 'Mijn getypte tekst' }, 'medewerker', oud);
  assert.equal(r.status, 409);
  assert.match(r.text, /intussen gewijzigd/);
  assert.match(r.text, /Mijn getypte tekst/);
  const nu = versie(await zaakXml(id));
  assert.match(r.text, new RegExp(`name="versie" value="${nu}"`), 'the form now carries the current versie');
  r = await stap(id, 'extra-gesprek', { reden: 'overig' }, 'medewerker', nu);
  assert.equal(r.status, 303);
});

test('422 on each missing required field, the typed values kept', async () => {
  const id = await newZaak();
  assert.equal((await registreer(id)).status, 303);
  let r = await stap(id, 'hertoetsing', { voldoet: 'ja', datum: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul de datum in/);
  r = await stap(id, 'hertoetsing', {});
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies of de jongere aan de criteria voldoet/);
  r = await stap(id, 'hertoetsing', { voldoet: 'ja', datum: '2001-01-01' });
  assert.equal(r.status, 422, 'not before the referral');
  assert.match(r.text, /niet voor de verwijzing/);
  r = await stap(id, 'hertoetsing', { voldoet: 'ja', datum: '2999-01-01' });
  assert.equal(r.status, 422, 'not in the future');
  assert.equal((await stap(id, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  assert.equal((await stap(id, 'voorgesprek')).status, 303);
  r = await stap(id, 'startgesprek', { checklist: 'ja', apart_gesprek: 'ja', zorgpunten: 'nee', toelichting: 'bewaard' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Neem het signaleringsinstrument af/);
  assert.match(r.text, /bewaard/);
  assert.equal((await stap(id, 'doorverwijzing', { instantie: 'x' })).status, 422);
  assert.equal((await stap(id, 'school', {})).status, 422, 'school only with consent');
  assert.equal((await stap(id, 'excuus', { vorm: 'geen' })).status, 409, 'excuus after vervolggesprek');
});

test('the dossier shows the assignment form to the admin and the task list to the worker', async () => {
  const id = await newZaak();
  let r = await request(srv, 'GET', `/zaken/${id}`, { user: 'admin' });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`action="/zaken/${id}/registratie"`));
  assert.match(r.text, /<option value="medewerker"/);
  assert.doesNotMatch(r.text, /<option value="stagiair"|<option value="medewerker2"/, 'only trained workers of the werkgebied');
  assert.equal((await registreer(id)).status, 303);
  assert.equal((await stap(id, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  r = await request(srv, 'GET', `/zaken/${id}`, { user: 'medewerker' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Afgerond op \d{4}-\d\d-\d\d/);
  assert.match(r.text, new RegExp(`href="/zaken/${id}/stappen/voorgesprek"`));
  assert.doesNotMatch(r.text, new RegExp(`href="/zaken/${id}/stappen/startgesprek"`));
  assert.match(r.text, /Nog niet mogelijk/);
  assert.match(r.text, /Eerst: voorgesprek/);
  r = await request(srv, 'GET', `/zaken/${id}`, { user: 'officier' });
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /<taak |halt-takenlijst/);
});

// The rows of a worklist answered as XML: id -> attributes.
async function rijen(user, query = '') {
  const r = await request(srv, 'GET', '/zaken' + query, { user, xml: true });
  assert.equal(r.status, 200, r.text.slice(0, 400));
  const rows = new Map();
  for (const m of r.text.matchAll(/<rij ([^>]*?)\/?>/g)) {
    const a = Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    rows.set(a.id, a);
  }
  const root = r.text.match(/<zaken([^>]*)>/)[1];
  return { rows, root, text: r.text };
}

test('the worklist gives Halt the worker, the next step and the days running; "Alleen mijn zaken" filters', async () => {
  await srv.htpasswd('medewerker3');
  srv.haltctl('user', 'add', 'medewerker3', '--rol', 'halt-medewerker', '--werkgebied', 'Midden-Nederland', '--getraind');
  const nieuw = await newZaak();
  const bezig = await newZaak();
  const ander = await newZaak();
  const klaar = await newZaak();
  for (const id of [bezig, klaar]) assert.equal((await registreer(id)).status, 303);
  assert.equal((await registreer(ander, 'medewerker3')).status, 303);
  assert.equal((await stap(bezig, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  assert.equal((await stap(bezig, 'extra-gesprek', { reden: 'zorg' })).status, 303);
  assert.equal((await stap(klaar, 'hertoetsing', { voldoet: 'ja' })).status, 303);
  assert.equal((await stap(klaar, 'afsluiting', { uitkomst: 'negatief', reden: 'zorg' })).status, 303);

  // The werkgebied: every zaak, with who has it and what comes next.
  let w = await rijen('medewerker');
  assert.doesNotMatch(w.root, /mijn=/);
  assert.equal(w.rows.get(nieuw).volgende, 'registratie');
  assert.equal(w.rows.get(nieuw).medewerker, undefined);
  assert.equal(w.rows.get(bezig).volgende, 'voorgesprek', 'an optional step is never "next"');
  assert.equal(w.rows.get(bezig).medewerker, 'medewerker');
  assert.equal(w.rows.get(ander).volgende, 'hertoetsing');
  assert.equal(w.rows.get(ander).medewerker, 'medewerker3');
  assert.equal(w.rows.get(klaar).volgende, undefined, 'nothing is next after afsluiting');
  // Referred today (aangemeld is the server's today), closed today: 0 days.
  for (const id of [nieuw, bezig, ander, klaar]) assert.equal(w.rows.get(id).dagen, '0', id);
  const admin = await rijen('admin', '?mijn=1');
  assert.ok(admin.rows.has(ander) && admin.rows.has(nieuw), 'mijn means nothing for the halt-admin');
  assert.equal(admin.rows.get(bezig).volgende, 'voorgesprek');

  // Own zaken only: by the index medewerker, and with a status by medewerker-status.
  w = await rijen('medewerker', '?mijn=1');
  assert.match(w.root, /mijn="ja"/);
  assert.ok(w.rows.has(bezig) && w.rows.has(klaar));
  assert.ok(!w.rows.has(nieuw) && !w.rows.has(ander), 'not the unassigned one nor a colleague\'s');
  const eigen = Number(w.root.match(/totaal="(\d+)"/)[1]);
  w = await rijen('medewerker3', '?mijn=1');
  assert.deepEqual([...w.rows.keys()], [ander]);
  assert.match(w.root, /totaal="1"/);
  w = await rijen('medewerker', '?mijn=1&status=in-behandeling');
  assert.ok(w.rows.has(bezig) && !w.rows.has(klaar));
  for (const a of w.rows.values()) assert.equal(a.status, 'in-behandeling');
  w = await rijen('medewerker', '?mijn=1&status=afgerond-negatief');
  assert.ok(w.rows.has(klaar) && !w.rows.has(bezig));
  assert.ok(Number(w.root.match(/totaal="(\d+)"/)[1]) < eigen);
  assert.equal((await request(srv, 'GET', '/zaken?mijn=ja', { user: 'medewerker' })).status, 400);

  // The page: the columns, the filter, the start page link to it.
  let r = await request(srv, 'GET', '/zaken?mijn=1', { user: 'medewerker' });
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1[^>]*>Mijn zaken<\/h1>/);
  assert.match(r.text, /Volgende stap/);
  assert.match(r.text, /Dagen sinds verwijzing/);
  assert.match(r.text, /<input[^>]*id="filter-mijn"[^>]*name="mijn"[^>]*value="1"[^>]*checked/);
  assert.match(r.text, /<label[^>]*for="filter-mijn"[^>]*>Alleen mijn zaken<\/label>/);
  assert.match(r.text, /Telefonisch voorgesprek/, 'the next step by its Dutch name');
  r = await request(srv, 'GET', '/zaken', { user: 'admin' });
  assert.match(r.text, /Registreren en toewijzen/);
  assert.doesNotMatch(r.text, /filter-mijn/, 'the admin has no own zaken');
  r = await request(srv, 'GET', '/zaken', { user: 'officier' });
  assert.doesNotMatch(r.text, /Volgende stap|Dagen sinds verwijzing/, 'Halt\'s columns only for Halt');
  r = await request(srv, 'GET', '/', { user: 'medewerker' });
  assert.match(r.text, /href="\/zaken\?mijn=1"/);
});

test('a step form links back to its zaak', async () => {
  const id = await newZaak();
  assert.equal((await registreer(id)).status, 303);
  const r = await request(srv, 'GET', `/zaken/${id}/stappen/hertoetsing`, { user: 'medewerker' });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<a[^>]*href="/zaken/${id}"[^>]*>Terug naar zaak</a>`));
  const bad = await stap(id, 'hertoetsing', { voldoet: 'nee' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, new RegExp(`href="/zaken/${id}"[^>]*>Terug naar zaak`), 'also on the form with errors');
});
