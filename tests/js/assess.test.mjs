// The self-assessment page (assess/, content/assets/assess/*.js) in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { BASE, openBrowser, openPage, openAssess, openPractice } from './browser.mjs';
import { readVectors } from './vectors.mjs';

const require = createRequire(import.meta.url);
const SUGGESTION = readVectors('suggestion-vectors.yaml');

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

async function saved(page) {
  await page.waitForFunction(() => /^Saved/.test(document.querySelector('.smm-saved').textContent));
}

async function exported(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

async function importFile(page, selector, text, name = 'assessment.json') {
  await page.setInputFiles(selector, { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

// A characterized, partly answered assessment.
async function fillIn(page) {
  await page.fill('#smm-system', 'Pump station twin');
  await page.check('#smm-profile-digital-twin');
  await page.selectOption('#smm-archetype-digital-twin', 'water-treatment-process');
  await page.getByRole('button', { name: 'Use this archetype' }).click();
  await page.selectOption('#smm-framework', 'iec-62443-3-3');
  await page.selectOption('#smm-target-compliance', '1');
  await page.fill('#smm-why-compliance', 'No regulator covers this site yet');
  await openPractice(page, 'access-control');
  const statuses = page.locator('#smm-practice-access-control select[data-item]');
  await statuses.nth(0).selectOption('met');
  await statuses.nth(1).selectOption('partly');
  await page.locator('#smm-practice-access-control textarea').first().fill('Firewall export of 3 May');
  await openPractice(page, 'monitoring');
  await page.selectOption('#smm-direct-monitoring', '2');
  await saved(page);
}

test('answers are saved as they are given and are there after a reload', async () => {
  const page = await openAssess(browser);
  assert.equal(await page.locator('.smm-saved').textContent(), 'Nothing saved yet');
  await fillIn(page);
  // The note is saved a moment after typing stops: wait for it to be stored, however busy the machine.
  await page.waitForFunction(() => (localStorage.getItem('smm-guide-assessment') || '').includes('Firewall export of 3 May'));
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.match(await page.locator('.smm-saved').textContent(), /^Saved in this browser/);
  assert.equal(await page.isChecked('#smm-profile-digital-twin'), true);
  assert.equal(await page.inputValue('#smm-system'), 'Pump station twin');
  assert.equal(await page.inputValue('#smm-target-compliance'), '1');
  assert.equal(await page.inputValue('#smm-why-compliance'), 'No regulator covers this site yet');
  await openPractice(page, 'access-control');
  await openPractice(page, 'monitoring');
  const statuses = page.locator('#smm-practice-access-control select[data-item]');
  assert.deepEqual([await statuses.nth(0).inputValue(), await statuses.nth(1).inputValue()], ['met', 'partly']);
  assert.equal(await page.locator('#smm-practice-access-control textarea').first().inputValue(), 'Firewall export of 3 May');
  assert.equal(await page.inputValue('#smm-direct-monitoring'), '2');
  assert.match(await page.locator('#smm-practice-monitoring .smm-psum').textContent(), /achieved 2 \(set directly\)/);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.foreign, []);
});

test('export, start anew, import: the same assessment, in the published format', async () => {
  const page = await openAssess(browser);
  await fillIn(page);
  const first = await exported(page);
  const settings = await page.evaluate(() => window.SMM_ASSESSMENT);
  assert.equal(first.format, 'smm-guide-assessment');
  assert.equal(first.version, 1);
  assert.equal(first.model_version, settings.model_version);
  assert.deepEqual(first.guidance, { profiles: ['digital-twin'], framework: 'iec-62443-3-3' });
  assert.equal(first.characterization['digital-twin'].archetype, 'water-treatment-process');
  assert.deepEqual(first.targets.compliance, { level: 1, justification: 'No regulator covers this site yet', source: 'set' });
  assert.equal(first.targets['access-control'].source, 'archetype');
  assert.deepEqual(first.levels, { monitoring: 2 });
  assert.equal(Object.values(first.answers).filter((a) => a.status === 'met').length, 1);
  const schema = await (await fetch(`${BASE}downloads/assessment.schema.json`)).json();
  assert.deepEqual(Object.keys(first).filter((key) => !(key in schema.properties)), []);
  assert.deepEqual(schema.required.filter((key) => !(key in first)), []);
  assert.ok(Object.values(first.answers).every((a) => schema.properties.answers.additionalProperties.properties.status.enum.includes(a.status)));

  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  assert.equal(await page.isChecked('#smm-profile-digital-twin'), false);
  assert.deepEqual((await exported(page)).answers, {});

  await importFile(page, '#smm-import', JSON.stringify(first));
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('[data-step=keep] .smm-ok').textContent));
  assert.deepEqual(await exported(page), first);
  assert.equal(await page.isChecked('#smm-profile-digital-twin'), true);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.foreign, []);
});

