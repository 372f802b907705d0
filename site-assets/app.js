/* practice site: faceted search over the static cards of index.html.
 * Data: window.PRACTICE_INDEX (data/index.js), contract in site-assets/README.md.
 * No inline code anywhere (the pages' CSP is script-src 'self'); this file only enhances: without
 * it, index.html still lists every practice. */
(function () {
  'use strict';

  var D = window.PRACTICE_INDEX;
  var results = document.getElementById('results');
  var form = document.getElementById('filters');
  if (!D || !results || !form) return;

  // ---- words -------------------------------------------------------------------------------
  var DEFAULTS = {
    site_search: 'Søk',
    site_search_hint: 'Navn, kommune, beskrivelse eller kategori',
    site_sort: 'Sorter etter',
    site_sort_score: 'Samlet score',
    site_sort_name: 'Navn',
    site_sort_date: 'Dato for vurderingen',
    class: 'Klasse',
    site_any_class: 'Alle klasser',
    phase: 'Fase',
    site_any_phase: 'Alle faser',
    illustration: 'Illustrasjon',
    site_illustration_any: 'Med og uten illustrasjoner',
    site_illustration_only: 'Bare illustrasjoner',
    site_illustration_none: 'Uten illustrasjoner',
    site_score_range: 'Samlet score (prosent)',
    site_score_min: 'Fra',
    site_score_max: 'Til',
    site_shown: 'Viser {shown} av {count} praksiser',
    site_none_shown: 'Ingen praksiser passer til filtrene.',
    site_reset: 'Nullstill filtre'
  };
  var LABELS = D.labels || {};
  function t(key, vars) {
    var s = LABELS[key] != null ? String(LABELS[key]) : DEFAULTS[key] != null ? DEFAULTS[key] : key;
    if (vars) s = s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k] != null ? vars[k] : m; });
    return s;
  }

  // ---- folding: identical to the README's rule and the generator's term index ---------------
  var MARKS = /\p{Mn}/gu;
  var TOKEN = /[\p{Alphabetic}\p{N}]+/gu;
  function fold(s) {
    return String(s).toLowerCase().normalize('NFD').replace(MARKS, '').replace(/ø/g, 'o').replace(/æ/g, 'ae');
  }
  function tokenize(s) { return fold(s).match(TOKEN) || []; }

  // ---- precomputed arrays ------------------------------------------------------------------
  var P = D.practices || [];
  var N = P.length;
  var bands = D.bands || [];
  var phases = D.phases || [];
  var facets = D.facets || [];
  var bandIx = {}, phaseIx = {};
  bands.forEach(function (b, i) { bandIx[b.key] = i; });
  phases.forEach(function (p, i) { phaseIx[p.key] = i; });

  var cls = new Int8Array(N), phase = new Int8Array(N), total = new Int16Array(N), illu = new Uint8Array(N);
  // Per facet: CSR lists of value indices (offsets + values) and bit masks (words per practice).
  var F = facets.map(function (f) {
    var words = Math.max(1, Math.ceil(f.values.length / 32));
    return { key: f.key, words: words, masks: new Uint32Array(N * words), off: new Int32Array(N + 1), vals: null, valueIx: {} };
  });
  F.forEach(function (f, k) { facets[k].values.forEach(function (v, j) { f.valueIx[v.value] = j; }); });
  var slugIx = Object.create(null);
  (function () {
    var tmp = F.map(function () { return []; });
    for (var i = 0; i < N; i++) {
      var p = P[i];
      slugIx[p.slug] = i;
      cls[i] = p['class'] != null && bandIx[p['class']] != null ? bandIx[p['class']] : -1;
      phase[i] = phaseIx[p.phase] != null ? phaseIx[p.phase] : -1;
      total[i] = p.total == null ? -1 : p.total;
      illu[i] = p.illustration ? 1 : 0;
      for (var k = 0; k < F.length; k++) {
        var f = F[k], list = (p.facets && p.facets[f.key]) || [];
        f.off[i] = tmp[k].length;
        for (var j = 0; j < list.length; j++) {
          var v = list[j];
          tmp[k].push(v);
          f.masks[i * f.words + (v >>> 5)] |= 1 << (v & 31);
        }
      }
    }
    F.forEach(function (f, k) { f.off[N] = tmp[k].length; f.vals = Uint16Array.from(tmp[k]); });
  })();

  // Cards by practice index (static HTML written by the generator).
  var cards = new Array(N);
  var nodes = results.querySelectorAll('.card[data-slug]');
  for (var c = 0; c < nodes.length; c++) {
    var ix = slugIx[nodes[c].getAttribute('data-slug')];
    if (ix != null) cards[ix] = nodes[c];
  }
  var shownNow = new Uint8Array(N);
  for (var s0 = 0; s0 < N; s0++) shownNow[s0] = cards[s0] && !cards[s0].hidden ? 1 : 0;

  // ---- text index --------------------------------------------------------------------------
  var termKeys = null;
  var textOk = new Uint8Array(N);
  var textQuery = null;
  function computeText(q) {
    var toks = tokenize(q);
    var key = toks.join(' ');
    if (key === textQuery) return;
    textQuery = key;
    if (!toks.length) { textOk.fill(1); return; }
    if (!termKeys) termKeys = Object.keys(D.terms || {}).sort();
    var hits = new Uint8Array(N);
    for (var k = 0; k < toks.length; k++) {
      var tok = toks[k];
      var lo = 0, hi = termKeys.length;
      while (lo < hi) { var mid = (lo + hi) >>> 1; if (termKeys[mid] < tok) lo = mid + 1; else hi = mid; }
      for (var j = lo; j < termKeys.length && termKeys[j].lastIndexOf(tok, 0) === 0; j++) {
        var post = D.terms[termKeys[j]], at = 0; // delta-encoded ascending indices
        for (var m = 0; m < post.length; m++) { at += post[m]; if (hits[at] === k) hits[at] = k + 1; }
      }
    }
    var need = toks.length;
    for (var i = 0; i < N; i++) textOk[i] = hits[i] === need ? 1 : 0;
  }

  // ---- state <-> URL fragment --------------------------------------------------------------
  var SORTS = ['score', 'name', 'date'];
  var state;
  function emptyState() {
    return { q: '', cls: -1, phase: -1, illu: '', min: 0, max: 100, sort: 'score', sel: F.map(function () { return []; }) };
  }
  function clampPct(v, dflt) {
    if (v === null || v === '') return dflt;
    var n = Math.round(Number(v));
    return isFinite(n) ? Math.max(0, Math.min(100, n)) : dflt;
  }
  function readHash() {
    var sp = new URLSearchParams(location.hash.replace(/^#/, ''));
    var st = emptyState();
    st.q = sp.get('q') || '';
    if (sp.has('class') && bandIx[sp.get('class')] != null) st.cls = bandIx[sp.get('class')];
    if (sp.has('phase') && phaseIx[sp.get('phase')] != null) st.phase = phaseIx[sp.get('phase')];
    var il = sp.get('illustration');
    if (il === 'ja' || il === 'nei') st.illu = il;
    st.min = clampPct(sp.get('min'), 0);
    st.max = clampPct(sp.get('max'), 100);
    if (SORTS.indexOf(sp.get('sort')) > 0) st.sort = sp.get('sort');
    F.forEach(function (f, k) {
      sp.getAll(f.key).forEach(function (v) {
        var j = f.valueIx[v];
        if (j != null && st.sel[k].indexOf(j) < 0) st.sel[k].push(j);
      });
    });
    return st;
  }
  function writeHash() {
    var sp = new URLSearchParams();
    if (state.q.trim()) sp.set('q', state.q.trim());
    if (state.cls >= 0) sp.set('class', bands[state.cls].key);
    if (state.phase >= 0) sp.set('phase', phases[state.phase].key);
    if (state.illu) sp.set('illustration', state.illu);
    if (state.min > 0) sp.set('min', String(state.min));
    if (state.max < 100) sp.set('max', String(state.max));
    if (state.sort !== 'score') sp.set('sort', state.sort);
    F.forEach(function (f, k) {
      state.sel[k].slice().sort(function (a, b) { return a - b; }).forEach(function (j) { sp.append(f.key, facets[k].values[j].value); });
    });
    var frag = sp.toString();
    var url = location.pathname + location.search + (frag ? '#' + frag : '');
    if (url !== location.pathname + location.search + location.hash) {
      try { history.replaceState(null, '', url); } catch (e) { /* some file:// setups refuse; the view still works */ }
    }
  }

  // ---- filtering and counts ----------------------------------------------------------------
  // Counted dimensions: 0 = class, 1 = phase, 2.. = facets. A practice counts for a value of
  // dimension d when it passes every other filter (standard faceted counts).
  var ND = 2 + F.length;
  var counts = [new Int32Array(bands.length), new Int32Array(phases.length)].concat(F.map(function (f, k) { return new Int32Array(facets[k].values.length); }));
  var selMasks = F.map(function (f) { return new Uint32Array(f.words); });
  var shownCount = N;

  function filter() {
    computeText(state.q);
    var active = [];
    for (var k = 0; k < F.length; k++) {
      var sm = selMasks[k]; sm.fill(0);
      state.sel[k].forEach(function (j) { sm[j >>> 5] |= 1 << (j & 31); });
      if (state.sel[k].length) active.push(k);
    }
    for (var d = 0; d < ND; d++) counts[d].fill(0);
    var useRange = state.min > 0 || state.max < 100, mn = state.min, mx = state.max;
    var wantCls = state.cls, wantPhase = state.phase, il = state.illu === 'ja' ? 1 : state.illu === 'nei' ? 0 : -1;
    var shown = 0, changed = [];
    for (var i = 0; i < N; i++) {
      var ok = textOk[i] === 1 && (il < 0 || illu[i] === il);
      if (ok && useRange) { var tt = total[i]; ok = tt >= 0 && tt >= mn && tt <= mx; }
      var vis = 0;
      if (ok) {
        var nf = 0, fd = -1;
        if (wantCls >= 0 && cls[i] !== wantCls) { nf++; fd = 0; }
        if (wantPhase >= 0 && phase[i] !== wantPhase) { nf++; fd = 1; }
        for (var a = 0; a < active.length && nf < 2; a++) {
          var kk = active[a], f = F[kk], base = i * f.words, hit = false, smk = selMasks[kk];
          for (var w = 0; w < f.words; w++) if (f.masks[base + w] & smk[w]) { hit = true; break; }
          if (!hit) { nf++; fd = 2 + kk; }
        }
        if (nf === 0) {
          vis = 1;
          if (cls[i] >= 0) counts[0][cls[i]]++;
          if (phase[i] >= 0) counts[1][phase[i]]++;
          for (var k2 = 0; k2 < F.length; k2++) {
            var f2 = F[k2], c2 = counts[2 + k2];
            for (var o = f2.off[i], e = f2.off[i + 1]; o < e; o++) c2[f2.vals[o]]++;
          }
        } else if (nf === 1) {
          if (fd === 0) { if (cls[i] >= 0) counts[0][cls[i]]++; }
          else if (fd === 1) { if (phase[i] >= 0) counts[1][phase[i]]++; }
          else {
            var f3 = F[fd - 2], c3 = counts[fd];
            for (var o3 = f3.off[i], e3 = f3.off[i + 1]; o3 < e3; o3++) c3[f3.vals[o3]]++;
          }
        }
      }
      shown += vis;
      if (vis !== shownNow[i]) { shownNow[i] = vis; changed.push(i); }
    }
    // Write phase: only cards whose state changed.
    for (var x = 0; x < changed.length; x++) { var el = cards[changed[x]]; if (el) el.hidden = !shownNow[changed[x]]; }
    shownCount = shown;
  }

  // ---- sorting -----------------------------------------------------------------------------
  var orders = {};
  var collator = typeof Intl !== 'undefined' ? new Intl.Collator('nb', { sensitivity: 'base', numeric: true }) : null;
  function byName(a, b) { return collator ? collator.compare(P[a].name, P[b].name) : (P[a].name < P[b].name ? -1 : P[a].name > P[b].name ? 1 : 0); }
  function order(kind) {
    if (orders[kind]) return orders[kind];
    var ix = new Array(N);
    for (var i = 0; i < N; i++) ix[i] = i;
    if (kind === 'name') ix.sort(byName);
    else if (kind === 'date') ix.sort(function (a, b) {
      var da = P[a].date || '', db = P[b].date || '';
      if (da !== db) return !da ? 1 : !db ? -1 : da < db ? 1 : -1;
      return byName(a, b);
    });
    else ix.sort(function (a, b) { return (total[b] - total[a]) || byName(a, b); });
    return (orders[kind] = ix);
  }
  var domOrder = null; // the sort the DOM is in; null = as written by the generator
  function applySort() {
    if (domOrder === state.sort) return;
    var want = order(state.sort);
    if (domOrder === null) {
      // Is the static order already the wanted one? (The generator writes score order.)
      var same = true, list = results.children, pos = 0;
      for (var i = 0; i < want.length && same; i++) { if (!cards[want[i]]) continue; while (pos < list.length && !list[pos].hasAttribute('data-slug')) pos++; same = list[pos++] === cards[want[i]]; }
      if (same) { domOrder = state.sort; return; }
    }
    var frag = document.createDocumentFragment();
    for (var j = 0; j < want.length; j++) if (cards[want[j]]) frag.appendChild(cards[want[j]]);
    results.appendChild(frag);
    domOrder = state.sort;
  }

  // ---- controls ----------------------------------------------------------------------------
  function h(tag, attrs, text) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] != null) el.setAttribute(k, attrs[k]);
    if (text != null) el.textContent = text;
    return el;
  }
  function field(label, control, cls2) {
    var wrap = h('div', { 'class': 'field' + (cls2 ? ' ' + cls2 : '') });
    wrap.appendChild(h('label', { 'for': control.id }, label));
    wrap.appendChild(control);
    return wrap;
  }
  function select(id, options) {
    var sel = h('select', { id: id, name: id });
    options.forEach(function (o) { var op = h('option', { value: o[0] }, o[1]); op.dataset.label = o[1]; sel.appendChild(op); });
    return sel;
  }

  var qInput = h('input', { type: 'search', id: 'q', name: 'q', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'q-hint' });
  var qField = field(t('site_search'), qInput, 'field-q');
  qField.appendChild(h('p', { id: 'q-hint', 'class': 'hint' }, t('site_search_hint')));
  var sortSel = select('sort', [['score', t('site_sort_score')], ['name', t('site_sort_name')], ['date', t('site_sort_date')]]);
  var clsSel = select('class', [['', t('site_any_class')]].concat(bands.map(function (b) { return [b.key, b.label]; })));
  var phaseSel = select('phase', [['', t('site_any_phase')]].concat(phases.map(function (p) { return [p.key, p.label]; })));
  var illuSel = select('illustration', [['', t('site_illustration_any')], ['ja', t('site_illustration_only')], ['nei', t('site_illustration_none')]]);
  var minIn = h('input', { type: 'number', id: 'min', name: 'min', min: '0', max: '100', step: '1', inputmode: 'numeric', placeholder: '0' });
  var maxIn = h('input', { type: 'number', id: 'max', name: 'max', min: '0', max: '100', step: '1', inputmode: 'numeric', placeholder: '100' });
  var range = h('fieldset', { 'class': 'range' });
  range.appendChild(h('legend', null, t('site_score_range')));
  range.appendChild(field(t('site_score_min'), minIn));
  range.appendChild(field(t('site_score_max'), maxIn));

  var countEls = [[], []]; // per dimension: elements whose text shows the count
  var boxes = [];
  var facetSets = facets.map(function (f, k) {
    var fs = h('fieldset', { 'class': 'facet', 'data-facet': f.key });
    fs.appendChild(h('legend', null, f.label));
    var ul = h('ul', { 'class': 'facet-values' + (f.values.length > 12 ? ' long' : '') });
    countEls[2 + k] = [];
    boxes[k] = [];
    f.values.forEach(function (v, j) {
      var id = 'f-' + k + '-' + j;
      var li = h('li');
      var box = h('input', { type: 'checkbox', id: id, name: f.key, value: v.value });
      var lab = h('label', { 'for': id });
      lab.appendChild(document.createTextNode(v.label + ' '));
      var cnt = h('span', { 'class': 'count' }, '(0)');
      lab.appendChild(cnt);
      li.appendChild(box); li.appendChild(lab); ul.appendChild(li);
      countEls[2 + k][j] = cnt;
      boxes[k][j] = box;
    });
    fs.appendChild(ul);
    return fs;
  });
  var reset = h('button', { type: 'button', id: 'reset', 'class': 'reset' }, t('site_reset'));

  form.appendChild(qField);
  form.appendChild(field(t('site_sort'), sortSel));
  form.appendChild(field(t('class'), clsSel));
  form.appendChild(field(t('phase'), phaseSel));
  form.appendChild(field(t('illustration'), illuSel));
  form.appendChild(range);
  facetSets.forEach(function (fs) { form.appendChild(fs); });
  form.appendChild(reset);

  var status = document.getElementById('status');
  var lastCounts = counts.map(function (c) { return new Int32Array(c.length).fill(-1); });

  function paintControls() {
    if (document.activeElement !== qInput && qInput.value !== state.q) qInput.value = state.q;
    sortSel.value = state.sort;
    clsSel.value = state.cls >= 0 ? bands[state.cls].key : '';
    phaseSel.value = state.phase >= 0 ? phases[state.phase].key : '';
    illuSel.value = state.illu;
    if (document.activeElement !== minIn) minIn.value = state.min > 0 ? String(state.min) : '';
    if (document.activeElement !== maxIn) maxIn.value = state.max < 100 ? String(state.max) : '';
    F.forEach(function (f, k) {
      boxes[k].forEach(function (b, j) { var on = state.sel[k].indexOf(j) >= 0; if (b.checked !== on) b.checked = on; });
    });
  }
  function paintCounts() {
    for (var d = 0; d < ND; d++) {
      var c = counts[d], last = lastCounts[d];
      for (var j = 0; j < c.length; j++) {
        if (c[j] === last[j]) continue;
        last[j] = c[j];
        if (d === 0) { var o = clsSel.options[j + 1]; o.textContent = o.dataset.label + ' (' + c[j] + ')'; }
        else if (d === 1) { var o2 = phaseSel.options[j + 1]; o2.textContent = o2.dataset.label + ' (' + c[j] + ')'; }
        else { countEls[d][j].textContent = '(' + c[j] + ')'; }
      }
    }
    if (status) status.textContent = shownCount ? t('site_shown', { shown: shownCount, count: N }) : t('site_none_shown');
    results.setAttribute('data-shown', String(shownCount));
  }

  function update(fromUrl) {
    var t0 = performance.now();
    filter();
    applySort();
    paintCounts();
    if (fromUrl) paintControls(); else writeHash();
    document.documentElement.setAttribute('data-filter-ms', (performance.now() - t0).toFixed(1));
  }

  // ---- events ------------------------------------------------------------------------------
  var qTimer = 0;
  qInput.addEventListener('input', function () {
    clearTimeout(qTimer);
    qTimer = setTimeout(function () { state.q = qInput.value; update(false); }, 60);
  });
  function rangeChanged() {
    state.min = clampPct(minIn.value, 0);
    state.max = clampPct(maxIn.value, 100);
    update(false);
  }
  var rTimer = 0;
  minIn.addEventListener('input', function () { clearTimeout(rTimer); rTimer = setTimeout(rangeChanged, 60); });
  maxIn.addEventListener('input', function () { clearTimeout(rTimer); rTimer = setTimeout(rangeChanged, 60); });
  minIn.addEventListener('change', function () { clearTimeout(rTimer); rangeChanged(); });
  maxIn.addEventListener('change', function () { clearTimeout(rTimer); rangeChanged(); });
  sortSel.addEventListener('change', function () { state.sort = SORTS.indexOf(sortSel.value) >= 0 ? sortSel.value : 'score'; update(false); });
  clsSel.addEventListener('change', function () { state.cls = clsSel.value ? bandIx[clsSel.value] : -1; update(false); });
  phaseSel.addEventListener('change', function () { state.phase = phaseSel.value ? phaseIx[phaseSel.value] : -1; update(false); });
  illuSel.addEventListener('change', function () { state.illu = illuSel.value; update(false); });
  form.addEventListener('change', function (ev) {
    var el = ev.target;
    if (el.type !== 'checkbox') return;
    var fs = el.closest('fieldset[data-facet]');
    var k = facets.findIndex(function (f) { return f.key === fs.getAttribute('data-facet'); });
    var j = F[k].valueIx[el.value];
    var sel = state.sel[k], at = sel.indexOf(j);
    if (el.checked && at < 0) sel.push(j);
    if (!el.checked && at >= 0) sel.splice(at, 1);
    update(false);
  });
  form.addEventListener('submit', function (ev) { ev.preventDefault(); });
  reset.addEventListener('click', function () {
    clearTimeout(qTimer);
    var keepSort = state.sort;
    state = emptyState();
    state.sort = keepSort;
    qInput.value = '';
    paintControls();
    update(false);
  });
  window.addEventListener('hashchange', function () { state = readHash(); update(true); });

  // ---- start -------------------------------------------------------------------------------
  state = readHash();
  update(true);
  var panel = document.getElementById('filter-panel');
  if (panel) panel.hidden = false;
  document.documentElement.classList.add('js');
  document.documentElement.setAttribute('data-ready', '1');
  if (performance.mark) performance.mark('practice-ready');
})();
