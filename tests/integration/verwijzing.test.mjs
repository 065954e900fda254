// verwijzing.test.mjs: the officier's referral over HTTP: the check, submitting a zaak,
// duplicates, person keys, bad input, access per role and record, the voorblad.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

let srv;
const csrf = {};

before(async () => {
  srv = await startServer();
  // officier3 has a worklist no other test touches: controleren must leave it empty.
  await srv.htpasswd('officier3');
  srv.haltctl('user', 'add', 'officier3', '--rol', 'officier');
  for (const u of ['officier', 'officier2', 'officier3']) csrf[u] = await csrfToken(srv, u);
});
after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0, 'the server stops cleanly');
});

// ---- helpers ----------------------------------------------------------------------------

const base = referral();
// A date n years and d days after an ISO date (UTC; 29 February rolls to 1 March).
function shift(isoDate, years, days = 0) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d + days)).toISOString().slice(0, 10);
}
const TODAY = new Date().toISOString().slice(0, 10);

// Every test that submits uses its own jongere, so no test sees another's open zaak.
let seq = 0;
function jongere() {
  seq += 1;
  return { jongere_voornaam: 'Test', jongere_achternaam: `Persoon ${String.fromCharCode(96 + (seq % 26 || 26))}${seq}` };
}

function post(user, overrides = {}, { xml = true } = {}) {
  return request(srv, 'POST', '/verwijzingen', {
    user, xml, body: referral({ csrf: csrf[user], ...overrides }),
  });
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');

function attrs(s) {
  const a = {};
  for (const m of s.matchAll(/([\w-]+)="([^"]*)"/g)) a[m[1]] = unescape(m[2]);
  return a;
}
function root(text) {
  const m = text.match(/<\?xml[^>]*\?>\s*<([\w-]+)([^>]*?)\/?>/);
  assert.ok(m, 'an XML document: ' + text.slice(0, 200));
  return { name: m[1], ...attrs(m[2]) };
}
function redenen(text) {
  return [...text.matchAll(/<reden([^>]*)>([^<]*)<\/reden>/g)]
    .map((m) => ({ ...attrs(m[1]), zin: unescape(m[2]) }));
}
function fouten(text) {
  return [...text.matchAll(/<fout([^>]*)>([^<]*)<\/fout>/g)]
    .map((m) => ({ ...attrs(m[1]), zin: unescape(m[2]) }));
}
function waarde(text, naam) {
  const m = text.match(new RegExp(`<waarde naam="${naam}">([^<]*)</waarde>`));
  return m ? unescape(m[1]) : undefined;
}
function element(text, naam) {
  const m = text.match(new RegExp(`<${naam}>([^<]*)</${naam}>`));
  return m ? unescape(m[1]) : undefined;
}
// A sentence a Dutch user reads: a capital, words, and some common Dutch word in it.
function assertDutch(zin, what) {
  assert.match(zin, /^[A-Z].{10,}/, `${what}: a sentence, got "${zin}"`);
  assert.match(zin, /\b(moet|is|mag|vul|kies|niet|een|de|het|van|in)\b/i, `${what}: Dutch, got "${zin}"`);
}

async function worklist(user) {
  const r = await request(srv, 'GET', '/zaken', { user, xml: true });
  assert.equal(r.status, 200, `worklist of ${user}`);
  assert.equal(root(r.text).name, 'zaken');
  const ids = [...r.text.matchAll(/<rij[^>]* id="(Z\d+)"/g)].map((m) => m[1]);
  return { totaal: Number(root(r.text).totaal), ids, text: r.text };
}

const LOCATION = /^\/zaken\/(Z\d{8})(\?nieuw=1)?$/;
async function indienen(user, overrides = {}) {
  const r = await post(user, { actie: 'indienen', ...jongere(), ...overrides });
  assert.equal(r.status, 303, 'indienen is accepted: ' + r.text.slice(0, 600));
  const loc = r.headers.get('location') || '';
  assert.match(loc, LOCATION);
  return { id: loc.match(LOCATION)[1], location: loc };
}

async function check(overrides) {
  const r = await post('officier3', { actie: 'controleren', ...jongere(), ...overrides });
  assert.equal(r.status, 200, 'the check answers 200: ' + r.text.slice(0, 600));
  const t = root(r.text);
  assert.equal(t.name, 'toets');
  return { uitkomst: t.uitkomst, redenen: redenen(r.text), text: r.text };
}

const CONTRA = ['chantage', 'dwang', 'misleiding', 'planmatig', 'hands_on', 'zedengeschiedenis',
  'problematiek', 'eerder_sexting'];

// ---- controleren ------------------------------------------------------------------------

test('controleren of a geschikt referral is 200 with toets uitkomst=geschikt and makes no zaak', async () => {
  assert.equal((await worklist('officier3')).totaal, 0, 'the worklist starts empty');
  const c = await check({});
  assert.equal(c.uitkomst, 'geschikt');
  assert.deepEqual(c.redenen, []);
  assert.equal(waarde(c.text, 'jongere_voornaam'), 'Test', 'the answers come back with the check');
  const html = await post('officier3', { actie: 'controleren', ...jongere() }, { xml: false });
  assert.equal(html.status, 200);
  assert.match(html.text, /De jongere voldoet aan de criteria/);
  const w = await worklist('officier3');
  assert.equal(w.totaal, 0, 'controleren makes no zaak');
  assert.deepEqual(w.ids, []);
});

test('controleren: unknown victim birth date is twijfel on leeftijdsverschil', async () => {
  const c = await check({ slachtoffer_geboortedatum: '' });
  assert.equal(c.uitkomst, 'twijfel');
  assert.equal(c.redenen.length, 1);
  assert.equal(c.redenen[0].code, 'leeftijdsverschil');
  assert.equal(c.redenen[0].soort, 'twijfel');
  assertDutch(c.redenen[0].zin, 'reden');
});

test('controleren: lichte_vorm=twijfel is twijfel on lichte-vorm', async () => {
  const c = await check({ lichte_vorm: 'twijfel' });
  assert.equal(c.uitkomst, 'twijfel');
  assert.deepEqual(c.redenen.map((r) => [r.code, r.soort]), [['lichte-vorm', 'twijfel']]);
});

test('controleren: each failed indicatie makes the referral niet-geschikt with its reden', async () => {
  const delict = base.delict_datum;
  const cases = [
    ['age 18 on the delict date', { jongere_geboortedatum: shift(delict, -18) }, 'leeftijd'],
    ['3 earlier Halt referrals', { eerdere_halt: '3' }, 'recidive-max'],
    ['earlier OM referral for a misdrijf', { eerder_om_misdrijf: 'ja' }, 'recidive-om'],
    ['the jongere does not consent', { instemming_jongere: 'nee' }, 'instemming-jongere'],
    ['under 16 without the parents\' consent',
      { jongere_geboortedatum: shift(base.datum_beslissing, -15, -30), instemming_ouders: 'nvt' }, 'instemming-ouders'],
    ['the jongere denies', { bekent: 'nee' }, 'ontkent'],
  ];
  for (const [what, ov, code] of cases) {
    const c = await check(ov);
    assert.equal(c.uitkomst, 'niet-geschikt', what);
    const r = c.redenen.find((x) => x.code === code);
    assert.ok(r, `${what}: reden ${code} in ${JSON.stringify(c.redenen)}`);
    assert.equal(r.soort, 'indicatie', what);
    assertDutch(r.zin, what);
    assert.equal(c.redenen.length, 1, `${what}: only the failed criterion is listed: ${JSON.stringify(c.redenen)}`);
  }
});

test('controleren: the boundaries next to the failures pass', async () => {
  const delict = base.delict_datum;
  // One day before the 18th birthday, 2 earlier referrals, confession not feasible.
  for (const ov of [{ jongere_geboortedatum: shift(delict, -18, 1) }, { eerdere_halt: '2' }, { bekent: 'uitzondering' }]) {
    const c = await check(ov);
    assert.equal(c.uitkomst, 'geschikt', JSON.stringify(ov) + ' ' + JSON.stringify(c.redenen));
  }
});

test('controleren: a victim more than 5 years younger is niet-geschikt, exactly 5 years passes', async () => {
  const geb = base.jongere_geboortedatum;
  let c = await check({ slachtoffer_geboortedatum: shift(geb, 5, 1) });
  assert.equal(c.uitkomst, 'niet-geschikt');
  assert.ok(c.redenen.some((r) => r.code === 'leeftijdsverschil' && r.soort !== 'twijfel'),
    JSON.stringify(c.redenen));
  c = await check({ slachtoffer_geboortedatum: shift(geb, 5) });
  assert.equal(c.uitkomst, 'geschikt', JSON.stringify(c.redenen));
});

test('controleren: each contra-indicatie ja is niet-geschikt (contra), twijfel is twijfel', async () => {
  for (const k of CONTRA) {
    const code = k.replace(/_/g, '-');
    let c = await check({ ['contra_' + k]: 'ja' });
    assert.equal(c.uitkomst, 'niet-geschikt', k);
    assert.deepEqual(c.redenen.map((r) => [r.code, r.soort]), [[code, 'contra']], k);
    assertDutch(c.redenen[0].zin, k);
    c = await check({ ['contra_' + k]: 'twijfel' });
    assert.equal(c.uitkomst, 'twijfel', k);
    assert.deepEqual(c.redenen.map((r) => [r.code, r.soort]), [[code, 'twijfel']], k);
  }
  // A contra-indicatie beats a doubt.
  const c = await check({ contra_dwang: 'ja', lichte_vorm: 'twijfel' });
  assert.equal(c.uitkomst, 'niet-geschikt');
  assert.equal((await worklist('officier3')).totaal, 0, 'no check made a zaak');
});

// ---- indienen ---------------------------------------------------------------------------

const zakenVanOfficier = [];

test('indienen of a geschikt referral is 303 to the new zaak with a confirmation panel', async () => {
  const before = (await worklist('officier')).totaal;
  const ov = { ...jongere(), skn: 'SKN-100', rvdk_advies: 'Advies: <geen> & "klein"' };
  const { id, location } = await indienen('officier', ov);
  zakenVanOfficier.push(id);
  assert.equal((await worklist('officier')).totaal, before + 1);

  const html = await request(srv, 'GET', location, { user: 'officier' });
  assert.equal(html.status, 200);
  assert.match(html.text, /halt-panel--bevestiging/, 'confirmation panel');
  assert.match(html.text, new RegExp(`Verwijzing ingediend[\\s\\S]*${id}`), 'the panel names the zaaknummer');

  const x = await request(srv, 'GET', `/zaken/${id}`, { user: 'officier', xml: true });
  assert.equal(x.status, 200);
  const z = root(x.text);
  assert.equal(z.name, 'zaak');
  assert.equal(z.id, id);
  assert.equal(z.status, 'aangemeld');
  assert.equal(z.versie, '1');
  assert.match(x.text, /<toets uitkomst="geschikt"\s*\/>|<toets uitkomst="geschikt"><\/toets>/);
  const sent = referral(ov);
  for (const [k, v] of Object.entries(sent)) {
    if (k === 'actie' || v === '') continue;
    assert.equal(element(x.text, k), v, `field ${k} is an element of the zaak`);
  }
  assert.doesNotMatch(x.text, /<csrf>|<actie>/, 'the request mechanics are not stored');
  assert.doesNotMatch(x.text, /<persoon[\s>]/, 'the person keys are not shown');
});

test('indienen of a niet-geschikt referral is 422 with the reasons and makes no zaak', async () => {
  const before = (await worklist('officier')).totaal;
  const r = await post('officier', { actie: 'indienen', ...jongere(), eerdere_halt: '3', contra_chantage: 'ja' });
  assert.equal(r.status, 422);
  assert.equal(root(r.text).uitkomst, 'niet-geschikt');
  assert.deepEqual(redenen(r.text).map((x) => x.code).sort(), ['chantage', 'recidive-max']);
  assert.ok(fouten(r.text).length >= 1, 'an error says it cannot be submitted');
  assertDutch(fouten(r.text)[0].zin, 'niet-geschikt');
  const h = await post('officier', { actie: 'indienen', ...jongere(), eerdere_halt: '3' }, { xml: false });
  assert.equal(h.status, 422);
  assert.match(h.text, /Andere interventie is wenselijk/i);
  assert.match(h.text, /Er is een probleem/);
  assert.equal((await worklist('officier')).totaal, before);
});

test('indienen of a twijfel referral without motivering is 422 naming motivering', async () => {
  const before = (await worklist('officier')).totaal;
  const r = await post('officier', { actie: 'indienen', ...jongere(), slachtoffer_geboortedatum: '' });
  assert.equal(r.status, 422);
  assert.equal(root(r.text).uitkomst, 'twijfel');
  const f = fouten(r.text);
  assert.deepEqual(f.map((x) => x.veld), ['motivering']);
  assertDutch(f[0].zin, 'motivering');
  const h = await post('officier', { actie: 'indienen', ...jongere(), lichte_vorm: 'twijfel' }, { xml: false });
  assert.equal(h.status, 422);
  assert.match(h.text, /href="#veld-motivering"/);
  assert.match(h.text, /href="\/overleg\/nieuw\?criteria=lichte-vorm"/, 'offers an overleg on the doubt');
  assert.equal((await worklist('officier')).totaal, before);
});

test('indienen of a twijfel referral with motivering is 303 and keeps the motivering', async () => {
  const { id } = await indienen('officier', { lichte_vorm: 'twijfel', motivering: 'Eenmalig, spijt getoond.' });
  zakenVanOfficier.push(id);
  const x = await request(srv, 'GET', `/zaken/${id}`, { user: 'officier', xml: true });
  assert.match(x.text, /<toets uitkomst="twijfel"><reden[^>]* code="lichte-vorm"/);
  assert.equal(element(x.text, 'motivering'), 'Eenmalig, spijt getoond.');
});

test('a double click on indienen makes exactly one zaak', async () => {
  const before = (await worklist('officier')).totaal;
  const ov = { actie: 'indienen', ...jongere() };
  const a = await post('officier', ov);
  const b = await post('officier', ov);
  assert.equal(a.status, 303);
  assert.equal(b.status, 303, 'the second click shows the zaak the first made');
  assert.equal(b.headers.get('location'), a.headers.get('location'));
  zakenVanOfficier.push(a.headers.get('location').match(LOCATION)[1]);
  assert.equal((await worklist('officier')).totaal, before + 1);
});

test('two simultaneous clicks on indienen make exactly one zaak', async () => {
  const before = (await worklist('officier')).totaal;
  const ov = { actie: 'indienen', ...jongere() };
  const rs = await Promise.all([post('officier', ov), post('officier', ov), post('officier', ov)]);
  for (const r of rs) assert.equal(r.status, 303);
  assert.equal(new Set(rs.map((r) => r.headers.get('location'))).size, 1);
  assert.equal((await worklist('officier')).totaal, before + 1);
});

test('changed answers for a jongere with an open zaak are not silently dropped', async () => {
  // Back in the browser, an answer changed, submitted again: that is no double click.
  const j = jongere();
  const { id } = await indienen('officier', j);
  const before = (await worklist('officier')).totaal;
  const r = await post('officier', { actie: 'indienen', ...j, eerdere_halt: '3' });
  assert.equal(r.status, 422, 'not a 303 that pretends the changed referral was submitted');
  assert.ok(fouten(r.text).some((f) => f.zin.includes(id)), 'names the open zaak');
  assert.equal((await worklist('officier')).totaal, before);
  const x = await request(srv, 'GET', `/zaken/${id}`, { user: 'officier', xml: true });
  assert.equal(element(x.text, 'eerdere_halt'), '0', 'the zaak is unchanged');
});

// ---- duplicates -------------------------------------------------------------------------

test('another officier referring a jongere with an open zaak gets 422 naming it (name + birth date)', async () => {
  const j = jongere();
  const { id } = await indienen('officier', j);
  zakenVanOfficier.push(id);
  const before = (await worklist('officier2')).totaal;
  // The same person written differently: case, spacing and a diacritic.
  const r = await post('officier2', {
    actie: 'indienen', jongere_voornaam: ' TÉST', jongere_achternaam: j.jongere_achternaam.toUpperCase().replace(' ', '  '),
    parketnummer: '99/000001-26',
  });
  assert.equal(r.status, 422, r.text.slice(0, 400));
  assert.ok(fouten(r.text).some((f) => f.zin.includes(id)), 'the error names the open zaak ' + id);
  const h = await post('officier2', { actie: 'indienen', ...j }, { xml: false });
  assert.equal(h.status, 422);
  assert.match(h.text, new RegExp(id));
  assert.equal((await worklist('officier2')).totaal, before, 'no second zaak');
});

test('another officier referring the same skn with an open zaak gets 422 naming it', async () => {
  const { id } = await indienen('officier', { skn: 'SKN 777-1' });
  zakenVanOfficier.push(id);
  const r = await post('officier2', { actie: 'indienen', ...jongere(), skn: 'skn-777-1' });
  assert.equal(r.status, 422);
  assert.ok(fouten(r.text).some((f) => f.zin.includes(id)), JSON.stringify(fouten(r.text)));
});

test('person matching puts no name in plain text into an index key', async () => {
  const marker = 'Merkteken' + Date.now().toString(36);
  const { id } = await indienen('officier', { jongere_voornaam: 'Ida', jongere_achternaam: marker, skn: 'SKN' + marker });
  zakenVanOfficier.push(id);
  const dump = (db, printable = true) => execFileSync('mdb_dump', ['-s', db, ...(printable ? ['-p'] : []),
    join(srv.datadir, 'store')], { encoding: 'utf8' });
  // The check can see plain text: the zaak record itself holds the name.
  assert.match(dump('zaken'), new RegExp(marker), 'mdb_dump shows the record in plain text');
  const idx = dump('idx');
  assert.match(idx, new RegExp(id), 'the zaak is indexed');
  assert.match(idx, /persoon/, 'there is a person index');
  for (const s of [marker, marker.toLowerCase(), 'Ida\\b', 'ida\\|']) assert.doesNotMatch(idx, new RegExp(s), s);
  const hex = Buffer.from(marker.toLowerCase()).toString('hex');
  assert.ok(!dump('idx', false).includes(hex), 'not in the hex dump either');
});

// ---- bad input --------------------------------------------------------------------------

async function assertFieldError(ov, veld, typed) {
  const what = `${veld}=${JSON.stringify(typed)}`.slice(0, 60);
  const r = await post('officier', { actie: 'controleren', ...ov });
  assert.equal(r.status, 422, what);
  assert.equal(root(r.text).name, 'formulier', what);
  const f = fouten(r.text).filter((x) => x.veld === veld);
  assert.equal(f.length, 1, `${what}: one error on the field, got ${JSON.stringify(fouten(r.text))}`);
  assertDutch(f[0].zin, what);
  if (typed !== undefined) assert.ok(waarde(r.text, veld) === typed, `${what}: the typed value is kept`);
  const other = veld === 'omschrijving' ? 'artikel' : 'omschrijving';
  assert.equal(waarde(r.text, other), base[other], `${what}: other answers are kept`);
  const h = await post('officier', { actie: 'controleren', ...ov }, { xml: false });
  assert.equal(h.status, 422, what);
  assert.match(h.text, /Er is een probleem/, what);
  assert.match(h.text, new RegExp(`href="#veld-${veld}"`), `${what}: the summary links to the field`);
  assert.match(h.text, new RegExp(`id="veld-${veld}"`), `${what}: the field is there to link to`);
  // A radio or select cannot show a value that is none of its choices; the XML keeps it.
  if (typed && !/^(gedrag|regio|bekent)$/.test(veld))
    assert.ok(h.text.includes(`value="${typed}"`) || h.text.includes(`>${typed}</textarea>`), `${what}: typed value in the page`);
}

test('bad input: each field rule gives 422 with the form back, the typed value kept', async () => {
  const tomorrow = shift(TODAY, 0, 1);
  await assertFieldError({ datum_beslissing: '2025-02-30' }, 'datum_beslissing', '2025-02-30');
  await assertFieldError({ jongere_geboortedatum: '2011-02-29' }, 'jongere_geboortedatum', '2011-02-29');
  await assertFieldError({ datum_beslissing: tomorrow }, 'datum_beslissing', tomorrow);
  await assertFieldError({ datum_beslissing: shift(TODAY, 0, -10), delict_datum: shift(TODAY, 0, -5) },
    'delict_datum', shift(TODAY, 0, -5));
  await assertFieldError({ delict_datum: 'gisteren' }, 'delict_datum', 'gisteren');
  await assertFieldError({ gedrag: 'foto' }, 'gedrag', 'foto');
  await assertFieldError({ regio: 'Atlantis' }, 'regio', 'Atlantis');
  await assertFieldError({ bekent: 'misschien' }, 'bekent', 'misschien');
  await assertFieldError({ eerdere_halt: '100' }, 'eerdere_halt', '100');
  await assertFieldError({ eerdere_halt: '1.5' }, 'eerdere_halt', '1.5');
  await assertFieldError({ eerdere_halt: '-1' }, 'eerdere_halt', '-1');
  await assertFieldError({ verwijzer_naam: 'a'.repeat(101) }, 'verwijzer_naam', 'a'.repeat(101));
  await assertFieldError({ parketnummer: '1'.repeat(33) }, 'parketnummer', '1'.repeat(33));
  await assertFieldError({ omschrijving: 'x'.repeat(4001) }, 'omschrijving', 'x'.repeat(4001));
  // Under 16 on the decision date: the parents' answer is required.
  await assertFieldError({ jongere_geboortedatum: shift(base.datum_beslissing, -15, -30), instemming_ouders: '' },
    'instemming_ouders', undefined);
});

test('bad input: values on the limit are accepted', async () => {
  const r = await post('officier', { actie: 'controleren', verwijzer_naam: 'a'.repeat(100), eerdere_halt: '99',
    datum_beslissing: TODAY, delict_datum: TODAY });
  assert.equal(r.status, 200, JSON.stringify(fouten(r.text)));
});

test('bad input: every missing required field gives 422 naming it', async () => {
  const required = ['verwijzer_naam', 'parketnummer', 'datum_beslissing', 'regio', 'jongere_voornaam',
    'jongere_achternaam', 'jongere_geboortedatum', 'delict_datum', 'gedrag', 'omschrijving', 'tenlastelegging',
    'instemming_jongere', 'eerdere_halt', 'eerder_om_misdrijf', 'lichte_vorm', 'bekent',
    ...CONTRA.map((k) => 'contra_' + k)];
  for (const veld of required) {
    const r = await post('officier', { actie: 'controleren', [veld]: '' });
    assert.equal(r.status, 422, veld);
    const f = fouten(r.text);
    assert.deepEqual(f.map((x) => x.veld), [veld], `${veld}: ${JSON.stringify(f)}`);
    assertDutch(f[0].zin, veld);
    const other = veld === 'omschrijving' ? 'artikel' : 'omschrijving';
    assert.equal(waarde(r.text, other), base[other], `${veld}: the other answers are kept`);
  }
  const r = await post('officier', { actie: 'controleren', verwijzer_naam: '', omschrijving: '' }, { xml: false });
  assert.equal(r.status, 422);
  assert.match(r.text, /href="#veld-verwijzer_naam"/);
  assert.match(r.text, /href="#veld-omschrijving"/);
  const none = await request(srv, 'POST', '/verwijzingen', { user: 'officier', xml: true,
    body: { csrf: csrf.officier, actie: 'indienen' } });
  assert.equal(none.status, 422);
  assert.ok(fouten(none.text).length >= required.length, 'an empty form names every required field');
});

// ---- access -----------------------------------------------------------------------------

test('access: another officier gets 403 on the zaak and its voorblad, and does not list it', async () => {
  const id = zakenVanOfficier[0];
  assert.ok(id, 'a zaak of officier exists');
  for (const p of [`/zaken/${id}`, `/zaken/${id}/voorblad`]) {
    const r = await request(srv, 'GET', p, { user: 'officier2' });
    assert.equal(r.status, 403, p);
    assert.doesNotMatch(r.text, /Test|Persoon/, 'no content of the zaak in the refusal');
    assert.equal((await request(srv, 'GET', p, { user: 'officier2', xml: true })).status, 403, p + ' as XML');
  }
  const mine = await worklist('officier');
  for (const z of zakenVanOfficier) assert.ok(mine.ids.includes(z), `officier lists own zaak ${z}`);
  const other = await worklist('officier2');
  for (const z of zakenVanOfficier) assert.ok(!other.ids.includes(z), `officier2 does not list ${z}`);
  assert.doesNotMatch(other.text, /<rij/, 'officier2 has made no zaak');
  assert.equal(other.totaal, 0);
});

test('access: halt-admin of the werkgebied reads the zaak, a worker of another werkgebied gets 403', async () => {
  const id = zakenVanOfficier[0];
  let r = await request(srv, 'GET', `/zaken/${id}`, { user: 'admin', xml: true });
  assert.equal(r.status, 200);
  assert.equal(root(r.text).id, id);
  r = await request(srv, 'GET', `/zaken/${id}/voorblad`, { user: 'admin' });
  assert.equal(r.status, 200);
  for (const p of [`/zaken/${id}`, `/zaken/${id}/voorblad`])
    assert.equal((await request(srv, 'GET', p, { user: 'medewerker2' })).status, 403, p);
  assert.ok(!(await worklist('medewerker2')).ids.includes(id), 'Limburg does not list it');
  // A Limburg zaak is not Midden-Nederland's.
  const { id: lim } = await indienen('officier', { regio: 'Limburg' });
  zakenVanOfficier.push(lim);
  assert.equal((await request(srv, 'GET', `/zaken/${lim}`, { user: 'admin' })).status, 403);
  assert.equal((await request(srv, 'GET', `/zaken/${lim}`, { user: 'medewerker2' })).status, 200);
});

test('access: contact and beheer get 403 on /zaken and a zaak; only the officier may POST /verwijzingen', async () => {
  const id = zakenVanOfficier[0];
  for (const user of ['contact', 'beheer'])
    for (const p of ['/zaken', `/zaken/${id}`, `/zaken/${id}/voorblad`])
      assert.equal((await request(srv, 'GET', p, { user })).status, 403, `${user} ${p}`);
  // These roles have no form to take a CSRF token from; the role is refused before the token
  // is looked at, so the answer must be the role's refusal, not the expired-form one.
  const before = (await worklist('admin')).totaal;
  for (const user of ['admin', 'medewerker', 'stagiair', 'contact', 'beheer']) {
    const r = await request(srv, 'POST', '/verwijzingen', { user, body: referral({ csrf: csrf.officier, actie: 'indienen', ...jongere() }) });
    assert.equal(r.status, 403, user);
    assert.match(r.text, /geen toegang/i, user);
    assert.doesNotMatch(r.text, /verlopen/, `${user}: refused for the role, not the token`);
  }
  assert.equal((await worklist('admin')).totaal, before, 'no zaak was made');
});

test('access: an unknown zaak is 404, an unknown status filter 400', async () => {
  assert.equal((await request(srv, 'GET', '/zaken/Z99999999', { user: 'officier' })).status, 404);
  assert.equal((await request(srv, 'GET', '/zaken/Z99999999/voorblad', { user: 'officier' })).status, 404);
  assert.equal((await request(srv, 'GET', '/zaken/Z99999999', { user: 'officier', xml: true })).status, 404);
  assert.equal((await request(srv, 'GET', '/zaken?status=bogus', { user: 'officier' })).status, 400);
  assert.equal((await request(srv, 'GET', '/zaken?status=bogus', { user: 'admin' })).status, 400);
  const r = await request(srv, 'GET', '/zaken?status=aangemeld', { user: 'officier', xml: true });
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(zakenVanOfficier[0]));
});

