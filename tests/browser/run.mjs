// End-to-end tests of the workbench in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Imports the sample pairs into a fresh corpus, starts
// `newsalign serve` on a free loopback port, and works through the page as a translator does:
// open a pair, confirm, merge, split, move, untranslated, split a sentence, undo/redo, jump
// with the overview plot, two tabs (a stale edit is refused and the tab reloads), search when
// present, export. Saves a screenshot of the pair view to ARTIFACTS/pair-view.png.
//
//   node tests/browser/run.mjs --binary build/src/newsalign/cli/newsalign \
//        --samples corpora/samples --artifacts build/test-artifacts
//
// Exit codes: 0 all passed, 1 a test failed, 77 skipped (no chromium or no node_modules; CTest
// reports it as skipped). Network: none but loopback.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const binary = resolve(args.binary || join(here, '../../build/src/newsalign/cli/newsalign'));
const samples = resolve(args.samples || join(here, '../../corpora/samples'));
const artifacts = resolve(args.artifacts || join(here, '../../build/test-artifacts'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(77);
}

if (!existsSync(chromiumPath)) skip(`no ${chromiumPath} (apt-get install chromium)`);
if (!existsSync(binary)) skip(`no newsalign binary at ${binary} (build it first)`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (_) {
  skip(`playwright-core is not installed (cd tests/browser && npm ci)`);
}

const work = mkdtempSync(join(tmpdir(), 'newsalign-browser-'));
const db = join(work, 'corpus.db');
const results = [];
let server = null, context = null;

function newsalign(...argv) {
  const r = spawnSync(binary, ['--db', db, ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`newsalign ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function startServer() {
  return new Promise((resolveUrl, reject) => {
    server = spawn(binary, ['--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); resolveUrl(m[0]); }
    });
    server.stderr.on('data', (d) => { process.stderr.write(`[server] ${d}`); });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push([true, name]);
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push([false, name]);
    console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`);
  }
}

// The page's own state (app.js keeps it in a global `state`).
const pairState = (page) => page.evaluate(() => ({
  version: state.pair.version, beads: state.pair.beads.length, sel: state.sel,
  ru: state.pair.ru.length, en: state.pair.en.length, confirmed: state.pair.confirmed,
  undo: state.pair.undo, redo: state.pair.redo,
}));

// Runs `action` (a key press, a click) that sends an edit, and waits until the page shows its result.
async function edited(page, action) {
  const before = await page.evaluate(() => state.pair.version);
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/edit')), action()]);
  await page.waitForFunction((v) => !state.busy && state.pair.version !== v, before);
  return response;
}

async function api(url, path) {
  const res = await fetch(url + path.replace(/^\//, ''));
  return res.json();
}

try {
  // A corpus: the three sample pairs, and fixtures/khatlon.*: the first sample with sentences
  // dropped on both sides and a paragraph paraphrased, so that doubtful beads show.
  for (const name of ['dushanbe-water', 'kazan-forum', 'moscow-interview'])
    newsalign('import', join(samples, `${name}.ru.txt`), join(samples, `${name}.en.txt`));
  newsalign('import', '--title', 'Khatlon water pipeline (edited versions)', '--date', '2017-12-09',
    join(here, 'fixtures/khatlon.ru.txt'), join(here, 'fixtures/khatlon.en.txt'));

  const url = await startServer();
  const profile = join(work, 'chromium-profile');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 409/.test(m.text())) problems.push(`console: ${m.text()}`); });
  // Nothing but the server: any other request is a bug (a CDN, a font).
  await context.route('**/*', (route) => (route.request().url().startsWith(url)
    ? route.continue() : (problems.push(`outside request: ${route.request().url()}`), route.abort())));

  await test('corpus view lists the pairs; sort and filter work', async () => {
    await page.goto(url);
    await page.waitForSelector('#pairs-table tbody tr');
    assert.equal(await page.locator('#pairs-table tbody tr').count(), 4);
    await page.click('th[data-sort="title"]');
    assert.match(await page.locator('#pairs-table tbody tr').first().innerText(), /dushanbe-water/);
    await page.fill('#filter-text', 'kazan');
    assert.equal(await page.locator('#pairs-table tbody tr').count(), 1);
    await page.fill('#filter-text', '');
    assert.match(await page.locator('#corpus-summary').innerText(), /4 pairs/);
  });

  await test('open a pair: beads side by side, coloured, with the overview plot', async () => {
    await page.click('#pairs-table a:has-text("dushanbe-water")');
    await page.waitForSelector('#bead-list .bead');
    await page.waitForSelector('#plot svg g.beads path');
    const s = await pairState(page);
    assert.equal(await page.locator('#bead-list .bead').count(), s.beads);
    // The plot is drawn in the page: one path per colour, covering every bead of the pair.
    assert.equal(Number(await page.locator('#plot svg').getAttribute('data-beads')), s.beads);
    const segments = await page.evaluate(() => [...document.querySelectorAll('#plot g.beads path')]
      .reduce((n, path) => n + (path.getAttribute('d').match(/M/g) || []).length, 0));
    assert.equal(segments, s.beads);
    assert.ok(await page.locator('#bead-list .bead.c-hi').count() > 0, 'rows coloured by confidence');
    assert.ok(await page.locator('#plot g.beads path.c-hi').count() === 1, 'plot coloured by confidence');
    assert.equal(s.sel, 0);
    assert.ok(await page.locator('#bead-0.selected').count());
  });

  await test('keyboard: j/k move, c confirms and moves on', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal((await pairState(page)).sel, 1);
    await page.keyboard.press('k');
    await edited(page, () => page.keyboard.press('c'));
    const s = await pairState(page);
    assert.equal(s.confirmed, 1);
    assert.equal(s.sel, 1);
    assert.ok(await page.locator('#bead-0.s-confirmed').count());
    const stored = await api(url, `/api/pairs/1`);
    assert.equal(stored.beads[0].status, 'confirmed');
  });

  await test('merge with the next bead (m), split it again (s), undo (u) and redo (U)', async () => {
    const before = await pairState(page);
    await edited(page, () => page.keyboard.press('m'));
    let s = await pairState(page);
    assert.equal(s.beads, before.beads - 1);
    assert.match(await page.locator('#bead-1 .type').innerText(), /^2-2$/);
    await edited(page, () => page.keyboard.press('s'));
    s = await pairState(page);
    assert.equal(s.beads, before.beads);
    await edited(page, () => page.keyboard.press('u'));
    assert.equal((await pairState(page)).beads, before.beads - 1);
    assert.match((await pairState(page)).redo, /^split bead 2/);
    await edited(page, () => page.keyboard.press('U'));
    assert.equal((await pairState(page)).beads, before.beads);
    await edited(page, () => page.click('#undo-button'));
    await edited(page, () => page.click('#undo-button'));  // the merge too
    assert.equal((await pairState(page)).beads, before.beads);
    assert.match(await page.locator('#history').innerText(), /merged beads 2 and 3/);
  });

  await test('move a sentence to the next bead, mark one as untranslated (mouse)', async () => {
    const before = await pairState(page);
    await page.click('#bead-5 .ru');
    await edited(page, () => page.click('button[data-action="move-ru-next"]'));
    assert.equal((await api(url, '/api/pairs/1')).history.at(-1).label.startsWith('moved ru sentence'), true);
    await edited(page, () => page.keyboard.press('u'));
    // Click the second Russian sentence of a 2-1 bead and say it has no translation.
    const two = await page.evaluate(() => state.pair.beads.findIndex((b) => b.ru[1] === 2));
    assert.ok(two >= 0, 'the sample has a 2-1 bead');
    await page.locator(`#bead-${two} .sent[data-side="ru"]`).nth(1).click();
    assert.equal(await page.locator('#sentence-tools').isVisible(), true);
    await edited(page, () => page.keyboard.press('x'));
    const s = await pairState(page);
    assert.equal(s.beads, before.beads + 1);
    assert.ok(await page.locator('.bead .none').count() > 0, 'shows "no translation"');
    await edited(page, () => page.keyboard.press('u'));
  });

  await test('split a sentence where it was clicked, then undo', async () => {
    const before = await pairState(page);
    const sent = page.locator('#bead-3 .sent[data-side="ru"]').first();
    const box = await sent.evaluate((el) => {
      const r = el.getClientRects()[0];
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await page.mouse.click(box.x, box.y);
    const picked = await page.evaluate(() => state.picked);
    assert.ok(picked && picked.at > 0, `a split point was picked: ${JSON.stringify(picked)}`);
    await edited(page, () => page.keyboard.press('/'));
    assert.equal((await pairState(page)).ru, before.ru + 1);
    await edited(page, () => page.keyboard.press('u'));
    assert.equal((await pairState(page)).ru, before.ru);
  });

  await test('the overview plot: a click jumps to that bead', async () => {
    const s = await pairState(page);
    const target = s.beads - 2;
    // The middle of the bead's segment, from the plot's geometry (its data-x0/y0/sx/sy) to the screen.
    const point = await page.evaluate((k) => {
      const svg = document.querySelector('#plot svg');
      const b = state.pair.beads[k], d = svg.dataset;
      const pt = svg.createSVGPoint();
      pt.x = +d.x0 + (b.ru[0] + b.ru[1] / 2) * d.sx;
      pt.y = +d.y0 + (b.en[0] + b.en[1] / 2) * d.sy;
      const at = pt.matrixTransform(svg.getScreenCTM());
      return { x: at.x, y: at.y };
    }, target);
    await page.mouse.move(point.x, point.y);
    assert.match(await page.locator('#plot-hover').innerText(), new RegExp(`^bead ${target + 1} `));
    await page.mouse.click(point.x, point.y);
    assert.equal((await pairState(page)).sel, target);
    assert.ok(await page.locator(`#bead-${target}.selected`).isVisible());
  });

  await test('two tabs: a stale edit is refused with a message, the tab reloads, nothing is lost', async () => {
    const other = await context.newPage();
    await other.goto(`${url}#/pair/1`);
    await other.waitForSelector('#bead-list .bead');
    const version = (await pairState(other)).version;
    await page.keyboard.press('Home');
    await edited(page, () => page.keyboard.press('m'));  // tab 1 changes the pair
    const response = await edited(other, () => other.keyboard.press('c'));  // tab 2 still shows the old version
    assert.equal(response.status(), 409);
    await other.waitForSelector('#toast.warn');
    assert.match(await other.locator('#toast').innerText(), /changed meanwhile/);
    const reloaded = await pairState(other);
    assert.ok(reloaded.version > version);
    assert.equal(reloaded.beads, (await pairState(page)).beads);
    const stored = await api(url, '/api/pairs/1');
    assert.equal(stored.beads[0].status, 'edited');  // the merge, not overwritten by the stale confirm
    await other.close();
    await edited(page, () => page.keyboard.press('u'));
  });

  await test('search from the page (when the corpus offers it)', async () => {
    const info = await api(url, '/api/info');
    if (!info.search) {
      assert.equal(await page.locator('#search-form').isVisible(), false);
      console.log('  # search is not available in this build: the box is hidden');
      return;
    }
    await page.fill('#search-input', 'водовода');  // an inflected form: the index stems
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('#search-results .hit');
    assert.ok(await page.locator('#search-results mark.query').count() > 0);
    const link = page.locator('#search-results .hit a').first();
    const beadId = Number((await link.getAttribute('href')).split('/').pop());
    await link.click();
    await page.waitForSelector('#bead-list .bead.selected');
    assert.equal(await page.evaluate(() => state.pair.beads[state.sel].id), beadId);
  });

  await test('export the pair and everything confirmed as TMX downloads', async () => {
    await page.goto(`${url}#/pair/1`);
    await page.waitForSelector('#bead-list .bead');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-pair-tmx')]);
    assert.equal(download.suggestedFilename(), 'pair-1.tmx');
    const tmx = readFileSync(await download.path(), 'utf8');
    assert.match(tmx, /<tmx version="1.4">/);
    assert.ok((tmx.match(/<tu /g) || []).length >= 15);
    await page.goto(url);
    await page.waitForSelector('#pairs-table tbody tr');
    const [all] = await Promise.all([page.waitForEvent('download'), page.click('#export-confirmed-tmx')]);
    const confirmed = readFileSync(await all.path(), 'utf8');
    assert.equal((confirmed.match(/<tu /g) || []).length, 1);  // the one bead confirmed above
    assert.match(confirmed, /x-status">confirmed/);
  });

  await test('screenshot of the pair view (a pair with doubtful beads, partly reviewed)', async () => {
    const pairs = (await api(url, '/api/pairs')).pairs;
    const khatlon = pairs.find((p) => p.title.startsWith('Khatlon'));
    await page.goto(`${url}#/pair/${khatlon.id}`);
    await page.waitForSelector('#plot svg g.beads path');
    for (let i = 0; i < 4; ++i) await edited(page, () => page.keyboard.press('c'));
    await page.keyboard.press('n');  // to the first doubtful bead
    assert.ok((await pairState(page)).sel > 4, 'the fixture has doubtful beads');
    await page.waitForSelector('#plot .cursor');
    mkdirSync(artifacts, { recursive: true });
    await page.setViewportSize({ width: 1440, height: 1280 });
    await page.evaluate(() => { document.getElementById('toast').hidden = true; window.scrollTo(0, 0); });
    await page.screenshot({ path: join(artifacts, 'pair-view.png') });
    console.log(`  # screenshot: ${join(artifacts, 'pair-view.png')}`);
  });

  await test('no page errors, no requests beyond the server', async () => {
    assert.deepEqual(problems, []);
  });
} catch (e) {
  results.push([false, 'setup']);
  console.log(`not ok - setup\n  ${e.stack || e}`);
} finally {
  if (context) await context.close().catch(() => {});
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter(([ok]) => !ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
