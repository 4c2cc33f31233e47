//! The pieces of the `ogi-report` command line: its arguments, the per-file work (parse,
//! validate, render) and the folder run. A library so that the binary stays a few lines and
//! the benches (`benches/benches/cli.rs`) time the per-file work the binary does; it is not a
//! stable API of its own (use the `ogi-report` crate).
//!
//! Folder runs are built for a year of reports (10⁵ files, over a gigabyte): paths are found
//! and sorted first, then read and parsed in parallel in bounded chunks, and each chunk's
//! output is written in path order before the next chunk starts. Output is therefore the same
//! whatever `--jobs` is, and memory holds one chunk's reports, never the whole run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressStyle};
use ogi_report::{Diagnostic, Options, Prose, Report, Severity, TidyCell};
use rayon::prelude::*;
use serde::Serialize;

/// The command line.
#[derive(Parser)]
#[command(
    name = "ogi-report",
    version,
    about = "Parse and validate 政府信息公开工作年度报告 into typed data"
)]
pub struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ProseArg {
    /// Section text as written.
    AsWritten,
    /// Pinyin glosses removed, mojibake repaired.
    Clean,
    /// Cleaned and converted to Simplified script.
    Simplified,
}

#[derive(clap::Args)]
struct Common {
    /// Input files or folders (`-` for standard input); folders are walked recursively.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Force an input encoding (WHATWG label: gbk, big5, utf-16le, …).
    #[arg(long)]
    encoding: Option<String>,
    /// How section text is returned.
    #[arg(long, value_enum, default_value = "as-written")]
    prose: ProseArg,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// File name patterns taken from folders, comma-separated.
    #[arg(long, default_value = "*.txt,*.md,*.html,*.htm")]
    glob: String,
    /// Parallel jobs (default: all cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Also write the run's summary as JSON to this file.
    #[arg(long)]
    summary_json: Option<PathBuf>,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

/// The formats of `parse`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ParseFormat {
    /// One pretty JSON document per file.
    Json,
    /// One JSON object per line per file.
    Jsonl,
}

/// The formats of `cells`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CellsFormat {
    /// One JSON object per cell.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

/// The formats of `validate`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiagFormat {
    /// Human-readable lines.
    Human,
    /// JSON.
    Json,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the parsed report as JSON.
    Parse {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "json")]
        format: ParseFormat,
    },
    /// Print one tidy cell per line: table,row,column,value,unit,raw,span_start,span_end.
    Cells {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: CellsFormat,
    },
    /// Print the parser's and the rules' diagnostics; exit 1 when any is an error.
    Validate {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: DiagFormat,
        /// Check the cross-year rules (C6, C12, C13) over the reports given (e.g. a folder of one
        /// agency's reports, any order) instead of each report's own rules.
        #[arg(long)]
        series: bool,
    },
}

/// What is printed per file.
#[derive(Clone, Copy)]
pub enum Job {
    /// `parse`: the report as JSON.
    Parse(ParseFormat),
    /// `cells`: one record per tidy cell.
    Cells(CellsFormat),
    /// `validate`: the parser's and the rules' diagnostics.
    Validate(DiagFormat),
}

/// The run's totals, printed on standard error and written by `--summary-json`.
#[derive(Default, Serialize)]
struct Summary {
    /// Files found (readable or not).
    files: usize,
    /// Files read and parsed.
    parsed: usize,
    /// Reports by template: `2019`, `2021`, `older` (pre-2019 format), `unknown`.
    templates: BTreeMap<String, usize>,
    /// Tables found, all reports together.
    tables: usize,
    /// Findings of the template's rules (`Report::validate`) by code.
    rule_failures: BTreeMap<&'static str, usize>,
    /// The parser's own diagnostics by code.
    parse_diagnostics: BTreeMap<&'static str, usize>,
    /// Reports with at least one error-severity diagnostic.
    reports_with_errors: usize,
    /// Files that could not be read, with the reason.
    unreadable: Vec<Unreadable>,
}

#[derive(Serialize)]
struct Unreadable {
    file: String,
    error: String,
}

/// One file's contribution: its rendered output and what the summary counts.
pub struct Outcome {
    /// What is written for the file.
    pub out: Vec<u8>,
    template: &'static str,
    tables: usize,
    rules: Vec<&'static str>,
    parse_diags: Vec<&'static str>,
    has_error: bool,
}

fn read_input(p: &Path) -> io::Result<Vec<u8>> {
    if p.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(p)
    }
}

