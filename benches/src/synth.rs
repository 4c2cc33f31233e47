//! A seeded, deterministic generator of synthetic annual reports.
//!
//! The five seed reports (`tests/corpus/00[0-4]_<hash>.txt`) are the templates: three are
//! Traditional with pinyin glosses (`領(lǐng)`), two Simplified; between them they use pipe rows,
//! one cell per line with `|` separator lines, and tab-indented cells. A seed is cut into the
//! prose before its tables, the table region (from `二、主动公开政府信息情况` to the `五、` heading)
//! and the prose after. The table region is read into rows of cells, whatever its layout, and
//! rendered again in any of six layouts.
//!
//! Numbers are varied *consistently*: every cell that is a whole number (or decimal amount) is
//! multiplied by one factor per report. Every rule of the template is linear (sums, differences,
//! `≤`), so a report whose seed satisfied a rule still does after scaling, and one that broke it
//! still breaks it. Numbers glued to text (`1.属于国家秘密`, `2019年`, `168.61万元`) are left alone.
//! Many real reports are all zeros, which no factor changes, so an offset is also added where it
//! keeps every rule: in table 3 to the 自然人 and 总计 columns of rows 一、本年新收, （一）予以公开
//! and （七）总计 (C1, C2, C3 all still hold); in table 4 to 结果维持 and 总计 of each group (C8).
//!
//! This module uses the standard library only, so that other crates' tests can include it with
//! `#[path]` without depending on the bench crate.

use std::path::{Path, PathBuf};

/// A small, fast, seeded generator (SplitMix64); deterministic on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// The layouts a synthetic report's tables are rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SynthLayout {
    /// `| a | b | c |` rows.
    Pipe,
    /// One cell per line (`a |`), rows separated by a line holding `|`.
    CellPerLine,
    /// One tab-indented cell per line, rows separated by a blank line.
    Tab,
    /// Markdown tables with a `|---|` rule after each table's first row.
    Markdown,
    /// PDF-extracted text: a row's cells separated by spaces, page furniture (`- 2 -`) between.
    PdfText,
    /// A whole table on one line, cells separated by single spaces.
    Flattened,
}

/// Every layout, in a fixed order.
pub const LAYOUTS: [SynthLayout; 6] = [
    SynthLayout::Pipe,
    SynthLayout::CellPerLine,
    SynthLayout::Tab,
    SynthLayout::Markdown,
    SynthLayout::PdfText,
    SynthLayout::Flattened,
];

impl SynthLayout {
    /// A short name for bench ids and file names.
    pub fn name(self) -> &'static str {
        match self {
            SynthLayout::Pipe => "pipe",
            SynthLayout::CellPerLine => "cell_per_line",
            SynthLayout::Tab => "tab",
            SynthLayout::Markdown => "markdown",
            SynthLayout::PdfText => "pdf_text",
            SynthLayout::Flattened => "flattened",
        }
    }
}

/// One piece of a seed's table region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (`三、收到和处理政府信息公开申请情况`), kept as written.
    Heading(String),
    /// One table row, cells trimmed.
    Row(Vec<String>),
}

/// A seed report cut into prose and table rows.
#[derive(Debug, Clone)]
pub struct Seed {
    /// File name of the seed.
    pub name: String,
    /// True when the seed is written in Traditional script.
    pub traditional: bool,
    /// Text before the table region.
    pub before: String,
    /// The table region as headings and rows.
    pub blocks: Vec<Block>,
    /// Text from the `五、` heading on.
    pub after: String,
}

fn is_table_heading(line: &str) -> bool {
    (line.starts_with("二、") || line.starts_with("三、") || line.starts_with("四、"))
        && !line.contains('|')
        && (line.contains("情况") || line.contains("情況"))
}

fn looks_traditional(text: &str) -> bool {
    // Characters of the template's own labels that differ between the scripts.
    let trad = text.matches(['開', '請', '處', '與', '數', '總']).count();
    let simp = text.matches(['开', '请', '处', '与', '数', '总']).count();
    trad > simp
}

