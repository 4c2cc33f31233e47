//! Support for the throughput benches: the synthetic corpus, adversarial inputs and the
//! baseline tokenizer every parse figure is compared with.
#![forbid(unsafe_code)]

pub mod synth;

use nom::bytes::complete::{take_till1, take_while};
use nom::IResult;

fn is_sep(b: u8) -> bool {
    matches!(b, b'|' | b'\n' | b'\r' | b' ' | b'\t')
}

fn cell(input: &[u8]) -> IResult<&[u8], &[u8]> {
    let (input, _) = take_while(is_sep)(input)?;
    take_till1(is_sep)(input)
}

/// The baseline: split bytes into cells on `|`, newlines and whitespace with nom, and nothing
/// else. Returns the number of cells and their total length (so the work cannot be skipped).
pub fn tokenize(input: &[u8]) -> (usize, usize) {
    let mut rest = input;
    let (mut n, mut len) = (0usize, 0usize);
    while let Ok((r, c)) = cell(rest) {
        n += 1;
        len += c.len();
        rest = r;
    }
    (n, len)
}

/// Kinds of hostile input, each repeated to a given size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adversarial {
    /// `|||||…`
    Pipes,
    /// `0123456789…` with no separator.
    Digits,
    /// `一、总体情况\n` repeated.
    Headings,
    /// One table row: a heading, a label, then `| 1 ` cells on a single line.
    GiantRow,
    /// Pinyin-glossed characters `領(lǐng)導(dǎo)…` with no break.
    Pinyin,
    /// UTF-8 Chinese decoded as GBK (`涓€銆佹€讳綋…`), the mojibake of mis-saved pages.
    Mojibake,
}

/// Every adversarial kind.
pub const ADVERSARIAL: [Adversarial; 6] = [
    Adversarial::Pipes,
    Adversarial::Digits,
    Adversarial::Headings,
    Adversarial::GiantRow,
    Adversarial::Pinyin,
    Adversarial::Mojibake,
];

impl Adversarial {
    /// A short name for bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Adversarial::Pipes => "pipes",
            Adversarial::Digits => "digits",
            Adversarial::Headings => "headings",
            Adversarial::GiantRow => "giant_row",
            Adversarial::Pinyin => "pinyin",
            Adversarial::Mojibake => "mojibake",
        }
    }
    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        ADVERSARIAL.into_iter().find(|a| a.name() == name)
    }
    /// About `bytes` bytes of this input (never more; cut on a character boundary).
    pub fn generate(self, bytes: usize) -> String {
        let (head, unit): (String, String) = match self {
            Adversarial::Pipes => (String::new(), "|".into()),
            Adversarial::Digits => (String::new(), "0123456789".into()),
            Adversarial::Headings => (String::new(), "一、总体情况\n".into()),
            Adversarial::GiantRow => ("二、主动公开政府信息情况\n规章".into(), " | 1".into()),
            Adversarial::Pinyin => (String::new(), "領(lǐng)導(dǎo)務(wù)現(xiàn)".into()),
            Adversarial::Mojibake => {
                let (s, _, _) = encoding_rs::GBK.decode("一、总体情况（一）主动公开".as_bytes());
                (String::new(), s.into_owned())
            }
        };
        let mut out = String::with_capacity(bytes + unit.len());
        out.push_str(&head);
        while out.len() + unit.len() <= bytes {
            out.push_str(&unit);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synth::*;

    #[test]
    fn tokenizer_splits_on_pipes_newlines_and_spaces() {
        assert_eq!(tokenize(b"| a | bc |\n\td  e\n"), (4, 5));
        assert_eq!(tokenize(b"||||"), (0, 0));
    }

    #[test]
    fn adversarial_inputs_have_the_size_asked() {
        for a in ADVERSARIAL {
            let s = a.generate(1 << 20);
            assert!(
                s.len() <= 1 << 20 && s.len() > (1 << 20) - 64,
                "{}",
                a.name()
            );
        }
        assert!(Adversarial::Mojibake.generate(100).starts_with("涓€銆"));
    }

    #[test]
    fn scaling_keeps_text_and_decimals() {
        assert_eq!(scale_cell("12", 3), "36");
        assert_eq!(scale_cell("168.61", 2), "337.22");
        assert_eq!(scale_cell("0.05", 3), "0.15");
        assert_eq!(scale_cell("-4", 5), "-20");
        assert_eq!(scale_cell("1.属于国家秘密", 7), "1.属于国家秘密");
        assert_eq!(scale_cell("2019年", 7), "2019年");
    }

    #[test]
    fn seeds_are_cut_into_rows() {
        let seeds = load_seeds(&corpus_dir()).unwrap();
        let names: Vec<&str> = seeds.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), 5, "{names:?}");
        let trad: Vec<bool> = seeds.iter().map(|s| s.traditional).collect();
        assert_eq!(trad, [true, true, false, false, true]);
        // Seed 000 (pipe rows): table 2's first value row, and the 五、 heading after the tables.
        let rows: Vec<&Vec<String>> = seeds[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(r) => Some(r),
                _ => None,
            })
            .collect();
        assert_eq!(rows[2], &["規(guī)章", "0", "0", "0"]);
        assert!(seeds[0].after.starts_with("五、"));
        // Seed 003 (tab cells) and 004 (cell per line) yield the same table 2 row shape.
        for s in [&seeds[3], &seeds[4]] {
            let n = s
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Row(_)))
                .count();
            assert!(n > 40, "{}: {n} rows", s.name);
        }
        // Seed 001 has headings but no table rows.
        assert!(!seeds[1].blocks.iter().any(|b| matches!(b, Block::Row(_))));
    }

    #[test]
    fn generation_is_deterministic_and_scales_numbers() {
        let seeds = load_seeds(&corpus_dir()).unwrap();
        let a = generate(&seeds, 60, 7);
        let b = generate(&seeds, 60, 7);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let layouts: std::collections::HashSet<_> = a.iter().map(|s| s.layout).collect();
        assert_eq!(layouts.len(), 6);
        let pipe = seeds[2].render(SynthLayout::Pipe, 1);
        let varied = seeds[2].render_varied(SynthLayout::Pipe, 3, 5);
        assert!(pipe.contains("| 行政处罚 | 0 |"), "{pipe}");
        // Seed 002 is all zeros: the offset lands on 自然人 and 总计 of rows 一, （一）, （七）.
        assert!(varied.contains("| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |"));
        assert!(varied.contains("| (七)总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |"));
        assert!(varied.contains("| 5 | 0 | 0 | 0 | 5 | 5 | 0 | 0 | 0 | 5 |"));
        // Seed 004 has non-zero counts, which the factor multiplies.
        assert!(seeds[4]
            .render(SynthLayout::Pipe, 1)
            .contains("| 行政處罰 | 81 | 4 | 845 |"));
        assert!(seeds[4]
            .render(SynthLayout::Pipe, 7)
            .contains("| 行政處罰 | 567 | 28 | 5915 |"));
        let md = seeds[2].render(SynthLayout::Markdown, 1);
        assert!(md.contains("|---|---|"));
    }
}
