//! `ogi-report`: parse, tidy and validate government information disclosure annual reports,
//! one file or folders of them (the work is in the crate's library, `ogi_report_cli`).

/// mimalloc: the parser allocates many small blocks (cells, rows, diagnostics), which it serves
/// faster than the system allocator, on one thread and on many (feature `mimalloc`, default).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io;
use std::process::ExitCode;

use clap::Parser;
use ogi_report_cli::{run, Cli};

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
