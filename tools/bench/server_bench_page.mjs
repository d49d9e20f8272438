// The pair view of a long pair in headless Chromium: from navigation until every bead row and
// the overview plot are on the page, five times (the first with a cold page cache), and until
// the first screen of rows is there (the page draws a long document in parts).
//   node tools/bench/server_bench_page.mjs http://127.0.0.1:PORT/ PAIR_ID
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { chromium } = await import('../../tests/browser/node_modules/playwright-core/index.mjs');
const [url, pair] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'newsalign-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1440, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  const api = await page.evaluate(async (u) => {
    const t0 = performance.now();
    const r = await fetch(u);
    const body = await r.json();
    return { ms: performance.now() - t0, beads: body.beads.length };
  }, `${url}api/pairs/${pair}`).catch(async () => {
    await page.goto(url);
    return null;
  });
  const times = [], firsts = [];
  let beads = 0;
  for (let run = 0; run < 5; ++run) {
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(`${url}#/pair/${pair}`);
    // The first screen: the pair's head and the bead rows that fill the window.
    await page.waitForFunction(() => typeof state !== 'undefined' && state.pair &&
      document.querySelectorAll('#bead-list .bead').length >= Math.min(30, state.pair.beads.length), null,
      { timeout: 30000 });
    firsts.push(Date.now() - t0);
    // The overview plot: drawn in the page, for every bead of the pair (its data-beads).
    await page.waitForFunction(() => typeof state !== 'undefined' && state.pair &&
      document.querySelectorAll('#bead-list .bead').length === state.pair.beads.length &&
      Number(document.querySelector('#plot svg[data-beads]')?.dataset.beads) === state.pair.beads.length &&
      document.querySelector('#plot svg g.beads path'), null, { timeout: 30000 });
    times.push(Date.now() - t0);
    beads = await page.evaluate(() => state.pair.beads.length);
  }
  const t0 = Date.now();
  await page.keyboard.press('c');
  await page.waitForFunction(() => !state.busy && state.pair.confirmed > 0, null, { timeout: 30000 });
  const confirm = Date.now() - t0;
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`page load of the ${beads}-bead pair view in chromium: ${times.map((t) => `${t} ms`).join(', ')}` +
    ` (median ${sorted[2]} ms, max ${sorted[4]} ms)`);
  const firstSorted = [...firsts].sort((a, b) => a - b);
  console.log(`  first screen (head and the rows in the window): ${firsts.map((t) => `${t} ms`).join(', ')}` +
    ` (median ${firstSorted[2]} ms)`);
  if (api) console.log(`  the API call alone, from the browser: ${api.ms.toFixed(0)} ms`);
  console.log(`  one confirm (c) on it, until re-rendered: ${confirm} ms`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
