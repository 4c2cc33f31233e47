#!/usr/bin/env bash
# Seed the fuzz corpora (fuzz/corpus/<target>/) from tests/corpus/ and garbled variants of it:
# GBK and Big5 bytes, pipes removed (glued digits), all blanks removed, UTF-8 read as GBK
# (mojibake); the splitter gets short digit strings in its own byte encoding. Existing corpus
# files are kept. Needs iconv and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
C=fuzz/corpus
mkdir -p "$C/parse_bytes" "$C/parse_validate" "$C/split_digits"
for f in tests/corpus/*; do
  b=$(basename "$f")
  cp -n "$f" "$C/parse_bytes/$b"
  case $b in *.html) ;; *) cp -n "$f" "$C/parse_validate/$b" ;; esac
  iconv -f utf-8 -t gbk//TRANSLIT "$f" > "$C/parse_bytes/$b.gbk" 2>/dev/null || true
  iconv -f utf-8 -t big5//TRANSLIT "$f" > "$C/parse_bytes/$b.big5" 2>/dev/null || true
  tr -d '|' < "$f" > "$C/parse_validate/$b.glued"
  { tr -d ' \t|' < "$f" || true; } | head -c 8000 > "$C/parse_bytes/$b.noblank"
done
python3 - "$C" <<'PY'
import pathlib, random, sys
c = pathlib.Path(sys.argv[1])
for f in sorted(pathlib.Path("tests/corpus").iterdir()):
    t = f.read_text(encoding="utf-8", errors="replace")[:6000]
    (c / "parse_bytes" / (f.name + ".moji")).write_text(
        t.encode("utf-8").decode("gbk", errors="replace"), encoding="utf-8")
# split_digits: byte 0 = arity - 1, byte 1 = rule, then digits 0-9 (10 = space, 11 = point).
random.seed(1)
for i in range(40):
    n, rule = random.randint(1, 16), random.randint(0, 2)
    body = bytes(random.randint(0, 9) for _ in range(random.randint(3, 60)))
    (c / "split_digits" / f"seed{i:02}").write_bytes(bytes([n - 1, rule]) + body)
PY
echo "corpora: $(ls $C/parse_bytes | wc -l) parse_bytes, $(ls $C/parse_validate | wc -l) parse_validate, $(ls $C/split_digits | wc -l) split_digits"
