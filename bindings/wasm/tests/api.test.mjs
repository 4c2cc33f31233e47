// The JS surface: options in camelCase, errors with a diagnostic attached, validate/cells on
// returned objects and on their JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROKEN, ogi, readCorpus, value } from './helpers.mjs';

const SEED = readCorpus('001_shuyang-county-gov-2025.md');
const TEXT = new TextDecoder().decode(SEED);

function throwsWith(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, 'an Error object');
    assert.equal(e.name, 'OgiReportError');
    assert.equal(e.diagnostic.code, code);
    assert.equal(e.diagnostic.severity, 'error');
    assert.equal(e.diagnostic.message, e.message);
    return true;
  });
}

test('parse reads the table values of seed 001', () => {
  const r = ogi.parse(SEED);
  assert.equal(r.meta.template, '2021');
  assert.equal(value(r.applications, '一、本年新收政府信息公开申请数量', '总计'), 713);
  assert.equal(value(r.applications, '一、本年新收政府信息公开申请数量', '自然人'), 705);
  assert.equal(value(r.active_disclosure, '第二十条第（六）项/行政处罚', '本年处理决定数量'), 693957);
  // An amount keeps its exact decimal, as a string.
  const fee = r.active_disclosure.rows.find((x) => x.row === '第二十条第（八）项/行政事业性收费');
  assert.equal(fee.cells[0].value, '4068.208');
});

test('parse accepts no options, null, {} and every documented option', () => {
  const base = ogi.parse(SEED);
  assert.deepStrictEqual(ogi.parse(SEED, undefined), base);
  assert.deepStrictEqual(ogi.parse(SEED, null), base);
  assert.deepStrictEqual(ogi.parse(SEED, {}), base);
  for (const prose of ['as_written', 'clean', 'simplified']) {
    const r = ogi.parse(SEED, { prose, encoding: 'utf-8', html: false, maxInputBytes: 1 << 24 });
    assert.deepStrictEqual(r.applications, base.applications, prose);
  }
  assert.ok(Array.isArray(ogi.parse(SEED.buffer.slice(0)).diagnostics), 'an ArrayBuffer is bytes');
});

test('maxInputBytes cuts the input and says so (D003)', () => {
  const r = ogi.parse(SEED, { maxInputBytes: 100 });
  assert.ok(r.diagnostics.some((d) => d.code === 'D003'), JSON.stringify(r.diagnostics.map((d) => d.code)));
});

test('wrong arguments throw an OgiReportError carrying a diagnostic', () => {
  throwsWith(() => ogi.parse(42), 'E001');
  throwsWith(() => ogi.parse({ text: 'x' }), 'E001');
  throwsWith(() => ogi.parse(undefined), 'E001');
  throwsWith(() => ogi.parse('x', { prose: 'traditional' }), 'E002');
  throwsWith(() => ogi.parse('x', { Prose: 'clean' }), 'E002'); // keys are camelCase, unknown keys rejected
  throwsWith(() => ogi.parse('x', { max_input_bytes: 3 }), 'E002');
  throwsWith(() => ogi.parse('x', 'clean'), 'E002');
  throwsWith(() => ogi.validate({ meta: 1 }), 'E003');
  throwsWith(() => ogi.validate(null), 'E003');
  throwsWith(() => ogi.cells('report'), 'E003');
  throwsWith(() => ogi.validateSeries(ogi.parse(SEED)), 'E003');
  // The module is still usable after each of them.
  assert.equal(ogi.parse(SEED).meta.template, '2021');
});

test('validate and cells accept the returned object and its JSON alike', () => {
  const r = ogi.parse(SEED);
  const back = JSON.parse(JSON.stringify(r));
  assert.deepStrictEqual(ogi.validate(back), ogi.validate(r));
  assert.deepStrictEqual(ogi.cells(back), ogi.cells(r));
  const c = ogi.cells(r).find((x) => x.table === 3 && x.row === BROKEN.row && x.column === '总计');
  assert.equal(c.value, 713);
  assert.equal(new TextDecoder().decode(SEED.slice(c.span_start, c.span_end)), '713');
});

test('an amount written as a JS number reads as the decimal its string is', () => {
  const r = ogi.parse(SEED);
  const fee = (x) => x.active_disclosure.rows.find((row) => row.row === '第二十条第（八）项/行政事业性收费').cells[0];
  const asNumber = structuredClone(r);
  fee(asNumber).value = 4068.208;
  assert.deepStrictEqual(ogi.cells(asNumber), ogi.cells(r));
  assert.deepStrictEqual(ogi.validate(asNumber), ogi.validate(r));
  const c = ogi.cells(asNumber).find((x) => x.table === 2 && x.row === '第二十条第（八）项/行政事业性收费');
  assert.equal(c.value, '4068.208');
  // A count beyond 2^53 is read from its string too; a float option is refused with its name.
  const big = structuredClone(r);
  fee(big).value = 1e21;
  assert.equal(ogi.cells(big).find((x) => x.table === 2 && x.row === '第二十条第（八）项/行政事业性收费').value,
    '1000000000000000000000');
  throwsWith(() => ogi.parse('x', { maxInputBytes: 1.5 }), 'E002');
  assert.throws(() => ogi.parse('x', { maxInputBytes: 1.5 }), /invalid options: invalid type: string "1.5", expected u32/);
  assert.throws(() => ogi.parse('x', { html: 'yes' }), /invalid options: invalid type: string "yes", expected a boolean/);
});

test('validateSeries takes an array of reports', () => {
  const a = ogi.parse(SEED);
  const out = ogi.validateSeries([a, ogi.parse(readCorpus('004_pingtan-2021.txt'))]);
  assert.ok(Array.isArray(out));
  assert.deepStrictEqual(ogi.validateSeries([]), []);
});

test('a broken rule is reported with the cells it involves', () => {
  const r = ogi.parse(BROKEN.make(TEXT));
  assert.equal(value(r.applications, BROKEN.row, BROKEN.column), 714);
  const errors = ogi.validate(r).filter((d) => d.severity === 'error');
  // C2: 总计 714 ≠ 705 + 3 + 0 + 0 + 5 + 0 = 713, naming the 总计 cell and the six it sums.
  const c2 = errors.find((d) => d.code === 'V002');
  assert.ok(c2, JSON.stringify(errors, null, 1));
  assert.deepStrictEqual([c2.expected, c2.actual], ['713', '714']);
  assert.deepStrictEqual(c2.location, { section: 3, table: BROKEN.table, row: BROKEN.row, column: BROKEN.column });
  assert.equal(c2.cells.length, 7);
  assert.ok(c2.cells.every((c) => c.table === BROKEN.table && c.row === BROKEN.row), JSON.stringify(c2.cells));
  assert.ok(
    errors.some((d) => d.cells?.some((c) => c.table === BROKEN.table && c.row === BROKEN.row && c.column === BROKEN.column)),
    JSON.stringify(errors, null, 1),
  );
  assert.deepStrictEqual(ogi.validate(ogi.parse(SEED)).filter((d) => d.severity === 'error' && d.cells?.some((c) => c.row === BROKEN.row && c.column === BROKEN.column)), []);
});

test('version() is the crate version', () => {
  assert.match(ogi.version(), /^\d+\.\d+\.\d+/);
});
