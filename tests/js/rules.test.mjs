// The rules of the self-assessment page (content/assets/assess/) in Node, against the same
// vectors as the Python ones: data/scoring-vectors.yaml, data/suggestion-vectors.yaml,
// data/selection-vectors.yaml and data/csv-vectors.yaml. The model is the one the page reads
// (assets/smm-model.js); the selection vectors bring small models of their own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { readVectors } from './vectors.mjs';

const require = createRequire(import.meta.url);
const rules = require('../../content/assets/assess/rules.js');
const selection = require('../../content/assets/assess/selection.js');
const csv = require('../../content/assets/assess/csv.js');
const { validate } = require('../../content/assets/assess/state.js');
const SCORING = readVectors('scoring-vectors.yaml');
const SUGGESTION = readVectors('suggestion-vectors.yaml');
const SELECTION = readVectors('selection-vectors.yaml');
const COMBINATIONS = readVectors('selection-vectors.yaml', 'combinations');
const CSV = readVectors('csv-vectors.yaml');

let model, settings;
before(async () => {
  const base = process.env.SMM_BASE_URL;
  assert.ok(base, 'SMM_BASE_URL names a served build (tests/site/test_browser.py sets it)');
  const window = {};
  vm.runInNewContext(await (await fetch(`${base}assets/smm-model.js`)).text(), { window });
  model = window.SMM_MODEL;
  settings = window.SMM_ASSESSMENT;
});

for (const vector of SCORING) {
  test(`scoring vector ${vector.id}`, () => {
    const result = rules.score(vector.levels, vector.target, vector.in_scope);
    const { achieved, gap, over, assessed, provisional } = result;
    assert.deepEqual({ achieved, gap, over, assessed, provisional }, vector.expected, vector.description);
  });
}

test('level states as in macros/rules/scoring.py', () => {
  const cases = [[['met', 'na'], 'reached'], [['na', 'na'], 'not reached'], [['met', 'partly'], 'not reached'],
    [['met', ''], 'not assessed'], [['', 'not-met'], 'not reached'], [[], 'not reached']];
  for (const [statuses, state] of cases) assert.equal(rules.levelState(statuses), state, JSON.stringify(statuses));
});

for (const vector of SUGGESTION) {
  test(`suggestion vector ${vector.id}`, () => {
    const profile = model.profiles.find((p) => p.id === vector.profile);
    assert.equal(profile.baseline, vector.baseline, `the vector assumes baseline ${vector.baseline}`);
    const found = rules.suggest(profile, vector.characterization, model.practices.map((p) => p.id));
    const levels = Object.fromEntries(Object.keys(vector.expected).map((id) => [id, found[id].level]));
    assert.deepEqual(levels, vector.expected, vector.description);
  });
}

test('the suggestion vectors cover up, down, both and clamping at either end', () => {
  const profile = model.profiles.find((p) => p.id === 'digital-twin');
  const seen = new Set();
  for (const vector of SUGGESTION) {
    const found = rules.suggest(profile, vector.characterization, model.practices.map((p) => p.id));
    for (const id of Object.keys(vector.expected)) {
      const { net, reasons } = found[id], raw = profile.baseline + net;
      if (net > 0) seen.add('up');
      if (net < 0) seen.add('down');
      if (reasons.some((r) => r[2].direction === 'up') && reasons.some((r) => r[2].direction === 'down')) seen.add('mixed');
      if (raw > 4) seen.add('clamped high');
      if (raw < 0) seen.add('clamped low');
    }
  }
  assert.deepEqual([...seen].sort(), ['clamped high', 'clamped low', 'down', 'mixed', 'up']);
});

test('a suggestion lists its reasons in the order of the dimensions', () => {
  const profile = model.profiles.find((p) => p.id === 'digital-twin');
  const found = rules.suggest(profile, { 'sync-direction': 'closed-loop', multiplicity: 'single' }, ['identities']);
  assert.deepEqual(found.identities.reasons.map((r) => [r[0], r[1], r[2].direction]),
    [['sync-direction', 'closed-loop', 'up'], ['multiplicity', 'single', 'down']]);
  assert.equal(found.identities.level, 2);
});