fn options(c: &Common) -> Options {
    let mut o = Options::default().with_prose(match c.prose {
        ProseArg::AsWritten => Prose::AsWritten,
        ProseArg::Clean => Prose::Clean,
        ProseArg::Simplified => Prose::Simplified,
    });
    if let Some(e) = &c.encoding {
        o = o.with_encoding(e.clone());
    }
    o
}

/// A tidy cell's JSON line with the file it came from leading it (`cells --format jsonl` over
/// several files): the cell's own JSON (`TidyCell`'s fields in their order, as every surface
/// writes them) after a `file` key.
#[derive(Serialize)]
struct FileCell<'a> {
    file: &'a str,
    #[serde(flatten)]
    cell: &'a TidyCell,
}

/// A CSV writer into `out`: RFC 4180 quoting where a field needs it, `\n` after each record.
fn csv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out)
}

/// Write `report`'s tidy cells to `out`, one JSON object or CSV record each, led by the file's
/// name when the run has several files.
fn write_cells(
    out: &mut Vec<u8>,
    report: &Report,
    format: CellsFormat,
    file: &str,
    multi: bool,
) -> io::Result<()> {
    let cells = report.cells();
    match format {
        CellsFormat::Jsonl => {
            for cell in &cells {
                if multi {
                    serde_json::to_writer(&mut *out, &FileCell { file, cell })?;
                } else {
                    serde_json::to_writer(&mut *out, cell)?;
                }
                out.push(b'\n');
            }
        }
        CellsFormat::Csv => {
            let mut w = csv_writer(out);
            let mut table = itoa::Buffer::new();
            let (mut start, mut end) = (itoa::Buffer::new(), itoa::Buffer::new());
            let mut value = String::new();
            for c in &cells {
                if multi {
                    w.write_field(file)?;
                }
                value.clear();
                if let Some(v) = c.value {
                    // Writing to a `String` cannot fail.
                    let _ = write!(value, "{v}");
                }
                w.write_field(table.format(c.table))?;
                w.write_field(c.row.as_ref())?;
                w.write_field(c.column.as_ref())?;
                w.write_field(&value)?;
                w.write_field(c.unit.as_deref().unwrap_or_default())?;
                w.write_field(c.raw.as_deref().unwrap_or_default())?;
                w.write_field(c.span_start.map_or("", |v| start.format(v)))?;
                w.write_field(c.span_end.map_or("", |v| end.format(v)))?;
                w.write_record(None::<&[u8]>)?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// A diagnostic's line of `validate`: `FILE @START..END: SEVERITY[CODE] MESSAGE`, written in
/// its pieces (the span's offsets by `itoa`), not formatted.
fn write_human(out: &mut Vec<u8>, d: &Diagnostic, file: &str) {
    let sev = match d.severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    };
    out.extend_from_slice(file.as_bytes());
    if let Some(s) = d.span {
        let mut n = itoa::Buffer::new();
        out.extend_from_slice(b" @");
        out.extend_from_slice(n.format(s.start).as_bytes());
        out.extend_from_slice(b"..");
        out.extend_from_slice(n.format(s.end).as_bytes());
    }
    out.extend_from_slice(b": ");
    out.extend_from_slice(sev.as_bytes());
    out.push(b'[');
    out.extend_from_slice(d.code.as_str().as_bytes());
    out.extend_from_slice(b"] ");
    out.extend_from_slice(d.message.as_bytes());
    out.push(b'\n');
}

fn template_of(r: &Report) -> &'static str {
    if r.meta.older_format {
        "older"
    } else {
        r.meta.template.map_or("unknown", |t| t.as_str())
    }
}

/// Parse one file's bytes and render what `job` prints for it.
pub fn process(bytes: &[u8], name: &str, opts: &Options, job: Job, multi: bool) -> Outcome {
    let report = ogi_report::parse_bytes_with(bytes, opts);
    let rules = report.validate();
    let has_error = report
        .diagnostics
        .iter()
        .chain(&rules)
        .any(|d| d.severity == Severity::Error);
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render(&mut out, &report, &rules, name, job, multi);
    Outcome {
        out,
        template: template_of(&report),
        tables: report.tables().count(),
        rules: rules.iter().map(|d| d.code.as_str()).collect(),
        parse_diags: report.diagnostics.iter().map(|d| d.code.as_str()).collect(),
        has_error,
    }
}

/// A report's JSON line with the file it came from leading it (`parse --format jsonl` over
/// several files): the report's own JSON (`Report::to_json`) after a `file` key.
#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

/// One file's line of `validate --format json`.
#[derive(Serialize)]
struct FileDiagnostics<'a> {
    file: &'a str,
    diagnostics: Vec<&'a Diagnostic>,
}

fn render(
    out: &mut Vec<u8>,
    report: &Report,
    rules: &[Diagnostic],
    name: &str,
    job: Job,
    multi: bool,
) -> io::Result<()> {
    match job {
        Job::Parse(ParseFormat::Json) => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            out.push(b'\n');
        }
        Job::Parse(ParseFormat::Jsonl) => {
            if multi {
                serde_json::to_writer(&mut *out, &FileReport { file: name, report })?;
            } else {
                serde_json::to_writer(&mut *out, report)?;
            }
            out.push(b'\n');
        }
        Job::Cells(format) => write_cells(out, report, format, name, multi)?,
        Job::Validate(format) => {
            let diags = report.diagnostics.iter().chain(rules);
            match format {
                DiagFormat::Human => {
                    for d in diags {
                        write_human(out, d, name);
                    }
                }
                DiagFormat::Json => {
                    let line = FileDiagnostics {
                        file: name,
                        diagnostics: diags.collect(),
                    };
                    serde_json::to_writer(&mut *out, &line)?;
                    out.push(b'\n');
                }
            }
        }
    }
    Ok(())
}

