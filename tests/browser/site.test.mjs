// Real-browser test of the static site (`practice site`), run by tests/browser/run.sh.
// SITE_DIR: the site folder (default: site-assets/sample). LARGE_SITE_DIR: optional 10,000-practice
// site (gen_large.py) for the timing measurement; timings are printed, never asserted.
// The selectors used here are the contract in site-assets/README.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE = path.resolve(process.env.SITE_DIR || path.join(HERE, '..', '..', 'site-assets', 'sample'));
const LARGE = process.env.LARGE_SITE_DIR ? path.resolve(process.env.LARGE_SITE_DIR) : null;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const INDEX = pathToFileURL(path.join(SITE, 'index.html')).href;

// ---- the data, read the way the page reads it -------------------------------------------------
function loadData(dir) {
  const ctx = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(dir, 'data', 'index.js'), 'utf8'), ctx);
  return JSON.parse(JSON.stringify(ctx.window.PRACTICE_INDEX)); // out of the vm realm, for deepStrictEqual
}
const D = loadData(SITE);
const N = D.practices.length;
const fold = (s) => s.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').replace(/ø/g, 'o').replace(/æ/g, 'ae');
const toks = (s) => fold(s).match(/[\p{Alphabetic}\p{N}]+/gu) || [];
const postings = {};
for (const [term, deltas] of Object.entries(D.terms)) {
  let at = 0;
  postings[term] = deltas.map((d) => (at += d));
}
function textSet(q) {
  let out = null;
  for (const tok of toks(q)) {
    const hit = new Set();
    for (const term in postings) if (term.startsWith(tok)) postings[term].forEach((i) => hit.add(i));
    out = out ? new Set([...out].filter((i) => hit.has(i))) : hit;
  }
  return out;
}
// Reference filter: state = {q, class, phase, min, max, facets: {key: [value strings]}}.
function matches(p, i, st, skip) {
  if (st.q && !textSet(st.q).has(i)) return false;
  if ((st.min != null || st.max != null) && (p.total == null || p.total < (st.min ?? 0) || p.total > (st.max ?? 100))) return false;
  if (skip !== 'class' && st.class && p.class !== st.class) return false;
  if (skip !== 'phase' && st.phase && p.phase !== st.phase) return false;
  for (const f of D.facets) {
    const want = (st.facets || {})[f.key];
    if (skip === f.key || !want || !want.length) continue;
    const have = (p.facets[f.key] || []).map((j) => f.values[j].value);
    if (!want.some((v) => have.includes(v))) return false;
  }
  return true;
}
const expectedSlugs = (st) => D.practices.filter((p, i) => matches(p, i, st)).map((p) => p.slug).sort();
function expectedCounts(st, f) {
  const c = f.values.map(() => 0);
  D.practices.forEach((p, i) => { if (matches(p, i, st, f.key)) (p.facets[f.key] || []).forEach((j) => c[j]++); });
  return c;
}
// A facet with at least two values that are both used, and another facet, for AND/OR checks.
const usedValues = (f) => f.values.filter((v, j) => D.practices.some((p) => (p.facets[f.key] || []).includes(j)));
const F1 = D.facets.find((f) => usedValues(f).length >= 2);
const F2 = D.facets.find((f) => f !== F1 && usedValues(f).length >= 1);
const [V1, V2] = usedValues(F1).map((v) => v.value);

// ---- browser --------------------------------------------------------------------------------
let browser;
const problems = { console: [], pageerror: [], csp: [], foreign: [] };

before(async () => {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
});
after(async () => { if (browser) await browser.close(); });

