// WCAG 2.1 A/AA audit of every page of a built site with axe-core, in light and dark schemes.
// Usage: node axe.js BASE_URL SITE_DIR   (run by `make a11y`; needs Debian's chromium)
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [base, siteDir] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function pagesIn(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return pagesIn(path.join(dir, entry.name), prefix + entry.name + '/');
    return entry.name === 'index.html' ? [prefix] : [];
  });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const pages = pagesIn(siteDir).sort();
  // One page per core: axe is CPU-bound, and a site of 500 pages in two schemes is an hour in one tab.
  const workers = Number(process.env.A11Y_WORKERS || os.cpus().length || 1);
  const report = [];
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    const queue = pages.slice();
    await Promise.all(Array.from({ length: workers }, async () => {
      const page = await context.newPage();
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const response = await page.goto(base + url);
        if (!response || !response.ok()) {
          // A stale or wrong server must not pass as "no violations".
          report.push(`${scheme} /${url}: HTTP ${response ? response.status() : 'no response'}`);
          continue;
        }
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
        for (const violation of result.violations) {
          const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
          report.push(`${scheme} /${url}: ${violation.id} (${violation.impact}) x${violation.nodes.length}: ${where}`);
        }
      }
    }));
    await context.close();
  }
  const failures = report.length;
  report.sort().forEach((line) => console.log(line));
  await browser.close();
  console.log(`a11y: ${pages.length} pages x 2 colour schemes, ${failures} violation(s)`);
  process.exit(failures ? 1 : 0);
})();