impl Seed {
    /// Cut a seed's text into prose and table rows.
    pub fn from_text(name: &str, text: &str) -> Seed {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let start = lines
            .iter()
            .position(|l| l.starts_with("二、") && is_table_heading(l.trim_end()));
        let Some(start) = start else {
            return Seed {
                name: name.to_string(),
                traditional: looks_traditional(text),
                before: text.to_string(),
                blocks: Vec::new(),
                after: String::new(),
            };
        };
        let end = lines
            .iter()
            .skip(start)
            .position(|l| l.starts_with("五、"))
            .map_or(lines.len(), |p| p + start);
        let region = &lines[start..end];
        let bar_lines = region.iter().filter(|l| l.trim() == "|").count();
        let tab_lines = region.iter().filter(|l| l.starts_with('\t')).count();
        let mut blocks = Vec::new();
        let mut row: Vec<String> = Vec::new();
        let flush = |row: &mut Vec<String>, blocks: &mut Vec<Block>| {
            if !row.is_empty() {
                blocks.push(Block::Row(std::mem::take(row)));
            }
        };
        for raw in region {
            let line = raw.trim_end_matches(['\n', '\r']);
            if is_table_heading(line) {
                flush(&mut row, &mut blocks);
                blocks.push(Block::Heading(line.to_string()));
            } else if bar_lines >= 3 {
                if line.trim() == "|" {
                    flush(&mut row, &mut blocks);
                } else {
                    let cell = line.trim().trim_end_matches(['|', ' ']).trim();
                    if !cell.is_empty() {
                        row.push(cell.to_string());
                    }
                }
            } else if tab_lines >= 3 {
                if line.trim().is_empty() {
                    flush(&mut row, &mut blocks);
                } else {
                    row.push(line.trim().to_string());
                }
            } else {
                let cells: Vec<String> = line
                    .split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect();
                if !cells.is_empty() {
                    blocks.push(Block::Row(cells));
                }
            }
        }
        flush(&mut row, &mut blocks);
        Seed {
            name: name.to_string(),
            traditional: looks_traditional(text),
            before: lines[..start].concat(),
            blocks,
            after: lines[end..].concat(),
        }
    }

    /// The report with every whole-number cell multiplied by `factor`, in `layout`.
    pub fn render(&self, layout: SynthLayout, factor: u64) -> String {
        self.render_varied(layout, factor, 0)
    }

    /// As [`Seed::render`], with `offset` added where it keeps every rule (see the module doc).
    pub fn render_varied(&self, layout: SynthLayout, factor: u64, offset: u64) -> String {
        let mut out = String::with_capacity(self.before.len() * 2 + self.after.len() + 4096);
        out.push_str(&self.before);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let mut first_row = true;
        let mut rows_on_page = 0usize;
        let mut page = 1usize;
        let mut flat_open = false;
        for b in &self.blocks {
            match b {
                Block::Heading(h) => {
                    if flat_open {
                        out.push('\n');
                        flat_open = false;
                    }
                    out.push_str(h);
                    out.push('\n');
                    first_row = true;
                }
                Block::Row(cells) => {
                    let mut cells: Vec<String> =
                        cells.iter().map(|c| scale_cell(c, factor)).collect();
                    add_offset(&mut cells, offset);
                    render_row(&mut out, layout, &cells, first_row);
                    if layout == SynthLayout::Flattened {
                        flat_open = true;
                    }
                    if layout == SynthLayout::PdfText {
                        rows_on_page += 1;
                        if rows_on_page == 25 {
                            page += 1;
                            out.push_str(&format!("- {page} -\n"));
                            rows_on_page = 0;
                        }
                    }
                    first_row = false;
                }
            }
        }
        if flat_open {
            out.push('\n');
        }
        out.push_str(&self.after);
        out
    }
}

fn render_row(out: &mut String, layout: SynthLayout, cells: &[String], first_row: bool) {
    match layout {
        SynthLayout::Pipe | SynthLayout::Markdown => {
            out.push('|');
            for c in cells {
                out.push(' ');
                out.push_str(c);
                out.push_str(" |");
            }
            out.push('\n');
            if layout == SynthLayout::Markdown && first_row {
                out.push('|');
                for _ in cells {
                    out.push_str("---|");
                }
                out.push('\n');
            }
        }
        SynthLayout::CellPerLine => {
            out.push_str("|\n");
            for c in cells {
                out.push(' ');
                out.push_str(c);
                out.push_str("  |\n");
            }
        }
        SynthLayout::Tab => {
            out.push('\n');
            for c in cells {
                out.push('\t');
                out.push_str(c);
                out.push('\n');
            }
        }
        SynthLayout::PdfText => {
            out.push_str(&cells.join(" "));
            out.push('\n');
        }
        SynthLayout::Flattened => {
            if !first_row {
                out.push(' ');
            }
            out.push_str(&cells.join(" "));
        }
    }
}