fn glob_set(patterns: &str) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        b.add(Glob::new(p)?);
    }
    b.build()
}

/// One input to read: a path, or an error met while walking a folder.
enum Input {
    File(PathBuf),
    WalkError(String, String),
}

/// Expand folders into their matching files, sorted; files and `-` are kept as given.
fn expand(inputs: &[PathBuf], globs: &GlobSet) -> Vec<Input> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" || !input.is_dir() {
            out.push(Input::File(input.clone()));
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(input).follow_links(false) {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(input).display().to_string();
                    out.push(Input::WalkError(path, e.to_string()));
                    continue;
                }
            };
            let ft = entry.file_type();
            if ft.is_dir() {
                continue;
            }
            // A link to a folder is not followed (no cycles); a dangling link is kept, so
            // that it is reported as unreadable rather than silently missed.
            if ft.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
                continue;
            }
            let matches = globs.is_match(entry.file_name()) || globs.is_match(entry.path());
            if matches {
                found.push(entry.into_path());
            }
        }
        found.sort();
        out.extend(found.into_iter().map(Input::File));
    }
    out
}

fn progress(total: usize, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} files ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

fn print_summary(s: &Summary) {
    let mut e = io::stderr().lock();
    let _ = writeln!(
        e,
        "files: {} ({} parsed, {} unreadable)",
        s.files,
        s.parsed,
        s.unreadable.len()
    );
    let t: Vec<String> = s
        .templates
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let _ = writeln!(e, "reports by template: {}", t.join(", "));
    let _ = writeln!(e, "tables found: {}", s.tables);
    let r: Vec<String> = s
        .rule_failures
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let _ = writeln!(
        e,
        "rule failures by code: {}",
        if r.is_empty() {
            "none".to_string()
        } else {
            r.join(", ")
        }
    );
    let _ = writeln!(e, "reports with errors: {}", s.reports_with_errors);
    for u in &s.unreadable {
        let _ = writeln!(e, "unreadable: {}: {}", u.file, u.error);
    }
}

/// What every command needs: options, the expanded inputs, and the worker pool.
struct Setup {
    opts: Options,
    inputs: Vec<Input>,
    jobs: usize,
    pool: rayon::ThreadPool,
}

fn setup(common: &Common) -> io::Result<Setup> {
    let globs = glob_set(&common.glob)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("--glob: {e}")))?;
    let inputs = expand(&common.files, &globs);
    let jobs = common
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(io::Error::other)?;
    Ok(Setup {
        opts: options(common),
        inputs,
        jobs,
        pool,
    })
}

