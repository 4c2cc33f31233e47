// One expected-output truth: every corpus file parses in WebAssembly to exactly the golden JSON
// that the Rust golden test checks (tests/expected/<name>.json), and `validate` finds in it
// exactly what the Rust golden test finds (tests/expected/validate/<name>.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFiles, ogi, readCorpus, readExpected, readExpectedFindings } from './helpers.mjs';

for (const name of corpusFiles) {
  test(`golden: ${name} (bytes)`, () => {
    assert.deepStrictEqual(ogi.parse(readCorpus(name)), readExpected(name));
  });
}

for (const name of corpusFiles) {
  test(`golden: validate finds in ${name} what the Rust golden test finds`, () => {
    const r = ogi.parse(readCorpus(name));
    assert.deepStrictEqual(ogi.validate(r), readExpectedFindings(name));
    // The report's JSON parsed back, as a page would send it, is validated alike.
    assert.deepStrictEqual(ogi.validate(JSON.parse(JSON.stringify(r))), readExpectedFindings(name));
  });
}

test('golden: the report object is its JSON (a JSON round trip changes nothing)', () => {
  for (const name of corpusFiles) {
    const r = ogi.parse(readCorpus(name));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(r)), r, name);
  }
});

test('golden: UTF-8 text parses like its bytes', () => {
  for (const name of corpusFiles) {
    const bytes = readCorpus(name);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    assert.deepStrictEqual(ogi.parse(text), ogi.parse(bytes), name);
  }
});

test('golden: cells() gives one tidy record per value cell of the golden tables', () => {
  for (const name of corpusFiles) {
    const want = [];
    const exp = readExpected(name);
    const tables = [
      [2, exp.active_disclosure],
      [3, exp.applications],
      [4, exp.review_litigation],
    ];
    for (const [n, t] of tables) {
      for (const r of t?.rows ?? []) {
        if (r.subtotal) continue;
        for (const c of r.cells) {
          want.push({
            table: n, row: r.row, column: c.column, value: c.value, unit: c.unit, raw: c.raw,
            span_start: c.span?.start ?? null, span_end: c.span?.end ?? null,
          });
        }
      }
    }
    assert.deepStrictEqual(ogi.cells(ogi.parse(readCorpus(name))), want, name);
  }
});