test('goes against: the same cases as tests/rules/test_suggestion.py', () => {
  const cases = [[3, 3, 1, false], [2, 3, 1, false], [1, 3, 1, true], [3, 1, -1, true], [4, 2, 0, true], [0, 2, 0, true], [1, 2, 0, false]];
  for (const [target, level, net, against] of cases) {
    assert.equal(rules.goesAgainst(target, { level, net }, 2), against, JSON.stringify([target, level, net]));
  }
});

// A selection vector's small model (practice -> level -> indicator ids; profiles with practice ->
// level -> consideration ids) in the shape of the page's model: practices with levels[n].indicators,
// profiles with practices[pid][n] lists of considerations, each item an object with its id.
function pageModel(small) {
  const items = (ids) => ids.map((id) => ({ id }));
  const byLevel = (levels, make) => Object.fromEntries(Object.entries(levels).map(([n, ids]) => [n, make(ids)]));
  return {
    practices: Object.entries(small.practices).map(([id, levels]) => ({ id, levels: byLevel(levels, (ids) => ({ indicators: items(ids) })) })),
    profiles: small.profiles.map((p) => ({
      id: p.id, short_name: p.short_name,
      practices: Object.fromEntries(Object.entries(p.practices).map(([pid, levels]) => [pid, byLevel(levels, items)])),
    })),
  };
}

for (const vector of SELECTION) {
  test(`selection vector ${vector.id}`, () => {
    const model = pageModel(vector.model);
    assert.deepEqual(selection.selection(model, vector.profiles), vector.expected, vector.description);
    assert.equal(selection.selectionId(model.profiles, vector.profiles), vector.expected.selection);
    // The page asks for a level's items by number (scoring), the export by the model's keys.
    for (const [pid, levels] of Object.entries(vector.expected.items)) {
      for (const [n, ids] of Object.entries(levels)) assert.deepEqual(selection.itemsAt(model, pid, Number(n), vector.profiles), ids, `${pid} ${n}`);
    }
    const labels = {};
    selection.eachItem(model, (item, label) => { labels[item.id] = label; });
    for (const [id, label] of Object.entries(vector.expected.labels)) assert.equal(labels[id], label, id);
  });
}

for (const vector of COMBINATIONS) {
  test(`combination vector ${vector.id}`, () => {
    const found = rules.combine(vector.profiles, vector.suggestions);
    assert.deepEqual(found, vector.expected, vector.description);
    // deepEqual ignores key order; the reasons are shown in the model's order.
    for (const [pid, e] of Object.entries(vector.expected)) {
      assert.deepEqual(Object.keys(found[pid].suggested_by), Object.keys(e.suggested_by), `${vector.id}: ${pid}`);
    }
  });
}

test('a combination follows the order of the profiles it is given, not the order of the suggestions', () => {
  const suggestions = { b: { p: 2 }, a: { p: 2 } };
  assert.deepEqual(rules.combine(['a', 'b'], suggestions), { p: { level: 2, profile: 'a', suggested_by: { a: 2, b: 2 } } });
  assert.deepEqual(rules.combine(['b', 'a'], suggestions), { p: { level: 2, profile: 'b', suggested_by: { b: 2, a: 2 } } });
  assert.deepEqual(Object.keys(rules.combine(['b', 'a'], suggestions).p.suggested_by), ['b', 'a']);
});

for (const vector of CSV) {
  test(`csv vector ${vector.id}`, () => {
    assert.equal(csv.csvLine(vector.cells), vector.expected, vector.description);
  });
}

test('CSV cells are quoted like Python\'s csv module and formulas are neutralized', () => {
  assert.equal(csv.csvLine(['a', 3, 'b,c', 'say "hi"', 'two\nlines', '']), 'a,3,"b,c","say ""hi""","two\nlines",\r\n');
  assert.equal(csv.csvLine(['=1+2', '+x', '-y', '@z', 'a=b']), "'=1+2,'+x,'-y,'@z,a=b\r\n");
  assert.equal(csv.neutralizeFormula('\tx'), "'\tx");
});