test('an invalid import says what is wrong and leaves the assessment as it was', async () => {
  const page = await openAssess(browser);
  await fillIn(page);
  const before = await exported(page);
  const stored = await page.evaluate(() => localStorage.getItem('smm-guide-assessment'));
  const cases = [
    ['{"format": "smm-guide-assessment", ', /not valid JSON/],
    [JSON.stringify({ ...before, format: 'something-else' }), /not an smm-guide assessment/],
    [JSON.stringify({ ...before, version: 7 }), /Version 7 of the assessment format is not supported/],
    [JSON.stringify({ ...before, answers: { 'no-such-item': { status: 'met', note: '' } } }), /Unknown item "no-such-item" in "answers"\./],
    [JSON.stringify({ ...before, out_of_scope: { 'no-such-practice': 'Not ours' } }), /Unknown practice "no-such-practice" in "out_of_scope"\./],
    [JSON.stringify({ ...before, out_of_scope: { compliance: 7 } }), /The reason "compliance" is out of scope must be text/],
    [JSON.stringify({ ...before, system: 'x'.repeat(2 * 1024 * 1024) }), /the file is 2,1\d\d,\d{3} bytes; an assessment file is at most 2,097,152 bytes \(2 MB\)\./],
  ];
  for (const [text, reason] of cases) {
    await importFile(page, '#smm-import', text);
    const error = page.locator('[data-step=keep] .smm-error');
    await page.waitForFunction(() => document.querySelector('[data-step=keep] .smm-error').textContent !== '');
    assert.match(await error.textContent(), reason);
    assert.match(await error.textContent(), /Nothing was changed\.$/);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.deepEqual(await exported(page), before);
    assert.equal(await page.evaluate(() => localStorage.getItem('smm-guide-assessment')), stored);
    await page.evaluate(() => { document.querySelector('[data-step=keep] .smm-error').textContent = ''; });
  }
  assert.deepEqual(page.errors, []);
});

// Two practices in scope, one taken out with a reason after an answer was given to it.
async function twoPractices(page) {
  await page.check('#smm-profile-digital-twin');
  await openPractice(page, 'compliance');
  await page.locator('#smm-practice-compliance select[data-item]').first().selectOption('met');
  await page.getByRole('button', { name: 'No practice in scope' }).click();
  await page.check('#smm-scope-access-control');
  await page.check('#smm-scope-patch-management');
  await page.fill('#smm-scope-why-compliance', 'Covered by the group audit');
  await page.selectOption('#smm-target-access-control', '2');
  await page.selectOption('#smm-target-patch-management', '3');
  await saved(page);
}

