// Answering at workshop speed on the self-assessment page (content/assets/assess/answers.js):
// unanswered items marked and filtered, "next unanswered", the effect of each status, the reason
// a not applicable item needs, a level-wide action, and one key per status.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openBrowser, openAssess, openPractice } from './browser.mjs';

const require = createRequire(import.meta.url);

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser.close(); });

// The item ids of a practice's level, as the page lists them.
const itemsOf = (page, pid, n) => page.evaluate(([p, level]) => window.SMMAssess.items(p, level), [pid, n]);
const statusOf = (page, id) => page.evaluate((item) => window.SMMAssess.statusOf(item), id);
const text = (page, selector) => page.locator(selector).textContent();

// Stores answers (item id -> status, or [status, note]) as the page saves them, and reloads.
async function withAnswers(page, answers, outOfScope = {}) {
  await page.evaluate(([given, out]) => {
    const data = window.SMMAssess.exportData();
    for (const [id, value] of Object.entries(given)) {
      const [status, note] = Array.isArray(value) ? value : [value, ''];
      data.answers[id] = { status, note };
    }
    data.out_of_scope = out;
    localStorage.setItem('smm-guide-assessment', JSON.stringify(data));
  }, [answers, outOfScope]);
  await page.reload();
  await page.waitForSelector('html[data-smm-assess="ready"]');
}

