//! The CLI over a folder of 500 synthetic reports and one unreadable entry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// The bench crate's generator, shared without a dependency on the bench crate.
#[path = "../../../benches/src/synth.rs"]
#[allow(dead_code)]
mod synth;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ogi-report"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

fn fresh_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes 500 reports in one sub-folder per layout, a file the glob skips, and a dangling
/// link named like a report. Returns the report paths, sorted.
fn make_folder(dir: &Path) -> Vec<PathBuf> {
    let seeds = synth::load_seeds(&corpus()).unwrap();
    assert_eq!(seeds.len(), 5);
    let mut paths = Vec::new();
    for s in synth::generate(&seeds, 500, 42) {
        let sub = dir.join(s.layout.name());
        std::fs::create_dir_all(&sub).unwrap();
        let p = sub.join(&s.name);
        std::fs::write(&p, &s.text).unwrap();
        paths.push(p);
    }
    std::fs::write(dir.join("notes.csv"), "not a report").unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("zz_missing.txt")).unwrap();
    paths.sort();
    paths
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn summary(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn folder_of_500_reports_streams_in_order_with_a_summary() {
    let dir = fresh_dir("folder_500");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let paths = make_folder(&input);
    let out2 = dir.join("out2.jsonl");
    let sum2 = dir.join("summary2.json");
    let o = run(&[
        "parse",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "--jobs",
        "2",
        "-o",
        out2.to_str().unwrap(),
        "--summary-json",
        sum2.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("zz_missing.txt"), "{stderr}");
    assert!(
        stderr.contains("files: 501 (500 parsed, 1 unreadable)"),
        "{stderr}"
    );

    // One record per file, in sorted path order, each naming its file.
    let jsonl = std::fs::read_to_string(&out2).unwrap();
    let files: Vec<String> = jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert!(v["meta"].is_object());
            v["file"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(files.len(), 500);
    assert_eq!(files, expected);

    // The summary agrees with the library run file by file.
    let mut templates = BTreeMap::<String, u64>::new();
    let mut rules = BTreeMap::<String, u64>::new();
    let (mut tables, mut with_errors) = (0u64, 0u64);
    for p in &paths {
        let r = ogi_report::parse_bytes(&std::fs::read(p).unwrap());
        let t = if r.meta.older_format {
            "older"
        } else {
            r.meta.template.map_or("unknown", |t| t.as_str())
        };
        *templates.entry(t.into()).or_default() += 1;
        tables += r.tables().count() as u64;
        let v = r.validate();
        for d in &v {
            *rules.entry(d.code.to_string()).or_default() += 1;
        }
        with_errors += u64::from(
            r.diagnostics
                .iter()
                .chain(&v)
                .any(|d| d.severity == ogi_report::Severity::Error),
        );
    }
    let s = summary(&sum2);
    assert_eq!(s["files"], 501);
    assert_eq!(s["parsed"], 500);
    assert_eq!(s["tables"], tables);
    assert!(
        tables >= 500,
        "the synthetic reports carry tables: {tables}"
    );
    assert_eq!(s["templates"], serde_json::to_value(&templates).unwrap());
    assert_eq!(s["rule_failures"], serde_json::to_value(&rules).unwrap());
    assert_eq!(s["reports_with_errors"], with_errors);
    let unreadable = s["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1);
    assert!(unreadable[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("zz_missing.txt"));

    // The same bytes whatever the number of jobs.
    let out1 = dir.join("out1.jsonl");
    let o = run(&[
        "parse",
        input.to_str().unwrap(),
        "--format",
        "jsonl",
        "-j",
        "1",
        "-q",
        "-o",
        out1.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stderr.is_empty() || String::from_utf8_lossy(&o.stderr).contains("zz_missing"));
    assert_eq!(std::fs::read(&out1).unwrap(), jsonl.as_bytes());

    // Cells: a header and one line per tidy cell of every report, each led by its file.
    let cells = dir.join("cells.csv");
    let o = run(&[
        "cells",
        input.to_str().unwrap(),
        "--format",
        "csv",
        "-q",
        "-o",
        cells.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = std::fs::read_to_string(&cells).unwrap();
    let n_cells: usize = paths
        .iter()
        .map(|p| {
            ogi_report::parse_bytes(&std::fs::read(p).unwrap())
                .cells()
                .len()
        })
        .sum();
    // A raw cell may hold a newline (quoted), so records are counted by their leading file.
    let prefix = input.display().to_string();
    let records = csv.lines().filter(|l| l.starts_with(&prefix)).count();
    assert_eq!(records, n_cells);
    assert!(csv.starts_with("file,table,row,column,value,unit,raw,span_start,span_end\n"));

    // Validate: exit 1 exactly when some report has an error.
    let o = run(&["validate", input.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(if with_errors > 0 { 1 } else { 0 }));
}

#[test]
fn glob_selects_files_and_nothing_readable_exits_2() {
    let dir = fresh_dir("nothing_readable");
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("b.md"), "一、总体情况\n").unwrap();
    let sum = dir.join("s.json");
    let o = run(&[
        "validate",
        dir.to_str().unwrap(),
        "--glob",
        "*.txt",
        "--summary-json",
        sum.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let s = summary(&sum);
    assert_eq!(s["files"], 1);
    assert_eq!(s["parsed"], 0);
    assert_eq!(s["unreadable"].as_array().unwrap().len(), 1);
    let o = run(&["parse", dir.to_str().unwrap(), "--glob", "*.md", "-q"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn one_file_prints_as_before_without_summary() {
    let f = corpus().join("002_4a9178fd99f7f697.txt");
    let o = run(&["parse", f.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0));
    let r = ogi_report::parse_bytes(&std::fs::read(&f).unwrap());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), r.to_json() + "\n");
    assert!(o.stderr.is_empty());
    let o = run(&["cells", f.to_str().unwrap(), "--format", "csv"]);
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("table,row,column,value,unit,raw,span_start,span_end\n"));
    assert_eq!(csv.lines().count(), 1 + r.cells().len());
}
