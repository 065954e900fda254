// stappen.test.mjs: the Halt side of a zaak in headless Chromium (issue 5): the admin assigns
// from the dossier, the medewerker walks the task list to positive closure, the officier sees
// the outcome without Halt's notes; axe on the worklist, the dossier and every step form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, csrfToken, referral } from '../lib/server.mjs';
import { useServerAndBrowser, login, assertAxeClean } from '../lib/browser.mjs';

let srv, browser;
useServerAndBrowser((s, b) => { srv = s; browser = b; });

// What a worker types that only Halt may read.
const INTERN = ['Intern: de jongere was open', 'Intern: afspraken met vader', 'Intern: wijkteam gebeld',
  'Wijkteam Utrecht-Oost', 'Intern: eindgesprek verliep goed'];

// The journey through the task list: the link's words, the fields (radio/checkbox by value).
const JOURNEY = [
  ['Hertoetsing van de criteria', { voldoet: 'ja' }, 'In behandeling'],
  ['Telefonisch voorgesprek', {}],
  ['Startgesprek', { signaleringsinstrument: 'ja', checklist: 'ja', apart_gesprek: 'ja', zorgpunten: 'nee',
    toelichting: INTERN[0] }],
  ['Leeropdracht 1', { opdracht: 'Filmfragment over doorsturen', beoordeling: 'voldoende' }],
  ['Leeropdracht 2', { opdracht: 'Game over grenzen', beoordeling: 'voldoende' }],
  ['Oudergesprek', { afspraken: INTERN[1] }],
  ['Doorverwijzing', { kader: 'vrijwillig', instantie: INTERN[3], toelichting: INTERN[2] }],
  ['Vervolggesprek', { toelichting: 'Excuus geoefend.' }],
  ['Leeropdracht 3', { opdracht: 'Websites bekeken', beoordeling: 'voldoende' }],
  ['Excuus aanbieden', { vorm: 'excuusbrief' }],
  ['Eindgesprek', { afspraken: INTERN[4] }],
  ['Afsluiting', { uitkomst: 'positief' }, 'Positief afgerond'],
];

async function newReferral() {
  const csrf = await csrfToken(srv, 'officier');
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: referral({ csrf, actie: 'indienen', jongere_voornaam: 'Lotte', jongere_achternaam: 'Stappen' }),
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  return r.headers.get('location').match(/\/zaken\/(Z\d{8})/)[1];
}

async function status(page) {
  const row = page.locator('main dl.halt-samenvatting .halt-samenvatting__rij', { hasText: 'Status' }).first();
  return (await row.locator('dd').innerText()).trim();
}

// Click, and wait for the page the click leads to.
async function follow(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

// Choose a radio or check a box through its label, as a user does.
async function choose(page, name, value) {
  const input = page.locator(`input[name="${name}"][value="${value}"]`);
  await page.locator(`label[for="${await input.getAttribute('id')}"]`).click();
  assert.equal(await input.isChecked(), true, `${name}=${value} is checked after clicking its label`);
}

async function fill(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    if (await page.locator(`input[name="${name}"][type=radio], input[name="${name}"][type=checkbox]`).count() > 0) {
      await choose(page, name, value);
      continue;
    }
    const el = page.locator(`[name="${name}"]:not([type=hidden])`);
    if (await el.evaluate((e) => e.tagName.toLowerCase()) === 'select') await el.selectOption(value);
    else await el.fill(value);
  }
}

// The task list line of a step, by the words the list shows.
function taak(page, words) {
  return page.locator('main .halt-takenlijst__item').filter({
    has: page.locator('.halt-takenlijst__naam', { hasText: new RegExp(`^${words}$`) }),
  });
}