// WCAG contrast ratio of two computed colours (rgb or rgba over the page background).
function contrast(fg, bg) {
  const parse = (c) => c.match(/[\d.]+/g).map(Number);
  const [br, bgG, bb] = parse(bg);
  const [r, g, b, a = 1] = parse(fg);
  const mix = [r * a + br * (1 - a), g * a + bgG * (1 - a), b * a + bb * (1 - a)];
  const lum = (rgb) => rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(mix), lum([br, bgG, bb])].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('1. an unanswered item has a text marker and a border, with AA contrast in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await openAssess(browser, { colorScheme });
    await openPractice(page, 'access-control');
    const [first, second] = await itemsOf(page, 'access-control', 1);
    const item = page.locator(`li.smm-item[data-item="${first}"]`);
    assert.equal(await item.locator('.smm-todo').textContent(), 'Not answered yet');
    const look = () => item.evaluate((li) => {
      const style = getComputedStyle(li), marker = li.querySelector('.smm-todo');
      return {
        border: style.borderLeftStyle, borderColor: style.borderLeftColor, width: parseFloat(style.borderLeftWidth),
        icon: getComputedStyle(marker, '::before').content, marker: getComputedStyle(marker).color,
        shown: marker.getBoundingClientRect().height > 0,
        background: getComputedStyle(document.querySelector('.md-main')).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
      };
    });
    const marked = await look();
    const background = /rgba\(0, 0, 0, 0\)/.test(marked.background) ? marked.page : marked.background;
    assert.equal(marked.border, 'dashed', colorScheme);
    assert.ok(marked.width >= 3, `${colorScheme}: ${marked.width}px border`);
    assert.equal(marked.icon, '"○ "', colorScheme);
    assert.ok(marked.shown, `${colorScheme}: the marker is shown`);
    assert.ok(contrast(marked.marker, background) >= 4.5, `${colorScheme}: marker text ${marked.marker} on ${background}`);
    assert.ok(contrast(marked.borderColor, background) >= 3, `${colorScheme}: border ${marked.borderColor} on ${background}`);
    // Answered, the marks go; the other items keep theirs.
    await page.selectOption(`#smm-status-${first}`, 'met');
    const answered = await look();
    assert.equal(answered.borderColor, 'rgba(0, 0, 0, 0)', `${colorScheme}: no border once answered`);
    assert.equal(answered.shown, false, colorScheme);
    assert.equal(await item.evaluate((li) => li.classList.contains('smm-unanswered')), false);
    assert.equal(await text(page, `li.smm-item[data-item="${second}"] .smm-todo`), 'Not answered yet');
    // Cleared again, it is unanswered again.
    await page.selectOption(`#smm-status-${first}`, '');
    assert.equal(await item.locator('.smm-todo').textContent(), 'Not answered yet');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('2. "Unanswered items only" hides answered items; a level or practice with nothing left says so', async () => {
  const page = await openAssess(browser);
  const compliance = [1, 2, 3, 4].map(async (n) => itemsOf(page, 'compliance', n));
  const all = (await Promise.all(compliance)).flat();
  const [done, open1] = await itemsOf(page, 'access-control', 1);
  const level2 = await itemsOf(page, 'access-control', 2);
  await withAnswers(page, {
    ...Object.fromEntries(all.map((id) => [id, 'met'])),
    [done]: 'not-met',
    ...Object.fromEntries(level2.map((id) => [id, 'partly'])),
  });
  await openPractice(page, 'access-control');
  await openPractice(page, 'compliance');
  const shown = (id) => page.locator(`li.smm-item[data-item="${id}"]`).isVisible();
  assert.equal(await shown(done), true, 'nothing is hidden before the filter is ticked');
  assert.equal(await page.locator('#smm-practice-access-control .smm-level[data-level="2"] .smm-left').isVisible(), false);
  await page.getByLabel('Unanswered items only').check();
  assert.equal(await shown(done), false);
  assert.equal(await shown(open1), true);
  const level = (n) => page.locator(`#smm-practice-access-control .smm-level[data-level="${n}"]`);
  assert.equal(await level(2).locator('.smm-left').isVisible(), true);
  assert.equal(await level(2).locator('.smm-left').textContent(), 'Nothing left to answer at this level.');
  assert.equal(await level(2).locator('li.smm-item:visible').count(), 0);
  assert.equal(await level(1).locator('.smm-left').isVisible(), false, 'level 1 still has unanswered items');
  // A practice with nothing left: one line, its levels hidden.
  const practiceLine = page.locator('#smm-practice-compliance .smm-pbody > .smm-left');
  assert.equal(await practiceLine.isVisible(), true);
  assert.equal(await practiceLine.textContent(), 'Nothing left to answer in this practice.');
  assert.equal(await page.locator('#smm-practice-compliance .smm-level:visible').count(), 0);
  assert.equal(await page.locator('#smm-practice-access-control .smm-pbody > .smm-left').isVisible(), false);
  // The item being answered stays until focus leaves it, so a keyboard user is not thrown out.
  await page.focus(`#smm-status-${open1}`);
  await page.keyboard.press('m');
  assert.equal(await statusOf(page, open1), 'met');
  assert.equal(await shown(open1), true, 'still there while focused');
  await page.focus('#smm-only-unanswered');
  assert.equal(await shown(open1), false, 'hidden once focus moves on');
  // Untick: everything is back.
  await page.getByLabel('Unanswered items only').uncheck();
  assert.equal(await shown(done), true);
  assert.equal(await page.locator('#smm-practice-compliance .smm-level:visible').count(), 4);
  assert.deepEqual(page.errors, []);
});

// The practices in scope in the page's order, and their items.
const inScopeOrder = (page) => page.evaluate(() => {
  const P = window.SMMAssess;
  return [...document.querySelectorAll('details.smm-practice')].map((d) => d.getAttribute('data-practice'))
    .filter((pid) => P.inScope(pid)).flatMap((pid) => P.LEVELS.flatMap((n) => P.items(pid, n)));
});
const focusedItem = (page) => page.evaluate(() => document.activeElement.getAttribute('data-item'));

test('3. "Next unanswered" by button and by U: opens the practice, skips out-of-scope practices, wraps around', async () => {
  const page = await openAssess(browser);
  const ids = await page.evaluate(() => window.SMMAssess.ids);
  // Two practices in scope; the first practice of the page is out of it, its unanswered items skipped.
  const firstDetails = await page.evaluate(() => document.querySelector('details.smm-practice').getAttribute('data-practice'));
  const out = Object.fromEntries(ids.filter((pid) => !['access-control', 'patch-management'].includes(pid)).map((pid) => [pid, 'Not ours']));
  assert.ok(out[firstDetails] !== undefined, 'the first practice on the page is out of scope');
  await withAnswers(page, {}, out);
  const order = await inScopeOrder(page);
  assert.ok(order.length > 10);
  assert.equal(await page.locator('#smm-practice-access-control').evaluate((d) => d.open), false);
  await page.getByRole('button', { name: 'Next unanswered' }).click();
  assert.equal(await focusedItem(page), order[0]);
  assert.equal(await page.locator(`#smm-practice-${order[0].startsWith('access') ? 'access-control' : 'patch-management'}`).evaluate((d) => d.open), true, 'its practice is opened');
  // Answer by key, then U: the next one.
  await page.keyboard.press('m');
  await page.keyboard.press('u');
  assert.equal(await focusedItem(page), order[1]);
  assert.equal(await statusOf(page, order[0]), 'met');
  assert.equal(await page.getByRole('button', { name: 'Next unanswered' }).getAttribute('aria-keyshortcuts'), 'U');
  // U while typing a note is a letter of the note.
  await page.focus(`#smm-note-${order[1]}`);
  await page.keyboard.type('under review');
  assert.equal(await page.inputValue(`#smm-note-${order[1]}`), 'under review');
  assert.equal(await focusedItem(page), order[1]);
  await page.fill('#smm-system', '');
  await page.keyboard.type('Pump unit');
  assert.equal(await page.inputValue('#smm-system'), 'Pump unit', 'and in a text field');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'smm-system');
  await page.waitForFunction(() => (localStorage.getItem('smm-guide-assessment') || '').includes('under review'));
  // From the last item, around to the first unanswered one; answered items are passed over.
  const last = order[order.length - 1];
  await withAnswers(page, Object.fromEntries(order.slice(0, 3).map((id) => [id, 'met'])), out);
  for (const pid of ['access-control', 'patch-management']) await openPractice(page, pid);
  await page.focus(`#smm-status-${last}`);
  await page.keyboard.press('u');
  assert.equal(await focusedItem(page), order[3]);
  // From a practice's heading: its own first unanswered item, not the first of the page.
  const secondPractice = await page.evaluate(() => [...document.querySelectorAll('details.smm-practice')]
    .map((d) => d.getAttribute('data-practice')).filter((pid) => window.SMMAssess.inScope(pid))[1]);
  const [second] = await itemsOf(page, secondPractice, 1);
  await page.focus(`#smm-practice-${secondPractice} summary`);
  await page.keyboard.press('u');
  assert.equal(await focusedItem(page), second);
  // Only one left: focus goes to it and the page says it is the last; none left: the page says so.
  await withAnswers(page, { ...Object.fromEntries(order.slice(1).map((id) => [id, 'na'])), [order[0]]: '' }, out);
  await page.keyboard.press('u');
  assert.equal(await focusedItem(page), order[0]);
  assert.equal(await text(page, '.smm-live'), 'This is the last unanswered item in scope.');
  await page.keyboard.press('a');
  await page.keyboard.press('u');
  assert.equal(await page.locator('.smm-live').getAttribute('role'), 'status');
  assert.equal(await text(page, '.smm-live'), 'No unanswered item is left in scope.');
  assert.equal(await focusedItem(page), order[0], 'focus stays where it was');
  // The out-of-scope practices still have their unanswered items: U never went there.
  assert.equal(await page.locator(`#smm-practice-${firstDetails}`).evaluate((d) => d.open), false);
  assert.deepEqual(page.errors, []);
});