fn add_offset(cells: &mut [String], offset: u64) {
    if offset == 0 {
        return;
    }
    let numeric = cells
        .iter()
        .rev()
        .take_while(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let label = cells.iter().take(cells.len() - numeric).any(|c| {
        c.contains("本年新收")
            || c.contains("予以公开")
            || c.contains("予以公開")
            || (c.contains('七') && (c.contains("总计") || c.contains("總計")))
    });
    let n = cells.len();
    let positions: Vec<usize> = if label && numeric == 7 {
        vec![n - 7, n - 1]
    } else if numeric == 15 && n == 15 {
        vec![0, 4, 5, 9, 10, 14]
    } else {
        Vec::new()
    };
    for i in positions {
        if let Some(c) = cells.get_mut(i) {
            let v: u64 = c.parse().unwrap_or(0);
            *c = v.saturating_add(offset).to_string();
        }
    }
}

/// `cell × factor` when the cell is a whole number or decimal (`12`, `-3`, `168.61`); else as is.
pub fn scale_cell(cell: &str, factor: u64) -> String {
    let (neg, body) = match cell.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cell),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_ok(int) || !digits_ok(frac) || int.len() + frac.len() > 18 {
        return cell.to_string();
    }
    if body.contains('.') && frac.is_empty() {
        return cell.to_string();
    }
    let fixed: u128 = format!("{int}{frac}").parse().unwrap_or(0);
    let scaled = fixed.saturating_mul(u128::from(factor));
    let s = scaled.to_string();
    let mut out = String::new();
    if neg && scaled != 0 {
        out.push('-');
    }
    if frac.is_empty() {
        out.push_str(&s);
    } else {
        let padded = format!("{s:0>width$}", width = frac.len() + 1);
        let (i, f) = padded.split_at(padded.len() - frac.len());
        out.push_str(i);
        out.push('.');
        out.push_str(f);
    }
    out
}

/// One generated report.
#[derive(Debug, Clone)]
pub struct Synth {
    /// A stable name: `<index>_<seed>_<layout>_x<factor>+<offset>.txt`.
    pub name: String,
    /// Index of the seed it was made from.
    pub seed: usize,
    /// Layout of its tables.
    pub layout: SynthLayout,
    /// Script of its seed.
    pub traditional: bool,
    /// The factor its numbers were multiplied by.
    pub factor: u64,
    /// The offset added where the rules allow.
    pub offset: u64,
    /// The report text.
    pub text: String,
}

/// `tests/corpus` of the workspace, found from this crate's manifest directory.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("corpus")
}

/// Every file of `tests/corpus`, sorted by path, with its bytes (the benches' corpus).
pub fn corpus_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read a corpus file");
            (p, bytes)
        })
        .collect()
}

/// True for the five seed file names: `00[0-4]_` followed by a 16-digit hex hash and `.txt`.
pub fn is_seed_name(name: &str) -> bool {
    let b = name.as_bytes();
    name.len() == 24
        && name.starts_with("00")
        && matches!(b.get(2), Some(b'0'..=b'4'))
        && b.get(3) == Some(&b'_')
        && name.ends_with(".txt")
        && b.get(4..20)
            .is_some_and(|h| h.iter().all(|c| c.is_ascii_hexdigit()))
}

/// The seeds found in `dir`, sorted by name.
pub fn load_seeds(dir: &Path) -> std::io::Result<Vec<Seed>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_seed_name(n))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(n))?;
            Ok(Seed::from_text(n, &String::from_utf8_lossy(&bytes)))
        })
        .collect()
}

/// The seed the benches and `probe` draw their reports from.
pub const DEFAULT_SEED: u64 = 0x061E_2024;

/// The seed in the environment variable `var` (a decimal number), else [`DEFAULT_SEED`]: the PGO
/// training runs of `scripts/pgo.sh` draw their reports from another one.
pub fn seed_from_env(var: &str) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED)
}

/// `n` reports cycling through every seed and layout, factors drawn from `rng_seed`.
pub fn generate(seeds: &[Seed], n: usize, rng_seed: u64) -> Vec<Synth> {
    let mut rng = Rng::new(rng_seed);
    let mut out = Vec::with_capacity(n);
    if seeds.is_empty() {
        return out;
    }
    for i in 0..n {
        let seed = i % seeds.len();
        let layout = LAYOUTS[(i / seeds.len()) % LAYOUTS.len()];
        let factor = 1 + rng.below(40);
        let offset = rng.below(25);
        let s = &seeds[seed];
        out.push(Synth {
            name: format!("{i:05}_{}_{}_x{factor}+{offset}.txt", seed, layout.name()),
            seed,
            layout,
            traditional: s.traditional,
            factor,
            offset,
            text: s.render_varied(layout, factor, offset),
        });
    }
    out
}