test('scope: a two-practice workshop reports two practices, and a scope change keeps every answer', async () => {
  const page = await openAssess(browser);
  await twoPractices(page);
  assert.equal(await page.locator('.smm-scope-count').textContent(), '2 of 18 practices in scope.');
  assert.equal(await page.locator('#smm-scope-warn-compliance').textContent(), '', 'the hint goes once a reason is typed');
  assert.equal(await page.locator('#smm-scope-warn-security-program').textContent(), 'Say why it is out of scope.');
  assert.match(await page.locator('#smm-practice-compliance .smm-psum').textContent(), /^out of scope \(step 2\) · /);
  await page.waitForFunction(() => document.querySelectorAll('.smm-gap-table tbody tr').length === 2);
  const count = () => page.locator('.smm-count').textContent();
  // In scope but not answered yet: not assessed, never a gap.
  assert.match(await count(), /^0 of 2 practices in scope assessed; 0 below their target, 0 levels in all\./);
  assert.equal(await page.locator('.smm-gap-table tr[data-practice="access-control"] .smm-gap').textContent(), '–');
  assert.match(await page.locator('.smm-progress').textContent(), /items answered \(2 of 18 practices in scope\)$/);
  await openPractice(page, 'access-control');
  await page.locator('#smm-practice-access-control select[data-item]').first().selectOption('not-met');
  await page.waitForFunction(() => /^1 of 2 practices in scope assessed; 1 below their target, 2 levels in all/.test(document.querySelector('.smm-count').textContent));
  assert.deepEqual(await page.$$eval('.smm-gap-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-practice'))), ['access-control', 'patch-management']);
  assert.deepEqual(await page.$$eval('.smm-next-steps > li', (items) => items.map((li) => li.getAttribute('data-practice'))), ['access-control']);
  assert.equal(await page.locator('svg.smm-radar-chart').count(), 0, 'no radar of two spokes');
  assert.equal(await page.locator('.smm-out-table tbody tr').count(), 16);
  assert.match(await page.locator('.smm-out-table tr[data-practice="compliance"]').textContent(), /Covered by the group audit/);
  assert.match(await page.locator('.smm-out-table tr[data-practice="risk-attitude"]').textContent(), /no reason given/);
  assert.match(await page.locator('.smm-report-head').textContent(), /Scope2 of 18 practices; the results cover these only/);
  // Exports: the JSON keeps the out-of-scope answer and names the scope; the CSV has the two practices' rows.
  const data = await exported(page);
  assert.equal(Object.keys(data.out_of_scope).length, 16);
  assert.equal(data.out_of_scope.compliance, 'Covered by the group audit');
  const kept = await page.locator('#smm-practice-compliance select[data-item]').first().getAttribute('data-item');
  assert.equal(data.answers[kept].status, 'met');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const practices = new Set(readFileSync(await file.path(), 'utf8').trim().split('\r\n').slice(1).map((line) => line.split(',')[0]));
  assert.deepEqual([...practices], ['access-control', 'patch-management']);
  // Back in scope, the practice has its answer again; nothing was deleted.
  await page.check('#smm-scope-compliance');
  await page.waitForFunction(() => document.querySelectorAll('.smm-gap-table tbody tr').length === 3);
  assert.match(await page.locator('#smm-practice-compliance .smm-psum').textContent(), /achieved 0 \(provisional\) · 1 of \d+ answered$/);
  assert.equal((await exported(page)).answers[kept].status, 'met');
  await page.getByRole('button', { name: 'Every practice in scope' }).click();
  assert.equal(await page.locator('.smm-scope-count').textContent(), '18 of 18 practices in scope.');
  assert.deepEqual((await exported(page)).out_of_scope, {});
  // An export from before the scope existed (no out_of_scope field) opens with every practice in scope.
  const { out_of_scope: _, ...older } = data;
  await importFile(page, '#smm-import', JSON.stringify(older));
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('[data-step=keep] .smm-ok').textContent));
  assert.equal(await page.locator('.smm-scope-count').textContent(), '18 of 18 practices in scope.');
  await importFile(page, '#smm-import', JSON.stringify(data));
  await page.waitForFunction(() => document.querySelector('.smm-scope-count').textContent === '2 of 18 practices in scope.');
  assert.deepEqual(await exported(page), data);
  assert.deepEqual(page.errors, []);
});

test('compare covers the scope and follows the answers without a reload', async () => {
  const page = await openAssess(browser);
  await twoPractices(page);
  const earlier = await exported(page);
  await importFile(page, '#smm-baseline', JSON.stringify(earlier), 'earlier.json');
  await page.waitForSelector('.smm-compare-table');
  assert.deepEqual(await page.$$eval('.smm-compare-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-practice'))), ['access-control', 'patch-management']);
  await openPractice(page, 'patch-management');
  await page.selectOption('#smm-direct-patch-management', '2');
  await page.waitForFunction(() => document.querySelector('.smm-compare-table tr[data-practice="patch-management"] .smm-change').textContent === '+2');
  assert.deepEqual(page.errors, []);
});

test('axe-core finds no violation with practices out of scope', async () => {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = await openAssess(browser);
  await twoPractices(page);
  await page.waitForSelector('.smm-out-table');
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
});

