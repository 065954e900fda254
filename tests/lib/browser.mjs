// browser.mjs: Debian's headless Chromium through playwright-core, logged in as a demo
// user, with an axe-core WCAG 2.1 AA check that prints violations readably.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// One real server and one Chromium for a test file: started before its tests, stopped and
// cleaned up after them. ready(srv, browser) hands both to the file.
export function useServerAndBrowser(ready) {
  let srv, browser;
  before(async () => {
    srv = await startServer();
    browser = await launchBrowser();
    ready(srv, browser);
  });
  after(async () => {
    if (browser) await browser.close();
    if (srv) {
      await srv.stop();
      srv.cleanup();
    }
  });
}

// A context logged in as user (HTTP Basic, as Apache asks for it). opts go to newContext.
export function login(browser, user, opts = {}) {
  return browser.newContext({
    httpCredentials: { username: user, password: 'demo' },
    locale: 'nl-NL',
    ...opts,
  });
}

// The page's own scripts are forbidden by the CSP (default-src 'self'), and axe is an
// injected inline script: in a context with JavaScript disabled it cannot run at all.
// So axe runs in its own context with bypassCSP, on the same URL, or on the same HTML
// when the page was the answer to a POST (which a GET cannot reproduce).
async function axeContext(browser, user) {
  // bypassCSP only for the axe run: the pages themselves are tested with the CSP on.
  return login(browser, user, { bypassCSP: true });
}

function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) =>
      `    - ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}\n      ${n.html.slice(0, 200)}`);
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length}x)\n    ${v.helpUrl}\n${nodes.join('\n')}`;
  }).join('\n');
}

// Run axe in page (which must allow injected scripts) and return the violations.
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary || '' })),
    }));
  }, WCAG_TAGS);
}

// Assert zero WCAG 2.1 A/AA violations on what page shows now. The HTML is rendered again
// in a scratch page of a bypassCSP context at the same URL (so relative links and the
// stylesheet resolve, and colour contrast is measured with the real CSS).
export async function assertAxeClean(browser, page, user, what) {
  const html = await page.content();
  const url = page.url();
  const ctx = await axeContext(browser, user);
  try {
    const p = await ctx.newPage();
    // Serve the captured HTML for the page's own URL, everything else from the server.
    await p.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await p.goto(url);
    await p.waitForLoadState('load');
    const v = await axeViolations(p);
    assert.equal(v.length, 0, `axe found ${v.length} WCAG 2.1 AA violation(s) on ${what} (${url}):\n${formatViolations(v)}`);
  } finally {
    await ctx.close();
  }
}

// Axe on a URL fetched with GET, in the axe context.
export async function assertAxeCleanUrl(browser, base, path, user, what = path) {
  const ctx = await axeContext(browser, user);
  try {
    const p = await ctx.newPage();
    await p.goto(base + path);
    const v = await axeViolations(p);
    assert.equal(v.length, 0, `axe found ${v.length} WCAG 2.1 AA violation(s) on ${what}:\n${formatViolations(v)}`);
  } finally {
    await ctx.close();
  }
}

// Fill a labelled field of the referral form by its name: text, textarea, date, select.
export async function fillField(page, name, value) {
  const el = page.locator(`[name="${name}"]:not([type=hidden])`).first();
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  if (tag === 'select') await el.selectOption(value);
  else await el.fill(value);
}

// Check the radio of group `name` whose value is `value`, through its visible label
// (a user clicks the words, not the control).
export async function chooseRadio(page, name, value) {
  const input = page.locator(`input[type=radio][name="${name}"][value="${value}"]`);
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  assert.equal(await input.isChecked(), true, `${name}=${value} is checked after clicking its label`);
}

// Fill the whole referral form from an object like server.mjs referral().
export async function fillReferral(page, values) {
  for (const [name, value] of Object.entries(values)) {
    if (name === 'actie' || name === 'csrf') continue;
    const radios = page.locator(`input[type=radio][name="${name}"]`);
    if (await radios.count() > 0) {
      if (value !== '') await chooseRadio(page, name, value);
      continue;
    }
    if (await page.locator(`[name="${name}"]:not([type=hidden])`).count() === 0) continue;
    await fillField(page, name, value);
  }
}

// The values of the form's controls as the browser would send them (radios: checked only).
export function formValues(page, selector = 'main form.halt-form') {
  return page.locator(selector).first().evaluate((f) => {
    const o = {};
    for (const [k, v] of new FormData(f)) if (k !== 'csrf') o[k] = v;
    return o;
  });
}
