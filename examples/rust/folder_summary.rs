//! Parse every report in a folder and print what was found.
//!
//! ```text
//! cargo run --release -p ogi-report-examples --example folder_summary -- tests/corpus
//! ```
//!
//! Exits 1 when the folder holds files but no table could be read from any of them: for a
//! folder of annual reports that means something is wrong.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What a folder of reports holds.
#[derive(Debug, Default)]
pub struct FolderSummary {
    /// Files read.
    pub files: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Reports by template: `2019`, `2021`, `older`, `unknown`.
    pub templates: BTreeMap<&'static str, usize>,
    /// Tables found in all reports.
    pub tables: usize,
    /// Tidy cells in all reports.
    pub cells: usize,
    /// Findings of the template's rules, by code.
    pub failures: BTreeMap<String, usize>,
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Parse and validate every file under `dir` (recursively).
pub fn summarise(dir: &Path) -> FolderSummary {
    let mut paths = Vec::new();
    files_under(dir, &mut paths);
    paths.sort();
    let mut s = FolderSummary::default();
    for p in &paths {
        let Ok(bytes) = std::fs::read(p) else {
            s.unreadable += 1;
            continue;
        };
        let report = ogi_report::parse_bytes(&bytes);
        s.files += 1;
        let template = if report.meta.older_format {
            "older"
        } else {
            report.meta.template.map_or("unknown", |t| t.as_str())
        };
        *s.templates.entry(template).or_default() += 1;
        s.tables += report.tables().count();
        s.cells += report.cells().len();
        for d in report.validate() {
            *s.failures.entry(d.code.to_string()).or_default() += 1;
        }
    }
    s
}

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/corpus".into());
    let s = summarise(Path::new(&dir));
    println!("files: {} ({} unreadable)", s.files, s.unreadable);
    for (t, n) in &s.templates {
        println!("template {t}: {n}");
    }
    println!("tables: {}", s.tables);
    println!("cells: {}", s.cells);
    for (code, n) in &s.failures {
        println!("failures {code}: {n}");
    }
    if s.files > 0 && s.tables == 0 {
        eprintln!("no table found in {} files", s.files);
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