test('4. beside each status, its effect on the score as the scoring rule has it', async () => {
  const page = await openAssess(browser);
  await openPractice(page, 'access-control');
  const [id] = await itemsOf(page, 'access-control', 1);
  const effect = page.locator(`#smm-effect-${id}`);
  assert.equal(await page.getAttribute(`#smm-status-${id}`, 'aria-describedby'), `smm-effect-${id}`);
  const badge = page.locator('#smm-practice-access-control h4[data-level="1"] .smm-state');
  const expected = [
    ['', 'Not assessed: never counted as not met, but no level is reached while an item of it is unanswered.', '(not assessed)'],
    ['partly', 'Partly met counts as not met: this level is not reached.', '(not reached)'],
    ['not-met', 'Not met: this level is not reached.', '(not reached)'],
    ['met', 'Met: the level is reached once every item is met or not applicable.', '(not assessed)'],
    ['na', 'Not applicable: left out of this level; a level whose items are all not applicable is not reached.', '(not assessed)'],
  ];
  for (const [status, line, state] of expected) {
    await page.selectOption(`#smm-status-${id}`, status);
    assert.equal(await effect.textContent(), line, status);
    assert.equal(await badge.textContent(), state, status);
    assert.equal(await effect.isVisible(), true);
  }
  // What the lines say, the score does: the level's other items met reach it; partly met does not.
  const others = (await itemsOf(page, 'access-control', 1)).slice(1);
  for (const other of others) await page.selectOption(`#smm-status-${other}`, 'met');
  assert.equal(await badge.textContent(), '(reached)', 'met and not applicable reach the level');
  await page.selectOption(`#smm-status-${id}`, 'partly');
  assert.equal(await badge.textContent(), '(not reached)', 'partly met counts as not met');
  assert.deepEqual(page.errors, []);
});

