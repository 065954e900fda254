// logs.test.mjs: after a full journey with a unique marker name in every free-text field, neither
// Apache's logs nor the app's log hold the marker or the jongere's birth date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

const MARKER = `Qzmarker${process.pid}x${Date.now().toString(36)}`;
const GEBOORTEDATUM = `${new Date().getUTCFullYear() - 15}-02-27`;

function logs(datadir) {
  const files = [];
  const dir = join(datadir, 'apache', 'logs');
  if (existsSync(dir)) for (const f of readdirSync(dir)) files.push(join(dir, f));
  files.push(join(datadir, 'logs', 'halt.log'));
  return files.filter(existsSync).map((f) => ({ f, text: readFileSync(f, 'latin1') }));
}

test('a full journey leaves no marker name and no birth date in any log', async () => {
  const srv = await startServer();
  try {
    const today = new Date().toISOString().slice(0, 10);
    const t = {};
    t.officier = await csrfToken(srv, 'officier');
    for (const u of ['admin', 'medewerker']) t[u] = await csrfToken(srv, u, '/overleg/nieuw');
    const m = (veld) => `${MARKER} ${veld}`;
    const velden = {
      verwijzer_naam: m('verwijzer'), parketnummer: MARKER.slice(0, 30), pv_nummer: MARKER.slice(0, 30),
      rvdk_advies: m('rvdk'), jongere_voornaam: MARKER, jongere_achternaam: m('achternaam'),
      jongere_geboortedatum: GEBOORTEDATUM, skn: MARKER.slice(0, 30), ouders_namen: m('ouders'),
      telefoon: m('telefoon'), omschrijving: m('omschrijving'), artikel: m('artikel').slice(0, 100),
      motivering: m('motivering'), slachtoffer_geboortedatum: '',
    };
    // The check, an invalid submission (422 with the values), then the referral itself.
    let r = await request(srv, 'POST', '/verwijzingen',
      { user: 'officier', body: referral({ ...velden, csrf: t.officier, actie: 'controleren' }) });
    assert.equal(r.status, 200);
    r = await request(srv, 'POST', '/verwijzingen',
      { user: 'officier', body: referral({ ...velden, csrf: t.officier, actie: 'indienen', delict_datum: '' }) });
    assert.equal(r.status, 422);
    r = await request(srv, 'POST', '/verwijzingen',
      { user: 'officier', body: referral({ ...velden, csrf: t.officier, actie: 'indienen' }) });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    const zaak = r.headers.get('location').match(/\/zaken\/(Z\d+)/)[1];
    // A refused POST carries the marker too.
    r = await request(srv, 'POST', '/verwijzingen',
      { user: 'officier', body: referral({ ...velden, csrf: 'vervalst', actie: 'indienen' }) });
    assert.equal(r.status, 403);

    const versie = async () => (await request(srv, 'GET', `/zaken/${zaak}`, { user: 'medewerker', xml: true }))
      .text.match(/<zaak[^>]* versie="(\d+)"/)[1];
    r = await request(srv, 'POST', `/zaken/${zaak}/registratie`,
      { user: 'admin', body: { csrf: t.admin, medewerker: 'medewerker', versie: await versie() } });
    assert.equal(r.status, 303);
    const stappen = [
      ['hertoetsing', { voldoet: 'ja', toelichting: m('hertoetsing') }],
      ['voorgesprek', {}],
      ['startgesprek', { signaleringsinstrument: 'ja', checklist: 'ja', apart_gesprek: 'ja', zorgpunten: 'nee',
        toelichting: m('startgesprek') }],
      ['leeropdracht-1', { opdracht: m('opdracht').slice(0, 200), beoordeling: 'voldoende' }],
      ['oudergesprek', { afspraken: m('afspraken') }],
      ['extra-gesprek', { reden: 'overig', toelichting: m('extra') }],
    ];
    for (const [stap, f] of stappen) {
      r = await request(srv, 'POST', `/zaken/${zaak}/stappen/${stap}`,
        { user: 'medewerker', body: { csrf: t.medewerker, datum: today, versie: await versie(), ...f } });
      assert.equal(r.status, 303, `${stap}: ${r.text.slice(0, 300)}`);
    }
    // A stale step (409 with the values back) and a step out of order.
    r = await request(srv, 'POST', `/zaken/${zaak}/stappen/vervolggesprek`,
      { user: 'medewerker', body: { csrf: t.medewerker, datum: today, versie: '1', toelichting: m('vervolg') } });
    assert.equal(r.status, 409);

    r = await request(srv, 'POST', '/overleg', { user: 'medewerker',
      body: { csrf: t.medewerker, vraag: m('vraag'), criteria: 'dwang', zaak } });
    assert.equal(r.status, 303);
    const overleg = r.headers.get('location').match(/\/overleg\/(O\d+)/)[1];
    const ct = await csrfToken(srv, 'contact', `/overleg/${overleg}`);
    const ov = (await request(srv, 'GET', `/overleg/${overleg}`, { user: 'contact', xml: true }))
      .text.match(/<overleg[^>]* versie="(\d+)"/)[1];
    r = await request(srv, 'POST', `/overleg/${overleg}/antwoord`,
      { user: 'contact', body: { csrf: ct, advies: 'geschikt', toelichting: m('antwoord'), versie: ov } });
    assert.equal(r.status, 303);
    // Every page of the journey once more, as XML and as HTML.
    for (const [user, path] of [['officier', `/zaken/${zaak}`], ['medewerker', `/zaken/${zaak}`],
      ['medewerker', `/zaken/${zaak}/voorblad`], ['medewerker', '/zaken'], ['contact', '/overleg'],
      ['medewerker', `/overleg/${overleg}`]]) {
      r = await request(srv, 'GET', path, { user });
      assert.equal(r.status, 200, path);
    }
    // The marker reached the store and the pages: so its absence from the logs means something.
    r = await request(srv, 'GET', `/zaken/${zaak}`, { user: 'medewerker' });
    assert.match(r.text, new RegExp(MARKER));
  } finally {
    const r = await srv.stop();
    const found = logs(srv.datadir);
    srv.cleanup();
    assert.equal(r.code, 0);
    assert.ok(found.some((x) => /halt\.log$/.test(x.f)), 'the app log exists');
    assert.ok(found.some((x) => /access/.test(x.f) && x.text.length > 0), 'Apache logged the requests');
    for (const { f, text } of found) {
      assert.ok(!text.includes(MARKER), `${f} holds the marker name`);
      assert.ok(!text.includes(GEBOORTEDATUM), `${f} holds the birth date`);
    }
  }
});
