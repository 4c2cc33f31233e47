//! Every report of `tests/corpus/` written in the other scripts people publish in reads to the
//! same table values: OpenCC's Traditional (`s2t`), Taiwan (`s2tw`), Taiwan with its vocabulary
//! (`s2twp`: `資訊` for `信息`, `檔案` for `文件`, `專案` for `项目`) and Hong Kong (`s2hk`)
//! conversions, and the Traditional text saved as Big5, where the tone-marked vowels of pinyin
//! glosses (`衛(wèi)`), which Big5 lacks, became `?` (`衛(w?i)`).
//!
//! The conversions are opencc-fmmseg's, the narrative converter of the `t2s` feature.
#![cfg(feature = "t2s")]

use std::collections::BTreeMap;
use std::path::Path;

use ogi_report::{Report, TidyCell};

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/corpus") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.ends_with(".html") && cfg!(not(feature = "html")) {
            continue;
        }
        // Every corpus file is UTF-8 (the tests of other encodings make their bytes).
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((name, text));
        }
    }
    out.sort();
    assert!(
        out.len() >= 30,
        "tests/corpus holds {} UTF-8 files",
        out.len()
    );
    out
}

/// The report's value cells by (table, row, column).
fn values(r: &Report) -> BTreeMap<(u8, String, String), Option<String>> {
    r.cells()
        .into_iter()
        .map(|c: TidyCell| {
            (
                (c.table, c.row.to_string(), c.column.to_string()),
                c.value.map(|v| v.to_string()),
            )
        })
        .collect()
}

fn differences(
    want: &BTreeMap<(u8, String, String), Option<String>>,
    got: &BTreeMap<(u8, String, String), Option<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in want {
        match got.get(k) {
            Some(g) if g == v => {}
            Some(g) => out.push(format!("{}|{}|{}: {v:?} → {g:?}", k.0, k.1, k.2)),
            None => out.push(format!("{}|{}|{}: {v:?} → absent", k.0, k.1, k.2)),
        }
    }
    for k in got.keys().filter(|k| !want.contains_key(*k)) {
        out.push(format!("{}|{}|{}: extra", k.0, k.1, k.2));
    }
    out
}

/// `text` as Big5 bytes, each character Big5 lacks written `?` (what a lossy save makes of it).
fn big5_lossy(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut memo: std::collections::HashMap<char, Option<Vec<u8>>> = Default::default();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let bytes = memo.entry(c).or_insert_with(|| {
            let (b, _, unmappable) = encoding_rs::BIG5.encode(c.encode_utf8(&mut buf));
            (!unmappable).then(|| b.into_owned())
        });
        match bytes {
            Some(b) => out.extend_from_slice(b),
            None => out.push(b'?'),
        }
    }
    out
}

#[test]
fn other_scripts_read_to_the_same_values() {
    let cc = opencc_fmmseg::OpenCC::new();
    let mut failures = Vec::new();
    let mut checked = 0usize;
    let mut cells = 0usize;
    for (name, text) in corpus() {
        let original = ogi_report::parse(&text);
        // A report before the 2019 template has no fixed tables to hold to.
        if original.meta.older_format {
            continue;
        }
        let want = values(&original);
        cells += want.values().filter(|v| v.is_some()).count();
        for config in ["s2t", "s2tw", "s2twp", "s2hk"] {
            let converted = cc.convert(&text, config, false);
            let got = values(&ogi_report::parse(&converted));
            checked += 1;
            let diff = differences(&want, &got);
            if !diff.is_empty() {
                failures.push(format!("{name} ({config}): {}", diff.join("; ")));
            }
            if config == "s2t" {
                let got = values(&ogi_report::parse_bytes(&big5_lossy(&converted)));
                checked += 1;
                let diff = differences(&want, &got);
                if !diff.is_empty() {
                    failures.push(format!("{name} (s2t, Big5): {}", diff.join("; ")));
                }
            }
        }
    }
    assert!(cells > 4000, "the corpus holds {cells} values");
    assert!(
        failures.is_empty(),
        "{} of {checked} variants differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_gloss_whose_tone_big5_lost_is_removed() {
    // 衛(wèi)生 saved as Big5: the gloss reads `(w?i)` and is removed for matching like `(wèi)`.
    let text = "青島市衛(w?i)生健康委員會2020年政府信息公開工作年度報告\n一、總(z?ng)體情況\n";
    let bytes = big5_lossy(text);
    let r = ogi_report::parse_bytes(&bytes);
    assert_eq!(r.meta.encoding, "Big5");
    assert_eq!(r.meta.repairs.pinyin_glosses, 2);
    assert_eq!(r.meta.agency.as_deref(), Some("青岛市卫生健康委员会"));
    assert_eq!(r.meta.year, Some(2020));
    // No lost lead byte is read into the `?` of a gloss.
    assert_eq!(r.meta.repairs.mojibake_repaired, 0);
    assert_eq!(r.meta.repairs.mojibake_unrecoverable, 0);
}
