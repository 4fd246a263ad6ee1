// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';

export const BASE = process.env.SMM_BASE_URL;

export async function openBrowser() {
  return chromium.launch({
    executablePath: process.env.SMM_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page that records every request that leaves the site's origin.
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const origin = new URL(BASE).origin;
  page.foreign = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) page.foreign.push(url);
  });
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  return page;
}

// The assessment page, ready, with every dialog recorded in page.dialogs and answered as `reply`
// says (true: OK).
export async function openAssess(browser, options = {}, reply = () => true) {
  const page = await openPage(browser, options);
  page.dialogs = [];
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    return reply() ? dialog.accept() : dialog.dismiss();
  });
  await page.goto(`${BASE}assess/`);
  await page.waitForSelector('html[data-smm-assess="ready"]');
  return page;
}

// Opens a practice's block on the assessment page, where its controls are built.
export async function openPractice(page, id) {
  const details = page.locator(`#smm-practice-${id}`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}