test('a saved assessment this page cannot open is kept aside and offered for download', async () => {
  const page = await openPage(browser);
  const earlier = JSON.stringify({ format: 'smm-guide-assessment', version: 7, model_version: '1.0+000000000000', created: '2024-01-01T00:00:00Z',
    guidance: { profiles: [], framework: null }, characterization: {}, targets: {}, answers: {}, levels: {} });
  await page.goto(`${BASE}assess/`);
  await page.evaluate((text) => localStorage.setItem('smm-guide-assessment', text), earlier);
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.match(await page.locator('.smm-saved').textContent(), /could not be opened/);
  assert.match(await page.locator('[data-step=keep] .smm-warn').textContent(), /Version 7 of the assessment format is not supported/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download it' }).click()]);
  assert.equal(readFileSync(await file.path(), 'utf8'), earlier);
  await page.getByRole('button', { name: 'Discard it' }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem('smm-guide-assessment-unread')), null);
});

// Exported from the data of an older commit (see tests/assessment/test_resuming.py).
const OLDER = readFileSync(new URL('../fixtures/assessments/older-model.json', import.meta.url), 'utf8');

async function checkResumed(page) {
  const notice = await page.locator('[data-step=keep] .smm-resumed').textContent();
  assert.match(notice, new RegExp(`made with model version ${JSON.parse(OLDER).model_version.replace('+', '\\+')}; this page shows`));
  assert.match(notice, /dt-patch-management-1-2 → dt-patch-management-3-5/);
  assert.match(notice, /Reworded since you answered, check again \(marked in step 3\): access-control-3-1\./);
  assert.match(notice, /Neither in this model nor retired, kept in the file but not counted: old-draft-item-1-1\./);
  await openPractice(page, 'patch-management');
  assert.equal(await page.inputValue('#smm-status-dt-patch-management-3-5'), 'met', 'moved to the successor');
  await openPractice(page, 'access-control');
  assert.equal(await page.inputValue('#smm-status-access-control-1-1'), 'met', 'kept');
  assert.equal(await page.locator('#smm-reworded-access-control-3-1').textContent(), 'Reworded since you answered: check again.');
  assert.equal(await page.locator('.smm-reworded').count(), 1);
}

test('an export made with an older model version opens with its notices, and nothing is lost', async () => {
  const page = await openAssess(browser);
  await importFile(page, '#smm-import', OLDER, 'older.json');
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('[data-step=keep] .smm-ok').textContent));
  await checkResumed(page);
  let data = await exported(page);
  const settings = await page.evaluate(() => window.SMM_ASSESSMENT);
  assert.equal(data.model_version, settings.model_version, 'saved now with this model');
  assert.deepEqual(Object.keys(data.removed).sort(), ['dt-asset-change-config-1-3', 'dt-patch-management-1-2', 'old-draft-item-1-1']);
  assert.equal(data.removed['old-draft-item-1-1'].note, 'From a draft model');
  // The flag lasts across a reload, and goes once the item is answered again.
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
  await openPractice(page, 'access-control');
  assert.equal(await page.locator('#smm-reworded-access-control-3-1').count(), 1);
  await page.selectOption('#smm-status-access-control-3-1', 'met');
  assert.equal(await page.locator('#smm-reworded-access-control-3-1').count(), 0);
  await saved(page);
  data = await exported(page);
  const model = await page.evaluate(() => window.SMM_MODEL);
  const fp = model.practices.find((p) => p.id === 'access-control').levels['3'].indicators.find((i) => i.id === 'access-control-3-1').fp;
  assert.equal(data.fingerprints['access-control-3-1'], fp);
  const schema = await (await fetch(`${BASE}downloads/assessment.schema.json`)).json();
  assert.deepEqual(Object.keys(data).filter((key) => !(key in schema.properties)), []);
  assert.deepEqual(page.errors, []);
});

test('work saved in the browser before a data change opens after it', async () => {
  const page = await openPage(browser);
  await page.goto(`${BASE}assess/`);
  await page.evaluate((text) => localStorage.setItem('smm-guide-assessment', text), OLDER);
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.match(await page.locator('.smm-saved').textContent(), /^Saved in this browser/);
  await checkResumed(page);
  assert.deepEqual(page.errors, []);
});