// ---- voorblad ---------------------------------------------------------------------------

test('voorblad: 200 with "Halt-interventie sexting", the zaaknummer and the parketnummer', async () => {
  const { id } = await indienen('officier', { parketnummer: '16/654321-26' });
  zakenVanOfficier.push(id);
  const r = await request(srv, 'GET', `/zaken/${id}/voorblad`, { user: 'officier' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Halt-interventie sexting/);
  assert.match(r.text, new RegExp(id));
  assert.match(r.text, /16\/654321-26/);
  const x = await request(srv, 'GET', `/zaken/${id}/voorblad`, { user: 'officier', xml: true });
  assert.equal(x.status, 200);
  assert.doesNotMatch(x.text, /<persoon[\s>]|sleutel=/, 'the person keys stay in the store');
});

// ---- earlier zaken of the same jongere, closed through the steps ---------------------------

// The Halt side over HTTP: the admin registers, the medewerker records steps with the current versie.
async function haltPost(user, path, fields) {
  if (!csrf[user]) csrf[user] = await csrfToken(srv, user, '/overleg/nieuw');
  return request(srv, 'POST', path, { user, body: { csrf: csrf[user], ...fields } });
}
async function zaakVersie(id) {
  const r = await request(srv, 'GET', `/zaken/${id}`, { user: 'admin', xml: true });
  assert.equal(r.status, 200);
  return root(r.text).versie;
}
async function stappen(id, list) {
  let r = await haltPost('admin', `/zaken/${id}/registratie`, { medewerker: 'medewerker', versie: await zaakVersie(id) });
  assert.equal(r.status, 303, 'registered: ' + r.text.slice(0, 300));
  for (const [naam, fields] of list) {
    r = await haltPost('medewerker', `/zaken/${id}/stappen/${naam}`,
      { datum: TODAY, versie: await zaakVersie(id), ...fields });
    assert.equal(r.status, 303, `${naam}: ${r.text.slice(0, 300)}`);
  }
  const x = await request(srv, 'GET', `/zaken/${id}`, { user: 'officier', xml: true });
  return root(x.text).status;
}
const POSITIEF = [
  ['hertoetsing', { voldoet: 'ja' }], ['voorgesprek', {}],
  ['startgesprek', { signaleringsinstrument: 'ja', checklist: 'ja', apart_gesprek: 'ja', zorgpunten: 'nee' }],
  ['leeropdracht-1', { opdracht: 'a', beoordeling: 'voldoende' }],
  ['leeropdracht-2', { opdracht: 'b', beoordeling: 'voldoende' }],
  ['oudergesprek', { afspraken: 'c' }], ['vervolggesprek', {}],
  ['leeropdracht-3', { opdracht: 'd', beoordeling: 'voldoende' }], ['excuus', { vorm: 'excuusbrief' }],
  ['eindgesprek', { afspraken: 'e' }], ['afsluiting', { uitkomst: 'positief' }],
];
const NEGATIEF = [['hertoetsing', { voldoet: 'ja' }], ['afsluiting', { uitkomst: 'negatief', reden: 'niet-meegewerkt' }]];
const RETOUR = [['hertoetsing', { voldoet: 'nee', toelichting: 'Toch planmatig.' }]];

function eerderSexting(redenen) {
  return redenen.filter((x) => x.code === 'eerder-sexting');
}

for (const [hoe, list, status] of [['positive', POSITIEF, 'afgerond-positief'], ['negative', NEGATIEF, 'afgerond-negatief']]) {
  test(`eerder-sexting comes from the system after a ${hoe} closure of the same jongere (name + birth date)`, async () => {
    const j = jongere();
    const { id } = await indienen('officier', j);
    // While the zaak is open, a new referral is a duplicate.
    let r = await post('officier2', { actie: 'indienen', ...j, parketnummer: '99/000002-26' });
    assert.equal(r.status, 422, 'open zaak: a duplicate');
    assert.equal(await stappen(id, list), status);

    // The officier answered nee; the system knows better.
    const c = await check({ ...j, contra_eerder_sexting: 'nee' });
    assert.equal(c.uitkomst, 'niet-geschikt', c.text.slice(0, 600));
    const e = eerderSexting(c.redenen);
    assert.equal(e.length, 1, JSON.stringify(c.redenen));
    assert.equal(e[0].soort, 'contra');
    assertDutch(e[0].zin, 'the eerder-sexting reason');
    assert.doesNotMatch(e[0].zin, new RegExp(j.jongere_achternaam), 'no name in the reason');
    // Submitting is refused as niet-geschikt, not as a duplicate.
    const before = (await worklist('officier2')).totaal;
    r = await post('officier2', { actie: 'indienen', ...j, parketnummer: '99/000003-26' });
    assert.equal(r.status, 422);
    assert.equal(root(r.text).uitkomst, 'niet-geschikt');
    assert.equal(eerderSexting(redenen(r.text)).length, 1);
    assert.equal((await worklist('officier2')).totaal, before, 'no zaak made');
    // Another birth date is another jongere.
    const ander = await check({ ...j, jongere_geboortedatum: shift(base.jongere_geboortedatum, 0, -1) });
    assert.equal(ander.uitkomst, 'geschikt', JSON.stringify(ander.redenen));
  });
}

test('a retour zaak counts for neither: no duplicate and no eerder-sexting', async () => {
  const j = jongere();
  const { id } = await indienen('officier', j);
  assert.equal(await stappen(id, RETOUR), 'retour');
  const c = await check({ ...j });
  assert.equal(c.uitkomst, 'geschikt', JSON.stringify(c.redenen));
  assert.equal(eerderSexting(c.redenen).length, 0);
  // A new referral of the same jongere is a new zaak, not refused as a duplicate.
  const r = await post('officier2', { actie: 'indienen', ...j, parketnummer: '99/000004-26' });
  assert.equal(r.status, 303, r.text.slice(0, 600));
  assert.notEqual(r.headers.get('location').match(LOCATION)[1], id);
});

// ---- the store afterwards ---------------------------------------------------------------

test('haltctl check passes on the store after all of the above', () => {
  const out = srv.haltctl('check');
  assert.doesNotMatch(out, /fout|error/i, out);
});
