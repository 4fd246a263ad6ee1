// The profile chooser of practice pages (content/assets/smm-profiles.js) in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BASE, openBrowser, openPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const PRACTICE = 'practices/access-control/';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

const shown = (page) => page.$$eval('[data-smm-profile]', (sections) =>
  sections.filter((s) => !s.hidden && s.offsetParent !== null).map((s) => s.getAttribute('data-smm-profile')));

test('without JavaScript every profile is shown and the chooser is not', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}${PRACTICE}`);
  const sections = await page.$$eval('[data-smm-profile]', (s) => s.length);
  assert.ok(sections >= 4, `${sections} profile sections`);
  assert.equal((await shown(page)).length, sections);
  assert.equal(await page.locator('[data-smm-profiles]').isVisible(), false);
});

test('a profile turned off by keyboard stays off on the next practice page and after a reload', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}${PRACTICE}`);
  const chooser = page.getByRole('group', { name: 'Profiles shown on this page' });
  assert.equal(await chooser.isVisible(), true);
  const boxes = chooser.getByRole('checkbox');
  const count = await boxes.count();
  assert.ok(count >= 1);
  const first = boxes.first();
  const id = await first.getAttribute('value');
  const before = (await shown(page)).filter((p) => p === id).length;
  assert.ok(before >= 1, `the ${id} profile has sections`);
  await first.focus();
  await page.keyboard.press('Space');
  assert.equal(await first.isChecked(), false);
  assert.deepEqual((await shown(page)).filter((p) => p === id), [], 'its sections are hidden');
  await page.reload();
  assert.equal(await page.getByRole('checkbox', { name: await first.evaluate((b) => b.labels[0].textContent.trim()) }).isChecked(), false);
  assert.deepEqual((await shown(page)).filter((p) => p === id), []);
  await page.goto(`${BASE}practices/monitoring/`);
  assert.deepEqual((await shown(page)).filter((p) => p === id), [], 'the choice holds on other practice pages');
  const again = page.locator(`[data-smm-profiles] input[value="${id}"]`);
  await again.focus();
  await page.keyboard.press('Space');
  assert.ok((await shown(page)).filter((p) => p === id).length >= 1, 'turned on again');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.foreign, []);
});

test('unreadable storage shows every profile', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => { window.localStorage.setItem('smm-guide.hidden-profiles', '{not json'); });
  await page.goto(`${BASE}${PRACTICE}`);
  const all = await page.$$eval('[data-smm-profile]', (s) => s.length);
  assert.equal((await shown(page)).length, all);
  assert.deepEqual(page.errors, []);
});

test('axe-core finds no violation on a practice page with the chooser, light and dark', async () => {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const page = await openPage(browser, { colorScheme });
    await page.goto(`${BASE}${PRACTICE}`);
    await page.locator('[data-smm-profiles]').waitFor({ state: 'visible' });
    await page.addScriptTag({ content: source });
    const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(found, [], colorScheme);
  }
});
