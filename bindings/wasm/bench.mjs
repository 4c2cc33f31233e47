// Throughput of `parse` (and `parse` + `validate`) in Node over the corpus bytes, in MB/s.
//   node bench.mjs [seconds per figure] [pkg dir]      (after bash build.sh; default pkg-node)
// The native figures on the same bytes, same loop:
//   cargo test --release -p ogi-report-wasm --test native_bench -- --ignored --nocapture
//
// Each figure is taken after a warm-up of the same length: V8 first runs WebAssembly with its
// baseline compiler and moves hot functions to the optimising one while they run; a single
// warm-up pass measured a third of the settled speed on the small text reports.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const seconds = Number(process.argv[2] ?? 3);
const pkg = resolve(here, process.argv[3] ?? 'pkg-node');
const ogi = createRequire(import.meta.url)(join(pkg, 'ogi_report.js'));
const corpus = join(here, '..', '..', 'tests', 'corpus');
const names = readdirSync(corpus).filter((f) => !f.startsWith('.')).sort();
const load = (keep) => names.filter(keep).map((f) => new Uint8Array(readFileSync(join(corpus, f))));
const all = load(() => true);
const once = all.reduce((n, f) => n + f.length, 0);

function time(files, fn) {
  let bytes = 0;
  let s = 0;
  const t0 = process.hrtime.bigint();
  do {
    for (const f of files) { fn(f); bytes += f.length; }
    s = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (s < seconds);
  return [bytes, s];
}

function run(label, files, fn) {
  time(files, fn); // warm-up
  const [bytes, s] = time(files, fn);
  console.log(`${label.padEnd(34)} ${(bytes / 1e6).toFixed(1).padStart(6)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(1)} MB/s`);
}

console.log(`${pkg}: corpus ${all.length} files, ${(once / 1e3).toFixed(0)} kB (${names.filter((n) => n.endsWith('.html')).length} HTML pages)`);
const parse = (f) => ogi.parse(f);
run('parse(Uint8Array)', all, parse);
run('parse + validate', all, (f) => ogi.validate(ogi.parse(f)));
run('text files: parse', load((n) => !n.endsWith('.html')), parse);
run('HTML pages: parse', load((n) => n.endsWith('.html')), parse);
const texts = all.map((f) => new TextDecoder().decode(f));
let k = 0;
run('parse(string)', all, () => ogi.parse(texts[k++ % texts.length]));

const wasm = readFileSync(join(pkg, 'ogi_report_bg.wasm'));
console.log(`${pkg}/ogi_report_bg.wasm: ${wasm.length} B, gzip -9 ${gzipSync(wasm, { level: 9 }).length} B`);
