// Several assessments in one browser, import replace-or-add with undo, and the scope an archetype
// sets (content/assets/assess/keep.js, state.js, setup.js) in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BASE, openBrowser, openPage, openAssess } from './browser.mjs';

const require = createRequire(import.meta.url);

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

async function reload(page) {
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
}

async function saved(page) {
  await page.waitForFunction(() => /^Saved/.test(document.querySelector('.smm-saved').textContent));
}

async function exported(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

async function importFile(page, text, name = 'assessment.json') {
  await page.setInputFiles('#smm-import', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function answerFirst(page, practice, status) {
  const details = page.locator(`#smm-practice-${practice}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await page.locator(`#smm-practice-${practice} select[data-item]`).first().selectOption(status);
}

// The list's rows: the name (with "(open)"), the system, no date (it varies), the progress.
function rows(page) {
  return page.$$eval('.smm-list-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td, i) => {
    if (i === 2) return '';
    return i ? td.textContent : td.firstChild.textContent + (td.querySelector('strong') ? td.querySelector('strong').textContent : '');
  })));
}

const okText = (page) => page.locator('[data-step=keep] .smm-ok').textContent();

test('the assessment saved before the list existed becomes its first entry, nothing lost', async () => {
  const page = await openAssess(browser);
  await page.fill('#smm-system', 'Pump station');
  await answerFirst(page, 'access-control', 'met');
  await saved(page);
  const data = await exported(page);
  // A browser that has only the single saved assessment of earlier versions of the page.
  await page.evaluate((text) => { localStorage.clear(); localStorage.setItem('smm-guide-assessment', text); }, JSON.stringify(data));
  await reload(page);
  const [entry, ...others] = await rows(page);
  assert.deepEqual(others, []);
  assert.deepEqual(entry.slice(0, 2), ['Assessment 1 (open)', 'Pump station']);
  assert.equal(entry[3], (await page.locator('.smm-progress').textContent()).replace(' items answered', ''));
  assert.match(entry[3], /^1 of \d+$/);
  assert.equal(await page.inputValue('#smm-system'), 'Pump station');
  assert.deepEqual(await exported(page), data);
  assert.equal(await page.locator('.smm-current').textContent(), 'Assessment: Assessment 1');
  const list = await page.evaluate(() => JSON.parse(localStorage.getItem('smm-guide-assessments')));
  assert.equal(list.items.length, 1);
  assert.deepEqual(page.errors, []);
});

test('new, rename, switch, duplicate and delete, each autosaved', async () => {
  const page = await openAssess(browser);
  await page.fill('#smm-system', 'Pump A');
  await answerFirst(page, 'access-control', 'met');
  await page.fill('#smm-name', 'North site');
  await page.press('#smm-name', 'Enter');
  await saved(page);
  const north = await exported(page);

  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  assert.equal(await page.inputValue('#smm-system'), '');
  assert.equal(await page.inputValue('#smm-name'), 'Assessment 2');
  await page.fill('#smm-system', 'Pump B');
  await saved(page);
  const names = async () => (await rows(page)).map((r) => r[0]);
  assert.deepEqual(await names(), ['North site', 'Assessment 2 (open)']);
  assert.deepEqual((await rows(page))[0].slice(1, 2), ['Pump A']);

  await page.getByRole('button', { name: 'Open “North site”' }).click();
  assert.equal(await page.inputValue('#smm-system'), 'Pump A');
  assert.deepEqual(await exported(page), north, 'switching back gives the assessment exactly');
  await reload(page);
  assert.deepEqual(await names(), ['North site (open)', 'Assessment 2']);
  assert.equal(await page.inputValue('#smm-system'), 'Pump A');

  await page.getByRole('button', { name: 'Duplicate “North site”' }).click();
  assert.deepEqual(await names(), ['North site', 'Assessment 2', 'Copy of North site (open)']);
  const copy = await exported(page);
  assert.deepEqual(copy.answers, north.answers);
  await answerFirst(page, 'patch-management', 'not-met');
  await saved(page);
  await page.getByRole('button', { name: 'Open “North site”' }).click();
  assert.deepEqual((await exported(page)).answers, north.answers, 'the copy changes alone');

  await page.getByRole('button', { name: 'Delete “Assessment 2”' }).click();
  assert.match(page.dialogs.at(-1), /Delete the assessment “Assessment 2” from this browser\?/);
  assert.deepEqual(await names(), ['North site (open)', 'Copy of North site']);
  await page.getByRole('button', { name: 'Delete “North site”' }).click();
  assert.deepEqual(await names(), ['Copy of North site (open)'], 'deleting the open one opens another');
  assert.equal((await exported(page)).answers[Object.keys(copy.answers)[0]].status, 'met');
  await reload(page);
  assert.deepEqual(await names(), ['Copy of North site (open)']);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('smm-')).sort());
  assert.deepEqual(keys, ['smm-guide-assessment', 'smm-guide-assessments'], 'deleted ones leave nothing behind');
  assert.deepEqual(page.errors, []);
});

