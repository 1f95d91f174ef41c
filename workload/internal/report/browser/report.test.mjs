// Opens the report written by run.sh in Debian's headless chromium (playwright-core) and checks
// it against the result documents it was made from, read here independently of the Go code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const env = (name) => { const v = process.env[name]; if (!v) throw new Error(`${name} is not set (run run.sh)`); return v; };
const { chromium } = createRequire(join(env('REPORT_JS_DIR'), 'node_modules') + '/')('playwright-core');
const readDocs = (list) => list.split(':').map((f) => JSON.parse(readFileSync(f, 'utf8')));
const current = readDocs(env('REPORT_CURRENT'));
const baseline = readDocs(env('REPORT_BASELINE'));
const label = (d) => `${d.environment.cluster} · ${d.environment.goVersion}`;
// Equal up to floating-point rounding (benchmath interpolates the median as a + (b-a)/2).
const close = (actual, expected, what) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected), `${what}: ${actual}, want ${expected}`);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

let browser, page;
const problems = []; // console errors, page errors, requests leaving the file
let charts; // [{id, kind, title, series: [{name, type, data}]}] as the chart library holds them

before(async () => {
  browser = await chromium.launch({
    executablePath: env('CHROMIUM'), headless: true,
    // playwright starts chromium with a new empty profile directory of its own (--user-data-dir).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const url = pathToFileURL(env('REPORT_HTML')).href;
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) problems.push(`request leaves the page: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.mapbenchReport && window.mapbenchReport.ready === true, null, { timeout: 15000 });
  charts = await page.evaluate(() => window.mapbenchReport.charts.map((c) => {
    const opt = echarts.getInstanceByDom(document.getElementById(c.element)).getOption();
    return { id: c.id, kind: c.kind, title: opt.title[0].text,
      series: opt.series.map((s) => ({ name: s.name, type: s.type, data: s.data })) };
  }));
  await page.screenshot({ path: env('REPORT_SCREENSHOT'), fullPage: true });
});

after(async () => {
  if (browser) await browser.close();
});

test('the page loads offline without console errors', () => {
  assert.deepEqual(problems, []);
});

test('every chart holds data in the chart library', () => {
  assert.ok(charts.length > 0, 'no charts');
  for (const c of charts) {
    assert.ok(c.series.length > 0, `chart ${c.id} (${c.title}) has no series`);
    for (const s of c.series) assert.ok(s.data.length > 0, `chart ${c.id} series ${s.name} has no data`);
  }
});

test('one size sweep per benchmark family, each point the document\'s ns/element median and CI', () => {
  const sweeps = charts.filter((c) => c.kind === 'size-sweep');
  const families = new Set();
  let checked = 0;
  for (const d of current) {
    for (const b of d.benchmarks) {
      const title = `${b.variant} key=${b.keyType} value=${b.valueType}`;
      families.add(`${b.scenario}/${title}`);
      const chart = sweeps.find((c) => c.title === title);
      assert.ok(chart, `no chart titled ${title}`);
      const line = chart.series.find((s) => s.name === label(d) && s.type === 'line');
      const whiskers = chart.series.find((s) => s.name === label(d) && s.type === 'custom');
      assert.ok(line && whiskers, `chart ${title} lacks ${label(d)}`);
      const point = line.data.find((p) => p[0] === b.size);
      assert.ok(point, `${title} ${label(d)} has no point at size ${b.size}`);
      assert.equal(point[1], b.stats.nsPerElem.median, `${b.name} ${label(d)} median`);
      const w = whiskers.data.find((p) => p[0] === b.size);
      assert.deepEqual(w.slice(1), [b.stats.nsPerElem.ciLow, b.stats.nsPerElem.ciHigh], `${b.name} ${label(d)} CI`);
      checked++;
    }
  }
  assert.equal(sweeps.length, families.size);
  assert.ok(checked >= 4 * 12, `only ${checked} benchmarks checked`);
});

test('B/op and allocs/op bars are the documents\' medians', async () => {
  const bars = charts.filter((c) => c.kind === 'bars');
  const allocating = current.flatMap((d) => d.benchmarks.filter((b) => b.stats.allocsPerOp.median > 0).map((b) => [d, b]));
  assert.ok(allocating.length > 0, 'the fixtures hold no allocating benchmark (interface-boxing should allocate)');
  const categories = await page.evaluate(() => Object.fromEntries(window.mapbenchReport.charts.filter((c) => c.kind === 'bars')
    .map((c) => [c.id, echarts.getInstanceByDom(document.getElementById(c.element)).getOption().yAxis[0].data])));
  for (const [d, b] of allocating) {
    const chart = bars.find((c) => c.title === `${b.scenario} allocs/op`);
    assert.ok(chart, `no allocs/op chart for ${b.scenario}`);
    const i = categories[chart.id].indexOf(b.name.replace(/^Benchmark/, ''));
    assert.ok(i >= 0, `${b.name} is not a category of ${chart.title}`);
    const s = chart.series.find((x) => x.name === label(d));
    assert.equal(s.data[i].value, b.stats.allocsPerOp.median, `${b.name} ${label(d)} allocs/op`);
  }
});

test('the claim matrix shows every document\'s verdict', async () => {
  let cells = 0;
  for (const d of current) {
    for (const c of d.claims) {
      const text = await page.locator(`#claim-matrix tr[data-claim="${c.id}"] td[data-column="${label(d)}"]`).textContent();
      assert.equal(text, c.verdict, `${c.id} on ${label(d)}`);
      cells++;
    }
  }
  assert.ok(cells >= 4 * 10, `only ${cells} cells`);
  const decided = current.flatMap((d) => d.claims).filter((c) => c.verdict === 'confirmed' || c.verdict === 'refuted');
  assert.ok(decided.length > 0, 'the fixtures decide no claim');
});

