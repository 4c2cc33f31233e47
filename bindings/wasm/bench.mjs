// Throughput of `parse` (and `parse` + `validate`) in Node over the corpus repeated to ~20 MB.
//   node bench.mjs [MB]      (after bash build.sh)
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const ogi = createRequire(import.meta.url)(join(here, 'pkg-node', 'ogi_report.js'));
const corpus = join(here, '..', '..', 'tests', 'corpus');
const files = readdirSync(corpus).sort().map((f) => new Uint8Array(readFileSync(join(corpus, f))));
const once = files.reduce((n, f) => n + f.length, 0);
const target = Number(process.argv[2] ?? 20) * 1e6;
const rounds = Math.max(1, Math.ceil(target / once));

function run(label, fn) {
  for (const f of files) fn(f); // warm-up
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < rounds; i++) for (const f of files) { fn(f); bytes += f.length; }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(28)} ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(1)} MB/s`);
}

const texts = files.map((f) => new TextDecoder().decode(f));
console.log(`corpus: ${files.length} files, ${(once / 1e3).toFixed(0)} kB, ${rounds} rounds`);
run('parse(Uint8Array)', (f) => ogi.parse(f));
let k = 0;
run('parse(string)', () => ogi.parse(texts[k++ % texts.length]));
run('parse + validate', (f) => ogi.validate(ogi.parse(f)));

for (const dir of ['pkg-node', 'pkg-web']) {
  const wasm = readFileSync(join(here, dir, 'ogi_report_bg.wasm'));
  console.log(`${dir}/ogi_report_bg.wasm: ${wasm.length} B, gzip -9 ${gzipSync(wasm, { level: 9 }).length} B`);
}
