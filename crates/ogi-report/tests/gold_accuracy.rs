//! Accuracy against the hand-checked gold answers (`tests/gold/`, and the PDF-text reports that
//! stay in `../shared/corpus/real/`): every gold cell is either exact, or wrong/missing *with a
//! diagnostic naming its row* — never silently wrong — and every file is exact (complete reports,
//! truncated pages, and the column-block PDF text alike).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ogi_report::Number;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Default, Debug)]
struct Score {
    total: usize,
    exact: usize,
    wrong: usize,
    missing: usize,
    silent: Vec<String>,
}

fn gold_value(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(
            s.parse::<rust_decimal::Decimal>()
                .map(|d| d.normalize().to_string())
                .unwrap_or(s.clone()),
        ),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => Some(v.to_string()),
    }
}

fn ours(v: &Option<Number>) -> Option<String> {
    v.map(|n| match n {
        Number::Int(i) => i.to_string(),
        Number::Decimal(d) => d.normalize().to_string(),
    })
}

fn score(input: &Path, gold: &Path) -> Option<Score> {
    let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gold).ok()?).ok()?;
    if g.get("template").and_then(|t| t.as_str()) == Some("older") {
        return None;
    }
    let bytes = std::fs::read(input).ok()?;
    let report = ogi_report::parse_bytes(&bytes);
    let diags = serde_json::to_string(&report.diagnostics).unwrap_or_default();
    let cells: HashMap<(u8, String, String), Option<String>> = report
        .cells()
        .into_iter()
        .map(|c| {
            (
                (c.table, c.row.into_owned(), c.column.into_owned()),
                ours(&c.value),
            )
        })
        .collect();
    let uncertain: Vec<(u64, String, Option<String>)> = g["uncertain"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|u| {
                    (
                        u["table"].as_u64().unwrap_or(0),
                        u["row"].as_str().unwrap_or("").to_string(),
                        u["column"].as_str().map(String::from),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut s = Score::default();
    for c in g["cells"].as_array().into_iter().flatten() {
        let t = c["table"].as_u64().unwrap_or(0);
        let row = c["row"].as_str().unwrap_or("").to_string();
        let col = c["column"].as_str().unwrap_or("").to_string();
        if uncertain
            .iter()
            .any(|(ut, ur, uc)| *ut == t && *ur == row && uc.as_ref().is_none_or(|x| *x == col))
        {
            continue;
        }
        s.total += 1;
        let want = gold_value(&c["value"]);
        let ok = match cells.get(&(t as u8, row.clone(), col.clone())) {
            Some(got) if *got == want => {
                s.exact += 1;
                true
            }
            Some(_) => {
                s.wrong += 1;
                false
            }
            None => {
                s.missing += 1;
                false
            }
        };
        if !ok && !diags.contains(&row) {
            s.silent.push(format!(
                "{t}|{row}|{col}: gold {want:?} got {:?}",
                cells.get(&(t as u8, row.clone(), col.clone()))
            ));
        }
    }
    Some(s)
}

/// Each corpus input with its gold file: `tests/gold` over `tests/corpus`, the PDF-text reports
/// of `../shared` when it is there, HTML pages only with the `html` feature.
fn gold_pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs: Vec<(PathBuf, PathBuf)> = Vec::new();
    for e in std::fs::read_dir(root().join("tests/gold"))
        .expect("tests/gold")
        .flatten()
    {
        let name = e
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".json")
            .to_string();
        pairs.push((root().join("tests/corpus").join(&name), e.path()));
    }
    // PDF-text reports are not redistributed with the project: read them from ../shared.
    let shared = root().join("../shared/corpus/real");
    let manifest = std::fs::read_to_string(shared.join("MANIFEST.tsv")).unwrap_or_default();
    let mut skipped = 0;
    for line in manifest.lines().skip(1) {
        let mut f = line.split('\t');
        let (name, via) = (f.next().unwrap_or(""), f.nth(1).unwrap_or(""));
        if via.starts_with("repository PDF") {
            let input = shared.join(name);
            if input.exists() {
                pairs.push((input, shared.join("gold").join(format!("{name}.json"))));
            } else {
                skipped += 1;
            }
        }
    }
    if manifest.is_empty() {
        eprintln!(
            "note: ../shared is absent; the PDF-text reports of the shared corpus are skipped"
        );
    } else if skipped > 0 {
        eprintln!("note: {skipped} PDF-text reports missing from ../shared were skipped");
    }
    if cfg!(not(feature = "html")) {
        pairs.retain(|(input, _)| input.extension().is_none_or(|e| e != "html"));
        eprintln!("note: HTML pages skipped (they need the `html` feature)");
        // The pages printed to PDF and read by `pdftotext` or `pypdf`'s layout mode, and the
        // Word files read by `antiword`: their labels wrapped beside another column's, around
        // their values or down their cells, need the `html` feature's readers; so do the Word
        // files pandoc wrote as markdown, their text in spans (`[23]{.underline}`).
        pairs.retain(|(input, _)| {
            !input.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.contains("_derived-")
                    && ["-pdf-", "-antiword", "-pandoc-"]
                        .iter()
                        .any(|k| n.contains(k))
            })
        });
    }
    pairs
}

#[test]
fn gold_cells_are_exact_or_diagnosed() {
    let pairs = gold_pairs();
    let mut failures = Vec::new();
    let (mut total, mut exact) = (0, 0);
    for (input, gold) in pairs {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(s) = score(&input, &gold) else {
            continue;
        };
        total += s.total;
        exact += s.exact;
        eprintln!(
            "{name}: {}/{} exact, {} wrong, {} missing, {} silent",
            s.exact,
            s.total,
            s.wrong,
            s.missing,
            s.silent.len()
        );
        if !s.silent.is_empty() {
            failures.push(format!(
                "{name}: silent errors: {:?}",
                &s.silent[..s.silent.len().min(5)]
            ));
        }
        if s.exact != s.total {
            failures.push(format!(
                "{name}: {}/{} exact, expected all",
                s.exact, s.total
            ));
        }
    }
    eprintln!("total: {exact}/{total} gold cells exact");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The year, agency and publication date the gold names are the ones read, in every file whose
/// gold names them (a truncated page without its title names no agency).
#[test]
fn gold_year_agency_and_date_are_read() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (input, gold) in gold_pairs() {
        let Ok(g) = std::fs::read_to_string(&gold) else {
            continue;
        };
        let g: serde_json::Value = serde_json::from_str(&g).expect("gold JSON");
        let Ok(bytes) = std::fs::read(&input) else {
            continue;
        };
        let m = ogi_report::parse_bytes(&bytes).meta;
        let name = input.file_name().unwrap_or_default().to_string_lossy();
        if let Some(y) = g["year"].as_u64() {
            checked += 1;
            if m.year.map(u64::from) != Some(y) {
                failures.push(format!("{name}: year {:?}, gold {y}", m.year));
            }
        }
        for (field, ours) in [("agency", &m.agency), ("published", &m.published)] {
            if let Some(want) = g[field].as_str() {
                checked += 1;
                if ours.as_deref() != Some(want) {
                    failures.push(format!("{name}: {field} {ours:?}, gold {want}"));
                }
            }
        }
    }
    eprintln!("{checked} gold fields checked");
    assert!(checked >= 40, "only {checked} gold fields checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
