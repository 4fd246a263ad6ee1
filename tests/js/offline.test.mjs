// The offline copy (make offline): offered on the Downloads page, and working opened from disk.
// SMM_OFFLINE_ROOT is the folder the zip the served site offers unpacks to (tests/site/test_browser.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, openBrowser, openPage } from './browser.mjs';

const ROOT = process.env.SMM_OFFLINE_ROOT;
const HOME = `file://${ROOT}/index.html`;

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

// A page from disk that records every request that is not for a local file.
async function openFromDisk() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.outside = [];
  page.on('request', (request) => { if (!/^(file|data|blob):/.test(request.url())) page.outside.push(request.url()); });
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  return page;
}

test('the Downloads page offers the offline copy as a zip', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}downloads/`);
  const link = page.locator('a[href$="smm-guide-offline.zip"]');
  assert.equal(await link.count(), 1);
  const response = await fetch(new URL(await link.getAttribute('href'), page.url()));
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04');
  assert.match(await link.locator('xpath=ancestor::tr').textContent(), /\d+\.\d MiB/);
  assert.deepEqual(page.foreign, []);
});

test('from disk: pages link to files that exist, and nothing is fetched from a network', async () => {
  const page = await openFromDisk();
  await page.goto(HOME);
  const hrefs = await page.locator('nav.md-nav--primary a.md-nav__link[href]').evaluateAll((links) => links.map((a) => a.href));
  const files = hrefs.filter((href) => href.startsWith('file:')).map((href) => fileURLToPath(href.split('#')[0]));
  assert.ok(files.length >= 8, `nav links: ${files.length}`);
  for (const file of files) assert.ok(existsSync(file) && !file.endsWith('/'), `nav link to ${file}`);
  await page.goto(`file://${join(ROOT, 'downloads', 'index.html')}`);
  assert.match(await page.locator('article').textContent(), /This is the offline copy/);
  assert.equal(await page.locator('a[href$="smm-guide-offline.zip"]').count(), 0);
  assert.deepEqual(page.outside, []);
  assert.deepEqual(page.errors, []);
});

test('from disk: search finds a practice', async () => {
  const page = await openFromDisk();
  await page.goto(HOME);
  await page.locator('input.md-search__input').click();
  // Typed key by key, as Material's search reacts to keystrokes.
  await page.locator('input.md-search__input').pressSequentially('firmware', { delay: 30 });
  await page.waitForSelector('.md-search-result__item', { timeout: 15000 });
  const first = await page.locator('.md-search-result__item a').first().evaluate((a) => a.href);
  const file = fileURLToPath(first.split(/[?#]/)[0]);
  assert.ok(file.endsWith('.html') && existsSync(file), file);
  assert.deepEqual(page.outside, []);
});

test('from disk: the self-assessment keeps its answers and links to the practice pages', async () => {
  const page = await openFromDisk();
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`file://${join(ROOT, 'assess', 'index.html')}`);
  await page.waitForSelector('html[data-smm-assess="ready"]');
  const details = page.locator('#smm-practice-risk-attitude');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await details.locator('select[data-item]').first().selectOption('met');
  await page.waitForFunction(() => /^Saved/.test(document.querySelector('.smm-saved').textContent));
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
  await details.locator('summary').click();  // a practice's controls are built when it is opened
  assert.equal(await page.locator('#smm-practice-risk-attitude select[data-item]').first().inputValue(), 'met');
  const link = page.locator('.smm-gap-table a', { hasText: 'Risk Attitude' });
  const target = fileURLToPath(await link.evaluate((a) => a.href));
  assert.ok(target.endsWith('practices/risk-attitude.html') && existsSync(target), target);
  await link.click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('h1').first().textContent(), /Risk Attitude/);
  assert.deepEqual(page.outside, []);
  assert.deepEqual(page.errors, []);
});
