// The assessment page's report (results.js, chart.js, assess.css): the reader's order, the printed
// report of a two-practice workshop, compare as answers change, and a phone's width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openBrowser, openAssess, openPractice } from './browser.mjs';

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

const itemsOf = (page, pid) => page.$$eval(`#smm-practice-${pid} select[data-item]`, (s) => s.map((x) => x.getAttribute('data-item')));
const order = (page, selector) => page.$$eval(selector, (nodes) => nodes.map((n) => n.getAttribute('data-practice')));
const countPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

// The workshop of the issue: the Digital Twin profile, Access Control and Patch Management in scope,
// answered in the model's order; targets 2 and 3, so that Patch Management has the larger gap.
async function workshop(page, answer = () => null) {
  await page.check('#smm-profile-digital-twin');
  await openPractice(page, 'compliance');
  await page.locator('#smm-practice-compliance select[data-item]').first().selectOption('met');
  await page.getByRole('button', { name: 'No practice in scope' }).click();
  await page.check('#smm-scope-access-control');
  await page.check('#smm-scope-patch-management');
  await page.selectOption('#smm-target-access-control', '2');
  await page.selectOption('#smm-target-patch-management', '3');
  for (const pid of ['access-control', 'patch-management']) {
    await openPractice(page, pid);
    for (const [i, id] of (await itemsOf(page, pid)).entries()) {
      const given = answer(i);
      if (!given) continue;
      await page.selectOption(`#smm-status-${id}`, given[0]);
      await page.fill(`#smm-note-${id}`, given[1]);
    }
  }
  await page.waitForFunction(() => document.querySelectorAll('.smm-gap-table tbody tr').length === 2);
}