test('admin assigns in the dossier, the medewerker walks the task list to positive closure, the officier sees the outcome', async () => {
  const id = await newReferral();

  // The admin: from the worklist of new zaken to the dossier, assigns to medewerker.
  const actx = await login(browser, 'admin');
  try {
    const page = await actx.newPage();
    assert.equal((await page.goto(srv.base + '/zaken?status=aangemeld')).status(), 200);
    const row = page.locator('main table tbody tr', { has: page.locator(`a[href="/zaken/${id}"]`) });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /Registreren en toewijzen/);
    await assertAxeClean(browser, page, 'admin', 'the admin\'s worklist');
    await follow(page, row.locator(`a[href="/zaken/${id}"]`));
    assert.equal(await status(page), 'Aangemeld');
    assert.equal(await page.locator('main h2#toewijzen').innerText(), 'Registreren en toewijzen');
    await assertAxeClean(browser, page, 'admin', 'the dossier (admin)');
    await page.locator('#medewerker').selectOption('medewerker');
    await follow(page, page.getByRole('button', { name: 'Registreer en wijs toe' }));
    assert.equal(new URL(page.url()).pathname, `/zaken/${id}`);
    assert.equal(await status(page), 'Toegewezen');
    assert.match(await page.locator('main').innerText(), /Halt-medewerker\s+medewerker/);
    await assertAxeClean(browser, page, 'admin', 'the dossier (admin, assigned)');
  } finally {
    await actx.close();
  }

  // The medewerker: start page, own worklist, dossier, every step through the task list.
  const mctx = await login(browser, 'medewerker');
  try {
    const page = await mctx.newPage();
    await page.goto(srv.base + '/');
    await follow(page, page.locator('main a.halt-taak__link', { hasText: 'Mijn zaken' }));
    assert.equal(new URL(page.url()).search, '?mijn=1');
    assert.equal(await page.locator('main h1').innerText(), 'Mijn zaken');
    assert.equal(await page.locator('#filter-mijn').isChecked(), true);
    const row = page.locator('main table tbody tr', { has: page.locator(`a[href="/zaken/${id}"]`) });
    assert.match(await row.innerText(), /Hertoetsing van de criteria/);
    assert.match(await row.innerText(), /Toegewezen/);
    await assertAxeClean(browser, page, 'medewerker', 'the medewerker\'s worklist');
    await follow(page, row.locator(`a[href="/zaken/${id}"]`));
    assert.equal(await status(page), 'Toegewezen');
    assert.match(await taak(page, 'Startgesprek').innerText(), /Nog niet mogelijk/);
    assert.equal(await taak(page, 'Startgesprek').locator('a').count(), 0, 'no link to a step that cannot start');
    await assertAxeClean(browser, page, 'medewerker', 'the dossier (medewerker, before the first step)');

    let axeDossier = false;
    for (const [words, fields, nieuw] of JOURNEY) {
      const line = taak(page, words);
      assert.match(await line.innerText(), /Kan starten/, `${words} can start`);
      await follow(page, line.getByRole('link', { name: words, exact: true }));
      assert.match(new URL(page.url()).pathname, new RegExp(`^/zaken/${id}/stappen/`));
      assert.equal(await page.locator('main h1').innerText(), words);
      const terug = page.getByRole('link', { name: 'Terug naar zaak' });
      assert.equal(await terug.getAttribute('href'), `/zaken/${id}`);
      await assertAxeClean(browser, page, 'medewerker', `the step form ${words}`);
      await fill(page, fields);
      await follow(page, page.getByRole('button', { name: 'Leg de stap vast' }));
      assert.equal(new URL(page.url()).pathname, `/zaken/${id}`, `${words} recorded: back at the dossier`);
      assert.match(await taak(page, words).innerText(), /Afgerond op \d{4}-\d\d-\d\d|1 keer vastgelegd/, words);
      if (nieuw) assert.equal(await status(page), nieuw, `status after ${words}`);
      if (!axeDossier) {
        await assertAxeClean(browser, page, 'medewerker', 'the dossier (medewerker, in behandeling)');
        axeDossier = true;
      }
    }
    assert.equal(await status(page), 'Positief afgerond');
    assert.equal(await page.locator('main .halt-takenlijst a').count(), 0, 'nothing more can be recorded');
    assert.equal(await page.locator('main .halt-stap').count(), JOURNEY.length, 'every step recorded');
    await page.screenshot({ path: '/tmp/halt-dossier-afgerond.png', fullPage: true });
    await assertAxeClean(browser, page, 'medewerker', 'the dossier (medewerker, closed)');

    // The worklist: closed, nothing next.
    await page.goto(srv.base + '/zaken?mijn=1&status=afgerond-positief');
    const done = page.locator('main table tbody tr', { has: page.locator(`a[href="/zaken/${id}"]`) });
    assert.match(await done.innerText(), /Positief afgerond/);
    assert.match(await done.innerText(), /Geen/);
  } finally {
    await mctx.close();
  }

  // The officier: the outcome, none of Halt's internal notes.
  const octx = await login(browser, 'officier');
  try {
    const page = await octx.newPage();
    assert.equal((await page.goto(`${srv.base}/zaken/${id}`)).status(), 200);
    assert.equal(await status(page), 'Positief afgerond');
    const text = await page.locator('main').innerText();
    for (const note of INTERN) assert.ok(!text.includes(note), `the officier does not see "${note}"`);
    assert.equal(await page.locator('main .halt-takenlijst').count(), 0, 'no task list for the officier');
    await assertAxeClean(browser, page, 'officier', 'the dossier (officier, closed)');
  } finally {
    await octx.close();
  }
});
