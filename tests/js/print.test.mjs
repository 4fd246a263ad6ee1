// Printable checklists: page breaks per practice, nothing cut at the right edge on A4 or Letter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, openPage } from './browser.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

const countPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

for (const format of ['A4', 'Letter']) {
  test(`the whole-model checklist prints on ${format}, one practice per page at least`, async () => {
    const page = await openPage(browser);
    await page.goto(`${BASE}checklists/general/all/`);
    await page.emulateMedia({ media: 'print' });
    // Width of the printable area at 96 dpi with Chromium's default 1 cm margins.
    const width = format === 'A4' ? Math.floor((210 - 20) / 25.4 * 96) : Math.floor((8.5 * 25.4 - 20) / 25.4 * 96);
    await page.setViewportSize({ width, height: 1000 });
    const overflowing = await page.$$eval('article table', (tables) =>
      tables.filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
    assert.equal(overflowing, 0, 'no table is wider than the page');
    const hidden = await page.$eval('.md-sidebar--primary', (nav) => getComputedStyle(nav).display);
    assert.equal(hidden, 'none', 'navigation is not printed');
    const practices = await page.$$eval('h2.smm-checklist-practice', (h) => h.length);
    assert.equal(practices, 18);
    const pdf = await page.pdf({ format, printBackground: false });
    assert.ok(countPages(pdf) >= practices, `${countPages(pdf)} pages for ${practices} practices`);
    assert.deepEqual(page.foreign, []);
  });
}

test('a single-practice checklist has every item with four tick boxes', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}checklists/general/monitoring/`);
  const rows = await page.$$eval('.smm-checklist tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
  assert.ok(rows.length >= 12);
  assert.ok(rows.every((cell) => (cell.match(/☐/g) || []).length === 4));
});
