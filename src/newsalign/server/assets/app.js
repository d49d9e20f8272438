// newsalign workbench: the corpus view (#/), a pair view (#/pair/ID) and search (#/search/Q).
// Plain JavaScript, no build step. Every edit is a POST carrying the pair version the page
// shows; the server refuses a stale one (409) and the page reloads the pair instead of
// overwriting anything. Keyboard first: press ? for the keys.
'use strict';

const state = {
  info: null,
  pairs: [],
  sort: { key: 'id', asc: true },
  pair: null,     // the open pair as /api/pairs/ID returns it
  sel: 0,         // selected bead
  picked: null,   // clicked sentence: {side, i, at} (at: UTF-8 bytes from its start, or null)
  busy: false,
};

const $ = (id) => document.getElementById(id);
const enc = new TextEncoder();

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

let toastTimer = 0;
function toast(message, kind = '', ms = 2600) {
  const t = $('toast');
  t.textContent = message;
  t.className = 'toast ' + kind;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, ms);
}

async function api(path, options) {
  const res = await fetch(path, options);
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON */ }
  if (!res.ok) {
    const err = new Error((body && body.error) || `${res.status} ${res.statusText}`);
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return body;
}

// ---------------------------------------------------------------- routing

function route() {
  const hash = location.hash || '#/';
  let m;
  $('help').hidden = true;
  if ((m = hash.match(/^#\/pair\/(\d+)(?:\/bead\/(\d+))?/))) return openPair(Number(m[1]), m[2] ? Number(m[2]) : null);
  if ((m = hash.match(/^#\/search\/(.*)$/))) return openSearch(decodeURIComponent(m[1]));
  return openCorpus();
}

function show(view) {
  for (const id of ['corpus-view', 'pair-view', 'search-view']) $(id).hidden = id !== view;
}

// ---------------------------------------------------------------- corpus view

async function openCorpus() {
  show('corpus-view');
  $('crumbs').textContent = '';
  document.title = 'Corpus · newsalign workbench';
  try {
    state.pairs = (await api('/api/pairs')).pairs;
  } catch (e) {
    toast(e.message, 'error', 6000);
    return;
  }
  renderCorpus();
}

function renderCorpus() {
  const text = $('filter-text').value.trim().toLowerCase();
  const onlyDoubtful = $('filter-doubtful').checked;
  const onlyUnfinished = $('filter-unfinished').checked;
  const { key, asc } = state.sort;
  const rows = state.pairs
    .filter((p) => !text || p.title.toLowerCase().includes(text) || p.date.includes(text))
    .filter((p) => !onlyDoubtful || p.doubtful > 0)
    .filter((p) => !onlyUnfinished || p.reviewed_share < 1)
    .sort((a, b) => {
      const x = a[key], y = b[key];
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return asc ? c : -c;
    });
  $('pairs-table').querySelector('tbody').innerHTML = rows.map((p) => `
    <tr data-id="${p.id}">
      <td class="num muted">${p.id}</td>
      <td><a href="#/pair/${p.id}">${esc(p.title || '(untitled)')}</a></td>
      <td class="muted">${esc(p.date || '—')}</td>
      <td class="num">${p.ru_sentences}</td>
      <td class="num">${p.en_sentences}</td>
      <td class="num">${p.beads}</td>
      <td><div class="progress"><div class="bar"><i data-w="${p.reviewed_share}"></i></div>
          <span class="num">${Math.round(p.reviewed_share * 100)}%</span></div></td>
      <td class="num">${p.doubtful ? `<span class="badge lo">${p.doubtful}</span>` : '<span class="badge ok">0</span>'}</td>
    </tr>`).join('');
  // Widths through the CSSOM (the page's Content-Security-Policy allows no inline styles).
  for (const bar of document.querySelectorAll('.progress i')) bar.style.width = `${bar.dataset.w * 100}%`;
  for (const th of document.querySelectorAll('#pairs-table th')) {
    th.classList.toggle('sorted', th.dataset.sort === key);
    th.classList.toggle('asc', th.dataset.sort === key && asc);
  }
  $('pairs-empty').hidden = state.pairs.length > 0;
  const beads = state.pairs.reduce((n, p) => n + p.beads, 0);
  const reviewed = state.pairs.reduce((n, p) => n + p.confirmed + p.edited, 0);
  const doubtful = state.pairs.reduce((n, p) => n + p.doubtful, 0);
  $('corpus-summary').textContent = `${state.pairs.length} pairs · ${beads} beads · ` +
    `${beads ? Math.round(100 * reviewed / beads) : 0}% reviewed · ${doubtful} doubtful` +
    (rows.length !== state.pairs.length ? ` · showing ${rows.length}` : '');
}

// ---------------------------------------------------------------- pair view

async function openPair(id, beadId = null) {
  show('pair-view');
  if (!state.pair || state.pair.id !== id) {
    state.sel = 0;
    state.picked = null;
  }
  await loadPair(id);
  if (beadId !== null && state.pair) {
    const k = state.pair.beads.findIndex((b) => b.id === beadId);
    if (k >= 0) select(k);
  }
}

async function loadPair(id) {
  // The plot is fetched alongside the pair, not after it (a long pair: both take a while).
  const plot = fetchPlot(id);
  try {
    state.pair = await api(`/api/pairs/${id}`);
  } catch (e) {
    plot.catch(() => {});
    toast(e.message, 'error', 6000);
    if (e.status === 404) location.hash = '#/';
    return;
  }
  renderPair(plot);
}

function fetchPlot(id) {
  return fetch(`/api/pairs/${id}/plot.svg?size=340`).then((res) => {
    if (!res.ok) throw new Error(`plot: ${res.status}`);
    return res.text();
  });
}

function confClass(b) {
  if (b.status === 'confirmed') return 's-confirmed';
  if (b.status === 'edited') return 's-edited';
  if (b.score >= 0.8) return 'c-hi';
  return b.score >= state.pair.doubtful_below ? 'c-mid' : 'c-lo';
}

function isDoubtful(b) { return b.status === 'auto' && b.score < state.pair.doubtful_below; }

function sideHtml(side, begin, count) {
  if (!count) return '<span class="none">no translation</span>';
  const texts = state.pair[side];
  let html = '';
  for (let i = begin; i < begin + count; ++i)
    html += `<span class="sent" data-side="${side}" data-i="${i}"><sup>${i + 1}</sup>${esc(texts[i])}</span>`;
  return html;
}

// Draws the open pair; `plot` (a promise of the overview's SVG) when already being fetched.
function renderPair(plot = null) {
  const p = state.pair;
  if (!p) return;
  document.title = `${p.title} · newsalign workbench`;
  $('crumbs').innerHTML = `<a href="#/">Corpus</a> › ${esc(p.title)}`;
  $('pair-title').textContent = p.title || '(untitled)';
  $('pair-meta').textContent = [p.date || 'no date', `${p.ru_sentences} ru / ${p.en_sentences} en sentences`,
    `version ${p.version}`].join(' · ');
  const reviewed = p.confirmed + p.edited;
  $('pair-stats').innerHTML = `
    <div class="stat"><b>${p.beads.length}</b><span>beads</span></div>
    <div class="stat conf"><b>${p.beads.length ? Math.round(100 * reviewed / p.beads.length) : 0}%</b><span>reviewed</span></div>
    <div class="stat ${p.doubtful ? 'lo' : ''}"><b>${p.doubtful}</b><span>doubtful</span></div>`;
  $('undo-button').disabled = !p.undo;
  $('undo-button').title = p.undo ? `Undo: ${p.undo} (u)` : 'Nothing to undo';
  $('redo-button').disabled = !p.redo;
  $('redo-button').title = p.redo ? `Redo: ${p.redo} (Shift+U)` : 'Nothing to redo';
  $('export-pair-tmx').href = `/api/pairs/${p.id}/export?format=tmx`;
  $('export-pair-tsv').href = `/api/pairs/${p.id}/export?format=tsv`;

  renderBeads(p);
  $('history').innerHTML = p.history.slice().reverse().slice(0, 12)
    .map((h) => `<li class="${h.undone ? 'undone' : ''}">${esc(h.label)}</li>`).join('') || '<li class="muted">no edits yet</li>';
  state.sel = Math.max(0, Math.min(state.sel, p.beads.length - 1));
  if (state.picked && state.picked.i >= p[state.picked.side].length) state.picked = null;
  select(state.sel, false);
  showPlot(plot || fetchPlot(p.id));
}

// The bead rows. A long document (thousands of beads) is drawn in parts: synchronously the
// rows up to what is on screen (and the selected bead), so that the first screen shows as
// soon as the data is there and the scroll position survives a re-render after an edit;
// the rest in chunks between frames. Parsing and styling every row of a 2,000-bead pair at
// once kept the page blank for most of a second. Short documents are drawn at once.
const kRenderAtOnce = 400;  // beads drawn in one go at most
const kRenderChunk = 250;   // beads per later chunk
let renderToken = 0;        // a newer render cancels the chunks of an older one
let rendered = 0;           // rows of the open pair on the page

function beadHtml(p, k) {
  const b = p.beads[k];
  const prev = k > 0 ? p.beads[k - 1] : null;
  // A new paragraph: the Russian side starts a paragraph other than the last Russian one.
  let lastPar = -1;
  for (let j = k - 1; j >= 0 && lastPar < 0; --j) if (p.beads[j].ru[1]) lastPar = p.ru_par[p.beads[j].ru[0]];
  const paraStart = prev !== null && b.ru[1] && p.ru_par[b.ru[0]] !== lastPar;
  return `<div class="bead ${confClass(b)}${paraStart ? ' para-start' : ''}${k === state.sel ? ' selected' : ''}" data-k="${k}" id="bead-${k}">
      <div class="idx">${k + 1}</div>
      <div class="ru" lang="ru">${sideHtml('ru', b.ru[0], b.ru[1])}</div>
      <div class="en" lang="en">${sideHtml('en', b.en[0], b.en[1])}</div>
      <div class="meta"><span class="type">${b.ru[1]}-${b.en[1]}</span> · <span class="score">${b.score.toFixed(2)}</span>
        <span class="status">${b.status === 'auto' ? (isDoubtful(b) ? 'doubtful' : '') : b.status}</span></div>
    </div>`;
}

function rowsHtml(p, from, to) {
  let html = '';
  for (let k = from; k < to; ++k) html += beadHtml(p, k);
  return html;
}

// The last bead row on screen now (before a re-render), or -1.
function lastVisibleRow() {
  const list = $('bead-list');
  if (!list.firstElementChild) return -1;
  const x = list.getBoundingClientRect().left + 20;
  const el = document.elementFromPoint(x, window.innerHeight - 4);
  const row = el && el.closest && el.closest('#bead-list .bead');
  return row ? Number(row.dataset.k) : -1;
}

function renderBeads(p) {
  const token = ++renderToken;
  const n = p.beads.length;
  const first = n <= kRenderAtOnce ? n : Math.min(n, Math.max(60, state.sel + 40, lastVisibleRow() + 40));
  $('bead-list').innerHTML = rowsHtml(p, 0, first);
  rendered = first;
  const more = () => {
    if (token !== renderToken || state.pair !== p) return;
    const to = Math.min(n, rendered + kRenderChunk);
    $('bead-list').insertAdjacentHTML('beforeend', rowsHtml(p, rendered, to));
    rendered = to;
    if (rendered < n) setTimeout(more, 0);
  };
  if (rendered < n) setTimeout(more, 0);
}

// Draws the rest of the rows now, up to bead k (a key or a click went there before the
// chunks did).
function ensureRendered(k) {
  const p = state.pair;
  if (!p || k < rendered) return;
  const to = Math.min(p.beads.length, k + 40);
  $('bead-list').insertAdjacentHTML('beforeend', rowsHtml(p, rendered, to));
  rendered = to;
}

async function showPlot(plot) {
  const p = state.pair;
  try {
    const text = await plot;
    if (state.pair !== p) return;  // another render overtook this one
    $('plot').innerHTML = text;
    placeCursor();
  } catch (e) {
    $('plot').textContent = e.message;
  }
}

function plotGeometry() {
  const svg = $('plot').querySelector('svg');
  if (!svg) return null;
  return { svg, x0: +svg.dataset.x0, y0: +svg.dataset.y0, sx: +svg.dataset.sx, sy: +svg.dataset.sy };
}

function placeCursor() {
  const g = plotGeometry();
  const b = state.pair && state.pair.beads[state.sel];
  if (!g || !b) return;
  let c = g.svg.querySelector('.cursor');
  if (!c) {
    c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    c.setAttribute('class', 'cursor');
    g.svg.appendChild(c);
  }
  c.setAttribute('cx', g.x0 + (b.ru[0] + b.ru[1] / 2) * g.sx);
  c.setAttribute('cy', g.y0 + (b.en[0] + b.en[1] / 2) * g.sy);
  c.setAttribute('r', 7);
}

function select(k, scroll = true) {
  const p = state.pair;
  if (!p || !p.beads.length) return;
  k = Math.max(0, Math.min(k, p.beads.length - 1));
  const old = document.querySelector('.bead.selected');
  if (old) old.classList.remove('selected');
  state.sel = k;
  ensureRendered(k);
  const row = $(`bead-${k}`);
  if (row) {
    row.classList.add('selected');
    if (scroll) row.scrollIntoView({ block: 'nearest' });
  }
  const b = p.beads[k];
  $('selection-info').innerHTML = `Bead ${k + 1} of ${p.beads.length} · <span class="muted">${b.ru[1]}-${b.en[1]} · ` +
    `score ${b.score.toFixed(2)} · ${isDoubtful(b) ? 'doubtful' : b.status}</span>`;
  if (state.picked) {
    const { side, i } = state.picked;
    const inBead = side === 'ru' ? i >= b.ru[0] && i < b.ru[0] + b.ru[1] : i >= b.en[0] && i < b.en[0] + b.en[1];
    if (!inBead) state.picked = null;
  }
  for (const s of document.querySelectorAll('.sent.picked')) s.classList.remove('picked');
  $('sentence-tools').hidden = !state.picked;
  if (state.picked) {
    const el = document.querySelector(`.sent[data-side="${state.picked.side}"][data-i="${state.picked.i}"]`);
    if (el) el.classList.add('picked');
    $('sentence-info').textContent = `${state.picked.side.toUpperCase()} sentence ${state.picked.i + 1}` +
      (state.picked.at ? ` · split point after byte ${state.picked.at}` : '');
  }
  placeCursor();
}

function jumpDoubtful(dir) {
  const beads = state.pair.beads;
  for (let step = 1; step <= beads.length; ++step) {
    const k = (state.sel + dir * step + beads.length) % beads.length;
    if (isDoubtful(beads[k])) return select(k);
  }
  toast('No doubtful beads left in this pair');
}

// Where in a sentence the user clicked: UTF-8 bytes from its start (the API's unit), or null.
function caretBytes(sentEl, event) {
  let node = null, offset = 0;
  if (document.caretPositionFromPoint) {
    const pos = document.caretPositionFromPoint(event.clientX, event.clientY);
    if (pos) { node = pos.offsetNode; offset = pos.offset; }
  } else if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(event.clientX, event.clientY);
    if (r) { node = r.startContainer; offset = r.startOffset; }
  }
  if (!node || node.nodeType !== Node.TEXT_NODE || !sentEl.contains(node) || node.parentNode !== sentEl) return null;
  const bytes = enc.encode(node.data.slice(0, offset)).length;
  const total = enc.encode(node.data).length;
  return bytes > 0 && bytes < total ? bytes : null;
}

// ---------------------------------------------------------------- edits

async function edit(op, fields = {}, after = null) {
  const p = state.pair;
  if (!p || state.busy) return;
  state.busy = true;
  document.body.classList.add('busy');
  try {
    const r = await api(`/api/pairs/${p.id}/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ op, version: p.version, ...fields }),
    });
    state.pair = r.pair;
    state.sel = after !== null && r.result.changed ? after(r.result) : r.result.focus;
    toast(r.result.label || 'done');
    renderPair();
  } catch (e) {
    if (e.status === 409) {
      toast(`${e.message}. Reloading…`, 'warn', 7000);
      await loadPair(p.id);
    } else {
      toast(e.message, 'error', 5000);
    }
  } finally {
    state.busy = false;
    document.body.classList.remove('busy');
  }
}

function act(action) {
  const p = state.pair;
  if (!p || !p.beads.length) return;
  const k = state.sel, b = p.beads[k], picked = state.picked;
  switch (action) {
    case 'confirm':
      if (b.status === 'confirmed') return edit('unconfirm', { bead: k });
      return edit('confirm', { bead: k }, () => Math.min(k + 1, p.beads.length - 1));
    case 'merge': return edit('merge', { bead: k });
    case 'split': return edit('split', { bead: k });
    case 'move-ru-prev': return edit('move', { bead: k, side: 'ru', to: 'prev' });
    case 'move-ru-next': return edit('move', { bead: k, side: 'ru', to: 'next' });
    case 'move-en-prev': return edit('move', { bead: k, side: 'en', to: 'prev' });
    case 'move-en-next': return edit('move', { bead: k, side: 'en', to: 'next' });
    case 'next-doubtful': return jumpDoubtful(1);
    case 'prev-doubtful': return jumpDoubtful(-1);
    case 'undo': return edit('undo');
    case 'redo': return edit('redo');
    case 'realign': return edit('realign');
    case 'detach':
      if (!picked) return toast('Click a sentence first');
      return edit('detach', { side: picked.side, sentence: picked.i });
    case 'split-sentence':
      if (!picked || !picked.at) return toast('Click inside a sentence where it should be split');
      state.picked = null;
      return edit('split_sentence', { side: picked.side, sentence: picked.i, at: picked.at });
    case 'join-sentence':
      if (!picked) return toast('Click a sentence first');
      state.picked = null;
      return edit('join_sentence', { side: picked.side, sentence: picked.i });
  }
}

// ---------------------------------------------------------------- search

// Text with marks (UTF-8 byte ranges, as the API gives them) as HTML.
const dec = new TextDecoder();
function markedHtml(text, marks) {
  const bytes = enc.encode(text);
  let html = '', at = 0;
  for (const m of marks) {
    html += esc(dec.decode(bytes.slice(at, m.begin))) +
      `<mark class="${esc(m.kind)}">${esc(dec.decode(bytes.slice(m.begin, m.end)))}</mark>`;
    at = m.end;
  }
  return html + esc(dec.decode(bytes.slice(at)));
}

async function openSearch(q) {
  show('search-view');
  $('search-input').value = q;
  $('crumbs').innerHTML = '<a href="#/">Corpus</a> › search';
  $('search-title').textContent = `Search: ${q}`;
  $('search-results').innerHTML = '<p class="muted">Searching…</p>';
  try {
    const r = await api(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
    $('search-summary').textContent = `${r.matches} matching beads${r.truncated ? ' (many: the best-ranked shown)' : ''}` +
      ' · highlighted: the query, and its likely translation on the other side';
    $('search-results').innerHTML = r.hits.length ? r.hits.map((h) => `
      <div class="hit">
        <div class="src"><a href="#/pair/${h.pair}/bead/${h.bead}">${esc(h.title || `pair ${h.pair}`)}</a>
          ${esc(h.date || '')} · ${esc(h.status)}</div>
        <div lang="ru">${markedHtml(h.ru, h.ru_marks)}</div>
        <div lang="en">${markedHtml(h.en, h.en_marks)}</div>
      </div>`).join('') : '<p class="muted">No matches.</p>';
  } catch (e) {
    $('search-summary').textContent = '';
    $('search-results').innerHTML = `<p class="muted">${esc(e.message)}</p>`;
  }
}

// ---------------------------------------------------------------- events

function onKey(e) {
  if (e.target.closest && e.target.closest('input, textarea, select')) {
    if (e.key === 'Escape') e.target.blur();
    return;
  }
  if (e.key === '?') { $('help').hidden = !$('help').hidden; return; }
  if (e.key === 'Escape') { $('help').hidden = true; state.picked = null; if (state.pair) select(state.sel, false); return; }
  if (e.altKey || e.metaKey) return;
  const inPair = !$('pair-view').hidden && state.pair;
  if (e.ctrlKey) {
    if (!inPair || e.key.toLowerCase() !== 'z') return;
    e.preventDefault();
    return act(e.shiftKey ? 'redo' : 'undo');
  }
  if (!inPair) return;
  const keys = {
    j: () => select(state.sel + 1), ArrowDown: () => select(state.sel + 1),
    k: () => select(state.sel - 1), ArrowUp: () => select(state.sel - 1),
    n: () => act('next-doubtful'), p: () => act('prev-doubtful'),
    c: () => act('confirm'), m: () => act('merge'), s: () => act('split'),
    '[': () => act('move-ru-prev'), ']': () => act('move-ru-next'),
    '{': () => act('move-en-prev'), '}': () => act('move-en-next'),
    x: () => act('detach'), '/': () => act('split-sentence'), J: () => act('join-sentence'),
    u: () => act('undo'), U: () => act('redo'), R: () => act('realign'),
    g: () => { location.hash = '#/'; },
    Home: () => select(0), End: () => select(state.pair.beads.length - 1),
  };
  const fn = keys[e.key];
  if (fn) { e.preventDefault(); fn(); }
}

function init() {
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', route);
  $('help-button').addEventListener('click', () => { $('help').hidden = !$('help').hidden; });
  $('help').addEventListener('click', (e) => { if (e.target === $('help')) $('help').hidden = true; });
  for (const id of ['filter-text', 'filter-doubtful', 'filter-unfinished']) $(id).addEventListener('input', renderCorpus);
  $('pairs-table').querySelector('thead').addEventListener('click', (e) => {
    const th = e.target.closest('th');
    if (!th) return;
    const key = th.dataset.sort;
    state.sort = { key, asc: state.sort.key === key ? !state.sort.asc : key === 'title' || key === 'id' };
    renderCorpus();
  });
  $('pairs-table').querySelector('tbody').addEventListener('click', (e) => {
    const tr = e.target.closest('tr');
    if (tr && !e.target.closest('a')) location.hash = `#/pair/${tr.dataset.id}`;
  });
  $('bead-list').addEventListener('click', (e) => {
    const row = e.target.closest('.bead');
    if (!row) return;
    const sent = e.target.closest('.sent');
    state.picked = sent ? { side: sent.dataset.side, i: Number(sent.dataset.i), at: caretBytes(sent, e) } : null;
    select(Number(row.dataset.k), false);
  });
  $('toolbar').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (b) act(b.dataset.action);
  });
  $('undo-button').addEventListener('click', () => act('undo'));
  $('redo-button').addEventListener('click', () => act('redo'));
  $('realign-button').addEventListener('click', () => act('realign'));
  $('plot').addEventListener('click', (e) => {
    const g = plotGeometry();
    if (!g || !state.pair) return;
    const pt = g.svg.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    const at = pt.matrixTransform(g.svg.getScreenCTM().inverse());
    const ru = (at.x - g.x0) / g.sx, en = (at.y - g.y0) / g.sy;
    let best = 0, bestD = Infinity;
    state.pair.beads.forEach((b, k) => {
      const dx = b.ru[0] + b.ru[1] / 2 - ru, dy = b.en[0] + b.en[1] / 2 - en;
      const d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = k; }
    });
    select(best);
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('search-input').value.trim();
    if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
  });
  api('/api/info').then((info) => {
    state.info = info;
    $('search-form').hidden = !info.search;
  }).catch(() => {});
  route();
}

init();
