// The demo page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// drop seed 004, read the 行政处罚 row; paste a report with a broken rule, see the cell marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN, corpusDir, pkgRoot, repoRoot } from './helpers.mjs';
import { serve } from './server.mjs';

const CHROMIUM = '/usr/bin/chromium';
// Why the browser tests are skipped, or false: SKIP_BROWSER=1 (scripts/test-all.sh's knob), or
// no Chromium.
const NO_BROWSER = (process.env.SKIP_BROWSER === '1' && 'SKIP_BROWSER=1')
  || (!existsSync(CHROMIUM) && `${CHROMIUM} is absent (apt-get install -y chromium)`);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('demo page in headless Chromium', { skip: NO_BROWSER }, async (t) => {
  assert.ok(existsSync(join(pkgRoot, 'pkg-web', 'ogi_report.js')), 'run build.sh first');
  const { chromium } = await import('playwright-core');
  const server = await serve(pkgRoot);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const shots = join(repoRoot, 'target', 'wasm-demo');
  mkdirSync(shots, { recursive: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/demo/index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });

    const rowValues = (table, needle) => page.evaluate(([table, needle]) => {
      const tr = [...document.querySelectorAll(`[data-table="${table}"] tbody tr`)]
        .find((r) => r.querySelector('th')?.textContent.includes(needle));
      return tr ? [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()) : null;
    }, [table, needle]);

    await t.test('a dropped file (seed 004, Traditional, cell per line) shows 行政处罚 81 / 4 / 845', async () => {
      await page.setInputFiles('#file', join(corpusDir, '004_1d268c7f8e46725e.txt'));
      await page.waitForSelector('body[data-parsed="1"]');
      await page.screenshot({ path: join(shots, '004-dropped.png'), fullPage: true });
      const status = await page.textContent('#status');
      assert.match(status, /parsed 004_1d268c7f8e46725e\.txt/);
      const values = await rowValues(2, '行政处罚');
      assert.deepStrictEqual(values, ['81', '4', '845'],
        `行政处罚 row of table 2: ${JSON.stringify(values)} (table 2 is rendered as: ${await page.textContent('[data-table="2"]')})`);
    });

    await t.test('pasted text with a broken rule shows the cell highlighted with its message', async () => {
      const text = BROKEN.make(readFileSync(join(corpusDir, BROKEN.seed), 'utf8'));
      await page.fill('#text', text);
      await page.click('#parse');
      await page.waitForFunction(() => Number(document.body.dataset.parsed) >= 2);
      await page.screenshot({ path: join(shots, 'broken-pasted.png'), fullPage: true });
      const cell = page.locator(`[data-table="${BROKEN.table}"] td[data-row="${BROKEN.row}"][data-column="${BROKEN.column}"]`);
      assert.equal((await cell.textContent()).trim(), '714');
      assert.doesNotMatch(await page.textContent('#status'), /— 0 rule\(s\) broken/);
      assert.match(await cell.getAttribute('class'), /rule-error/);
      // C2 (V002): 总计 714 ≠ 713, the sum of the six columns before it.
      assert.match(await cell.getAttribute('title'), /V002/);
      const partner = page.locator(`[data-table="${BROKEN.table}"] td[data-row="${BROKEN.row}"][data-column="自然人"]`);
      assert.match(await partner.getAttribute('class'), /rule-error/);
      await cell.hover();
      await page.screenshot({ path: join(shots, 'broken-highlight.png') });
    });

    await t.test('the tidy CSV download has one line per cell', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const csv = readFileSync(await download.path(), 'utf8');
      const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.equal(lines[0], 'table,row,column,value,unit,raw,span_start,span_end');
      assert.ok(lines.some((l) => l.startsWith(`3,${BROKEN.row},总计,714,`)), lines.slice(0, 5).join('\n'));
      const count = await page.evaluate(() => document.querySelectorAll('table.report td').length);
      assert.ok(lines.length - 1 <= count && lines.length > 50, `${lines.length - 1} CSV rows, ${count} cells shown`);
    });

    assert.deepStrictEqual(errors, [], 'no uncaught errors in the page');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('in Chromium too, a panic fails its own call only (the test-panic browser build)', {
  skip: NO_BROWSER
    || (!existsSync(join(pkgRoot, 'pkg-web-test-panic', 'ogi_report.js'))
      && 'pkg-web-test-panic is missing: run FEATURES=test-panic TARGETS=web bash build.sh'),
}, async () => {
  const { chromium } = await import('playwright-core');
  const server = await serve(pkgRoot);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/pkg-web-test-panic/package.json`);
    const seed = readFileSync(join(corpusDir, '004_1d268c7f8e46725e.txt'), 'utf8');
    const got = await page.evaluate(async ([url, text]) => {
      const m = await import(url);
      await m.default();
      const before = JSON.stringify(m.parse(text));
      const thrown = [];
      const same = [];
      for (let k = 0; k < 3; k++) {
        try { m.panicForTests(); } catch (e) { thrown.push(e.constructor.name); }
        same.push(JSON.stringify(m.parse(text)) === before);
      }
      return { thrown, same, rows: JSON.parse(before).active_disclosure.rows.length };
    }, [`${server.url}/pkg-web-test-panic/ogi_report.js`, seed]);
    assert.deepEqual(got.thrown, ['RuntimeError', 'RuntimeError', 'RuntimeError']);
    assert.deepEqual(got.same, [true, true, true]);
    assert.ok(got.rows > 5, `${got.rows} rows in table 2`);
  } finally {
    await browser.close();
    await server.close();
  }
});
