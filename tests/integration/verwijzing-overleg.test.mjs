// verwijzing-overleg.test.mjs: a doubtful referral names the overleg in which the national
// contact advised; the zaak then shows the question and the advice (issue 4 with issue 3).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, csrfToken, referral } from '../lib/server.mjs';

let srv, csrf, csrf2, overleg;
before(async () => {
  srv = await startServer();
  csrf = await csrfToken(srv, 'officier');
  csrf2 = await csrfToken(srv, 'officier2');
  // The check page of a doubtful referral links to a prefilled question.
  const check = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier', body: { ...referral({ slachtoffer_geboortedatum: '' }), csrf },
  });
  assert.equal(check.status, 200);
  const link = check.text.match(/href="(\/overleg\/nieuw\?[^"]+)"/);
  assert.ok(link, 'the twijfel page links to the overleg form');
  assert.match(link[1], /criteria=leeftijdsverschil/);
  const form = await request(srv, 'GET', link[1].replace(/&amp;/g, '&'), { user: 'officier' });
  assert.match(form.text, /<input[^>]*value="leeftijdsverschil"[^>]*checked/);
  const asked = await request(srv, 'POST', '/overleg', {
    user: 'officier', body: { csrf, vraag: 'Leeftijd slachtoffer onbekend, wel klasgenoot. Kan Halt?', criteria: 'leeftijdsverschil' },
  });
  assert.equal(asked.status, 303);
  overleg = asked.headers.get('location').split('/').pop();
  const page = await request(srv, 'GET', `/overleg/${overleg}`, { user: 'contact' });
  const versie = page.text.match(/name="versie" value="(\d+)"/)[1];
  const contactCsrf = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  const answered = await request(srv, 'POST', `/overleg/${overleg}/antwoord`, {
    user: 'contact', body: { csrf: contactCsrf, versie, advies: 'geschikt', toelichting: 'Klasgenoten: verwijzen kan.' },
  });
  assert.equal(answered.status, 303);
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('the twijfel check page offers the overleg number field', async () => {
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier', body: { ...referral({ slachtoffer_geboortedatum: '', jongere_achternaam: 'Veld' }), csrf },
  });
  assert.equal(r.status, 200);
  assert.match(r.text, /<input[^>]*name="overleg"/);
});

test('a doubtful referral naming its own answered overleg is submitted and the zaak shows the advice', async () => {
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: { ...referral({ slachtoffer_geboortedatum: '', jongere_achternaam: 'Advies' }), csrf,
      actie: 'indienen', motivering: 'Advies landelijk contactpersoon gevolgd.', overleg },
  });
  assert.equal(r.status, 303, r.text);
  const loc = r.headers.get('location').split('?')[0];
  const xml = await request(srv, 'GET', loc, { user: 'officier', xml: true });
  assert.match(xml.text, new RegExp(`<overleg>${overleg}</overleg>`));
  const html = await request(srv, 'GET', loc, { user: 'officier' });
  assert.match(html.text, /Klasgenoten: verwijzen kan\./);
});

test('naming an overleg that is not your own, or does not exist, is 422 on that field with values kept', async () => {
  for (const [user, token, id] of [['officier2', csrf2, overleg], ['officier', csrf, 'O99999999'], ['officier', csrf, 'x']]) {
    const r = await request(srv, 'POST', '/verwijzingen', {
      user,
      body: { ...referral({ slachtoffer_geboortedatum: '', jongere_achternaam: 'Ander' + user }), csrf: token,
        actie: 'indienen', motivering: 'Gemotiveerd.', overleg: id },
    });
    assert.equal(r.status, 422, `${user} ${id}`);
    assert.match(r.text, /href="#veld-overleg"/);
    assert.match(r.text, /geen overleg met dit nummer/);
    assert.match(r.text, /Gemotiveerd\./, 'the motivering is kept');
  }
});

test('the referral form can be opened with the overleg number prefilled', async () => {
  const r = await request(srv, 'GET', `/verwijzingen/nieuw?overleg=${overleg}`, { user: 'officier' });
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`name="overleg"[^>]*value="${overleg}"|value="${overleg}"[^>]*name="overleg"`));
});

test('the start page tells the asker about a new answer until the asker opens it', async () => {
  const r = await request(srv, 'GET', '/', { user: 'officier', xml: true });
  assert.match(r.text, /<taak [^>]*href="\/overleg"[^>]*aantal="1"[^>]*eenheid="met een nieuw antwoord"/);
  const other = await request(srv, 'GET', '/', { user: 'officier2', xml: true });
  assert.match(other.text, /<taak [^>]*href="\/overleg"[^>]*aantal="0"/);
  const html = await request(srv, 'GET', '/', { user: 'officier' });
  assert.match(html.text, /1 met een nieuw antwoord/);
  // The contact reading it changes nothing; the asker opening it does.
  assert.equal((await request(srv, 'GET', `/overleg/${overleg}`, { user: 'contact' })).status, 200);
  assert.match((await request(srv, 'GET', '/', { user: 'officier', xml: true })).text, /href="\/overleg"[^>]*aantal="1"/);
  assert.equal((await request(srv, 'GET', `/overleg/${overleg}`, { user: 'officier' })).status, 200);
  assert.match((await request(srv, 'GET', '/', { user: 'officier', xml: true })).text, /href="\/overleg"[^>]*aantal="0"/);
});