test('the characterization gives the targets the suggestion vectors expect', async () => {
  const page = await openAssess(browser);
  await page.check('#smm-profile-digital-twin');
  const dimensions = await page.$$eval('fieldset.smm-dim input[value=""]', (radios) => radios.map((r) => r.name.replace('smm-dim-digital-twin-', '')));
  assert.equal(dimensions.length, 7);
  for (const vector of SUGGESTION) {
    for (const dimension of dimensions) await page.check(`#smm-dim-digital-twin-${dimension}-none`);
    for (const [dimension, option] of Object.entries(vector.characterization)) await page.check(`#smm-dim-digital-twin-${dimension}-${option}`);
    for (const [practice, level] of Object.entries(vector.expected)) {
      const row = page.locator(`.smm-target-table tr[data-practice="${practice}"]`);
      assert.equal(await row.locator('.smm-suggested').textContent(), String(level), `${vector.id}: ${practice}`);
      assert.equal(await page.inputValue(`#smm-target-${practice}`), String(level), `${vector.id}: ${practice}`);
    }
  }
  // The explanation names the options that moved a target, and the clamping.
  for (const dimension of dimensions) await page.check(`#smm-dim-digital-twin-${dimension}-none`);
  for (const id of ['sync-direction-observational', 'sync-frequency-batch', 'criticality-low']) await page.check(`#smm-dim-digital-twin-${id}`);
  const why = await page.locator('tr[data-why="recovery-continuity"]').textContent();
  assert.match(why, /^Baseline 2\. Lowered by Observational only \(asset to twin\) \(Synchronization direction\): /);
  assert.match(why, /Lowered by Batch or daily .* Lowered by Low .*2 − 3 = −1, kept at 0\.$/);
  // An archetype's targets come with its reasons.
  await page.selectOption('#smm-archetype-digital-twin', 'building-monitoring');
  await page.getByRole('button', { name: 'Use this archetype' }).click();
  assert.match(await page.locator('tr[data-why="security-program"]').textContent(), /^Archetype Monitoring twin of an office building: /);
  assert.equal(await page.isChecked('#smm-dim-digital-twin-sync-direction-observational'), true);
  assert.deepEqual(page.foreign, []);
});

test('two characterized profiles: the higher suggestion, with the reasons of both', async () => {
  const page = await openAssess(browser);
  for (const [profile, archetype] of [['digital-twin', 'building-monitoring'], ['retail-pos', 'market-trader']]) {
    await page.check(`#smm-profile-${profile}`);
    await page.selectOption(`#smm-archetype-${profile}`, archetype);
    await page.locator('.smm-profile-dims', { has: page.locator(`#smm-archetype-${profile}`) })
      .getByRole('button', { name: 'Use this archetype' }).click();
  }
  // security-program: the office-building twin's archetype says 2, the market trader's 1.
  const row = page.locator('.smm-target-table tr[data-practice="security-program"]');
  assert.equal(await row.locator('.smm-suggested').textContent(), '2');
  const why = await page.locator('tr[data-why="security-program"]').textContent();
  assert.match(why, /^Digital Twin suggests 2: Archetype Monitoring twin of an office building: .+ Retail POS suggests 1: Archetype Market trader taking cards on a phone: ./);
  await saved(page);
  const target = (await exported(page)).targets['security-program'];
  assert.equal(target.level, 2);
  assert.equal(target.justification, why, 'the export carries every profile\'s reasons');
  assert.deepEqual(page.errors, []);
});