test('comparisons: baseline per cluster and Go version, and Go versions per cluster, on medians of the samples', async () => {
  const tables = await page.evaluate(() => window.mapbenchReport.page.comparisons.map((c) => ({ id: c.id, old: c.old, new: c.new, rows: c.rows })));
  const expected = [`baseline ${label(baseline[0])}->${label(baseline[0])}`];
  for (const cluster of new Set(current.map((d) => d.environment.cluster))) {
    const [oldest, ...newer] = current.filter((d) => d.environment.cluster === cluster)
      .sort((a, b) => a.environment.goVersion.localeCompare(b.environment.goVersion, 'en', { numeric: true }));
    for (const n of newer) expected.push(`${label(oldest)}->${label(n)}`);
  }
  assert.deepEqual(tables.map((t) => `${t.old}->${t.new}`).sort(), expected.sort());
  const docOf = (l, docs) => docs.find((d) => label(d) === l);
  for (const t of tables) {
    const oldDoc = t.old.startsWith('baseline ') ? docOf(t.old.slice('baseline '.length), baseline) : docOf(t.old, current);
    const newDoc = docOf(t.new, current);
    const nsRows = t.rows.filter((r) => r.unit === 'ns/op');
    assert.equal(nsRows.length, newDoc.benchmarks.length, `${t.id}: one ns/op row per benchmark`);
    for (const r of nsRows) {
      const o = oldDoc.benchmarks.find((b) => b.name === r.benchmark);
      const n = newDoc.benchmarks.find((b) => b.name === r.benchmark);
      close(r.oldMedian, median(o.samples.map((s) => s.nsPerOp)), `${t.id} ${r.benchmark} old median`);
      close(r.newMedian, median(n.samples.map((s) => s.nsPerOp)), `${t.id} ${r.benchmark} new median`);
      assert.ok(r.delta === '~' || /^[+-]\d+\.\d\d%$/.test(r.delta), `${t.id} ${r.benchmark} delta ${r.delta}`);
    }
    const rendered = await page.locator(`table[data-comparison="${t.id}"] tbody tr`).count();
    assert.equal(rendered, t.rows.length, `${t.id}: table rows`);
  }
});
