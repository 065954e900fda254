// verwijzing.test.mjs: the officier's referral journey in headless Chromium (issue 3):
// form, check (geschikt, twijfel, niet-geschikt), change, submit, dossier, voorblad as PDF, worklist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { referral } from '../lib/server.mjs';
import { useServerAndBrowser, login, assertAxeClean, fillReferral, formValues } from '../lib/browser.mjs';

let srv, browser;
useServerAndBrowser((s, b) => { srv = s; browser = b; });

const ZAAKNUMMER = /^Z\d{8}$/;

// Click a submit button by its words and wait for the page that answers the POST.
async function submit(page, words) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/verwijzingen')),
    page.getByRole('button', { name: words, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  return resp.status();
}

async function openForm(page) {
  const r = await page.goto(srv.base + '/verwijzingen/nieuw');
  assert.equal(r.status(), 200);
  assert.equal(await page.locator('main h1').innerText(), 'Nieuwe verwijzing');
}

async function outcome(page) {
  return (await page.locator('main .halt-panel h2').innerText()).trim();
}

// The zaaknummer from the dossier the submit landed on.
async function zaaknummer(page) {
  const m = new URL(page.url()).pathname.match(/^\/zaken\/([^/]+)$/);
  assert.ok(m, `landed on a dossier: ${page.url()}`);
  return m[1];
}

const day = (iso, n) => {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

test('an officier fills the whole form, checks, changes, corrects an error, submits and prints the voorblad', async () => {
  const ctx = await login(browser, 'officier');
  try {
    const page = await ctx.newPage();
    await openForm(page);
    await assertAxeClean(browser, page, 'officier', 'the blank referral form');

    const values = referral({
      jongere_voornaam: 'Zoë', jongere_achternaam: 'Ağaoğlu-de Vries',
      omschrijving: 'Foto’s van een klasgenote gedeeld in de groepsapp.\nNa één dag verwijderd.',
      ouders_namen: 'R. en M. Ağaoğlu', telefoon: '06-12345678', skn: 'SKN-2026-0001',
    });
    await fillReferral(page, values);

    // Check: geschikt.
    assert.equal(await submit(page, 'Controleer de verwijzing'), 200);
    assert.equal(await outcome(page), 'De jongere voldoet aan de criteria');
    assert.equal(await page.locator('main .halt-panel--geschikt').count(), 1);
    assert.equal(await page.locator('main .halt-reden').count(), 0, 'no reasons when geschikt');
    assert.match(await page.locator('#veld-jongere_voornaam').innerText(), /Zoë/);
    assert.match(await page.locator('#veld-gedrag').innerText(), /Ongewenste sexting/, 'choices shown by their words');
    await page.screenshot({ path: '/tmp/halt-controle-geschikt.png', fullPage: true });
    await assertAxeClean(browser, page, 'officier', 'the check page (geschikt)');

    // Back to the form: every answer is still there.
    assert.equal(await submit(page, 'Antwoorden wijzigen'), 200);
    assert.equal(await page.locator('main h1').innerText(), 'Nieuwe verwijzing');
    const back = await formValues(page);
    for (const [name, value] of Object.entries(values)) {
      if (name === 'actie' || value === '') continue;
      assert.equal(back[name], value, `${name} kept after "Antwoorden wijzigen"`);
    }

    // An error: the delict after the decision.
    await page.fill('#veld-delict_datum', day(values.datum_beslissing, 1));
    assert.equal(await submit(page, 'Controleer de verwijzing'), 422);
    assert.match(await page.title(), /^Fout: /);
    const summary = page.locator('.halt-foutsamenvatting');
    assert.equal(await summary.locator('h2').innerText(), 'Er is een probleem');
    assert.equal(await summary.locator('a').count(), 1, 'only the delict date is wrong');
    assert.equal(await summary.locator('a').getAttribute('href'), '#veld-delict_datum');
    assert.match(await page.locator('#fout-delict_datum').innerText(), /Delictdatum/i);
    assert.equal(await page.inputValue('#veld-delict_datum'), day(values.datum_beslissing, 1), 'the wrong date is kept');
    assert.equal(await page.inputValue('#veld-jongere_voornaam'), 'Zoë');

    // Corrected, checked again, submitted.
    await page.fill('#veld-delict_datum', values.delict_datum);
    assert.equal(await submit(page, 'Controleer de verwijzing'), 200);
    assert.equal(await outcome(page), 'De jongere voldoet aan de criteria');
    assert.equal(await submit(page, 'Verwijzing indienen'), 303, 'submitted: redirect to the dossier');
    await page.waitForURL(/\/zaken\/[^/]+$/);

    const id = await zaaknummer(page);
    assert.match(id, ZAAKNUMMER);
    const panel = page.locator('main .halt-panel--bevestiging');
    assert.equal(await panel.locator('h1').innerText(), 'Verwijzing ingediend');
    assert.match(await panel.innerText(), new RegExp(`Zaaknummer\\s+${id}`));
    assert.match(await panel.innerText(), /Midden-Nederland/);
    await page.screenshot({ path: '/tmp/halt-bevestiging.png', fullPage: false });
    await assertAxeClean(browser, page, 'officier', 'the confirmation on the dossier');

    // The voorblad, and as a PDF on A4.
    await page.getByRole('link', { name: 'Voorblad bekijken en afdrukken' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, `/zaken/${id}/voorblad`);
    const voorblad = await page.locator('main').innerText();
    assert.match(voorblad, /Halt-interventie sexting/);
    assert.match(voorblad, new RegExp(id));
    assert.match(voorblad, /Zoë/);
    assert.match(voorblad, /Ağaoğlu-de Vries/);
    await assertAxeClean(browser, page, 'officier', 'the voorblad');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('nav.halt-nav').isVisible(), false, 'no navigation on paper');
    await page.emulateMedia({ media: null }); // page.pdf() prints with the print media
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    assert.ok(pdf.length > 1000, `a PDF with content (${pdf.length} bytes)`);
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || [];
    assert.equal(pages.length, 1, 'the voorblad fits on one A4 sheet');
    writeFileSync('/tmp/halt-voorblad.pdf', pdf);

    // The worklist lists the new zaak.
    const r = await page.goto(srv.base + '/zaken');
    assert.equal(r.status(), 200);
    const row = page.locator('main table tbody tr', { has: page.locator(`a[href="/zaken/${id}"]`) });
    assert.equal(await row.count(), 1, 'the worklist has the new zaak');
    assert.match(await row.innerText(), /Zoë Ağaoğlu-de Vries/);
    assert.match(await row.innerText(), /Aangemeld/);
    await assertAxeClean(browser, page, 'officier', 'the worklist /zaken');
  } finally {
    await ctx.close();
  }
});

test('a twijfel referral (victim age unknown) offers the national contact and needs a motivering', async () => {
  const ctx = await login(browser, 'officier');
  try {
    const page = await ctx.newPage();
    await openForm(page);
    await fillReferral(page, referral({
      jongere_voornaam: 'Daan', jongere_achternaam: 'Twijfelaar', slachtoffer_geboortedatum: '',
    }));
    assert.equal(await submit(page, 'Controleer de verwijzing'), 200);
    assert.equal(await outcome(page), 'Er is twijfel over de criteria');
    assert.equal(await page.locator('main .halt-panel--twijfel').count(), 1);
    assert.match(await page.locator('#veld-slachtoffer_geboortedatum').innerText(), /Niet ingevuld/);
    assert.equal(await page.locator('#veld-slachtoffer_geboortedatum .halt-reden').count(), 1, 'the doubt is shown next to the answer');

    const ask = page.getByRole('link', { name: /Vraag advies aan de landelijk contactpersoon/ });
    assert.equal(await ask.count(), 1);
    const href = await ask.getAttribute('href');
    assert.match(href, /^\/overleg\/nieuw\?/);
    assert.ok(new URLSearchParams(href.split('?')[1]).getAll('criteria').includes('leeftijdsverschil'), href);
    assert.doesNotMatch(href, /Daan|Twijfelaar/, 'no names in the URL');
    await page.screenshot({ path: '/tmp/halt-controle-twijfel.png', fullPage: true });
    await assertAxeClean(browser, page, 'officier', 'the check page (twijfel)');

    // Submitting without a motivering is refused, with the error at the motivering.
    assert.equal(await submit(page, 'Verwijzing indienen'), 422);
    assert.match(await page.title(), /^Fout: /);
    const summary = page.locator('.halt-foutsamenvatting');
    assert.equal(await summary.locator('h2').innerText(), 'Er is een probleem');
    assert.equal(await summary.locator('a[href="#veld-motivering"]').count(), 1);
    assert.ok(await page.locator('#fout-motivering').isVisible(), 'inline motivering error');
    assert.equal(await page.getAttribute('#veld-motivering', 'aria-invalid'), 'true');
    await summary.locator('a[href="#veld-motivering"]').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'veld-motivering');
    await assertAxeClean(browser, page, 'officier', 'the check page (twijfel, motivering missing)');

    await page.fill('#veld-motivering', 'Slachtoffer is een klasgenote, naar verwachting even oud.');
    assert.equal(await submit(page, 'Verwijzing indienen'), 303);
    await page.waitForURL(/\/zaken\/[^/]+$/);
    const id = await zaaknummer(page);
    assert.match(id, ZAAKNUMMER);
    assert.equal(await page.locator('main .halt-panel--bevestiging h1').innerText(), 'Verwijzing ingediend');
    assert.match(await page.locator('main').innerText(), /Twijfel \(met motivering\)/);
    await assertAxeClean(browser, page, 'officier', 'the dossier of a twijfel referral');
  } finally {
    await ctx.close();
  }
});

test('a niet-geschikt referral (chantage) cannot be submitted and shows the reason next to the answer', async () => {
  const ctx = await login(browser, 'officier');
  try {
    const page = await ctx.newPage();
    await openForm(page);
    await fillReferral(page, referral({
      jongere_voornaam: 'Noor', jongere_achternaam: 'Chantage', contra_chantage: 'ja',
    }));
    assert.equal(await submit(page, 'Controleer de verwijzing'), 200);
    assert.equal(await outcome(page), 'De jongere voldoet niet aan de criteria');
    assert.equal(await page.locator('main .halt-panel--niet-geschikt').count(), 1);
    assert.match(await page.locator('main .halt-panel').innerText(), /Andere interventie is wenselijk/);
    assert.equal(await page.getByRole('button', { name: 'Verwijzing indienen' }).count(), 0, 'no submit button');
    assert.equal(await page.getByRole('button', { name: 'Antwoorden wijzigen' }).count(), 1);
    const answer = page.locator('#veld-contra_chantage');
    assert.match(await answer.innerText(), /^Ja/);
    assert.equal(await answer.locator('.halt-reden').count(), 1, 'the reason stands next to the answer');
    assert.match(await answer.locator('.halt-reden').innerText(), /chantage/i);
    await page.screenshot({ path: '/tmp/halt-controle-niet-geschikt.png', fullPage: false });
    await assertAxeClean(browser, page, 'officier', 'the check page (niet-geschikt)');

    // Nothing was made: the worklist has no zaak for this jongere.
    await page.goto(srv.base + '/zaken');
    assert.doesNotMatch(await page.locator('main').innerText(), /Chantage/);
  } finally {
    await ctx.close();
  }
});