function minimal(overrides = {}) {
  return {
    format: settings.format, version: settings.version, model_version: settings.model_version, created: '2025-01-01T00:00:00.000Z',
    guidance: { profiles: ['digital-twin'], framework: null }, characterization: {}, targets: {}, answers: {}, levels: {}, ...overrides,
  };
}

test('an assessment in the published format passes; the reasons it would not are said', () => {
  const item = model.practices[0].levels['1'].indicators[0].id;
  assert.deepEqual(validate(minimal({ answers: { [item]: { status: 'met', note: 'seen' } }, levels: { monitoring: 2 } }), model, settings), []);
  const problems = (data) => validate(data, model, settings).join(' ');
  assert.match(problems([]), /does not hold an assessment/);
  assert.match(problems(minimal({ format: 'other' })), /not an smm-guide assessment/);
  assert.match(problems(minimal({ version: 2 })), /Version 2 of the assessment format is not supported/);
  // Another model version alone is no problem, nor are the ids it had that this model lacks (state.resume).
  assert.deepEqual(validate(minimal({ model_version: '1.0+000000000000', answers: { 'retired-item-1-1': { status: 'met', note: '' } } }), model, settings), []);
  assert.match(problems(minimal({ removed: { x: { status: 'done', note: '' } } })), /The kept answer to "x" must have a status/);
  assert.match(problems(minimal({ fingerprints: { [item]: 7 } })), /The fingerprint of .* must be text/);
  assert.match(problems(minimal({ answers: { 'no-such-item': { status: 'met', note: '' } } })), /Unknown item "no-such-item"/);
  assert.match(problems(minimal({ answers: { [item]: { status: 'done', note: '' } } })), /must have a status/);
  assert.match(problems(minimal({ levels: { monitoring: 5 } })), /whole number from 0 to 4/);
  assert.match(problems(minimal({ extra: 1 })), /Unknown field "extra"/);
  const { answers, ...missing } = minimal();
  assert.match(problems(missing), /"answers" is missing/);
  assert.match(problems(minimal({ characterization: { 'digital-twin': { archetype: null, options: { fidelity: 'perfect' } } } })), /Unknown option "perfect"/);
});

test('a baseline from another model version is read leniently', () => {
  const other = minimal({ model_version: '1.0+000000000000', answers: { 'retired-item-1-1': { status: 'met', note: '' } } });
  assert.deepEqual(validate(other, model, settings, true), []);
  assert.match(validate(minimal({ format: 'x' }), model, settings, true).join(' '), /not an smm-guide assessment/);
});

test('an archetype puts its practices out of scope, keeping the assessor\'s own reasons', () => {
  const archetype = { out_of_scope: { compliance: 'The group audits it', monitoring: 'The vendor watches it' } };
  const before = { monitoring: 'Our SOC does', 'risk-attitude': '', compliance: '' };
  assert.deepEqual(rules.archetypeScope(before, archetype),
    { monitoring: 'Our SOC does', 'risk-attitude': '', compliance: 'The group audits it' });
  assert.deepEqual(before.compliance, '', 'the scope given is not changed');
  assert.deepEqual(rules.archetypeScope({}, { out_of_scope: {} }), {});
  assert.deepEqual(rules.archetypeScope({ compliance: 'x' }, {}), { compliance: 'x' }, 'an archetype without the field');
});

test('every archetype of the served model names real practices and gives reasons for its scope', () => {
  const practices = new Set(model.practices.map((p) => p.id));
  for (const profile of model.profiles) {
    for (const archetype of profile.archetypes) {
      for (const [pid, reason] of Object.entries(archetype.out_of_scope)) {
        assert.ok(practices.has(pid), pid);
        assert.ok(reason.trim().length > 0 && reason.length <= settings.scope_reason_length, reason);
      }
    }
  }
});
