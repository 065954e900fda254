// overleg.test.mjs: the consultation round trip in headless Chromium (issue 4): a doubtful
// referral check, the prefilled question, the contact's inbox and answer, the officier sees
// the advice and submits the referral naming the overleg. axe-core on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referral } from '../lib/server.mjs';
import { useServerAndBrowser, login, assertAxeClean, fillReferral, chooseRadio } from '../lib/browser.mjs';

let srv, browser;
useServerAndBrowser((s, b) => { srv = s; browser = b; });

async function clickAndLoad(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

test('twijfel → overleg prefilled → contact answers in the inbox → officier submits naming the overleg', async () => {
  const officier = await login(browser, 'officier');
  const contact = await login(browser, 'contact');
  try {
    // 1. The officier checks a referral with an unknown victim age: twijfel.
    const page = await officier.newPage();
    await page.goto(srv.base + '/verwijzingen/nieuw');
    await fillReferral(page, referral({ slachtoffer_geboortedatum: '', jongere_achternaam: 'Rondgang' }));
    await clickAndLoad(page, page.getByRole('button', { name: 'Controleer de verwijzing' }));
    assert.match(await page.locator('main .halt-panel h2').innerText(), /twijfel/i);
    await assertAxeClean(browser, page, 'officier', 'the twijfel check page');

    // 2. The link opens the question form in a new window, prefilled with the doubtful criterion.
    const link = page.getByRole('link', { name: /Vraag advies aan de landelijk contactpersoon/ });
    const [vraagPage] = await Promise.all([officier.waitForEvent('page'), link.click()]);
    await vraagPage.waitForLoadState('load');
    assert.equal(await vraagPage.locator('input[name="criteria"][value="leeftijdsverschil"]').isChecked(), true);
    assert.match(await vraagPage.locator('main').innerText(), /geen namen/i);
    await assertAxeClean(browser, vraagPage, 'officier', 'the question form');
    await vraagPage.locator('textarea[name="vraag"]').fill('Leeftijd slachtoffer onbekend, wel een klasgenoot. Kan Halt?');
    await clickAndLoad(vraagPage, vraagPage.getByRole('button', { name: 'Stel de vraag' }));
    const overleg = new URL(vraagPage.url()).pathname.split('/').pop();
    assert.match(overleg, /^O\d{8}$/);
    await assertAxeClean(browser, vraagPage, 'officier', 'the asked overleg');

    // 3. The contact finds it in the inbox and answers.
    const inbox = await contact.newPage();
    await inbox.goto(srv.base + '/overleg');
    await assertAxeClean(browser, inbox, 'contact', 'the inbox');
    await clickAndLoad(inbox, inbox.getByRole('link', { name: overleg }).first());
    await assertAxeClean(browser, inbox, 'contact', 'the question for the contact');
    await chooseRadio(inbox, 'advies', 'geschikt');
    await inbox.locator('textarea[name="toelichting"]').fill('Klasgenoten van dezelfde leeftijd: verwijzen kan.');
    await clickAndLoad(inbox, inbox.getByRole('button', { name: 'Verstuur het advies' }));
    assert.match(await inbox.locator('main').innerText(), /verwijzen kan/);

    // 4. The officier sees the advice, returns to the check page and submits naming the overleg.
    await vraagPage.reload();
    assert.match(await vraagPage.locator('main').innerText(), /verwijzen kan/);
    await assertAxeClean(browser, vraagPage, 'officier', 'the answered overleg');
    await vraagPage.close();
    await page.locator('textarea[name="motivering"]').fill('Advies van de landelijk contactpersoon gevolgd.');
    await page.locator('input[name="overleg"]').fill(overleg);
    await clickAndLoad(page, page.getByRole('button', { name: 'Verwijzing indienen' }));
    assert.match(await page.locator('main').innerText(), /Verwijzing ingediend/);
    const text = await page.locator('main').innerText();
    assert.match(text, /Leeftijd slachtoffer onbekend/, 'the zaak shows the question');
    assert.match(text, /verwijzen kan/, 'and the advice');
    await assertAxeClean(browser, page, 'officier', 'the dossier with the overleg');
  } finally {
    await officier.close();
    await contact.close();
  }
});
