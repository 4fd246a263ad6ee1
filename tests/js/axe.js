// WCAG 2.1 A/AA audit of every page of a built site with axe-core, in light and dark schemes.
// Usage: node axe.js BASE_URL SITE_DIR   (run by `make a11y`; needs Debian's chromium)
const { chromium } = require('playwright-core');
const fs = require('fs');
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
  let failures = 0;
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const url of pages) {
      const response = await page.goto(base + url);
      if (!response || !response.ok()) {
        // A stale or wrong server must not pass as "no violations".
        failures += 1;
        console.log(`${scheme} /${url}: HTTP ${response ? response.status() : 'no response'}`);
        continue;
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
      for (const violation of result.violations) {
        failures += 1;
        const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ');
        console.log(`${scheme} /${url}: ${violation.id} (${violation.impact}) x${violation.nodes.length}: ${where}`);
      }
    }
    await context.close();
  }
  await browser.close();
  console.log(`a11y: ${pages.length} pages x 2 colour schemes, ${failures} violation(s)`);
  process.exit(failures ? 1 : 0);
})();
