// Shared by the node tests: the built package, the shared corpus and its golden files.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const pkgRoot = join(here, '..');
export const repoRoot = join(pkgRoot, '..', '..');
export const corpusDir = join(repoRoot, 'tests', 'corpus');
export const expectedDir = join(repoRoot, 'tests', 'expected');

const nodePkg = join(pkgRoot, 'pkg-node', 'ogi_report.js');
if (!existsSync(nodePkg)) {
  throw new Error(`${nodePkg} is missing: run bash bindings/wasm/build.sh first`);
}
/** The `--target nodejs` build. */
export const ogi = createRequire(import.meta.url)(nodePkg);

/** Corpus file names, sorted. */
export const corpusFiles = readdirSync(corpusDir).filter((f) => !f.startsWith('.')).sort();

export const readCorpus = (name) => new Uint8Array(readFileSync(join(corpusDir, name)));
export const readExpected = (name) =>
  JSON.parse(readFileSync(join(expectedDir, `${name}.json`), 'utf8'));

/** The committed findings of `validate` on a corpus file (tests/expected/validate/<name>.json). */
export const readExpectedFindings = (name) =>
  JSON.parse(readFileSync(join(expectedDir, 'validate', `${name}.json`), 'utf8'));

/** The value at a canonical row and column of a table object, as `Table::value` does. */
export function value(table, row, column) {
  const r = table?.rows.find((x) => x.row === row && !x.subtotal);
  return r?.cells.find((c) => c.column === column)?.value ?? null;
}

/** A deterministic xorshift generator: the random inputs are the same on every run. */
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Seed 001 (2021 template, markdown) with one 总计 changed so that rule C2 breaks. */
export const BROKEN = {
  seed: '001_shuyang-county-gov-2025.md',
  table: 3,
  row: '一、本年新收政府信息公开申请数量',
  column: '总计',
  make(text) {
    const from = '| 705 | 3 | 0 | 0 | 5 | 0 | 713 |';
    if (!text.includes(from)) throw new Error('seed 001 changed: update BROKEN');
    return text.replace(from, '| 705 | 3 | 0 | 0 | 5 | 0 | 714 |');
  },
};
