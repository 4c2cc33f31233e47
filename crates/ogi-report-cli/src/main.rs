//! `ogi-report`: parse, tidy and validate government information disclosure annual reports.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ogi_report::{Diagnostic, Options, Prose, Report, Severity};

#[derive(Parser)]
#[command(
    name = "ogi-report",
    version,
    about = "Parse and validate 政府信息公开工作年度报告 into typed data"
)]
struct Cli {
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
    /// Input files (`-` for standard input).
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
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ParseFormat {
    /// One pretty JSON document per file.
    Json,
    /// One JSON object per line per file.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CellsFormat {
    /// One JSON object per cell.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DiagFormat {
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
    },
}

fn read_input(p: &PathBuf) -> io::Result<Vec<u8>> {
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

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_cells(
    out: &mut dyn Write,
    report: &Report,
    format: CellsFormat,
    file: &str,
    multi: bool,
) -> io::Result<()> {
    for c in report.cells() {
        match format {
            CellsFormat::Jsonl => {
                let mut v = serde_json::to_value(&c).unwrap_or_default();
                if multi {
                    if let Some(o) = v.as_object_mut() {
                        o.insert("file".into(), file.into());
                    }
                }
                writeln!(out, "{v}")?;
            }
            CellsFormat::Csv => {
                let f = |o: Option<String>| o.unwrap_or_default();
                let mut fields = vec![
                    c.table.to_string(),
                    csv_field(&c.row),
                    csv_field(&c.column),
                    f(c.value.map(|v| v.to_string())),
                    csv_field(&f(c.unit.clone())),
                    csv_field(&f(c.raw.clone())),
                    f(c.span_start.map(|v| v.to_string())),
                    f(c.span_end.map(|v| v.to_string())),
                ];
                if multi {
                    fields.insert(0, csv_field(file));
                }
                writeln!(out, "{}", fields.join(","))?;
            }
        }
    }
    Ok(())
}

fn human(d: &Diagnostic, file: &str) -> String {
    let sev = match d.severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    };
    let at = d
        .span
        .map(|s| format!(" @{}..{}", s.start, s.end))
        .unwrap_or_default();
    format!("{file}{at}: {sev}[{}] {}", d.code, d.message)
}

fn run(cli: Cli) -> io::Result<ExitCode> {
    let (common, kind) = match &cli.cmd {
        Cmd::Parse { common, .. } => (common, 0),
        Cmd::Cells { common, .. } => (common, 1),
        Cmd::Validate { common, .. } => (common, 2),
    };
    let opts = options(common);
    let mut out: Box<dyn Write> = match &common.output {
        Some(p) => Box::new(io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let multi = common.files.len() > 1;
    let mut any_error = false;
    let mut unreadable = 0;
    if let Cmd::Cells {
        format: CellsFormat::Csv,
        ..
    } = &cli.cmd
    {
        writeln!(
            out,
            "{}table,row,column,value,unit,raw,span_start,span_end",
            if multi { "file," } else { "" }
        )?;
    }
    for p in &common.files {
        let name = p.display().to_string();
        let bytes = match read_input(p) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("ogi-report: {name}: {e}");
                unreadable += 1;
                continue;
            }
        };
        let report = ogi_report::parse_bytes_with(&bytes, &opts);
        match &cli.cmd {
            Cmd::Parse { format, .. } => match format {
                ParseFormat::Json => writeln!(out, "{}", report.to_json_pretty())?,
                ParseFormat::Jsonl => writeln!(out, "{}", report.to_json())?,
            },
            Cmd::Cells { format, .. } => write_cells(&mut out, &report, *format, &name, multi)?,
            Cmd::Validate { format, .. } => {
                let mut diags = report.diagnostics.clone();
                diags.extend(report.validate());
                any_error |= diags.iter().any(|d| d.severity == Severity::Error);
                match format {
                    DiagFormat::Human => {
                        for d in &diags {
                            writeln!(out, "{}", human(d, &name))?;
                        }
                    }
                    DiagFormat::Json => {
                        let v = serde_json::json!({ "file": name, "diagnostics": diags });
                        writeln!(out, "{v}")?;
                    }
                }
            }
        }
    }
    out.flush()?;
    let _ = kind;
    if unreadable > 0 && unreadable == common.files.len() {
        return Ok(ExitCode::from(2));
    }
    Ok(if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ogi-report: {e}");
            ExitCode::from(2)
        }
    }
}
