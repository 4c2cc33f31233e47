// The TypeScript surface: types/report.d.ts is what the generator makes of the committed schema
// (drift check), the package's .d.ts declares the API with those types, and tsc accepts a typed
// usage file (tests/usage.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../scripts/gen-types.mjs';
import { pkgRoot } from './helpers.mjs';

test('types/report.d.ts is generated from the committed schema (no drift)', async () => {
  const committed = readFileSync(join(pkgRoot, 'types', 'report.d.ts'), 'utf8');
  assert.equal(committed, await generate(), 'run node bindings/wasm/scripts/gen-types.mjs');
});

test('the package .d.ts declares the API over the generated types', () => {
  for (const dir of ['pkg-web', 'pkg-node']) {
    const dts = readFileSync(join(pkgRoot, dir, 'ogi_report.d.ts'), 'utf8');
    for (const want of [
      'export interface Report {',
      'export interface TidyCell {',
      'export interface Diagnostic {',
      'export interface ParseOptions {',
      'export function parse(input: string | Uint8Array, options?: ParseOptions | null): Report;',
      'export function validate(report: Report): Diagnostic[];',
      'export function cells(report: Report): TidyCell[];',
      'export function validateSeries(reports: Report[]): Diagnostic[];',
    ]) {
      assert.ok(dts.includes(want), `${dir}/ogi_report.d.ts lacks: ${want}`);
    }
  }
});

test('tsc type-checks tests/usage.ts against the built package', () => {
  const tsc = join(pkgRoot, 'node_modules', '.bin', 'tsc');
  try {
    execFileSync(tsc, ['-p', join(pkgRoot, 'tests', 'tsconfig.json')], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