test('a full storage is told, not thrown, and changes nothing', async () => {
  const page = await openAssess(browser);
  await page.fill('#smm-system', 'Pump A');
  await saved(page);
  const before = await exported(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  assert.match(await page.locator('[data-step=keep] .smm-error').textContent(), /^Not saved: the storage of this browser is full; .*Nothing was changed\.$/);
  assert.equal((await rows(page)).length, 1);
  assert.deepEqual(await exported(page), before);
  await page.fill('#smm-system', 'Pump B');
  await page.waitForFunction(() => /storage of this browser is full/.test(document.querySelector('.smm-saved').textContent));
  assert.deepEqual(page.errors, []);
});

test('import: replace the open assessment with an undo, or add it as a new one', async () => {
  const page = await openAssess(browser);
  await page.fill('#smm-system', 'From the file');
  await answerFirst(page, 'compliance', 'partly');
  await saved(page);
  const file = await exported(page);
  await page.fill('#smm-system', 'Before the import');
  await answerFirst(page, 'access-control', 'met');
  await saved(page);
  const before = await exported(page);

  assert.equal(await page.isChecked('#smm-import-replace'), true, 'replace is the default');
  await importFile(page, JSON.stringify(file), 'site.json');
  await page.waitForFunction(() => /^Imported site\.json into “Assessment 1”, replacing what it held\./.test(document.querySelector('[data-step=keep] .smm-ok').textContent));
  assert.deepEqual(await exported(page), file);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await okText(page), 'The import was undone.');
  assert.deepEqual(await exported(page), before, 'the state before, exactly');
  await reload(page);
  assert.deepEqual(await exported(page), before, 'and saved');

  // The undo lasts until the next change.
  await importFile(page, JSON.stringify(file), 'site.json');
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  await page.fill('#smm-system', 'Changed after the import');
  await saved(page);
  assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);

  await page.getByLabel('is added as a new assessment').check();
  await importFile(page, JSON.stringify(file), 'other-site.json');
  await page.waitForFunction(() => document.querySelector('[data-step=keep] .smm-ok').textContent === 'Imported other-site.json as a new assessment.');
  assert.deepEqual(await exported(page), file);
  assert.deepEqual((await rows(page)).map((r) => r[0] + ' / ' + r[1]), ['Assessment 1 / Changed after the import', 'other-site (open) / From the file']);
  assert.deepEqual(page.errors, []);
});