async function open(url, { js = true, scheme = 'light', wait = true } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setJavaScriptEnabled(js);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().startsWith('file:')) req.continue();
    else { problems.foreign.push(req.url()); req.abort(); }
  });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.pageerror.push(String(e)));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp = window.__csp || []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  if (js && wait && url.includes('index.html')) await page.waitForSelector('html[data-ready="1"]', { timeout: 30000 });
  return page;
}
async function close(page) {
  const csp = await page.evaluate(() => window.__csp || []);
  problems.csp.push(...csp);
  await page.close();
}
const visible = (page) => page.$$eval('#results .card[data-slug]:not([hidden])', (els) => els.map((e) => e.dataset.slug));
const visibleSorted = async (page) => (await visible(page)).sort();
const boxSel = (key, value) => `fieldset[data-facet="${key}"] input[type=checkbox][value="${value.replace(/"/g, '\\"')}"]`;
async function facetCounts(page, f) {
  return page.$$eval(`fieldset[data-facet="${f.key}"] input[type=checkbox]`, (boxes) =>
    boxes.map((b) => Number(document.querySelector(`label[for="${b.id}"] .count`).textContent.replace(/\D+/g, ''))));
}
async function settle(page) {
  // Text and range inputs are debounced; wait until the page has applied the current values.
  await new Promise((r) => setTimeout(r, 150));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}
function practicePages() {
  const dir = path.join(SITE, 'praksis');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((f) => pathToFileURL(path.join(dir, f)).href) : [];
}

// ---- tests ----------------------------------------------------------------------------------
test('without JavaScript every practice is listed as a static card', async () => {
  const page = await open(INDEX, { js: false });
  const slugs = await page.$$eval('#results .card[data-slug]', (els) => els.map((e) => [e.dataset.slug, e.hidden]));
  assert.equal(slugs.length, N);
  assert.deepEqual(slugs.map((s) => s[0]).sort(), D.practices.map((p) => p.slug).sort());
  assert.ok(slugs.every((s) => !s[1]), 'no card hidden without JS');
  assert.equal(await page.$eval('#filter-panel', (e) => e.hidden), true, 'the filter panel stays hidden without JS');
  await close(page);
});

