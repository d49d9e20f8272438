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
  try {
    state.pair = await api(`/api/pairs/${id}`);
  } catch (e) {
    toast(e.message, 'error', 6000);
    if (e.status === 404) location.hash = '#/';
    return;
  }
  renderPair();
}

function confClass(b) {
  if (b.status === 'confirmed') return 's-confirmed';
  if (b.status === 'edited') return 's-edited';
  if (b.score >= 0.8) return 'c-hi';
  return b.score >= state.pair.doubtful_below ? 'c-mid' : 'c-lo';
}

function isDoubtful(b) { return b.status === 'auto' && b.score < state.pair.doubtful_below; }

// The sentence number is drawn by CSS from data-n (no <sup> node per sentence); a real space
// between sentences keeps a line break possible there.
function sideHtml(side, begin, count) {
  if (!count) return '<span class="none">no translation</span>';
  const texts = state.pair[side];
  let html = '';
  for (let i = begin; i < begin + count; ++i)
    html += `${i > begin ? ' ' : ''}<span class="sent" data-side="${side}" data-i="${i}" data-n="${i + 1}">${esc(texts[i])}</span>`;
  return html;
}

// Draws the open pair: head, bead rows, history and the overview plot.
function renderPair() {
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
  drawPlot(p);
  select(state.sel, false);
}

// The bead rows. A long document (thousands of beads) is drawn in parts: synchronously the
// rows up to what is on screen (and the selected bead), so that the first screen shows as
// soon as the data is there and the scroll position survives a re-render after an edit;
// the rest in a few large chunks between frames. Each chunk costs a style and layout pass
// of its own, so few large ones finish sooner than many small ones; rows off screen are
// cheap to add because CSS (content-visibility) skips their layout. Short documents are
// drawn at once.
const kRenderAtOnce = 400;  // beads drawn in one go at most
const kRenderChunk = 1000;  // beads per later chunk
let renderToken = 0;        // a newer render cancels the chunks of an older one
let rendered = 0;           // rows of the open pair on the page
let paraStarts = [];        // paraStarts[k]: bead k opens a Russian paragraph (worked out once per render)

// A new paragraph: the Russian side starts a paragraph other than the last Russian one.
function findParaStarts(p) {
  const starts = new Array(p.beads.length).fill(false);
  let lastPar = -1;
  p.beads.forEach((b, k) => {
    if (!b.ru[1]) return;
    const par = p.ru_par[b.ru[0]];
    starts[k] = k > 0 && par !== lastPar;
    lastPar = par;
  });
  return starts;
}

