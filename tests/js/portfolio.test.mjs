// The HTML page of `smm-guide portfolio` (macros/assessment/portfolio_rendering.py) in a real browser:
// standalone (no request anywhere but the file itself) and its tables sorted by a column's heading button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser } from './browser.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = process.env.SMM_PYTHON || join(ROOT, '.venv/bin/python');
// The portfolio of tests/support/portfolio.py (3 systems, one with two dates), as one HTML page.
const MAKE = `import sys
from pathlib import Path
from macros.cli.main import main
from macros.data.loader import load_model
from tests.support.portfolio import make_portfolio
folder = make_portfolio(load_model("tests/fixtures/mini"), Path(sys.argv[1]) / "portfolio")
sys.exit(main(["portfolio", str(folder), "--format", "html", "--out", sys.argv[1] + "/p.html", "--data", "tests/fixtures/mini"]))`;

let browser, url;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smm-portfolio-'));
  const made = spawnSync(PYTHON, ['-c', MAKE, dir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  url = pathToFileURL(join(dir, 'p.html')).href;
  browser = await openBrowser();
});
after(async () => { await browser.close(); });

async function systems(page) {
  return page.locator('#systems tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[0].textContent));
}

test('the page loads nothing else and sorts a table by a column, by its gap, up then down', async () => {
  const page = await (await browser.newContext()).newPage();
  const requests = [], errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  assert.deepEqual(requests, [url]);
  assert.deepEqual(await systems(page), ["=cmd|' /C calc'!A1", 'Plant A', 'substation-7']);
  const heading = page.locator('#systems th', { hasText: 'p-two' });
  await heading.getByRole('button').click();  // gaps: out (-2), 0 (Plant A 2/2?), 3
  assert.equal(await heading.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await systems(page), ["=cmd|' /C calc'!A1", 'Plant A', 'substation-7']);
  await heading.getByRole('button').press('Enter');  // by keyboard too
  assert.equal(await heading.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await systems(page), ['substation-7', 'Plant A', "=cmd|' /C calc'!A1"]);
  await page.locator('#systems th', { hasText: 'System' }).getByRole('button').click();
  assert.deepEqual(await systems(page), ["=cmd|' /C calc'!A1", 'Plant A', 'substation-7']);
  assert.equal(await page.locator('#practices th[aria-sort]').count(), 0, 'each table sorts on its own');
  assert.deepEqual(errors, []);
});
