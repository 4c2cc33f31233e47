// js/tape.js, the reader that rebuilds results from the tape written by src/tape.rs, on tapes
// written by hand: every code, strings cut from UTF-16 text, shapes kept between calls,
// `__proto__` as a plain key, and a corrupt tape; and writeTape, the way back in, with
// JSON.stringify's rules. (Whole reports are covered by the golden and API tests.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTape as readTapeWith, writeTape } from '../js/tape.js';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { corpusDir, ogi, pkgRoot, readCorpus, readExpected } from './helpers.mjs';

// readTape with no string dictionary in use (its own tests are below).
const readTape = (codes, text, ends, first, fresh, table) =>
  readTapeWith(codes, text, ends, first, fresh, table, [], new Uint32Array(0), 0, false);

const units = (s) => new Uint16Array([...s].flatMap((c) => {
  const u = c.codePointAt(0);
  return u < 0x10000 ? [u] : [0xd800 + ((u - 0x10000) >> 10), 0xdc00 + ((u - 0x10000) & 0x3ff)];
}));

test('every code reads back; strings are cut by their UTF-16 ends', () => {
  // strings: "总计" (2 units), "𠀀a" (3 units), "" (0 units)
  const text = units('总计𠀀a');
  const ends = new Uint32Array([2, 5, 5]);
  const tape = new Float64Array([
    6, 0, // object of shape 0: { row, cells, ok }
    4, 0, //   row: "总计"
    5, 4, //   cells: array of 4
    3, 81, 3, -0.5, 0, 4, 1, //     81, -0.5, null, "𠀀a"
    7, 2, //   ok: map of 2
    1, 1, //     "𠀀a": false
    2, 2, //     "": true
  ]);
  const v = readTape(tape, text, ends, 0, [['row', 'cells', 'ok']], []);
  assert.deepEqual(v, { row: '总计', cells: [81, -0.5, null, '𠀀a'], ok: { '𠀀a': false, '': true } });
  assert.deepEqual(Object.keys(v), ['row', 'cells', 'ok']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
});

test('shapes learnt once are used by later calls of the same instance, and only of it', () => {
  const none = new Uint16Array(0);
  const noEnds = new Uint32Array(0);
  const one = [];
  const two = [];
  readTape(new Float64Array([0]), none, noEnds, 0, [['x']], one);
  readTape(new Float64Array([0]), none, noEnds, 1, [['a'], ['b', 'c']], one);
  readTape(new Float64Array([0]), none, noEnds, 0, [['z'], ['y']], two);
  const tape = new Float64Array([5, 3, 6, 0, 3, 7, 6, 1, 1, 6, 2, 2, 0]);
  const v = readTape(tape, none, noEnds, 3, undefined, one);
  assert.deepEqual(v, [{ x: 7 }, { a: false }, { b: true, c: null }]);
  assert.deepEqual(Object.keys(v[2]), ['b', 'c']);
  assert.equal(one.length, 3);
  // The other instance numbers its shapes its own way, and knows no shape 2.
  assert.deepEqual(readTape(new Float64Array([5, 2, 6, 0, 0, 6, 1, 1]), none, noEnds, 2, undefined, two),
    [{ z: null }, { y: false }]);
  assert.throws(() => readTape(new Float64Array([6, 2, 0]), none, noEnds, 2, undefined, two),
    /corrupt result tape at 1/);
});

test('a struct key "__proto__" is an own property too, and keys keep their order', () => {
  const shapes = [];
  const v = readTape(new Float64Array([6, 0, 3, 1, 3, 2, 3, 3]), new Uint16Array(0), new Uint32Array(0), 0,
    [['z', '__proto__', '0']], shapes);
  assert.deepEqual(Object.keys(v), ['0', 'z', '__proto__']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(JSON.stringify(v), JSON.stringify(JSON.parse('{"z":1,"__proto__":2,"0":3}')));
});

test('where code generation is forbidden (a Content Security Policy), results are the same', () => {
  // A child Node that refuses `new Function`, as a page without 'unsafe-eval' does: every shape
  // is built by the loop instead of a compiled literal.
  const names = ['001_shuyang-county-gov-2025.md', '004_1d268c7f8e46725e.txt'];
  const script = `
    const assert = require('node:assert/strict');
    assert.throws(() => new Function('return 1'), EvalError);
    const ogi = require(${JSON.stringify(join(pkgRoot, 'pkg-node', 'ogi_report.js'))});
    const fs = require('node:fs');
    const out = {};
    for (const name of ${JSON.stringify(names)}) {
      const r = ogi.parse(new Uint8Array(fs.readFileSync(${JSON.stringify(corpusDir)} + '/' + name)));
      out[name] = { report: r, cells: ogi.cells(r), diagnostics: ogi.validate(r) };
    }
    process.stdout.write(JSON.stringify(out));`;
  const got = JSON.parse(execFileSync(process.execPath,
    ['--disallow-code-generation-from-strings', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  for (const name of names) {
    const r = ogi.parse(readCorpus(name));
    assert.deepStrictEqual(got[name].report, readExpected(name), name);
    assert.deepStrictEqual(got[name].cells, ogi.cells(r), name);
    assert.deepStrictEqual(got[name].diagnostics, ogi.validate(r), name);
  }
});

test('a map key "__proto__" is an own property, as JSON.parse makes it', () => {
  const tape = new Float64Array([7, 1, 0, 3, 1]);
  const v = readTape(tape, units('__proto__'), new Uint32Array([9]), 0, undefined, []);
  assert.deepEqual(Object.keys(v), ['__proto__']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(JSON.stringify(v), JSON.stringify(JSON.parse('{"__proto__":1}')));
});

test('dictionary strings (negative operands) are kept from one tape to the next, and emptied on reset', () => {
  const dict = [];
  const none = new Uint32Array(0);
  // Strings 0 and 1 of the text, "总计" and "其他", become the dictionary's strings 0 and 1
  // (operands -1 and -2).
  const one = readTapeWith(new Float64Array([5, 3, 4, -1, 4, -2, 4, -1]), units('总计其他'),
    new Uint32Array([2, 4]), 0, undefined, [], dict, new Uint32Array([0, 1]), 0, false);
  assert.deepEqual(one, ['总计', '其他', '总计']);
  // The next tape: a map with a key from the dictionary, and a value new to it, its string 2.
  const two = readTapeWith(new Float64Array([7, 2, -2, 4, -1, -3, 4, -3]), units('零'), new Uint32Array([1]), 0,
    undefined, [], dict, new Uint32Array([0]), 2, false);
  assert.deepEqual(two, { 其他: '总计', 零: '零' });
  assert.deepEqual(dict, ['总计', '其他', '零']);
  // A reset: the dictionary starts again with "x"; "长" is this tape's only.
  const three = readTapeWith(new Float64Array([5, 2, 4, -1, 4, 1]), units('x长'), new Uint32Array([1, 2]), 0,
    undefined, [], dict, new Uint32Array([0]), 0, true);
  assert.deepEqual(three, ['x', '长']);
  assert.deepEqual(dict, ['x']);
});

test('results stay right when the module empties its string dictionary, again and again', () => {
  // Every call hands cells() a report whose cells hold texts never seen before, of about 120
  // bytes (short enough for the dictionary): the module's dictionary (up to 1 MiB of strings)
  // fills every forty-odd calls and is emptied on both sides, and each call must still give
  // back exactly the texts it was given.
  const report = ogi.parse(readCorpus('004_1d268c7f8e46725e.txt'));
  const expected = ogi.cells(report);
  let seen = 0;
  for (let call = 0; call < 160; call++) {
    const copy = JSON.parse(JSON.stringify(report));
    let k = 0;
    const raws = [];
    for (const table of [copy.active_disclosure, copy.applications, copy.review_litigation]) {
      for (const row of table?.rows ?? []) {
        for (const cell of row.cells) {
          cell.raw = `${call}/${k++}/${'长'.repeat(38)}`;
          raws.push(cell.raw);
        }
      }
    }
    const got = ogi.cells(copy);
    assert.equal(got.length, expected.length);
    assert.deepEqual(got.map((c) => c.raw), raws, `call ${call}`);
    assert.deepEqual(got.map((c) => c.value), expected.map((c) => c.value));
    seen += raws.reduce((n, r) => n + Buffer.byteLength(r), 0);
  }
  assert.ok(seen > 3 * (1 << 20), `${seen} bytes of texts: enough to fill the dictionary three times`);
  // and the module reads ordinary reports as before
  assert.deepEqual(ogi.parse(readCorpus('004_1d268c7f8e46725e.txt')), report);
});

test('a corrupt tape throws, and the next one reads', () => {
  assert.throws(() => readTape(new Float64Array([5, 1, 9]), new Uint16Array(0), new Uint32Array(0), 0, undefined, []),
    /corrupt result tape at 2/);
  assert.equal(readTape(new Float64Array([3, 4]), new Uint16Array(0), new Uint32Array(0), 0, undefined, []), 4);
});

test('parse results are plain objects that survive many calls', () => {
  const bytes = readCorpus('004_1d268c7f8e46725e.txt');
  const first = JSON.stringify(ogi.parse(bytes));
  for (let k = 0; k < 50; k++) ogi.cells(ogi.parse(readCorpus('001_shuyang-county-gov-2025.md')));
  const r = ogi.parse(bytes);
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.equal(Object.getPrototypeOf(r.applications.rows[0].cells[0]), Object.prototype);
  assert.equal(JSON.stringify(r), first);
});

test('writeTape follows JSON.stringify: undefined left out of objects, null in arrays', () => {
  const [codes, text, ends] = writeTape({ a: undefined, b: [undefined, NaN, 'x'], f() {}, c: 'x' });
  // { b: [null, null, "x"], c: "x" } with "b", "x", "c" as strings 0, 1, 2
  assert.deepEqual([...codes], [7, 2, 0, 5, 3, 0, 0, 4, 1, 2, 4, 1]);
  assert.equal(text, 'bxc');
  assert.deepEqual([...ends], [1, 2, 3]);
});

test("writeTape takes an object's own enumerable keys in their order, as JSON.stringify does", () => {
  const base = { inherited: 'no' };
  const v = Object.create(base);
  v.b = 'x';
  v[2] = 'y';
  v.a = 'x';
  Object.defineProperty(v, 'hidden', { value: 'no', enumerable: false });
  v[Symbol('s')] = 'no';
  assert.equal(JSON.stringify(v), '{"2":"y","b":"x","a":"x"}');
  const [codes, text, ends] = writeTape(v);
  // { "2": "y", b: "x", a: "x" }: strings "2", "y", "b", "x", "a"
  assert.deepEqual([...codes], [7, 3, 0, 4, 1, 2, 4, 3, 4, 4, 3]);
  assert.equal(text, '2ybxa');
  assert.deepEqual([...ends], [1, 2, 3, 4, 5]);
});

test('writeTape writes the arrays of the keys it is told empty, at the depth it is told only', () => {
  const v = { d: ['x', 'y'], s: 'z', inner: { d: ['w'] } };
  // At depth 0: `d` empty; the `d` of the object one level down and the string `s` kept.
  const [codes, text] = writeTape(v, ['d', 's'], 0);
  // { d: [], s: "z", inner: { d: ["w"] } }: strings "d", "s", "z", "inner", "w"
  assert.deepEqual([...codes], [7, 3, 0, 5, 0, 1, 4, 2, 3, 7, 1, 0, 5, 1, 4, 4]);
  assert.equal(text, 'dszinnerw');
  // At depth 1 (the items of an array of reports): the items' `d`, not the outer one's.
  const [c1, t1] = writeTape([v], ['d'], 1);
  assert.deepEqual([...c1], [5, 1, 7, 3, 0, 5, 0, 1, 4, 2, 3, 7, 1, 0, 5, 1, 4, 4]);
  assert.equal(t1, 'dszinnerw');
  // Told nothing, everything is written, and the next call is told nothing either.
  const [c2, t2] = writeTape(v);
  assert.deepEqual([...c2], [7, 3, 0, 5, 2, 4, 1, 4, 2, 3, 4, 4, 5, 7, 1, 0, 5, 1, 4, 6]);
  assert.equal(t2, 'dxyszinnerw');
});

test("validate and cells do not read a report's diagnostics, nor cells its sections", () => {
  const r = ogi.parse(readCorpus('002_pingtan-2019.txt'));
  const junk = { ...r, diagnostics: [{ not: 'a diagnostic' }], sections: r.sections };
  assert.deepStrictEqual(ogi.validate(junk), ogi.validate(r));
  assert.deepStrictEqual(ogi.cells({ ...junk, sections: [1, 2] }), ogi.cells(r));
  assert.deepStrictEqual(ogi.validateSeries([junk, { ...r, sections: [null] }]), ogi.validateSeries([r, r]));
  // What is not an array is still read, and refused when it is not what a report holds.
  assert.throws(() => ogi.validate({ ...r, diagnostics: 'none' }), (e) => e.diagnostic?.code === 'E003');
});

test('writeTape refuses what JSON.stringify refuses', () => {
  assert.throws(() => writeTape({ n: 1n }), /BigInt/);
  const loop = { a: [] };
  loop.a.push(loop);
  assert.throws(() => writeTape(loop), /nested deeper than 200 levels/);
  // and the module says which argument was wrong
  assert.throws(() => ogi.validate(loop), (e) => e.diagnostic?.code === 'E003' && /nested deeper/.test(e.message));
});

test('validate and cells read a report, its JSON parsed back, and a copy with extra keys alike', () => {
  const r = ogi.parse(readCorpus('004_1d268c7f8e46725e.txt'));
  const back = JSON.parse(JSON.stringify(r));
  assert.deepEqual(ogi.validate(back), ogi.validate(r));
  assert.deepEqual(ogi.cells(back), ogi.cells(r));
  const extra = { ...back, note: 'checked by hand', meta: { ...back.meta, reviewer: undefined } };
  assert.deepEqual(ogi.cells(extra), ogi.cells(r));
  // A changed value is seen: the object is read, not remembered.
  const edited = JSON.parse(JSON.stringify(r));
  const row = edited.applications.rows.find((x) => x.row === '一、本年新收政府信息公开申请数量');
  row.cells[0].value += 1;
  const before = ogi.validate(r).length;
  assert.ok(ogi.validate(edited).length > before, 'the edit breaks a rule');
});

test('two instances of the module sharing the JS reader keep their own shapes', async () => {
  const { createRequire } = await import('node:module');
  const { join } = await import('node:path');
  const { pkgRoot, readExpected } = await import('./helpers.mjs');
  const require = createRequire(import.meta.url);
  const glue = join(pkgRoot, 'pkg-node', 'ogi_report.js');
  const first = require(glue);
  delete require.cache[require.resolve(glue)];
  const second = require(glue);
  assert.notEqual(first, second, 'a second instance');
  // Different first results, so the two instances number their shapes differently.
  const name = '004_1d268c7f8e46725e.txt';
  second.validate(second.parse('一、总体情况'));
  first.cells(first.parse(readCorpus('001_shuyang-county-gov-2025.md')));
  for (const m of [first, second, first]) {
    assert.equal(JSON.stringify(m.parse(readCorpus(name))), JSON.stringify(readExpected(name)));
  }
});
