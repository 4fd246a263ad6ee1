// Sortable, filterable tables (content/assets/smm-tables.js) in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, openPage } from './browser.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

const cellTexts = (page, column) =>
  page.$$eval(`[data-smm-table] tbody tr:not([hidden]) td:nth-child(${column})`, (cells) => cells.map((c) => c.textContent.trim()));

test('a crosswalk table filters by every word typed', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}crosswalks/nist-csf-2/`);
  const input = page.getByLabel('Filter NIST CSF 2.0 by practice:');
  assert.equal(await page.locator('.smm-count').textContent(), '18 of 18 rows');
  await input.fill('access control');
  assert.deepEqual(await cellTexts(page, 1), ['Access Control']);
  assert.equal(await page.locator('.smm-count').textContent(), '1 of 18 rows');
  await input.fill('');
  assert.equal((await cellTexts(page, 1)).length, 18);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.foreign, []);
});

test('headers sort naturally, both ways, by mouse and by keyboard', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}frameworks/iec-62443-3-3/`);
  const idHeader = page.locator('[data-smm-table] th').first();
  const button = idHeader.locator('button');
  assert.equal(await button.getAttribute('aria-label'), 'Sort by Id');
  await button.click();
  assert.equal(await idHeader.getAttribute('aria-sort'), 'ascending');
  const ids = await cellTexts(page, 1);
  assert.equal(ids.indexOf('SR 1.2') < ids.indexOf('SR 1.10'), true, 'SR 1.2 sorts before SR 1.10');
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await idHeader.getAttribute('aria-sort'), 'descending');
  assert.equal((await cellTexts(page, 1))[0], 'SR 7.8');
  // Sorting by the lowest level keeps unmapped rows last in ascending order.
  const levelButton = page.locator('[data-smm-table] th button', { hasText: 'Lowest level' });
  await levelButton.click();
  const levels = await cellTexts(page, 4);
  assert.equal(levels[0], '1');
  assert.equal(levels.at(-1), 'not mapped');
  assert.deepEqual(page.foreign, []);
});

test('heatmap cells are tinted and keep their text', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}crosswalks/iec-62443-3-3/`);
  const tinted = await page.$$eval('td.smm-heat', (cells) => cells.map((c) => c.textContent.trim()));
  assert.ok(tinted.length > 10);
  assert.ok(tinted.every((text) => /^\d+ from L[1-4]$/.test(text)));
});
