// The page of `infermeter serve`: the cells of every model from /api/cells, refreshed when the server pushes
// a "samples" event (/api/events), and a clicked cell's TTFT over time and distribution (uPlot).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './app.css';

const state = { window: '24h', windows: [], selected: null, cells: null, charts: [] };
const $ = (id) => document.getElementById(id);

const ms = (v) => (v == null ? null : v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v.toFixed(0) + ' ms');
const pct = (v, digits = 0) => (v == null ? null : v.toFixed(digits) + '%');

function cellText(td, text) {
  if (text == null) { td.textContent = '–'; td.className += ' none'; } else { td.textContent = text; }
}

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(url + ': HTTP ' + r.status + ' ' + (await r.text()));
  return r.json();
}

function renderWindows() {
  const nav = $('windows');
  nav.replaceChildren();
  for (const w of state.windows) {
    const b = document.createElement('button');
    b.textContent = 'last ' + w;
    b.dataset.window = w;
    b.setAttribute('aria-pressed', String(w === state.window));
    b.onclick = () => { state.window = w; renderWindows(); renderCells(); if (state.selected) showSeries(state.selected); };
    nav.append(b);
  }
}

const COLUMNS = [
  ['requests', 'requests', (w) => String(w.requests)],
  ['median', 'median TTFT', (w) => ms(w.ttftMedianMs)],
  ['p95', 'p95 TTFT', (w) => ms(w.ttftP95Ms)],
  ['cv', 'CV%', (w) => pct(w.ttftCvPct)],
  ['grade', 'grade', null],
  ['cold', 'cold starts', (w) => String(w.coldStarts)],
  ['errors', 'error rate', (w) => (w.requests ? pct(w.errorRatePct, 1) : null)],
  ['uptime', 'uptime', (w) => pct(w.uptimePct, 1)],
];

function renderCells(flashed = {}) {
  const root = $('models');
  const data = state.cells;
  if (!data || data.models.length === 0) {
    root.innerHTML = '<p class="empty">No samples in the last week yet: start a run or a probe on this store.</p>';
    return;
  }
  root.replaceChildren();
  for (const model of data.models) {
    const h = document.createElement('h2');
    h.textContent = model.model;
    const table = document.createElement('table');
    table.dataset.model = model.model;
    const head = table.createTHead().insertRow();
    for (const [key, label] of [['provider', 'provider'], ['region', 'region'], ...COLUMNS.map(([k, l]) => [k, l])]) {
      const th = document.createElement('th');
      th.textContent = label;
      th.dataset.figure = key;
      if (key === 'region') th.className = 'region';
      head.append(th);
    }
    const body = table.createTBody();
    for (const cell of model.cells) {
      const w = cell.windows[state.window];
      const tr = body.insertRow();
      tr.dataset.cell = cell.id;
      tr.dataset.provider = cell.provider;
      tr.dataset.region = cell.region;
      if (cell.id === state.selected) tr.classList.add('selected');
      if (flashed[cell.id]) tr.classList.add('flash');
      tr.onclick = () => showSeries(cell.id);
      cellText(tr.insertCell(), cell.provider);
      const region = tr.insertCell();
      region.className = 'region';
      cellText(region, cell.region || null);
      for (const [key, , format] of COLUMNS) {
        const td = tr.insertCell();
        td.dataset.figure = key;
        if (key === 'grade') {
          if (w.grade) {
            const span = document.createElement('span');
            span.className = 'grade grade-' + w.grade;
            span.textContent = w.grade;
            span.title = w.gradeLabel;
            td.append(span);
          } else { cellText(td, null); }
        } else {
          cellText(td, format(w));
        }
      }
    }
    root.append(h, table);
  }
}

async function refreshCells(flashed) {
  try {
    state.cells = await getJson('/api/cells');
    state.windows = state.cells.windows;
    if (!$('windows').childElementCount) renderWindows();
    renderCells(flashed);
    const status = $('status');
    if (state.cells.storeProblem) {
      status.dataset.state = 'problem';
      status.textContent = 'store unreachable, showing what was read: ' + state.cells.storeProblem;
    } else if (status.dataset.state !== 'connecting') {
      status.dataset.state = 'live';
      status.textContent = 'live · updated ' + new Date().toLocaleTimeString();
    }
  } catch (e) {
    $('status').dataset.state = 'problem';
    $('status').textContent = String(e.message || e);
  }
}

function destroyCharts() {
  for (const c of state.charts) c.destroy();
  state.charts = [];
}

async function showSeries(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll('tr[data-cell]')) tr.classList.toggle('selected', tr.dataset.cell === id);
  let s;
  try {
    s = await getJson('/api/cells/' + encodeURIComponent(id) + '/series?window=' + encodeURIComponent(state.window));
  } catch (e) {
    $('detail').hidden = false;
    $('detail-title').textContent = 'No samples for this cell in the last ' + state.window;
    $('detail-figures').textContent = '';
    destroyCharts();
    return;
  }
  const detail = $('detail');
  detail.hidden = false;
  detail.dataset.cell = id;
  $('detail-title').textContent = s.model + ' on ' + s.provider + (s.region ? ' from ' + s.region : '') + ', last ' + s.window;
  const f = s.figures;
  $('detail-figures').textContent = f.requests + ' requests · median ' + (ms(f.ttftMedianMs) ?? '–') + ' · p95 '
    + (ms(f.ttftP95Ms) ?? '–') + ' · ' + f.coldStarts + ' cold starts · ' + (f.requests ? pct(f.errorRatePct, 1) : '–') + ' errors';
  destroyCharts();
  const pts = [...s.points].sort((a, b) => a.startedAtMs - b.startedAtMs);
  const xs = pts.map((p) => p.startedAtMs / 1000);
  const warm = pts.map((p) => (p.ttftMs != null && !p.cold ? p.ttftMs : null));
  const cold = pts.map((p) => (p.ttftMs != null && p.cold ? p.ttftMs : null));
  const width = Math.min(640, Math.max(360, (document.body.clientWidth - 80) / 2));
  const dots = (stroke, fill) => ({ stroke, fill, paths: () => null, points: { show: true, size: 5, stroke, fill } });
  state.charts.push(new uPlot({
    width, height: 260,
    scales: { y: { distr: 3 } },
    axes: [{}, { label: 'TTFT (ms)' }],
    series: [{}, { label: 'warm', ...dots('#2463eb', '#2463eb') }, { label: 'cold', ...dots('#d92d20', '#d92d20') }],
  }, [xs, warm, cold], $('chart-series')));
  const bins = s.bins;
  state.charts.push(new uPlot({
    width, height: 260,
    scales: { x: { time: false, distr: 3 } },
    axes: [{ label: 'TTFT (ms)' }, { label: 'requests' }],
    series: [{ label: 'TTFT from' }, { label: 'requests', stroke: '#2463eb', fill: 'rgba(36,99,235,0.35)',
      paths: uPlot.paths.bars({ size: [0.9, Infinity], align: 1 }), points: { show: false } }],
  }, [bins.map((b) => b.fromMs), bins.map((b) => b.requests)], $('chart-histogram')));
}

function listen() {
  const events = new EventSource('/api/events');
  events.onopen = () => { $('status').dataset.state = 'live'; $('status').textContent = 'live'; };
  events.onerror = () => { $('status').dataset.state = 'problem'; $('status').textContent = 'reconnecting…'; };
  events.addEventListener('samples', async (e) => {
    const landed = JSON.parse(e.data);
    await refreshCells(landed.cells);
    if (state.selected && landed.cells[state.selected]) showSeries(state.selected);
  });
}

refreshCells().then(listen);