test('with JavaScript: controls built, all shown, facet counts match the data', async () => {
  const page = await open(INDEX);
  assert.equal((await visible(page)).length, N);
  for (const id of ['#q', '#class', '#phase', '#illustration', '#min', '#max', '#sort']) assert.ok(await page.$(id), id);
  for (const f of D.facets) assert.deepEqual(await facetCounts(page, f), expectedCounts({}, f), `counts of ${f.key}`);
  // Every control has a label.
  const unlabelled = await page.$$eval('#filters input, #filters select', (els) => els.filter((e) => !e.labels || !e.labels.length).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.match(await page.$eval('#status', (e) => e.textContent), new RegExp(String(N)));
  await close(page);
});

test('facets: OR within one facet, AND across facets, counts update', async () => {
  const page = await open(INDEX);
  await page.click(boxSel(F1.key, V1));
  assert.deepEqual(await visibleSorted(page), expectedSlugs({ facets: { [F1.key]: [V1] } }));
  await page.click(boxSel(F1.key, V2));
  const or = { facets: { [F1.key]: [V1, V2] } };
  assert.deepEqual(await visibleSorted(page), expectedSlugs(or));
  assert.ok((await visible(page)).length >= expectedSlugs({ facets: { [F1.key]: [V1] } }).length, 'OR widens');
  for (const f of D.facets) assert.deepEqual(await facetCounts(page, f), expectedCounts(or, f), `counts of ${f.key} after OR`);
  const v3 = usedValues(F2)[0].value;
  await page.click(boxSel(F2.key, v3));
  const and = { facets: { [F1.key]: [V1, V2], [F2.key]: [v3] } };
  assert.deepEqual(await visibleSorted(page), expectedSlugs(and));
  for (const f of D.facets) assert.deepEqual(await facetCounts(page, f), expectedCounts(and, f), `counts of ${f.key} after AND`);
  // Hidden cards carry the hidden attribute; shown ones do not.
  const hiddenCount = await page.$$eval('#results .card[data-slug][hidden]', (e) => e.length);
  assert.equal(hiddenCount, N - expectedSlugs(and).length);
  await close(page);
});

test('class, phase and score range filters', async () => {
  const page = await open(INDEX);
  const band = D.bands.find((b) => D.practices.some((p) => p.class === b.key)).key;
  await page.select('#class', band);
  assert.deepEqual(await visibleSorted(page), expectedSlugs({ class: band }));
  await page.select('#class', '');
  const ph = D.phases.find((x) => D.practices.some((p) => p.phase === x.key)).key;
  await page.select('#phase', ph);
  assert.deepEqual(await visibleSorted(page), expectedSlugs({ phase: ph }));
  await page.select('#phase', '');
  await page.type('#min', '40');
  await page.type('#max', '60');
  await settle(page);
  assert.deepEqual(await visibleSorted(page), expectedSlugs({ min: 40, max: 60 }));
  assert.ok((await visible(page)).length < N, 'the range hides something');
  await page.select('#illustration', 'ja');
  assert.deepEqual(await visibleSorted(page), D.practices.filter((p, i) => matches(p, i, { min: 40, max: 60 }) && p.illustration).map((p) => p.slug).sort());
  await close(page);
});

test('text search: prefixes, case and accents folded («språk», «sprak», «SPRÅK»)', async () => {
  const page = await open(INDEX);
  const target = D.practices.find((p) => /språk/i.test(p.name));
  assert.ok(target, 'a practice with «Språk» in its name');
  const results = {};
  for (const q of ['språk', 'sprak', 'SPRÅK']) {
    await page.$eval('#q', (e) => { e.value = ''; });
    await page.type('#q', q);
    await settle(page);
    results[q] = await visibleSorted(page);
    assert.ok(results[q].includes(target.slug), `«${q}» finds ${target.slug}`);
    assert.deepEqual(results[q], [...textSet(q)].map((i) => D.practices[i].slug).sort(), `«${q}» matches the term index`);
  }
  assert.deepEqual(results.sprak, results['språk']);
  // Two words: AND; a municipality prefix.
  const muni = target.municipality.split(' ')[0];
  await page.$eval('#q', (e) => { e.value = ''; });
  await page.type('#q', `${muni.slice(0, 4).toLowerCase()} språkp`);
  await settle(page);
  assert.ok((await visible(page)).includes(target.slug));
  await page.$eval('#q', (e) => { e.value = ''; });
  await page.type('#q', 'qqxzyy');
  await settle(page);
  assert.equal((await visible(page)).length, 0);
  assert.match(await page.$eval('#status', (e) => e.textContent), /Ingen/);
  await close(page);
});

test('sorting by score, name and date', async () => {
  const page = await open(INDEX);
  const bySlug = Object.fromEntries(D.practices.map((p) => [p.slug, p]));
  const order = async () => (await page.$$eval('#results .card[data-slug]', (els) => els.map((e) => e.dataset.slug))).map((s) => bySlug[s]);
  let o = await order();
  for (let i = 1; i < o.length; i++) assert.ok((o[i - 1].total ?? -1) >= (o[i].total ?? -1), 'score order');
  await page.select('#sort', 'name');
  o = await order();
  const coll = new Intl.Collator('nb', { sensitivity: 'base', numeric: true });
  for (let i = 1; i < o.length; i++) assert.ok(coll.compare(o[i - 1].name, o[i].name) <= 0, `name order: ${o[i - 1].name} / ${o[i].name}`);
  await page.select('#sort', 'date');
  o = await order();
  const dates = o.map((p) => p.date);
  const firstNull = dates.indexOf(null);
  if (firstNull >= 0) assert.ok(dates.slice(firstNull).every((d) => d === null), 'no date last');
  const dated = dates.filter(Boolean);
  for (let i = 1; i < dated.length; i++) assert.ok(dated[i - 1] >= dated[i], 'newest first');
  assert.match(await page.evaluate(() => location.hash), /sort=date/);
  await close(page);
});

test('URL fragment: a link restores the view, a change updates the link', async () => {
  const band = D.bands.find((b) => D.practices.some((p) => p.class === b.key)).key;
  const sp = new URLSearchParams();
  sp.append(F1.key, V1); sp.append(F1.key, V2); sp.set('class', band); sp.set('min', '30');
  const page = await open(`${INDEX}#${sp}`);
  assert.equal(await page.$eval(boxSel(F1.key, V1), (e) => e.checked), true);
  assert.equal(await page.$eval(boxSel(F1.key, V2), (e) => e.checked), true);
  assert.equal(await page.$eval('#class', (e) => e.value), band);
  assert.equal(await page.$eval('#min', (e) => e.value), '30');
  assert.deepEqual(await visibleSorted(page), expectedSlugs({ class: band, min: 30, facets: { [F1.key]: [V1, V2] } }));
  // A link written by hand with raw UTF-8 in the fragment (as in the issue) reads the same.
  const raw = await open(`${INDEX}#${F1.key}=${V1}&${F1.key}=${V2}&class=${band}&min=30`);
  assert.deepEqual(await visibleSorted(raw), await visibleSorted(page));
  await close(raw);
  await page.click(boxSel(F1.key, V2));
  let hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
  assert.deepEqual(hash.getAll(F1.key), [V1]);
  assert.equal(hash.get('class'), band);
  assert.equal(hash.get('min'), '30');
  await page.type('#q', 'språk');
  await settle(page);
  hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
  assert.equal(hash.get('q'), 'språk');
  // Round trip: opening the written link gives the same view.
  const link = await page.evaluate(() => location.href);
  const shown = await visibleSorted(page);
  const again = await open(link);
  assert.deepEqual(await visibleSorted(again), shown);
  assert.equal(await again.$eval('#q', (e) => e.value), 'språk');
  await close(again);
  // Reset clears the fragment.
  await page.click('#reset');
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal((await visible(page)).length, N);
  await close(page);
});

test('keyboard: Tab reaches a facet checkbox with a visible focus, Space toggles it', async () => {
  const page = await open(INDEX);
  let found = null;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.matches('fieldset[data-facet] input[type=checkbox]') ? { key: a.name, value: a.value } : null;
    });
  }
  assert.ok(found, 'a facet checkbox is reachable with Tab');
  const outline = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; });
  assert.notEqual(outline[0], 'none', 'focus is visible');
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => document.activeElement.checked), true);
  assert.deepEqual(await visibleSorted(page), expectedSlugs({ facets: { [found.key]: [found.value] } }));
  assert.deepEqual(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).getAll(found.key), [found.value]);
  await page.keyboard.press('Space');
  assert.equal((await visible(page)).length, N);
  await close(page);
});

