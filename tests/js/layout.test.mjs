// Wide tables fit the content column on a laptop and on paper; ids never break across lines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, openPage } from './browser.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

// The widest tables of the site: practices against a framework's groups, and the archetype targets.
const WIDE = [
  'crosswalks/iec-62443-3-3/',
  'crosswalks/iec-62443-2-1/',
  'crosswalks/iec-62443-4-2/',
  'crosswalks/nist-csf-2/',
  'profiles/digital-twin/archetypes/',
];
// Width of the printable area of A4 at 96 dpi with Chromium's default 1 cm margins.
const A4_WIDTH = Math.floor(((210 - 20) / 25.4) * 96);

// Per table of the article: how far it reaches past the content column, and past its scroll box.
const overflows = (page) =>
  page.$$eval('article table', (tables) =>
    tables.map((table) => {
      const article = table.closest('article');
      const style = getComputedStyle(article);
      const right = article.getBoundingClientRect().right - parseFloat(style.paddingRight);
      const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
      return {
        columns: table.rows[0].cells.length,
        pastColumn: Math.round(table.getBoundingClientRect().right - right),
        pastBox: box.scrollWidth - box.clientWidth,
        lastHeader: Math.round(table.rows[0].cells[table.rows[0].cells.length - 1].getBoundingClientRect().right - right),
      };
    }));

for (const path of WIDE) {
  test(`${path}: every table fits the content column at 1280 px and in print`, async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${BASE}${path}`);
    for (const [media, width] of [['screen', 1280], ['print', A4_WIDTH]]) {
      await page.emulateMedia({ media });
      await page.setViewportSize({ width, height: 900 });
      const tables = await overflows(page);
      assert.ok(tables.length > 0 && tables[0].columns >= 7, `${path} has its wide table`);
      for (const table of tables) {
        assert.ok(table.pastColumn <= 1, `${media} ${width}px: ${JSON.stringify(table)}`);
        assert.ok(table.pastBox <= 1, `${media} ${width}px: no sideways scrolling, ${JSON.stringify(table)}`);
        assert.ok(table.lastHeader <= 1, `${media} ${width}px: the last column is shown`);
      }
    }
    assert.deepEqual(page.errors, []);
  });
}

test('a crosswalk header names its group in full, also once it is a sort button', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}crosswalks/iec-62443-3-3/`);
  const headers = await page.$$eval('[data-smm-table] th', (cells) =>
    cells.map((th) => ({ text: th.textContent.trim(), title: th.querySelector('button abbr')?.title ?? null })));
  assert.equal(headers[1].text, 'FR 1');
  assert.equal(headers[1].title, 'Identification and authentication control');
  assert.equal(headers.filter((h) => h.title).length, headers.length - 2, 'every group column, not Practice or Total');
  assert.equal(await page.locator('[data-smm-table] th button').nth(1).getAttribute('aria-label'), 'Sort by FR 1');
});

// Pages that show many ids: item meta lines and "see also" links, a checklist, a requirement's items.
const ID_PAGES = [
  'practices/data-protection-controls/',
  'practices/access-control/',
  'checklists/digital-twin/access-control/',
  'frameworks/iec-62443-3-3/sr-1-1/',
];

for (const width of [390, 1280]) {
  test(`no id breaks across lines at ${width} px`, async () => {
    const page = await openPage(browser, { viewport: { width, height: 900 } });
    let checked = 0;
    for (const path of ID_PAGES) {
      await page.goto(`${BASE}${path}`);
      const broken = await page.$$eval('.smm-id', (ids) =>
        ids.filter((id) => {
          // One box per line the element's text runs over; an id whose text holds a hyphen inside.
          const lines = new Set([...id.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return /\w-\w/.test(id.textContent) && lines.size > 1;
        }).map((id) => id.textContent));
      const count = await page.locator('.smm-id').count();
      assert.ok(count > 0, `${path} shows ids`);
      checked += count;
      assert.deepEqual(broken, [], `${path} at ${width} px`);
    }
    assert.ok(checked > 100, `${checked} ids checked`);
  });
}
