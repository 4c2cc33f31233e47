// Hostile and malformed input returns a report with diagnostics, never an exception, and the
// module stays usable (a panic would abort the WebAssembly instance: the core must not panic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ogi, readCorpus, rng } from './helpers.mjs';

const SEED = readCorpus('004_pingtan-2021.txt');
const baseline = ogi.parse(SEED);

function survives(input, label) {
  let r;
  assert.doesNotThrow(() => { r = ogi.parse(input); }, label);
  assert.ok(r && typeof r.meta === 'object' && Array.isArray(r.diagnostics), label);
  assert.doesNotThrow(() => ogi.validate(r), label);
  assert.doesNotThrow(() => ogi.cells(r), label);
  return r;
}

test('random bytes parse to reports', () => {
  const next = rng(0x5eed);
  for (let i = 0; i < 200; i++) {
    const n = next() % 4096;
    const bytes = new Uint8Array(n);
    for (let j = 0; j < n; j++) bytes[j] = next() & 0xff;
    survives(bytes, `random #${i} (${n} bytes)`);
  }
});

test('random slices and splices of a real report parse to reports', () => {
  const next = rng(42);
  for (let i = 0; i < 100; i++) {
    const a = next() % SEED.length;
    const b = a + (next() % (SEED.length - a));
    const bytes = new Uint8Array([...SEED.subarray(0, a), ...SEED.subarray(b), ...SEED.subarray(a, b)]);
    // Cut anywhere, even inside a UTF-8 sequence.
    survives(bytes.subarray(0, next() % (bytes.length + 1)), `splice #${i}`);
  }
});

test('empty input and a lone BOM give a report whose diagnostics say what is missing', () => {
  for (const input of ['', new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe])]) {
    const r = survives(input, JSON.stringify([...(typeof input === 'string' ? [] : input)]));
    assert.equal(r.applications, null);
    assert.ok(r.diagnostics.length > 0, 'an empty report says its tables are absent');
  }
});

test('megabytes of pipes, digits, headings and glued numbers', () => {
  const mb = 1 << 20;
  const cases = {
    pipes: '|'.repeat(4 * mb),
    'pipe rows': '| 1 | 2 | 3 |\n'.repeat(mb / 8),
    digits: '7'.repeat(4 * mb),
    headings: '三、收到和处理政府信息公开申请情况\n'.repeat(mb / 16),
    'table labels': '本年新收政府信息公开申请数量 1 2 3 4 5 6 7 '.repeat(mb / 32),
    'html tags': '<table><tr><td rowspan="99999" colspan="99999">'.repeat(mb / 32),
  };
  for (const [label, text] of Object.entries(cases)) survives(text, label);
});

test('invalid UTF-8 in a string-like Uint8Array and lone surrogates in a string', () => {
  survives(new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]), 'bad utf-8');
  survives('\ud800 一、总体情况 \udfff', 'lone surrogates');
});

test('the module still parses a real report the same way after all of the above', () => {
  assert.deepStrictEqual(ogi.parse(SEED), baseline);
});