test('results, next steps and answers follow the order the reader chooses, kept in this browser and in print', async () => {
  const page = await openAssess(browser);
  await workshop(page, (i) => (i === 0 ? ['not-met', 'No list yet'] : null));
  const both = ['patch-management', 'access-control'];
  const orders = async () => [await order(page, '.smm-gap-table tbody tr'), await order(page, '.smm-next-steps > li'),
    await order(page, '.smm-evidence-list h4')];
  // The results are re-rendered 120 ms after the last change (results.js): wait for them to settle.
  const settled = async (want, message) => {
    for (let tries = 0; tries < 100 && JSON.stringify(await orders()) !== JSON.stringify(want); tries++) await page.waitForTimeout(100);
    assert.deepEqual(await orders(), want, message);
  };
  assert.equal(await page.locator('#smm-order').inputValue(), 'gap');
  assert.equal(await page.getByLabel('Order of the gaps, next steps and answers').count(), 1);
  await settled([both, both, both], 'largest gap first');
  await page.selectOption('#smm-order', 'practice');
  await page.waitForFunction(() => document.querySelector('.smm-gap-table tbody tr').getAttribute('data-practice') === 'access-control');
  const model = [...both].reverse();
  await settled([model, model, model], "the model's order");
  assert.equal(await page.evaluate(() => document.activeElement.id), 'smm-order', 'focus stays on the control');
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.equal(await page.locator('#smm-order').inputValue(), 'practice');
  await settled([model, model, model]);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#smm-order').isVisible(), false, 'the control is not printed');
  assert.match(await page.locator('.smm-report-head').textContent(), /OrderBy practice, in the model's order/);
  assert.deepEqual(page.errors, []);
});

test("the printed report of a two-practice workshop: each answer with its item's text, at most 6 A4 pages", async (t) => {
  const page = await openAssess(browser);
  const statuses = ['met', 'partly', 'not-met', 'na', 'met'];
  // Every seventh item left unanswered; notes as long as a workshop's.
  await workshop(page, (i) => (i % 7 === 6 ? null
    : [statuses[i % 5], `${statuses[i % 5] === 'na' ? 'No such device on site' : 'Seen in the change log'} of 3 May, ticket ${1000 + i}; the owner confirmed it.`]));
  await page.waitForFunction(() => /^Answers and evidence notes \(53\)$/.test(document.querySelector('.smm-evidence-list summary').textContent));
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('.smm-evidence-list summary').isVisible(), true, 'the answers have their heading on paper');
  for (const pid of ['access-control', 'patch-management']) {
    const ids = await itemsOf(page, pid);
    const rows = await page.$$eval(`.smm-answers tr[data-item]`, (trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-item'), tr.innerText])));
    const texts = await page.evaluate((list) => list.map((id) => window.SMMAssess.unmark(window.SMMAssess.itemById[id].item.text)), ids);
    ids.forEach((id, i) => {
      if (i % 7 === 6) return assert.equal(rows[id], undefined, `${id} is not answered`);
      assert.ok(rows[id].includes(texts[i]), `${id} is printed with its text`);
      const na = statuses[i % 5] === 'na';
      assert.match(rows[id], new RegExp(`^${na ? 'Not applicable' : '(Met|Partly met|Not met)'}\\s`));
      assert.ok(rows[id].includes(`${na ? 'Reason: No such device on site' : 'Evidence: Seen in the change log'} of 3 May, ticket ${1000 + i};`), rows[id]);
    });
    const open = ids.filter((id, i) => i % 7 === 6);
    assert.equal(await page.locator(`.smm-unanswered[data-practice="${pid}"]`).textContent(), `Not answered yet (${open.length}): ${open.join(', ')}.`);
    assert.equal(await page.locator(`.smm-unanswered[data-practice="${pid}"]`).isVisible(), true);
  }
  const kept = await page.locator('#smm-practice-compliance select[data-item]').first().getAttribute('data-item');
  assert.equal(await page.locator(`.smm-answers tr[data-item="${kept}"]`).count(), 0, 'an out-of-scope answer is not in the report');
  const pages = countPages(await page.pdf({ format: 'A4' }));
  assert.ok(pages >= 2 && pages <= 6, `${pages} A4 pages`);
  t.diagnostic(`the two-practice report prints on ${pages} A4 pages`);
  assert.deepEqual(page.errors, []);
});

test('compare follows a changed status without a reload', async () => {
  const page = await openAssess(browser);
  await workshop(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  await page.setInputFiles('#smm-baseline', { name: 'earlier.json', mimeType: 'application/json', buffer: Buffer.from(readFileSync(await file.path())) });
  const change = () => page.locator('.smm-compare-table tr[data-practice="patch-management"] .smm-change').textContent();
  await page.waitForSelector('.smm-compare-table');
  assert.equal(await change(), 'no change');
  const first = await page.$$eval('#smm-practice-patch-management ol.smm-items', (lists) => [...lists[0].querySelectorAll('select[data-item]')].map((s) => s.id));
  for (const id of first) await page.selectOption(`#${id}`, 'met');
  await page.waitForFunction(() => document.querySelector('.smm-compare-table tr[data-practice="patch-management"] .smm-change').textContent === '+1');
  await page.selectOption(`#${first[0]}`, 'not-met');
  await page.waitForFunction(() => document.querySelector('.smm-compare-table tr[data-practice="patch-management"] .smm-change').textContent === 'no change');
  assert.equal(await change(), 'no change');
  assert.deepEqual(page.errors, []);
});

for (const width of [390, 1280]) {
  test(`at ${width} px: targets, answers and results fit, radar labels of 11 px or more, the back-to-top button clear of the progress`, async () => {
    const page = await openAssess(browser, { viewport: { width, height: 800 } });
    await page.check('#smm-profile-digital-twin');
    await page.selectOption('#smm-archetype-digital-twin', 'water-treatment-process');
    await page.getByRole('button', { name: 'Use this archetype' }).click();
    await page.uncheck('#smm-scope-compliance');
    await page.fill('#smm-scope-why-compliance', 'Covered by the group audit');
    await openPractice(page, 'access-control');
    await page.locator('#smm-practice-access-control select[data-item]').first().selectOption('na');
    await page.locator('#smm-practice-access-control textarea').first().fill('No remote access at all');
    await page.locator('.smm-evidence-list summary').click();
    await page.waitForSelector('.smm-answers tr[data-item]');
    const fit = await page.evaluate(() => {
      const right = document.documentElement.clientWidth + 1;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        scrolled: [...document.querySelectorAll('.smm-assess .md-typeset__table')].filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.className),
        cut: [...document.querySelectorAll('.smm-assess *')].filter((e) => e.getBoundingClientRect().right > right && e.getBoundingClientRect().width > 1)
          .map((e) => e.tagName + '.' + e.className),
      };
    });
    assert.deepEqual(fit, { page: 0, scrolled: [], cut: [] }, 'nothing needs sideways scrolling or is cut off');
    const labels = await page.$eval('svg.smm-radar-chart', (svg) => {
      const box = svg.getBoundingClientRect(), scale = svg.getScreenCTM().a;
      return [...svg.querySelectorAll('.smm-r-label')].map((t) => {
        const r = t.getBoundingClientRect();
        return { px: parseFloat(getComputedStyle(t).fontSize) * scale, height: r.height,
          inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 };
      });
    });
    assert.equal(labels.length, 17);
    for (const label of labels) {
      assert.ok(label.px >= 11 && label.height >= 11, `a radar label is ${label.px.toFixed(1)} px`);
      assert.ok(label.inside, 'no radar label is cut off');
    }
    // Narrow, the axes are numbered and the names listed beside the chart.
    assert.equal(await page.locator('.smm-radar-names li').count(), width < 640 ? 17 : 0);
    // Material shows its back-to-top button when the reader scrolls back up.
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, -400);
    await page.waitForSelector('.md-top:not([hidden]):not(.md-top--hidden)');
    await page.waitForTimeout(300);
    const [top, progress] = await Promise.all(['.md-top', '.smm-progress'].map((s) => page.$eval(s, (e) => e.getBoundingClientRect().toJSON())));
    assert.ok(progress.bottom > 0 && progress.height > 0, 'the status bar is in view');
    const apart = top.bottom <= progress.top || top.top >= progress.bottom || top.right <= progress.left || top.left >= progress.right;
    assert.ok(apart, `back to top ${JSON.stringify(top)} covers the progress ${JSON.stringify(progress)}`);
    assert.deepEqual(page.errors, []);
  });
}
