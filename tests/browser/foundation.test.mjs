// foundation.test.mjs: in headless Chromium, every demo user's start page, WCAG 2.1 AA
// (axe-core) on start and error pages, and the referral form's error handling without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, login, assertAxeClean, assertAxeCleanUrl, chooseRadio } from '../lib/browser.mjs';

let srv, browser;
useServerAndBrowser((s, b) => { srv = s; browser = b; });

// The task each role sees first on its start page (DESIGN.md: who does what).
const START = {
  officier: /Nieuwe verwijzing/, officier2: /Nieuwe verwijzing/,
  admin: /Nieuwe zaken registreren/, medewerker: /Mijn zaken/, medewerker2: /Mijn zaken/,
  stagiair: /Mijn zaken/, contact: /Vragen om advies/, beheer: /Auditlog/,
};

test('each demo user logs in and sees the start page of the role with a heading and tasks', async () => {
  for (const [user, task] of Object.entries(START)) {
    const ctx = await login(browser, user);
    try {
      const page = await ctx.newPage();
      const r = await page.goto(srv.base + '/');
      assert.equal(r.status(), 200, user);
      assert.equal(await page.getAttribute('html', 'lang'), 'nl', user);
      assert.match(await page.title(), /^Start — /, user);
      const h1 = page.locator('main h1');
      assert.equal(await h1.count(), 1, `${user}: one h1`);
      assert.match(await h1.innerText(), new RegExp(`Welkom, ${user}`), user);
      const tasks = page.locator('main ul.halt-taken > li');
      assert.ok(await tasks.count() > 0, `${user}: the start page lists tasks`);
      assert.match(await page.locator('main ul.halt-taken').innerText(), task, user);
      // The header says who is logged in, the navigation marks the start page as current.
      assert.match(await page.locator('header .halt-gebruiker').innerText(), new RegExp(user), user);
      assert.equal(await page.locator('nav a[aria-current="page"]').innerText(), 'Start', user);
    } finally {
      await ctx.close();
    }
  }
});

for (const user of ['officier', 'admin', 'medewerker', 'contact', 'beheer']) {
  test(`the start page of ${user} has no WCAG 2.1 AA violations`, async () => {
    await assertAxeCleanUrl(browser, srv.base, '/', user, `the start page of ${user}`);
  });
}

test('the 404 page says so in Dutch and has no WCAG 2.1 AA violations', async () => {
  const ctx = await login(browser, 'officier');
  try {
    const page = await ctx.newPage();
    const r = await page.goto(srv.base + '/bestaat-niet');
    assert.equal(r.status(), 404);
    assert.match(await page.locator('main h1').innerText(), /niet gevonden/i);
    assert.ok(await page.locator('main a[href="/"]').count() > 0, 'a way back to the start page');
    await assertAxeClean(browser, page, 'officier', 'the 404 page');
  } finally {
    await ctx.close();
  }
});

test('the blank referral form has no WCAG 2.1 AA violations', async () => {
  await assertAxeCleanUrl(browser, srv.base, '/verwijzingen/nieuw', 'officier', 'the blank referral form');
});

// What the officier types before submitting an incomplete form: a date that does not
// exist, Dutch characters and a line break, a radio chosen by its label.
const TYPED = {
  jongere_voornaam: 'Zoë',
  jongere_achternaam: 'Çelik-van den Bërg',
  datum_beslissing: '2025-02-30',
  omschrijving: 'Foto’s gedeeld in de groepsapp “klas 3b”;\nbeëindigd na één dag.',
  artikel: '139h Sr',
};

test('without JavaScript an incomplete referral comes back with a linked error summary, inline errors and every typed value', async () => {
  const ctx = await login(browser, 'officier', { javaScriptEnabled: false });
  try {
    const page = await ctx.newPage();
    await page.goto(srv.base + '/verwijzingen/nieuw');
    assert.equal(await page.locator('.halt-foutsamenvatting').count(), 0, 'no errors before submitting');
    assert.doesNotMatch(await page.title(), /^Fout:/);

    await page.fill('#veld-verwijzer_naam', '');
    for (const [name, value] of Object.entries(TYPED)) await page.fill(`[name="${name}"]`, value);
    await chooseRadio(page, 'gedrag', 'profielmisbruik');
    await chooseRadio(page, 'bekent', 'uitzondering');

    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/verwijzingen') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Controleer de verwijzing' }).click(),
    ]);
    await page.waitForLoadState('load');
    assert.equal(resp.status(), 422);

    assert.match(await page.title(), /^Fout: /, 'the title starts with "Fout:"');
    const summary = page.locator('.halt-foutsamenvatting');
    assert.equal(await summary.count(), 1, 'one error summary');
    assert.equal(await summary.locator('h2').innerText(), 'Er is een probleem');
    // The summary comes before the form, so it is read first.
    assert.ok(await page.locator('main .halt-foutsamenvatting ~ form').count() === 1, 'summary before the form');

    const links = summary.locator('a');
    const n = await links.count();
    assert.ok(n >= 10, `the summary lists the missing fields (${n})`);
    const texts = await links.allInnerTexts();
    assert.ok(texts.includes('Vul uw naam in'), 'emptied verwijzer_naam is reported');
    assert.ok(texts.some((t) => /Datum beslissing.*bestaande datum/.test(t)), `the non-existing date is named: ${texts.join(' | ')}`);
    assert.ok(!texts.includes('Kies om welk gedrag het gaat'), 'a chosen radio is not an error');

    // Every link points at a control on the page; following one moves focus there.
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      assert.match(href, /^#veld-[a-z_]+$/);
      assert.equal(await page.locator(href).count(), 1, `${href} exists`);
    }
    for (const target of ['veld-datum_beslissing', 'veld-parketnummer', 'veld-instemming_jongere']) {
      await summary.locator(`a[href="#${target}"]`).click();
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), target,
        `the summary link moves focus to #${target}`);
    }

    // Inline errors: next to the field, announced with it.
    for (const name of ['parketnummer', 'datum_beslissing', 'regio', 'jongere_geboortedatum']) {
      const err = page.locator(`#fout-${name}`);
      assert.equal(await err.count(), 1, `inline error for ${name}`);
      assert.ok(await err.isVisible(), `the inline error for ${name} is visible`);
      const control = page.locator(`#veld-${name}`);
      assert.equal(await control.getAttribute('aria-invalid'), 'true', name);
      assert.match(await control.getAttribute('aria-describedby') || '', new RegExp(`\\bfout-${name}\\b`), name);
    }
    assert.match(await page.locator('#fout-datum_beslissing').innerText(), /bestaande datum/);
    // A radio group with an error is marked on its fieldset.
    assert.match(await page.locator('fieldset:not(.halt-sectie):has(#veld-instemming_jongere)').getAttribute('aria-describedby') || '',
      /fout-instemming_jongere/);

    // Every typed value is still there, exactly.
    for (const [name, value] of Object.entries(TYPED))
      assert.equal(await page.inputValue(`[name="${name}"]`), value, `${name} kept`);
    assert.equal(await page.inputValue('#veld-verwijzer_naam'), '', 'an emptied field stays empty');
    assert.ok(await page.isChecked('input[name="gedrag"][value="profielmisbruik"]'), 'gedrag kept');
    assert.ok(await page.isChecked('input[name="bekent"][value="uitzondering"]'), 'bekent kept');
    assert.equal(await page.locator('input[name="csrf"]').count(), 1, 'the form can be sent again');

    await assertAxeClean(browser, page, 'officier', 'the referral form with errors');
  } finally {
    await ctx.close();
  }
});