test('5. not applicable needs a reason: the note becomes it, is required, and is shown in the report', async () => {
  const page = await openAssess(browser);
  await openPractice(page, 'monitoring');
  const [id, other] = await itemsOf(page, 'monitoring', 1);
  const label = page.locator(`label[for="smm-note-${id}"]`);
  assert.match(await label.textContent(), /^Evidence note/);
  assert.equal(await page.getAttribute(`#smm-note-${id}`, 'aria-required'), null);
  await page.selectOption(`#smm-status-${id}`, 'na');
  assert.equal(await label.textContent(), `Reason it does not apply (required) for ${id}`);
  assert.equal(await page.getAttribute(`#smm-note-${id}`, 'aria-required'), 'true');
  assert.equal(await page.getByLabel(`Reason it does not apply (required) for ${id}`).count(), 1);
  const item = page.locator(`li.smm-item[data-item="${id}"]`);
  assert.equal(await item.locator('.smm-todo').textContent(), 'N/A needs a reason');
  assert.equal(await item.evaluate((li) => getComputedStyle(li).borderLeftStyle), 'solid');
  const summary = () => text(page, '#smm-practice-monitoring .smm-psum');
  assert.match(await summary(), / · 1 N\/A needs a reason$/);
  await page.selectOption(`#smm-status-${other}`, 'na');
  assert.match(await summary(), / · 2 N\/A need a reason$/);
  // The report's list of answers says which has no reason; the scoring does not change.
  const noted = (i, want) => page.waitForFunction(([i, want]) => document.querySelector(`.smm-answers tr[data-item="${i}"] .smm-note`)?.textContent === want, [i, want]);
  await noted(id, 'Reason: none given (required for not applicable)');
  await page.fill(`#smm-note-${id}`, 'No remote access exists');
  assert.equal(await item.locator('.smm-todo').textContent(), '');
  assert.match(await summary(), / · 1 N\/A needs a reason$/);
  await noted(id, 'Reason: No remote access exists');
  await page.waitForFunction(() => (localStorage.getItem('smm-guide-assessment') || '').includes('No remote access exists'));
  const saved = await page.evaluate((i) => JSON.parse(localStorage.getItem('smm-guide-assessment')).answers[i], id);
  assert.deepEqual(saved, { status: 'na', note: 'No remote access exists' });
  // Another status: the note is an evidence note again, and not required.
  await page.selectOption(`#smm-status-${id}`, 'met');
  assert.match(await label.textContent(), /^Evidence note/);
  assert.equal(await page.getAttribute(`#smm-note-${id}`, 'aria-required'), null);
  // A level of only not applicable items says what it counts as: not reached.
  const level = await itemsOf(page, 'monitoring', 1);
  for (const each of level) await page.selectOption(`#smm-status-${each}`, 'na');
  assert.equal(await text(page, '#smm-practice-monitoring h4[data-level="1"] .smm-state'),
    '(not reached: every item is not applicable, and a level needs one item met)');
  assert.match(await summary(), /achieved 0 /);
  assert.deepEqual(page.errors, []);
});

