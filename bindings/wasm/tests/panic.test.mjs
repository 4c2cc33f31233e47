// A panic aborts a WebAssembly instance (wasm32 builds use panic = "abort"). The module's panic
// hook schedules a fresh instance, so the call that panicked throws and the next call works.
// The core is written never to panic; this uses the `test-panic` build (pkg-node-test-panic/,
// made by run-tests.sh), whose only difference is an export that panics on purpose while the
// result writer's shape registry is borrowed, as a panic in the middle of writing a result
// would: on the old instance every later call would then fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pkgRoot, readCorpus, readExpected } from './helpers.mjs';

const glue = join(pkgRoot, 'pkg-node-test-panic', 'ogi_report.js');

test('a panic fails its own call only; the module goes on parsing', { skip: existsSync(glue) ? false : `${glue} is missing: run FEATURES=test-panic TARGETS=nodejs bash build.sh` }, () => {
  const ogi = createRequire(import.meta.url)(glue);
  const name = '004_1d268c7f8e46725e.txt';
  const want = JSON.stringify(readExpected(name));
  assert.equal(JSON.stringify(ogi.parse(readCorpus(name))), want);
  for (let k = 0; k < 3; k++) {
    assert.throws(() => ogi.panicForTests(), WebAssembly.RuntimeError);
    // the next calls run on a fresh instance, shapes and all
    assert.equal(JSON.stringify(ogi.parse(readCorpus(name))), want);
    const r = ogi.parse(readCorpus('001_shuyang-county-gov-2025.md'));
    assert.equal(ogi.validate(r).length, ogi.validate(JSON.parse(JSON.stringify(r))).length);
  }
});