test('results: gaps sortable by gap, a labelled radar chart, next steps with the framework\'s requirements', async () => {
  const page = await openAssess(browser);
  await fillIn(page);
  await page.waitForSelector('.smm-gap-table tbody tr');
  const gapButton = page.locator('.smm-gap-table th button', { hasText: 'Gap' });
  await gapButton.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.smm-gap-table th', { hasText: 'Gap' }).getAttribute('aria-sort'), 'descending');
  const gaps = (await page.$$eval('.smm-gap-table tbody td.smm-gap', (cells) => cells.map((c) => Number(c.textContent))));
  assert.deepEqual(gaps, [...gaps].sort((a, b) => b - a));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Gap', 'focus stays on the sort button');
  assert.match(await page.locator('.smm-gap-table tr[data-practice="monitoring"]').textContent(), /2 \(set directly\)/);
  const radar = page.locator('svg.smm-radar-chart');
  assert.equal(await radar.getAttribute('role'), 'img');
  assert.match(await radar.locator('title').textContent(), /target and the achieved level/);
  assert.equal(await radar.locator('text.smm-r-label').count(), 18);
  assert.equal(await radar.locator('.smm-r-target').count(), 1);
  const steps = page.locator('.smm-next-steps > li');
  const firstGap = Number(await page.locator('.smm-next-steps > li').first().evaluate((li) => /gap (\d)/.exec(li.textContent)[1]));
  assert.equal(firstGap, gaps[0], 'largest gaps first');
  const access = page.locator('.smm-next-steps > li[data-practice="access-control"]');
  assert.match(await access.textContent(), /from level 0 to level 1/);
  const itemsShown = await access.locator('li[data-item]').count();
  assert.ok(itemsShown >= 1);
  assert.match(await access.textContent(), /IEC 62443-3-3 requirements this level brings|No IEC 62443-3-3 requirement is mapped/);
  // Next steps are the assessed practices below their target: one not answered yet has no gap.
  const withGap = await page.$$eval('.smm-gap-table tbody tr', (rows) => rows.filter((r) => Number(r.querySelector('.smm-gap').textContent) > 0).map((r) => r.getAttribute('data-practice')));
  assert.deepEqual((await steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-practice')))).sort(), withGap.sort());
  assert.ok(withGap.includes('access-control'));
  assert.equal(await page.locator('.smm-gap-table tr[data-practice="risk-attitude"] .smm-gap').textContent(), '–', 'not assessed, no gap');
  // A met item is not a next step.
  const met = await page.locator('#smm-practice-access-control select[data-item]').first().getAttribute('data-item');
  assert.equal(await access.locator(`li[data-item="${met}"]`).count(), 0);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#guidance').isVisible(), false, 'the steps are left out of the printed report');
  assert.equal(await page.locator('.smm-gap-table').isVisible(), true);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.foreign, []);
});

test('the CSV export has the checklist columns and rows, with the answers filled in', async () => {
  const page = await openAssess(browser);
  await page.check('#smm-profile-digital-twin');
  const csv = async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    return readFileSync(await file.path(), 'utf8');
  };
  const published = await (await fetch(`${BASE}downloads/checklists/digital-twin/all.csv`)).text();
  assert.equal(await csv(), published, 'an unanswered assessment exports the published checklist');
  await openPractice(page, 'compliance');
  const first = page.locator('#smm-practice-compliance select[data-item]').first();
  const id = await first.getAttribute('data-item');
  await first.selectOption('not-met');
  await page.locator(`#smm-note-${id}`).fill('=HYPERLINK("x") no owner yet');
  await page.waitForFunction(() => (localStorage.getItem('smm-guide-assessment') || '').includes('no owner yet'));
  const row = (await csv()).split('\r\n').find((line) => line.includes(`,${id},`));
  assert.match(row, /,Not met,"'=HYPERLINK\(""x""\) no owner yet",,,$/);
});

test('compare: an earlier export as the baseline shows the change of each practice', async () => {
  const page = await openAssess(browser);
  await page.check('#smm-profile-digital-twin');
  const earlier = await exported(page);
  await openPractice(page, 'patch-management');
  await page.selectOption('#smm-direct-patch-management', '3');
  await importFile(page, '#smm-baseline', JSON.stringify({ ...earlier, system: 'Last year' }), 'earlier.json');
  await page.waitForSelector('.smm-compare-table');
  assert.equal(await page.locator('.smm-compare-table tr[data-practice="patch-management"] .smm-change').textContent(), '+3');
  assert.equal(await page.locator('.smm-compare-table tr[data-practice="monitoring"] .smm-change').textContent(), 'no change');
  await page.reload();
  await page.waitForSelector('.smm-compare-table');
  assert.equal(await page.locator('.smm-compare-table tr[data-practice="patch-management"] .smm-change').textContent(), '+3', 'the baseline is kept');
  await importFile(page, '#smm-baseline', '[]', 'wrong.json');
  // The file is read asynchronously: wait for the message instead of reading it at once.
  await page.waitForFunction(() => document.querySelector('[data-step=compare] .smm-error').textContent !== '');
  assert.match(await page.locator('[data-step=compare] .smm-error').textContent(), /^Not loaded: /);
});

