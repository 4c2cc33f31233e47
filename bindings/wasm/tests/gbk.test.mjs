// Bytes in GBK, Big5 and UTF-16 parse like the UTF-8 text they encode: same tables, same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { ogi, readCorpus } from './helpers.mjs';

const SEEDS = ['001_shuyang-county-gov-2025.md', '004_pingtan-2021.txt', '006_pingtan-2023.txt'];

/** Table contents without spans (byte offsets differ between encodings). */
function values(report) {
  return ['active_disclosure', 'applications', 'review_litigation'].map((k) =>
    report[k] &&
    report[k].rows.map((r) => [r.row, r.label, r.cells.map((c) => [c.column, c.value, c.unit, c.raw])]));
}

for (const name of SEEDS) {
  test(`GBK bytes of ${name} parse like its UTF-8 text`, () => {
    const text = new TextDecoder().decode(readCorpus(name));
    const gbk = new Uint8Array(iconv.encode(text, 'gbk'));
    assert.deepStrictEqual(iconv.decode(Buffer.from(gbk), 'gbk'), text, 'the seed is GBK-encodable');
    const fromGbk = ogi.parse(gbk);
    assert.equal(fromGbk.meta.encoding, 'GBK');
    const fromText = ogi.parse(text);
    assert.ok(fromText.applications, 'the text has table 3');
    assert.deepStrictEqual(values(fromGbk), values(fromText));
    assert.equal(fromGbk.meta.year, fromText.meta.year);
    assert.deepStrictEqual(ogi.parse(gbk, { encoding: 'gbk' }).applications, fromGbk.applications);
    // Spans point into the GBK bytes.
    const c = ogi.cells(fromGbk).find((x) => x.raw !== null && x.span_start !== null);
    assert.equal(iconv.decode(Buffer.from(gbk.slice(c.span_start, c.span_end)), 'gbk').trim(), c.raw);
  });
}

// The package decodes UTF-8, UTF-16, GBK/GB18030 and Big5 only: a label of another encoding is
// not obeyed, and a diagnostic says so.
test('a forced label of another encoding is reported and the encoding detected', () => {
  const text = new TextDecoder().decode(readCorpus(SEEDS[1]));
  const gbk = new Uint8Array(iconv.encode(text, 'gbk'));
  const r = ogi.parse(gbk, { encoding: 'shift_jis' });
  assert.equal(r.meta.encoding, 'GBK');
  const d001 = r.diagnostics.filter((d) => d.code === 'D001').map((d) => d.message);
  assert.equal(d001.length, 2, JSON.stringify(d001));
  assert.match(d001[0], /`shift_jis` ignored: unknown, or not one this build decodes/);
  assert.deepStrictEqual(values(r), values(ogi.parse(text)));
});

// Traditional reports: Big5 bytes, and UTF-16 with a byte order mark, read like the UTF-8 text
// (the Traditional label table matches the same rows; glosses and all).
const OTHER = [
  ['000_b9348fb859717f63.txt', 'big5', 'Big5'],
  ['000_b9348fb859717f63.txt', 'utf16le', 'UTF-16LE'],
  ['004_1d268c7f8e46725e.txt', 'utf16le', 'UTF-16LE'],
  ['004_1d268c7f8e46725e.txt', 'utf16be', 'UTF-16BE'],
  ['001_shuyang-county-gov-2025.md', 'utf16be', 'UTF-16BE'],
];

for (const [name, enc, label] of OTHER) {
  test(`${label} bytes of ${name} parse like its UTF-8 text`, () => {
    const text = new TextDecoder().decode(readCorpus(name));
    const bytes = new Uint8Array(iconv.encode(text, enc, { addBOM: enc.startsWith('utf16') }));
    assert.deepStrictEqual(iconv.decode(Buffer.from(bytes), enc), text, `the seed is ${label}-encodable`);
    const fromBytes = ogi.parse(bytes);
    const fromText = ogi.parse(text);
    assert.equal(fromBytes.meta.encoding, label);
    assert.equal(fromBytes.meta.script, fromText.meta.script);
    assert.ok(fromText.applications, 'the text has table 3');
    assert.deepStrictEqual(values(fromBytes), values(fromText));
    assert.deepStrictEqual([fromBytes.meta.year, fromBytes.meta.agency], [fromText.meta.year, fromText.meta.agency]);
  });
}
