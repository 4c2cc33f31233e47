// The ogi-report demo: parse in the page, render the three tables, mark the cells a rule of the
// template finds wrong. Loads the `--target web` build from ../pkg-web/ (bash build.sh).
import init, { parse, validate, cells, version } from '../pkg-web/ogi_report.js';

const $ = (id) => document.getElementById(id);
const TABLES = [
  ['active_disclosure', 2, '二、主动公开政府信息情况'],
  ['applications', 3, '三、收到和处理政府信息公开申请情况'],
  ['review_litigation', 4, '四、政府信息公开行政复议、行政诉讼情况'],
];
let current = null; // { report, name }

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

const cellKey = (table, row, column) => `${table}\u0000${row}\u0000${column}`;

/// Every diagnostic that names cells or a cell location, indexed by cell.
function cellFindings(diagnostics) {
  const byCell = new Map();
  const add = (key, d) => {
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key).push(d);
  };
  for (const d of diagnostics) {
    if (d.severity === 'info') continue;
    const refs = d.cells?.length
      ? d.cells
      : d.location?.table && d.location.row && d.location.column
        ? [d.location]
        : [];
    for (const c of refs) add(cellKey(c.table, c.row, c.column), d);
  }
  return byCell;
}

function formatValue(cell) {
  if (cell.value === null || cell.value === undefined) return cell.raw ? cell.raw : '—';
  return cell.unit ? `${cell.value} ${cell.unit}` : String(cell.value);
}

/// Consecutive rows with the same columns form one block (table 2 has five differently shaped blocks).
function blocks(rows) {
  const out = [];
  for (const r of rows) {
    const cols = r.cells.map((c) => c.column).join('\u0000');
    const last = out.at(-1);
    if (last && last.cols === cols) last.rows.push(r);
    else out.push({ cols, columns: r.cells.map((c) => c.column), rows: [r] });
  }
  return out;
}

function renderTable(table, number, title, findings) {
  const wrap = el('div', { class: 'table-wrap', 'data-table': String(number) });
  wrap.append(el('h3', {}, title, ' ', el('small', {}, `(${table.template} template)`)));
  for (const b of blocks(table.rows)) {
    const head = el('tr', {}, el('th', {}, ''), b.columns.map((c) => el('th', { scope: 'col' }, c)));
    const body = b.rows.map((r) =>
      el('tr', { class: r.subtotal ? 'subtotal' : null },
        el('th', { scope: 'row', title: r.label ? `as written: ${r.label}` : 'label not found' },
          r.row + (r.subtotal ? ' (subtotal)' : '')),
        r.cells.map((c) => {
          const found = r.subtotal ? [] : findings.get(cellKey(number, r.row, c.column)) ?? [];
          const severity = found.some((d) => d.severity === 'error') ? 'error' : found.length ? 'warning' : null;
          const title = found.map((d) => `${d.code}: ${d.message}`).join('\n') ||
            (c.raw !== null && c.raw !== undefined ? `raw: ${c.raw}` : 'absent');
          return el('td', {
            class: [c.value === null ? 'blank' : '', c.derived ? 'derived' : '', severity ? `rule-${severity}` : '']
              .filter(Boolean).join(' ') || null,
            'data-row': r.row,
            'data-column': c.column,
            title,
          }, formatValue(c));
        })));
    wrap.append(el('table', { class: 'report' }, el('thead', {}, head), el('tbody', {}, body)));
  }
  return wrap;
}

function renderMeta(meta) {
  const dl = $('meta');
  dl.replaceChildren();
  const rows = [
    ['title', meta.title], ['agency', meta.agency], ['year', meta.year], ['published', meta.published],
    ['template', meta.template ?? (meta.older_format ? 'pre-2019 format' : 'unknown')],
    ['script', meta.script], ['encoding', meta.encoding], ['layout', meta.layout],
    ['period', meta.period_start || meta.period_end ? `${meta.period_start ?? '?'} – ${meta.period_end ?? '?'}` : null],
    ['repairs', `${meta.repairs.pinyin_glosses} pinyin glosses removed, ${meta.repairs.mojibake_repaired} mojibake runs repaired, ${meta.repairs.mojibake_unrecoverable} unrecoverable`],
  ];
  for (const [k, v] of rows) dl.append(el('dt', {}, k), el('dd', { 'data-meta': k }, v === null || v === undefined ? '—' : String(v)));
}

function renderDiagnostics(list) {
  const ol = $('diagnostics');
  ol.replaceChildren(...list.map((d) => el('li', { class: d.severity, 'data-code': d.code },
    el('span', { class: 'code' }, d.code), ` ${d.severity}: ${d.message}`,
    d.expected !== undefined && d.expected !== null ? ` (expected ${d.expected}, found ${d.actual ?? '—'})` : '')));
  $('diag-count').textContent = `(${list.length})`;
}

function show(input, name) {
  const options = { prose: $('prose').value };
  const enc = $('encoding').value.trim();
  if (enc) options.encoding = enc;
  const t0 = performance.now();
  let report, rules;
  try {
    report = parse(input, options);
    rules = validate(report);
  } catch (e) {
    $('status').textContent = `error: ${e.message}`;
    return;
  }
  const ms = performance.now() - t0;
  const all = [...report.diagnostics, ...rules];
  const findings = cellFindings(all);
  renderMeta(report.meta);
  const tables = $('tables');
  tables.replaceChildren();
  for (const [key, number, title] of TABLES) {
    if (report[key]) tables.append(renderTable(report[key], number, title, findings));
    else tables.append(el('p', { class: 'missing', 'data-table': String(number) }, `${title}: not found`));
  }
  renderDiagnostics(all);
  $('output').hidden = false;
  $('download').disabled = false;
  current = { report, name };
  const failing = rules.filter((d) => d.severity === 'error').length;
  $('status').textContent = `parsed ${name} in ${ms.toFixed(1)} ms — ${failing} rule(s) broken`;
  document.body.dataset.parsed = String(Number(document.body.dataset.parsed ?? 0) + 1);
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function downloadCsv() {
  if (!current) return;
  const header = ['table', 'row', 'column', 'value', 'unit', 'raw', 'span_start', 'span_end'];
  const lines = [header.join(',')];
  for (const c of cells(current.report)) lines.push(header.map((k) => csvField(c[k])).join(','));
  // The BOM lets spreadsheet programs read the Chinese labels as UTF-8.
  const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
  const a = el('a', { href: URL.createObjectURL(blob), download: `${current.name.replace(/\.[^.]*$/, '')}.cells.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Bytes, not text: the parser detects GBK, Big5 and UTF-16 itself.
  show(bytes, file.name);
}

async function main() {
  await init();
  $('version').textContent = `v${version()}`;
  $('status').textContent = 'ready';
  document.body.dataset.ready = 'true';
  let timer;
  $('text').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => $('text').value.trim() && show($('text').value, 'pasted text'), 250);
  });
  $('parse').addEventListener('click', () => show($('text').value, 'pasted text'));
  $('file').addEventListener('change', (e) => e.target.files[0] && readFile(e.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) readFile(f);
  });
  $('download').addEventListener('click', downloadCsv);
}

main().catch((e) => {
  $('status').textContent = `failed to load the WebAssembly module: ${e.message}`;
});