test('6. a level\'s remaining items marked at once, after a confirmation naming the count; answered items untouched', async () => {
  let answer = false;
  const page = await openAssess(browser, {}, () => answer);
  await openPractice(page, 'patch-management');
  const ids = await itemsOf(page, 'patch-management', 2);
  assert.ok(ids.length >= 3);
  await page.selectOption(`#smm-status-${ids[0]}`, 'met');
  await page.fill(`#smm-note-${ids[1]}`, 'WSUS report, not yet read');
  const choice = page.getByLabel('Mark the remaining items of level 2 as');
  await choice.selectOption('not-met');
  const go = page.getByRole('button', { name: 'Mark them (level 2 of Patch Management)' });
  // Cancelled: nothing changes.
  await go.click();
  assert.equal(page.dialogs.length, 1);
  const left = ids.length - 1;
  assert.equal(page.dialogs[0], `Mark the ${left} unanswered items of level 2 of Patch Management as Not met?\n\n` +
    'Answered items stay as they are. There is no undo: to change an item back, set its status again.');
  assert.equal(await statusOf(page, ids[1]), '');
  // Confirmed: the unanswered items only, notes kept, saved, and said.
  answer = true;
  await go.click();
  assert.equal(await statusOf(page, ids[0]), 'met');
  for (const id of ids.slice(1)) {
    assert.equal(await statusOf(page, id), 'not-met', id);
    assert.equal(await page.inputValue(`#smm-status-${id}`), 'not-met', id);
  }
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('smm-guide-assessment')).answers);
  assert.deepEqual(saved[ids[1]], { status: 'not-met', note: 'WSUS report, not yet read' });
  assert.equal(await text(page, '.smm-live'), `Marked ${left} unanswered items of level 2 of Patch Management as Not met.`);
  assert.equal(await text(page, '#smm-practice-patch-management h4[data-level="2"] .smm-state'), '(not reached)');
  // Nothing left: no dialog, the page says so.
  await go.click();
  assert.equal(page.dialogs.length, 2);
  assert.equal(await text(page, '.smm-live'), 'No item of level 2 of Patch Management is left unanswered.');
  // Other levels are not touched.
  for (const id of await itemsOf(page, 'patch-management', 1)) assert.equal(await statusOf(page, id), '');
  assert.deepEqual(page.errors, []);
});

test('7. one key per status on a status control, said in the instructions; the native select still works', async () => {
  const page = await openAssess(browser);
  const instructions = (await page.locator('#assess ~ p').allTextContents()).map((p) => p.replace(/\s+/g, ' '));
  assert.ok(instructions.some((p) => p.includes('press M for met, P partly met, N not met, A not applicable, or Delete for not assessed.')));
  assert.ok(instructions.some((p) => p.includes('press U (outside a text field) or Next unanswered to go to the next unanswered item in scope.')));
  await openPractice(page, 'risk-attitude');
  const [id] = await itemsOf(page, 'risk-attitude', 1);
  await page.focus(`#smm-status-${id}`);
  for (const [key, status] of [['n', 'not-met'], ['n', 'not-met'], ['a', 'na'], ['p', 'partly'], ['N', 'not-met'], ['m', 'met'], ['Delete', ''], ['A', 'na']]) {
    await page.keyboard.press(key);
    assert.equal(await page.inputValue(`#smm-status-${id}`), status, key);
    assert.equal(await statusOf(page, id), status, `${key}: saved in the state`);
  }
  assert.equal(await page.getAttribute(`#smm-status-${id}`, 'aria-keyshortcuts'), 'M P N A Delete');
  // The arrow keys of the native control still move through the options.
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue(`#smm-status-${id}`), 'met');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SELECT', 'focus stays on the control');
  assert.deepEqual(page.errors, []);
});

test('axe-core finds no violation with the filter on and items marked, light and dark', async () => {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const page = await openAssess(browser, { colorScheme });
    await openPractice(page, 'access-control');
    const [a, b] = await itemsOf(page, 'access-control', 1);
    await page.selectOption(`#smm-status-${a}`, 'na');
    await page.selectOption(`#smm-status-${b}`, 'partly');
    await page.getByLabel('Unanswered items only').check();
    await page.getByRole('button', { name: 'Next unanswered' }).click();
    await page.addScriptTag({ content: source });
    const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], colorScheme);
    await page.context().close();
  }
});