test('by keyboard alone: tab to a status control and set it, with visible focus', async () => {
  const page = await openAssess(browser);
  await page.focus('#smm-practice-security-program summary');
  await page.keyboard.press('Enter');
  let found = null;
  for (let i = 0; i < 6 && !found; i += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => (document.activeElement.matches('select[data-item]') ? document.activeElement.id : null));
  }
  assert.ok(found, 'a status control is reached by Tab');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none', 'focus is visible');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue(`#${found}`), 'met');
  await saved(page);
  assert.match(await page.locator('#smm-practice-security-program .smm-psum').textContent(), / 1 of \d+ answered$/);
  // Every control has a label.
  const unlabelled = await page.$$eval('.smm-assess input, .smm-assess select, .smm-assess textarea',
    (controls) => controls.filter((c) => !c.labels || !c.labels.length).map((c) => c.id || c.name));
  assert.deepEqual(unlabelled, []);
});

test('axe-core finds no violation on the filled-in page, light and dark', async () => {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const page = await openAssess(browser, { colorScheme });
    await fillIn(page);
    await page.waitForSelector('.smm-next-steps');
    await page.addScriptTag({ content: source });
    const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(found, [], colorScheme);
  }
});

// The assessment page's content as Material's instant navigation swaps it in from the home page,
// and the paths of the scripts it loads, in their order on the page.
async function navigated() {
  const page = await openPage(browser);
  await page.goto(BASE);
  const html = await (await fetch(`${BASE}assess/`)).text();
  const article = /<article[^>]*>([\s\S]*)<\/article>/.exec(html)[1];
  const scripts = [...article.matchAll(/<script src="\.\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  assert.equal(scripts[0], 'assets/smm-model.js');
  await page.evaluate(async (content) => {
    history.pushState(null, '', 'assess/');
    document.querySelector('article').innerHTML = content; // scripts set by innerHTML do not run
  }, article);
  return { page, model: scripts[0], own: scripts.slice(1) };
}

test('instant navigation: the page starts whichever of its scripts runs first', async () => {
  // Material's instant navigation swaps in the new content and inserts its scripts, which may then
  // run in any order. Do the same from the home page, with the page scripts running first.
  const { page, model, own } = await navigated();
  await page.evaluate(async (paths) => {
    for (const path of paths) {
      const script = document.createElement('script');
      script.src = `../${path}`;
      await new Promise((resolve) => { script.onload = resolve; document.body.appendChild(script); });
    }
  }, [...own, model]);
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.equal(await page.locator('details.smm-practice').count(), 18);
  assert.deepEqual(page.errors, []);
});

test('instant navigation: the page waits for every one of its scripts, whatever their order', async () => {
  // Instant navigation inserts all the scripts at once and each runs when it has loaded. Here they
  // run in the order inserted (async off): the last of the page's own first, the model second.
  const { page, model, own } = await navigated();
  const order = [own[own.length - 1], model, ...own.slice(0, -1).reverse()];
  assert.equal(order[0], 'assets/assess/boot.js');
  await page.evaluate((paths) => {
    for (const path of paths) {
      const script = document.createElement('script');
      script.src = `../${path}`;
      script.async = false;
      document.body.appendChild(script);
    }
  }, order);
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.equal(await page.locator('details.smm-practice').count(), 18);
  await openPractice(page, 'risk-attitude');
  await page.locator('#smm-practice-risk-attitude select[data-item]').first().selectOption('met');
  await saved(page);
  assert.deepEqual(page.errors, []);
});

test('the page works opened from file://', async () => {
  // A copy of the page and every local file it loads, opened from disk.
  const root = mkdtempSync(join(tmpdir(), 'smm-assess-'));
  const html = await (await fetch(`${BASE}assess/`)).text();
  const save = (path, data) => { mkdirSync(dirname(join(root, path)), { recursive: true }); writeFileSync(join(root, path), data); };
  save('assess/index.html', html);
  const assets = [...html.matchAll(/(?:src|href)="\.\.\/(assets\/[^"#?]+)"/g)].map((m) => m[1]);
  assert.ok(assets.includes('assets/smm-model.js') && assets.includes('assets/assess/boot.js'));
  for (const path of new Set(assets)) save(path, Buffer.from(await (await fetch(BASE + path)).arrayBuffer()));
  const context = await browser.newContext();
  const page = await context.newPage();
  const outside = [];
  page.on('request', (request) => { if (!/^(file|data|blob):/.test(request.url())) outside.push(request.url()); });
  await page.goto(`file://${root}/assess/index.html`);
  await page.waitForSelector('html[data-smm-assess="ready"]');
  assert.equal(await page.locator('details.smm-practice').count(), 18);
  await openPractice(page, 'risk-attitude');
  await page.locator('#smm-practice-risk-attitude select[data-item]').first().selectOption('na');
  await saved(page);
  assert.match(await page.locator('.smm-gap-table').textContent(), /Risk Attitude/);
  assert.deepEqual(outside, []);
  await context.close();
});

// The files and the rows `smm-guide portfolio` gives for them (its Systems x practices table, from the same
// files: tests/assessment/test_portfolio.py checks the rules, this the page's reading of them).
test('portfolio: several exports side by side, cell by cell as smm-guide portfolio tables them', async () => {
  const page = await openAssess(browser);
  const [version, ids] = await page.evaluate(() => [window.SMMAssess.S.model_version, window.SMMAssess.ids]);
  const base = { format: 'smm-guide-assessment', version: 1, model_version: version, guidance: { profiles: [], framework: null }, characterization: {}, answers: {} };
  const target = (level) => ({ [ids[0]]: { level, justification: '' } });
  const a1 = { ...base, system: 'Plant A', created: '2025-01-10T08:00:00.000Z', targets: target(3), levels: { [ids[0]]: 1 } };
  const a2 = { ...a1, created: '2025-06-10T08:00:00.000Z', levels: { [ids[0]]: 3 } };
  const b = { ...base, system: '<b>x</b>', created: '2025-02-01T12:00:00.000Z', targets: target(2), levels: { [ids[0]]: 0 }, out_of_scope: { [ids[1]]: 'Not here' } };
  const file = (name, data) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)) });
  await page.setInputFiles('#smm-portfolio', [file('a1.json', a1), file('a2.json', a2), file('b.json', b), file('copy.json', a2),
    file('bad.json', '[]'), file('older.json', OLDER)]);
  await page.waitForSelector('.smm-portfolio-table');
  const rows = await page.locator('.smm-portfolio-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.cells, (td) => td.textContent).join(' | ')));
  const none = (n) => Array(n).fill('–/–').join(' | ');
  assert.deepEqual(rows, [
    `<b>x</b> | 2025-02-01 12:00 | b.json | 0/2 | out | ${none(16)}`,
    `Plant A | 2025-06-10 08:00 | a2.json | 3/3 | ${none(17)}`,
    `Pump station twin | 2026-11-30 08:00 | older.json | ${none(7)} | 0/2? | 0/–? | ${none(4)} | 0/–? | ${none(4)}`,
  ]);
  assert.deepEqual(ids.slice(7, 9).concat(ids[13]), ['access-control', 'asset-change-config', 'patch-management']);
  assert.equal(await page.locator('.smm-portfolio-table b').count(), 0, 'a name from a file is text');
  assert.equal(await page.locator('.smm-portfolio-table tr[data-system="<b>x</b>"] td[data-practice]').first().getAttribute('class'), 'smm-gap2');
  const errors = await page.locator('[data-step=portfolio] .smm-error').allTextContents();
  assert.equal(errors.length, 2);
  assert.match(errors[0], /^Not read: bad\.json: /);
  assert.match(errors[1], /^Not read: copy\.json: System “Plant A” of the same date is also in a2\.json/);
  assert.match(await page.locator('[data-step=portfolio] .smm-warn').textContent(), /^older\.json: made with model version 1\.1\+0005adbcaa05; .*reworded: access-control-3-1\)\.$/);
  assert.equal(await page.locator('[data-step=keep] .smm-resumed').count(), 0, 'the page\'s own assessment is untouched');
});
