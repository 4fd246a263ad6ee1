// Time to interactive of the self-assessment page and of a plain content page, for `make bench`
// (tools/bench.py). Not a test: it prints one JSON object and never judges the numbers.
//
//   node tti.mjs BASE_URL [LOADS] [CPU_RATES]     e.g. node tti.mjs http://127.0.0.1:8000/ 7 1,4
//
// In one Chromium run, for each CPU throttling rate (Emulation.setCPUThrottlingRate; 1 = none), it
// loads each page once as a warm-up and then LOADS times each, alternating and swapping which comes
// first every round, each load in a fresh browser context so no cache favours either page.
//
// Times are performance.now() in the page, i.e. milliseconds from navigation start, taken by an
// init script. A page is interactive when all of these have happened:
//   - the load event has finished (navigation timing loadEventEnd);
//   - Material's bundle has run: its document$ has emitted and its components have mounted (an
//     observer subscribed when the bundle publishes window.document$, after its own subscriptions);
//   - assessment page only: its scripts have rendered it, i.e. <html data-smm-assess="ready"> is set
//     (a MutationObserver records the moment).
import { BASE, openBrowser } from './browser.mjs';

const PAGES = { assess: 'assess/', content: 'how-to-use/' };
const base = process.argv[2] || BASE;
const loads = Number(process.argv[3] || 7);
const rates = (process.argv[4] || '1,4').split(',').map(Number);
if (!base || !(loads > 0) || rates.some((rate) => !(rate >= 1))) {
  console.error('usage: node tti.mjs BASE_URL [LOADS] [CPU_RATES]');
  process.exit(2);
}

function recordMarks() {
  const marks = (window.__smmTti = {});
  let published;
  Object.defineProperty(window, 'document$', {
    configurable: true,
    enumerable: true,
    get: () => published,
    set(value) {
      published = value;
      value.subscribe(() => { if (marks.material === undefined) marks.material = performance.now(); });
    },
  });
  new MutationObserver((_, observer) => {
    if (document.documentElement.getAttribute('data-smm-assess') !== 'ready') return;
    marks.assess = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-smm-assess'] });
}

function readMarks(assess) {
  const marks = window.__smmTti || {};
  const [navigation] = performance.getEntriesByType('navigation');
  if (!navigation || !(navigation.loadEventEnd > 0) || marks.material === undefined) return null;
  if (assess && marks.assess === undefined) return null;
  const model = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/assets/smm-model.js'));
  return {
    interactive: Math.max(navigation.loadEventEnd, marks.material, assess ? marks.assess : 0),
    domContentLoaded: navigation.domContentLoadedEventStart,
    load: navigation.loadEventEnd,
    material: marks.material,
    assess: marks.assess,
    modelLoaded: model ? model.responseEnd : undefined,
  };
}

async function measure(browser, kind, rate) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(recordMarks);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(new URL(PAGES[kind], base).href, { waitUntil: 'load' });
    const marks = await (await page.waitForFunction(readMarks, kind === 'assess', { timeout: 60000 })).jsonValue();
    if (errors.length) throw new Error(`${PAGES[kind]}: ${errors.join('; ')}`);
    return marks;
  } finally {
    await context.close();
  }
}

async function run() {
  const browser = await openBrowser();
  const result = { pages: PAGES, loads, runs: [] };
  try {
    for (const rate of rates) {
      const samples = { assess: [], content: [] };
      for (const kind of Object.keys(samples)) await measure(browser, kind, rate);
      for (let round = 0; round < loads; round += 1) {
        const order = round % 2 ? ['content', 'assess'] : ['assess', 'content'];
        for (const kind of order) samples[kind].push(await measure(browser, kind, rate));
      }
      result.runs.push({ rate, samples });
    }
  } finally {
    await browser.close();
  }
  return result;
}

try {
  console.log(JSON.stringify(await run()));
} catch (error) {
  // One line for bench.py to show.
  console.error(String(error.message || error).split('\n')[0]);
  process.exit(1);
}