async function axe(page, label) {
  await page.evaluate(fs.readFileSync(path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"], preload: false }));
  const v = res.violations.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  assert.deepEqual(v, [], `axe on ${label}`);
}

test('axe-core: zero violations on the index and a practice page, light and dark', async () => {
  const pages = practicePages();
  assert.ok(pages.length >= 1, 'at least one practice page');
  for (const scheme of ['light', 'dark']) {
    const page = await open(INDEX, { scheme });
    await axe(page, `index (${scheme})`);
    await page.click(boxSel(F1.key, V1));
    await axe(page, `index filtered (${scheme})`);
    await close(page);
    const pp = await open(pages[0], { scheme });
    await axe(pp, `practice page (${scheme})`);
    await pp.$eval('details.dossier', (d) => { d.open = true; });
    await axe(pp, `practice page, dossier open (${scheme})`);
    await close(pp);
  }
});

test('practice page: sheet content, notice visible, prints on one A4 page', async () => {
  for (const url of practicePages()) {
    const page = await open(url);
    const slug = await page.$eval('.sheet[data-slug]', (e) => e.dataset.slug);
    const p = D.practices.find((x) => x.slug === slug);
    assert.ok(p, `${slug} is in the index`);
    assert.equal(await page.$eval('h1', (e) => e.textContent.trim()), p.name);
    assert.ok(await page.$('.sheet .badges .band'), 'class badge');
    assert.equal(await page.$$eval('.sheet .grade .score', (e) => e.length), 1 + D.criteria.length, 'total and each criterion');
    if (p.illustration || (p.total != null && !p.complete)) {
      assert.ok(await page.$eval('.notice', (e) => e.offsetHeight > 0), 'illustration/incomplete notice visible');
    }
    if (p.zone) assert.ok(await page.$('.notice-zone'), 'judgement-zone notice');
    assert.ok(await page.$('details.dossier'), 'dossier in <details>');
    await page.emulateMediaType('print');
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const pagesInPdf = (pdf.match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.equal(pagesInPdf, 1, `${slug} prints on ${pagesInPdf} page(s)`);
    const size = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/);
    assert.ok(size && Math.abs(Number(size[1]) - 595) < 2 && Math.abs(Number(size[2]) - 842) < 2, `A4 media box: ${size && size.slice(1)}`);
    await close(page);
  }
});

test('no console errors, no CSP violations, no request to another host', () => {
  assert.deepEqual(problems.pageerror, [], 'page errors');
  assert.deepEqual(problems.console, [], 'console errors and warnings');
  assert.deepEqual(problems.csp, [], 'CSP violations');
  assert.deepEqual(problems.foreign, [], 'requests that were not file://');
});

test('timings at 10,000 practices (printed, not asserted)', { skip: !LARGE && 'LARGE_SITE_DIR not set' }, async (t) => {
  const url = pathToFileURL(path.join(LARGE, 'index.html')).href;
  const LD = loadData(LARGE);
  const lines = [];
  for (let run = 0; run < 2; run++) {
    const t0 = Date.now();
    const page = await open(url);
    const wall = Date.now() - t0;
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const ready = performance.getEntriesByName('practice-ready')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, ready: ready && ready.startTime, fcp: fcp && fcp.startTime };
    });
    lines.push(`load #${run + 1}: first paint ${nav.fcp?.toFixed(0)} ms, DOMContentLoaded ${nav.dcl.toFixed(0)} ms, app ready ${nav.ready?.toFixed(0)} ms, load event ${nav.load.toFixed(0)} ms (wall ${wall} ms incl. browser round trips)`);
    if (run === 1) {
      const f = LD.facets.find((x) => x.values.length >= 2);
      const measure = async (name, act) => {
        const ms = await page.evaluate(act);
        lines.push(`${name}: ${ms.total.toFixed(1)} ms to next frame (filter+DOM ${ms.filter} ms)`);
      };
      const toggle = (sel) => `(async () => { const t0 = performance.now(); document.querySelector(${JSON.stringify(sel)}).click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { total: performance.now() - t0, filter: document.documentElement.dataset.filterMs }; })()`;
      const change = (sel, value) => `(async () => { const el = document.querySelector(${JSON.stringify(sel)}); const t0 = performance.now();
        el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { total: performance.now() - t0, filter: document.documentElement.dataset.filterMs }; })()`;
      const type = (q) => `(async () => { const el = document.getElementById('q'); el.value = ${JSON.stringify(q)};
        el.dispatchEvent(new Event('input', { bubbles: true })); await new Promise((r) => setTimeout(r, 120));
        const t0 = performance.now(); await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { total: Number(document.documentElement.dataset.filterMs) + performance.now() - t0, filter: document.documentElement.dataset.filterMs }; })()`;
      await measure(`facet ${f.key}=${f.values[0].value} on`, toggle(boxSel(f.key, f.values[0].value)));
      await measure(`facet ${f.key}=${f.values[1].value} on (OR)`, toggle(boxSel(f.key, f.values[1].value)));
      await measure(`class=god`, change('#class', 'god'));
      await measure(`class off`, change('#class', ''));
      await measure(`facet ${f.key}=${f.values[0].value} off`, toggle(boxSel(f.key, f.values[0].value)));
      await measure(`facet ${f.key}=${f.values[1].value} off (all shown)`, toggle(boxSel(f.key, f.values[1].value)));
      await measure(`text «språk» (after the 60 ms debounce)`, type('språk'));
      await measure(`text «sprakpraksis grim»`, type('sprakpraksis grim'));
      await measure(`text cleared`, type(''));
      await measure(`sort by name (reorders 10,000 cards)`, change('#sort', 'name'));
      await measure(`sort by score`, change('#sort', 'score'));
      assert.equal(await page.$$eval('#results .card[data-slug]:not([hidden])', (e) => e.length), LD.practices.length);
    }
    await close(page);
  }
  for (const l of lines) t.diagnostic(`10k: ${l}`);
});