test('an import refused today is refused under either choice, with nothing changed', async () => {
  const page = await openAssess(browser);
  await page.fill('#smm-system', 'Pump A');
  await saved(page);
  const before = await exported(page);
  const list = await page.evaluate(() => localStorage.getItem('smm-guide-assessments'));
  for (const how of ['replace', 'add']) {
    await page.check(`#smm-import-${how}`);
    for (const [text, reason] of [['[]', /does not hold an assessment/], [JSON.stringify({ ...before, version: 7 }), /Version 7/],
      [JSON.stringify({ ...before, answers: { 'no-such-item': { status: 'met', note: '' } } }), /Unknown item "no-such-item"/]]) {
      await page.evaluate(() => { document.querySelector('[data-step=keep] .smm-error').textContent = ''; });
      await importFile(page, text);
      await page.waitForFunction(() => document.querySelector('[data-step=keep] .smm-error').textContent !== '');
      assert.match(await page.locator('[data-step=keep] .smm-error').textContent(), reason);
      assert.deepEqual(await exported(page), before);
      assert.equal(await page.evaluate(() => localStorage.getItem('smm-guide-assessments')), list);
      assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);
    }
  }
  assert.deepEqual(page.errors, []);
});

test('the list by keyboard alone, and axe-core finds no violation, light and dark', async () => {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = await openAssess(browser);
  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  await page.focus('#smm-name');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Open “Assessment 1”');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#smm-name'), 'Assessment 1');
  await page.addScriptTag({ content: source });
  for (const scheme of ['default', 'slate']) {
    await page.evaluate((s) => document.body.setAttribute('data-md-color-scheme', s), scheme);
    const result = await page.evaluate(() => axe.run(document.querySelector('[data-step=keep]'), { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    assert.deepEqual(result.violations.map((v) => `${scheme} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
  }
});

// No archetype of the data leaves a practice out (none of their descriptions makes one clearly someone
// else's): the page gets one that does, in the model script it reads, as the loader would write it.
async function withScopedArchetype(page) {
  await page.route('**/assets/smm-model.js', async (route) => {
    const body = (await (await route.fetch()).text()).replace('window.SMM_ASSESSMENT =', 'window.SMM_MODEL.profiles.find((p) => p.id === "digital-twin")' +
      '.archetypes.find((a) => a.id === "water-treatment-process").out_of_scope = {"compliance": "The utility\'s compliance office assesses it", ' +
      '"monitoring": "The plant\'s OT monitoring service"};\nwindow.SMM_ASSESSMENT =');
    await route.fulfill({ body, contentType: 'text/javascript' });
  });
}

test('using an archetype puts the practices it leaves out out of scope, with its reasons, answers kept', async () => {
  const page = await openPage(browser);
  await withScopedArchetype(page);
  await page.goto(`${BASE}assess/`);
  await page.waitForSelector('html[data-smm-assess="ready"]');
  await page.check('#smm-profile-digital-twin');
  await answerFirst(page, 'compliance', 'met');
  await page.check('#smm-scope-monitoring');
  await page.uncheck('#smm-scope-monitoring');
  await page.fill('#smm-scope-why-monitoring', 'Our own reason');
  await saved(page);
  await page.selectOption('#smm-archetype-digital-twin', 'water-treatment-process');
  await page.getByRole('button', { name: 'Use this archetype' }).click();
  assert.equal(await page.isChecked('#smm-scope-compliance'), false);
  assert.equal(await page.inputValue('#smm-scope-why-compliance'), 'The utility\'s compliance office assesses it');
  assert.equal(await page.inputValue('#smm-scope-why-monitoring'), 'Our own reason', 'a reason given is kept');
  assert.match(await page.locator('.smm-archetype-note').textContent(), /It leaves out of scope: Compliance Management, Monitoring Practices\.$/);
  assert.equal(await page.locator('.smm-scope-count').textContent(), '16 of 18 practices in scope.');
  const data = await exported(page);
  assert.deepEqual(data.out_of_scope, { compliance: 'The utility\'s compliance office assesses it', monitoring: 'Our own reason' });
  assert.equal(Object.values(data.answers).filter((a) => a.status === 'met').length, 1, 'the answer stays');
  await page.check('#smm-scope-compliance');
  await page.waitForFunction(() => /achieved 0 \(provisional\) · 1 of \d+ answered$/.test(document.querySelector('#smm-practice-compliance .smm-psum').textContent));
  assert.deepEqual(page.errors, []);
});
