// Throughput of `parse` (and `parse` + `validate`) in Node over the corpus bytes, in MB/s.
//   node bench.mjs [seconds per figure] [pkg dir]      (after bash build.sh; default pkg-node)
//   node bench.mjs [seconds] [pkg dir] --vs-native [pairs]
// The second form also runs the native build on the same bytes (the `native_bench` test of
// this crate, built with cargo) in alternation with Node, `pairs` times (default 5), and prints
// the ratio Node ÷ native of each pair, their median and the best figures of both: on a shared
// machine, a pair taken within seconds sees the same load. The native figures alone:
//   cargo test --release -p ogi-report-wasm --test native_bench -- --ignored --nocapture
//
// Each figure is taken after a warm-up of the same length: V8 first runs WebAssembly with its
// baseline compiler and moves hot functions to the optimising one while they run; a single
// warm-up pass measured a third of the settled speed on the small text reports.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = args.indexOf('--vs-native');
const pairs = flag < 0 ? 0 : Number(args[flag + 1] ?? 5) || 5;
const positional = flag < 0 ? args : args.slice(0, flag);
const seconds = Number(positional[0] ?? 3);
const pkg = resolve(here, positional[1] ?? 'pkg-node');
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
  return bytes / 1e6 / s;
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

if (pairs > 0) {
  // The native test binary, built (or found built) by cargo.
  const root = resolve(here, '..', '..');
  const built = execFileSync('cargo', ['test', '--release', '-p', 'ogi-report-wasm', '--test',
    'native_bench', '--no-run', '--message-format=json'], { cwd: root, encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'] });
  const exe = built.split('\n').filter((l) => l.includes('"executable"'))
    .map((l) => JSON.parse(l).executable).find((e) => e);
  const native = () => {
    // About as long as each Node figure (≈ 100 MB/s natively), so that both sides of a pair
    // see the machine over the same stretch of time.
    const mb = String(Math.max(40, Math.round(seconds * 100)));
    const out = execFileSync(exe, ['native_throughput_on_the_corpus', '--exact', '--ignored',
      '--nocapture'], { env: { ...process.env, BENCH_MB: mb }, encoding: 'utf8' });
    const rate = (label) => Number(out.match(new RegExp(`^${label} +[\\d.]+ MB in [\\d.]+ s = ([\\d.]+) MB/s`, 'm'))?.[1]);
    return [rate('parse_bytes'), rate('parse_bytes \\+ validate')];
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`\nNode vs native on the same bytes, ${pairs} pairs (native: ${exe.replace(root + '/', '')})`);
  const rows = [];
  for (let p = 1; p <= pairs; p++) {
    const [nParse, nValidate] = native();
    const jParse = time(all, parse);
    const jValidate = time(all, (f) => ogi.validate(ogi.parse(f)));
    const r = [nParse, jParse[0] / 1e6 / jParse[1], nValidate, jValidate[0] / 1e6 / jValidate[1]];
    rows.push(r);
    console.log(`pair ${p}: parse ${r[1].toFixed(1)} / ${r[0].toFixed(1)} MB/s = ${(r[1] / r[0]).toFixed(2)}×   parse + validate ${r[3].toFixed(1)} / ${r[2].toFixed(1)} MB/s = ${(r[3] / r[2]).toFixed(2)}×`);
  }
  const best = (k) => Math.max(...rows.map((r) => r[k]));
  console.log(`parse: median ratio ${median(rows.map((r) => r[1] / r[0])).toFixed(2)}×, best Node ${best(1).toFixed(1)} MB/s ÷ best native ${best(0).toFixed(1)} MB/s = ${(best(1) / best(0)).toFixed(2)}×`);
  console.log(`parse + validate: median ratio ${median(rows.map((r) => r[3] / r[2])).toFixed(2)}×, best ${best(3).toFixed(1)} ÷ ${best(2).toFixed(1)} MB/s = ${(best(3) / best(2)).toFixed(2)}×`);
}