/// `-o FILE`, or standard output.
fn open_output(common: &Common) -> io::Result<Box<dyn Write>> {
    Ok(match &common.output {
        Some(p) => Box::new(io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    })
}

/// Run a command; the exit code: 0, 1 when `validate` found an error, 2 when nothing was
/// parsed.
pub fn run(cli: Cli) -> io::Result<ExitCode> {
    let (common, job) = match &cli.cmd {
        Cmd::Parse { common, format } => (common, Job::Parse(*format)),
        Cmd::Cells { common, format } => (common, Job::Cells(*format)),
        Cmd::Validate {
            common,
            format,
            series: true,
        } => return run_series(common, *format),
        Cmd::Validate { common, format, .. } => (common, Job::Validate(*format)),
    };
    let Setup {
        opts,
        inputs,
        jobs,
        pool,
    } = setup(common)?;
    let folder_run = common.files.iter().any(|p| p.is_dir());
    let multi = inputs.len() > 1 || folder_run;
    let mut out = open_output(common)?;
    if let Job::Cells(CellsFormat::Csv) = job {
        writeln!(
            out,
            "{}table,row,column,value,unit,raw,span_start,span_end",
            if multi { "file," } else { "" }
        )?;
    }

    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    let bar = progress(inputs.len(), common.quiet);
    // Enough files per chunk to keep every job busy, few enough to bound memory.
    let chunk = jobs.saturating_mul(16).max(16);
    for part in inputs.chunks(chunk) {
        let results: Vec<(String, Result<Outcome, String>)> = pool.install(|| {
            part.par_iter()
                .map(|input| match input {
                    Input::WalkError(path, e) => (path.clone(), Err(e.clone())),
                    Input::File(p) => {
                        let name = p.display().to_string();
                        let r = read_input(p)
                            .map(|b| process(&b, &name, &opts, job, multi))
                            .map_err(|e| e.to_string());
                        (name, r)
                    }
                })
                .collect()
        });
        for (name, r) in results {
            bar.inc(1);
            match r {
                Err(error) => {
                    bar.suspend(|| eprintln!("ogi-report: {name}: {error}"));
                    summary.unreadable.push(Unreadable { file: name, error });
                }
                Ok(o) => {
                    out.write_all(&o.out)?;
                    summary.parsed += 1;
                    *summary.templates.entry(o.template.into()).or_default() += 1;
                    summary.tables += o.tables;
                    for c in o.rules {
                        *summary.rule_failures.entry(c).or_default() += 1;
                    }
                    for c in o.parse_diags {
                        *summary.parse_diagnostics.entry(c).or_default() += 1;
                    }
                    summary.reports_with_errors += usize::from(o.has_error);
                }
            }
        }
    }
    out.flush()?;
    bar.finish_and_clear();

    if let Some(p) = &common.summary_json {
        let json = serde_json::to_string_pretty(&summary).map_err(io::Error::other)?;
        std::fs::write(p, json + "\n")?;
    }
    if inputs.is_empty() {
        eprintln!("ogi-report: no input file matched {}", common.glob);
    }
    if multi && !common.quiet {
        print_summary(&summary);
    }
    if summary.parsed == 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(match job {
        Job::Validate(_) if summary.reports_with_errors > 0 => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

/// `validate --series`: parse every input, then check the rules that compare years.
fn run_series(common: &Common, format: DiagFormat) -> io::Result<ExitCode> {
    let Setup {
        opts, inputs, pool, ..
    } = setup(common)?;
    let parsed: Vec<Result<ogi_report::Report, String>> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| match input {
                Input::WalkError(path, e) => Err(format!("{path}: {e}")),
                Input::File(p) => read_input(p)
                    .map(|b| ogi_report::parse_bytes_with(&b, &opts))
                    .map_err(|e| format!("{}: {e}", p.display())),
            })
            .collect()
    });
    let mut reports = Vec::new();
    for r in parsed {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => eprintln!("ogi-report: {e}"),
        }
    }
    if reports.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let diags = ogi_report::validate_series(&reports);
    let mut out = open_output(common)?;
    match format {
        DiagFormat::Human => {
            let mut lines = Vec::new();
            for d in &diags {
                write_human(&mut lines, d, "series");
            }
            out.write_all(&lines)?;
        }
        DiagFormat::Json => writeln!(
            out,
            "{}",
            serde_json::json!({ "reports": reports.len(), "diagnostics": diags })
        )?,
    }
    out.flush()?;
    if !common.quiet {
        eprintln!(
            "series: {} reports, {} findings",
            reports.len(),
            diags.len()
        );
    }
    Ok(if diags.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV field as the first CLI quoted it: in quotes, its quotes doubled, when it holds a
    /// comma, a quote or a line break.
    fn csv_field_reference(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }

    /// `cells --format csv` as first written (each record's fields formatted, quoted and
    /// joined): the reference the csv crate's output is held to.
    fn cells_csv_reference(report: &Report, file: &str, multi: bool) -> String {
        let mut out = String::new();
        for c in report.cells() {
            let f = |o: Option<String>| o.unwrap_or_default();
            let mut fields = vec![
                c.table.to_string(),
                csv_field_reference(&c.row),
                csv_field_reference(&c.column),
                f(c.value.map(|v| v.to_string())),
                csv_field_reference(c.unit.as_deref().unwrap_or_default()),
                csv_field_reference(c.raw.as_deref().unwrap_or_default()),
                f(c.span_start.map(|v| v.to_string())),
                f(c.span_end.map(|v| v.to_string())),
            ];
            if multi {
                fields.insert(0, csv_field_reference(file));
            }
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }

    fn corpus() -> Vec<(String, Vec<u8>)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("tests/corpus")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        assert!(paths.len() >= 30, "the bundled corpus is in tests/corpus");
        paths
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read(p).expect("read")))
            .collect()
    }

    fn cells_of(report: &Report, format: CellsFormat, file: &str, multi: bool) -> String {
        let mut out = Vec::new();
        write_cells(&mut out, report, format, file, multi).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Every corpus report's CSV is the reference's, byte for byte, with and without the file
    /// column (a file name with a comma and a quote among them).
    #[test]
    fn cells_csv_is_the_reference_on_the_corpus() {
        let mut cells = 0;
        for (name, bytes) in corpus() {
            let report = ogi_report::parse_bytes(&bytes);
            cells += report.cells().len();
            for (file, multi) in [(name.as_str(), true), ("a,\"b\".txt", true), ("", false)] {
                assert_eq!(
                    cells_of(&report, CellsFormat::Csv, file, multi),
                    cells_csv_reference(&report, file, multi),
                    "{name}"
                );
            }
        }
        assert!(cells > 2000, "{cells} cells");
    }

    /// A field that needs quotes gets them as the reference gave them; one that does not,
    /// none: commas, quotes, line breaks, a lone `\r`, spaces, `#`, an empty field.
    #[test]
    fn csv_quoting_is_the_reference() {
        let mut report = ogi_report::parse_bytes(b"");
        let mut row = ogi_report::Row {
            row: "第二十条/规章".into(),
            label: None,
            span: None,
            subtotal: false,
            cells: Vec::new(),
        };
        for text in [
            "a,b", "a\"b", "\"", "a\nb", "a\rb", "\r", " lead", "trail ", "#x", "", "万元",
            "1,234", "x\r\n", "；，",
        ] {
            let mut cell = ogi_report::Cell::absent(text.to_string());
            cell.raw = Some(text.into());
            cell.unit = Some(text.to_string().into());
            row.cells.push(cell);
        }
        report.active_disclosure = Some(ogi_report::Table {
            kind: ogi_report::TableKind::ActiveDisclosure,
            template: None,
            span: ogi_report::Span::new(0, 0),
            rows: vec![row],
        });
        for multi in [false, true] {
            assert_eq!(
                cells_of(&report, CellsFormat::Csv, "x\r.txt", multi),
                cells_csv_reference(&report, "x\r.txt", multi)
            );
        }
    }

    /// A JSON line is the cell's own JSON (`TidyCell`'s fields in their order) after the file's
    /// key, or the cell's JSON alone for a single file; and reads back as the cell.
    #[test]
    fn cells_jsonl_is_each_cells_json_after_its_file() {
        for (name, bytes) in corpus().into_iter().take(12) {
            let report = ogi_report::parse_bytes(&bytes);
            let cells = report.cells();
            let file_key = format!(
                "{{\"file\":{},",
                serde_json::to_string(&name).expect("name")
            );
            let multi = cells_of(&report, CellsFormat::Jsonl, &name, true);
            let single = cells_of(&report, CellsFormat::Jsonl, &name, false);
            assert_eq!(multi.lines().count(), cells.len(), "{name}");
            assert_eq!(single.lines().count(), cells.len(), "{name}");
            for ((m, s), c) in multi.lines().zip(single.lines()).zip(&cells) {
                let own = serde_json::to_string(c).expect("cell");
                assert_eq!(s, own);
                assert_eq!(m.strip_prefix(&file_key), own.strip_prefix('{'), "{name}");
                let back: TidyCell = serde_json::from_str(m).expect("a cell");
                assert_eq!(&back, c);
            }
        }
    }
}