// One row; no whitespace between the cells (each would be a text node of its own).
function beadHtml(p, k) {
  const b = p.beads[k];
  const status = b.status === 'auto' ? (isDoubtful(b) ? 'doubtful' : '') : b.status;
  return `<div class="bead ${confClass(b)}${paraStarts[k] ? ' para-start' : ''}${k === state.sel ? ' selected' : ''}" data-k="${k}" id="bead-${k}">` +
    `<div class="idx">${k + 1}</div>` +
    `<div class="ru" lang="ru">${sideHtml('ru', b.ru[0], b.ru[1])}</div>` +
    `<div class="en" lang="en">${sideHtml('en', b.en[0], b.en[1])}</div>` +
    `<div class="meta"><span class="type">${b.ru[1]}-${b.en[1]}</span> · <span class="score">${b.score.toFixed(2)}</span>` +
    `${status ? `<span class="status">${status}</span>` : ''}</div></div>`;
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
  paraStarts = findParaStarts(p);
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

// ---------------------------------------------------------------- overview plot

// The plot is drawn here from the pair already loaded rather than fetched as an SVG: the
// server's SVG of a long pair is a second download that reloads the pair and holds one
// <line> with a tooltip per bead (thousands of nodes to parse). Here it is one <path> per
// colour. Geometry and colours follow export/alignment_svg.cc (what `newsalign show --svg`
// writes), so the two pictures look alike.
const kPlotSize = 340;                                        // SVG units for the longer side
const kPlotMargin = { left: 58, top: 44, right: 18, bottom: 44 };
const kPlotKeys = [['s-confirmed', 'confirmed'], ['s-edited', 'edited'], ['c-hi', 'score ≥ 0.8'],
  ['c-mid', '0.5–0.8'], ['c-lo', 'doubtful']];

const num = (v) => String(+v.toFixed(1));

// A tick step of 1, 2 or 5 times a power of ten giving at most `most` ticks over n.
function tickStep(n, most) {
  for (let base = 1; ; base *= 10)
    for (const m of [1, 2, 5]) if (Math.floor(n / (base * m)) <= most) return base * m;
}

function plotSvg(p) {
  const { left, top, right, bottom } = kPlotMargin;
  const nRu = Math.max(1, p.ru.length), nEn = Math.max(1, p.en.length);
  const scale = kPlotSize / Math.max(nRu, nEn);
  const w = nRu * scale, h = nEn * scale;
  const width = left + Math.max(w, 430) + right, height = top + h + bottom;
  const stroke = Math.min(7, Math.max(1.6, scale * 0.7));
  const x = (ru) => num(left + ru * scale), y = (en) => num(top + en * scale);

  let grid = '';
  const stepRu = tickStep(nRu, Math.max(2, Math.floor(w / 60))), stepEn = tickStep(nEn, Math.max(2, Math.floor(h / 40)));
  for (let i = stepRu; i < nRu; i += stepRu)
    grid += `<line x1="${x(i)}" y1="${y(0)}" x2="${x(i)}" y2="${y(nEn)}"/><text x="${x(i)}" y="${num(top - 6)}" text-anchor="middle" stroke="none">${i}</text>`;
  for (let j = stepEn; j < nEn; j += stepEn)
    grid += `<line x1="${x(0)}" y1="${y(j)}" x2="${x(nRu)}" y2="${y(j)}"/><text x="${num(left - 6)}" y="${num(top + j * scale + 4)}" text-anchor="end" stroke="none">${j}</text>`;

  // Path data per colour: a segment per bead, a box under each many-to-many bead, a ring
  // around each doubtful one.
  const lines = {}, boxes = {};
  let rings = '';
  const r = Math.max(5, stroke * 1.6);
  p.beads.forEach((b, k) => {
    const c = confClass(b);
    const x1 = x(b.ru[0]), y1 = y(b.en[0]);
    lines[c] = (lines[c] || '') + `M${x1} ${y1}L${x(b.ru[0] + b.ru[1])} ${y(b.en[0] + b.en[1])}`;
    if (b.ru[1] > 1 && b.en[1] > 1)
      boxes[c] = (boxes[c] || '') + `M${x1} ${y1}h${num(b.ru[1] * scale)}v${num(b.en[1] * scale)}h${num(-b.ru[1] * scale)}z`;
    if (isDoubtful(b)) {
      const cx = left + (b.ru[0] + b.ru[1] / 2) * scale, cy = top + (b.en[0] + b.en[1] / 2) * scale;
      rings += `M${num(cx - r)} ${num(cy)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0`;
    }
  });
  const paths = (parts, attrs) => Object.keys(parts).map((c) => `<path class="${c}" ${attrs} d="${parts[c]}"/>`).join('');

  let legend = '', lx = left;
  for (const [c, label] of kPlotKeys) {
    legend += `<rect class="${c}" x="${num(lx)}" y="${num(top + h + 17)}" width="12" height="12" rx="2" fill="currentColor"/>` +
      `<text x="${num(lx + 16)}" y="${num(top + h + 26)}" dy="2">${esc(label)}</text>`;
    lx += 28 + 6.2 * label.length;
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" class="alignment-plot" width="${num(width)}" height="${num(height)}" ` +
    `viewBox="0 0 ${num(width)} ${num(height)}" data-x0="${left}" data-y0="${top}" data-sx="${scale}" data-sy="${scale}" ` +
    `data-beads="${p.beads.length}" font-family="system-ui, sans-serif" font-size="11">` +
    `<title>${esc(`Alignment of pair ${p.id}: ${p.title}`)}</title>` +
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>` +
    `<rect x="${x(0)}" y="${y(0)}" width="${num(w)}" height="${num(h)}" fill="#f8fafc" stroke="#cbd5e1"/>` +
    `<g stroke="#e2e8f0" fill="#64748b">${grid}</g>` +
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(nRu)}" y2="${y(nEn)}" stroke="#94a3b8" stroke-dasharray="4 4"/>` +
    `<text x="${x(0)}" y="16" fill="#334155" font-weight="600">Russian sentences (${p.ru.length}) →</text>` +
    `<text transform="translate(16 ${y(0)}) rotate(90)" fill="#334155" font-weight="600">English sentences (${p.en.length}) →</text>` +
    `<g class="boxes" stroke="none" fill="currentColor" fill-opacity="0.15">${paths(boxes, '')}</g>` +
    `<g class="beads" fill="none" stroke="currentColor" stroke-linecap="round" stroke-width="${num(stroke)}">${paths(lines, '')}</g>` +
    `<g class="doubtful" fill="none" stroke="#dc2626" stroke-width="1.5"><path d="${rings}"/></g>` +
    `<g class="legend" fill="#334155">${legend}</g></svg>`;
}

function drawPlot(p) {
  $('plot').innerHTML = plotSvg(p);
  $('plot-hover').textContent = '';
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

// The bead nearest to a pointer event on the plot, or -1.
function plotBeadAt(e) {
  const g = plotGeometry();
  if (!g || !state.pair) return -1;
  const pt = g.svg.createSVGPoint();
  pt.x = e.clientX;
  pt.y = e.clientY;
  const at = pt.matrixTransform(g.svg.getScreenCTM().inverse());
  const ru = (at.x - g.x0) / g.sx, en = (at.y - g.y0) / g.sy;
  let best = -1, bestD = Infinity;
  state.pair.beads.forEach((b, k) => {
    const dx = b.ru[0] + b.ru[1] / 2 - ru, dy = b.en[0] + b.en[1] / 2 - en;
    const d = dx * dx + dy * dy;
    if (d < bestD) { bestD = d; best = k; }
  });
  return best;
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
    const k = plotBeadAt(e);
    if (k >= 0) select(k);
  });
  // What the pointer is over: a line under the plot (the path has no tooltip per bead).
  $('plot').addEventListener('mousemove', (e) => {
    const k = plotBeadAt(e);
    const b = k >= 0 && state.pair.beads[k];
    $('plot-hover').textContent = b ? `bead ${k + 1} · ${b.ru[1]}-${b.en[1]} · ${isDoubtful(b) ? 'doubtful' : b.status} · ` +
      `score ${b.score.toFixed(2)}` : '';
  });
  $('plot').addEventListener('mouseleave', () => { $('plot-hover').textContent = ''; });
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
