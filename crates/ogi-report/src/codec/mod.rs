//! The decoders behind `decode.rs`: encoding_rs and chardetng, or a small built-in set.
//!
//! # Why two back ends
//!
//! encoding_rs dispatches over every WHATWG encoding at run time (one `match` over all its
//! decoders), so a program that decodes with any `&'static Encoding` links every decoder and
//! its tables: Japanese, Korean and single-byte ones included, about 50 KB of the browser
//! module after gzip. chardetng pins them as well, because it feeds each candidate's bytes to
//! an encoding_rs decoder of that encoding. Reports come in UTF-8, UTF-16, GBK/GB18030 and
//! Big5 only, so the browser build (the `all-encodings` feature off) decodes those four with
//! the code in `lite.rs` and tells GBK from Big5 by which reading puts more of the two-byte
//! characters among the common ones of its script.
//!
//! The encoding_rs `Encoding` statics stay the names of encodings in both builds: comparing or
//! naming them links no decoder.
//!
//! # Pitfalls
//!
//! - `lite.rs` must decode exactly as encoding_rs does (same text, same malformed spans): its
//!   tests compare the two on every two- and four-byte sequence and on random bytes. Its tables
//!   are generated from encoding_rs (`UPDATE_TABLES=1 cargo test -p ogi-report --lib codec`).
//! - The lite decoder is stateless: each call decodes from the start of what it is given, and
//!   a malformed sequence ends the call with no bytes consumed beyond it (encoding_rs may
//!   consume some and hold them; `decode.rs` restarts after the malformed bytes either way).

// With `all-encodings`, compiled for its tests only: they hold it to encoding_rs.
#[cfg(any(test, not(feature = "all-encodings")))]
#[cfg_attr(feature = "all-encodings", allow(dead_code))]
mod lite;
mod score;

use std::borrow::Cow;

pub(crate) use encoding_rs::{DecoderResult, Encoding};

/// A decoder of one encoding, fed the rest of the input until it is consumed.
#[cfg(feature = "all-encodings")]
pub(crate) type Decoder = encoding_rs::Decoder;
/// A decoder of one encoding, fed the rest of the input until it is consumed.
#[cfg(not(feature = "all-encodings"))]
pub(crate) type Decoder = lite::Decoder;

/// Does this build decode every WHATWG encoding (or only UTF-8, UTF-16, GBK/GB18030, Big5)?
pub(crate) const ALL_ENCODINGS: bool = cfg!(feature = "all-encodings");

/// A decoder for `enc` that ignores byte-order marks.
pub(crate) fn new_decoder(enc: &'static Encoding) -> Decoder {
    #[cfg(feature = "all-encodings")]
    return enc.new_decoder_without_bom_handling();
    #[cfg(not(feature = "all-encodings"))]
    return lite::Decoder::new(enc);
}

/// The encoding a WHATWG label names (ASCII case and surrounding whitespace ignored), if this
/// build decodes it; never the replacement encoding.
pub(crate) fn for_label(label: &[u8]) -> Option<&'static Encoding> {
    #[cfg(feature = "all-encodings")]
    return Encoding::for_label_no_replacement(label);
    #[cfg(not(feature = "all-encodings"))]
    return lite::for_label(label);
}

/// `bytes` decoded with `enc`, malformed sequences replaced by U+FFFD; true if there were any.
pub(crate) fn decode_lossy<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    #[cfg(feature = "all-encodings")]
    return enc.decode_without_bom_handling(bytes);
    #[cfg(not(feature = "all-encodings"))]
    return lite::decode_lossy(enc, bytes);
}

/// `bytes` decoded with `enc`, or `None` at the first malformed sequence.
pub(crate) fn decode_strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    #[cfg(feature = "all-encodings")]
    return enc.decode_without_bom_handling_and_without_replacement(bytes);
    #[cfg(not(feature = "all-encodings"))]
    return lite::decode_strict(enc, bytes);
}

/// The single character `bytes` decode to with `enc`, or `None` when they are malformed,
/// incomplete or decode to anything but one character: [`decode_strict`] for one character,
/// without allocating (the mojibake tables and repairs call it thousands of times).
pub(crate) fn decode_char_strict(enc: &'static Encoding, bytes: &[u8]) -> Option<char> {
    #[cfg(feature = "all-encodings")]
    {
        let mut dec = enc.new_decoder_without_bom_handling();
        // Callers pass one sequence (at most four bytes), which never fills this buffer.
        let mut buf = [0u8; 16];
        let (res, read, written) = dec.decode_to_utf8_without_replacement(bytes, &mut buf, true);
        if res != DecoderResult::InputEmpty || read != bytes.len() {
            return None;
        }
        one_char(std::str::from_utf8(buf.get(..written)?).ok()?)
    }
    #[cfg(not(feature = "all-encodings"))]
    {
        one_char(&lite::decode_strict(enc, bytes)?)
    }
}

/// The only character of `s`, if it has exactly one.
fn one_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(feature = "all-encodings")]
/// Words of every report (the title's 政府信息公开, the tables' 申请), each in both scripts.
const REPORT_WORDS: [&str; 6] = ["政府", "信息", "公开", "公開", "申请", "申請"];

/// GBK or Big5 when the sample settles it beyond doubt: one reading has at least 64 more
/// common characters than rare ones and invalid bytes, more than four times the other's score,
/// and holds one of [`REPORT_WORDS`] in that encoding. Chinese text in either encoding passes
/// after a few hundred characters (`score` keeps GBK and Big5 apart, see `lite::detect`); a
/// short or mixed sample, or text of another script that also reads as one of them (EUC-KR
/// hangul falls in GB2312's level 1), does not, and goes to the full detector.
///
/// The sample is read [`DECISIVE_STEP`] bytes at a time, both readings' scores carried from one
/// step to the next, and the first prefix that settles it decides: a report's title (its
/// `政府信息公开`) and first paragraph do, so the rest of the 16 KiB sample is not scored twice.
/// A prefix that settles the encoding settles it as the whole sample would on every report of
/// the corpus in GBK and Big5 ([`decisive_whole`], the sample read at once, is the tests'
/// reference); a sample that only its later bytes settle still goes as far as it takes.
#[cfg(feature = "all-encodings")]
pub(crate) fn decisive(sample: &[u8]) -> Option<&'static Encoding> {
    let mut steps = Steps::default();
    // How far each encoding's report words were looked for (`searched` for GBK, then Big5).
    let mut searched = [0usize; 2];
    let mut stop = 0usize;
    while stop < sample.len() {
        stop = stop.saturating_add(DECISIVE_STEP);
        let read = steps.advance(sample, stop);
        let Some((enc, k)) = settled(steps.gbk, steps.big5) else {
            continue;
        };
        // The words in the bytes read, past those looked at already (less a word's length
        // but one, for a word cut by the last step).
        let from = searched
            .get(k)
            .copied()
            .unwrap_or(0)
            .saturating_sub(REPORT_WORD_BYTES - 1);
        if let Some(slot) = searched.get_mut(k) {
            *slot = read;
        }
        let part = sample.get(from..read).unwrap_or_default();
        if report_word_finders(enc)
            .iter()
            .any(|f| f.find(part).is_some())
        {
            return Some(enc);
        }
    }
    None
}

/// Both readings' scores of a sample read a step at a time ([`decisive`]).
#[cfg(feature = "all-encodings")]
#[derive(Default)]
struct Steps {
    gbk: i64,
    big5: i64,
    /// Where each reading's next unit starts.
    at_gbk: usize,
    at_big5: usize,
}

#[cfg(feature = "all-encodings")]
impl Steps {
    /// Score both readings' units that start before `stop`; how far the sample has been read.
    fn advance(&mut self, sample: &[u8], stop: usize) -> usize {
        let (s, at) = score::score_from(sample, true, self.at_gbk, stop);
        (self.gbk, self.at_gbk) = (self.gbk + s, at);
        let (s, at) = score::score_from(sample, false, self.at_big5, stop);
        (self.big5, self.at_big5) = (self.big5 + s, at);
        self.at_gbk.max(self.at_big5).min(sample.len())
    }
}

/// Bytes of the sample scored a step by [`decisive`]: a report's title and the first line or
/// two after it. Measured on `stages/parse/gbk`: 1,024 bytes 128.2–134.1 MiB/s, 512 bytes
/// 138.0–139.6, 256 bytes 141.7–145.5 against 512's 141.4–142.9 in another run; 512 keeps
/// twice the evidence of 256 for a decision taken on the first step.
#[cfg(feature = "all-encodings")]
const DECISIVE_STEP: usize = 512;

/// The longest of [`REPORT_WORDS`] in GBK or Big5: two characters of two bytes.
#[cfg(feature = "all-encodings")]
const REPORT_WORD_BYTES: usize = 4;

/// The encoding whose score settles it (and 0 for GBK, 1 for Big5), if either does: at least
/// 64 and more than four times the other's.
#[cfg(feature = "all-encodings")]
fn settled(gbk: i64, big5: i64) -> Option<(&'static Encoding, usize)> {
    let (enc, k, won, lost) = if gbk >= big5 {
        (encoding_rs::GBK, 0, gbk, big5)
    } else {
        (encoding_rs::BIG5, 1, big5, gbk)
    };
    (won >= 64 && won > 4 * lost.max(0)).then_some((enc, k))
}

/// [`decisive`] as first written, the whole sample scored at once: the tests' reference.
#[cfg(all(test, feature = "all-encodings"))]
fn decisive_whole(sample: &[u8]) -> Option<&'static Encoding> {
    let (gbk, big5) = (score::score(sample, true), score::score(sample, false));
    let (enc, _) = settled(gbk, big5)?;
    report_word_finders(enc)
        .iter()
        .any(|f| f.find(sample).is_some())
        .then_some(enc)
}

/// A `memmem` finder for each of [`REPORT_WORDS`] that `enc` (GBK or Big5) can encode, built
/// once for each encoding rather than the words encoded and a searcher set up at every call.
#[cfg(feature = "all-encodings")]
fn report_word_finders(enc: &'static Encoding) -> &'static [memchr::memmem::Finder<'static>] {
    type Finders = std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>>;
    static GBK_WORDS: Finders = std::sync::OnceLock::new();
    static BIG5_WORDS: Finders = std::sync::OnceLock::new();
    let cell = if enc == encoding_rs::GBK {
        &GBK_WORDS
    } else {
        &BIG5_WORDS
    };
    cell.get_or_init(|| {
        REPORT_WORDS
            .iter()
            .filter_map(|w| {
                let (bytes, _, unmappable) = enc.encode(w);
                (!unmappable).then(|| memchr::memmem::Finder::new(&bytes).into_owned())
            })
            .collect()
    })
}

/// The most likely legacy encoding of `sample` (which is not UTF-8 or UTF-16).
pub(crate) fn detect(sample: &[u8]) -> &'static Encoding {
    #[cfg(feature = "all-encodings")]
    {
        use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
        // chardetng weighs every script's candidates at each byte (≈ 1,800 instructions a
        // byte, 5 MB/s): a sample that is plainly GBK or Big5 Chinese is settled without it.
        if let Some(enc) = decisive(sample) {
            return enc;
        }
        // No TLD hint: a `.cn` hint turns Big5 into GBK and `.tw` the reverse.
        let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
        det.feed(sample, true);
        det.guess(None, Utf8Detection::Allow)
    }
    #[cfg(not(feature = "all-encodings"))]
    lite::detect(sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030};

    /// A GBK page of tables drawn in box-drawing characters, whose bytes read as Big5 are
    /// everyday characters, is told as GBK; and a Big5 page drawn so as Big5 (its box
    /// characters are in other rows).
    #[test]
    fn a_page_of_drawn_tables_is_told_by_its_text() {
        let row = "│ 一、本年新收政府信息公开申请数量 │ 5 │ 0 │ 0 │ 0 │\n";
        let rule = format!("├{}┤\n", "─".repeat(40));
        let text = format!(
            "测试局2020年政府信息公开工作年度报告\n┌{}┐\n{}",
            "─".repeat(40),
            format!("{row}{rule}").repeat(30)
        );
        let gbk = encoding_rs::GBK.encode(&text).0;
        for len in [600, 2000, usize::MAX] {
            let cut = &gbk[..len.min(gbk.len())];
            assert_eq!(detect(cut), encoding_rs::GBK, "{len}");
        }
        let big5_text = text.replace(
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府資訊公開申請數量",
        );
        let big5 = BIG5.encode(&big5_text).0;
        assert_eq!(detect(&big5), BIG5);
    }

    #[cfg(feature = "all-encodings")]
    fn chardetng(sample: &[u8]) -> &'static Encoding {
        use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
        let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
        det.feed(sample, true);
        det.guess(None, Utf8Detection::Allow)
    }

    /// Every report of the corpus (and of `../shared`'s real reports, when present) in GBK and
    /// in Big5, whole and cut at 1, 2, 3 and 6 KB and as the detector cuts it: the sample read in
    /// steps settles it as the sample read at once, and most of them are settled so.
    #[cfg(feature = "all-encodings")]
    #[test]
    fn a_sample_read_in_steps_is_settled_as_read_at_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["../../tests/corpus", "../../../shared/corpus/real"] {
            if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
                paths.extend(
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.is_file()),
                );
            }
        }
        assert!(paths.len() >= 30, "the corpus is in tests/corpus");
        let (mut samples, mut settled) = (0, 0);
        for path in &paths {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            for enc in [encoding_rs::GBK, BIG5] {
                let (bytes, _, _) = enc.encode(&text);
                for cut in [1024, 2048, 3072, 6144, 16 * 1024, usize::MAX] {
                    let sample = bytes.get(..cut.min(bytes.len())).unwrap_or(&bytes);
                    let stepped = decisive(sample);
                    assert_eq!(
                        stepped,
                        decisive_whole(sample),
                        "{} as {} cut at {cut}",
                        path.display(),
                        enc.name()
                    );
                    samples += 1;
                    settled += usize::from(stepped.is_some());
                    // Read to its end in steps, both scores are those of the sample at once.
                    let mut steps = Steps::default();
                    let mut stop = 0;
                    while stop < sample.len() {
                        stop += DECISIVE_STEP;
                        steps.advance(sample, stop);
                    }
                    assert_eq!(
                        (steps.gbk, steps.big5),
                        (score::score(sample, true), score::score(sample, false))
                    );
                }
            }
        }
        assert!(
            settled * 2 > samples,
            "{settled} of {samples} samples settled"
        );
    }

    /// Every seed in GBK, and the Traditional ones in Big5, whole and cut to 2 KB: settled
    /// without chardetng, as chardetng guesses but once.
    #[cfg(feature = "all-encodings")]
    #[test]
    fn plain_gbk_and_big5_reports_are_settled_as_chardetng_settles_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut settled = 0;
        let mut disagree = Vec::new();
        for i in 0..5 {
            let Some(path) = std::fs::read_dir(&dir)
                .expect("tests/corpus")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&format!("00{i}_")) && n.ends_with(".txt"))
                })
            else {
                continue;
            };
            let text = std::fs::read_to_string(&path).expect("seed");
            // Seeds 000, 001 and 004 are Traditional (Big5 writes their pinyin glosses as
            // numeric character references); 002 and 003 are Simplified, which Big5 lacks.
            let encodings: &[&'static Encoding] = if matches!(i, 0 | 1 | 4) {
                &[encoding_rs::GBK, BIG5]
            } else {
                &[encoding_rs::GBK]
            };
            for &enc in encodings {
                let bytes = enc.encode(&text).0;
                for cut in [2048, bytes.len()] {
                    let sample = bytes.get(..cut.min(bytes.len())).unwrap_or(&bytes);
                    assert_eq!(
                        decisive(sample),
                        Some(enc),
                        "{} in {}",
                        path.display(),
                        enc.name()
                    );
                    if chardetng(sample) != enc {
                        disagree.push((i, enc.name(), cut >= bytes.len()));
                    }
                    settled += 1;
                }
            }
        }
        assert_eq!(settled, 16);
        // chardetng reads the first 2 KB of seed 004 in Big5 as windows-1252 (the numeric
        // character references of its glosses outweigh the Chinese); the score reads it right.
        assert_eq!(disagree, vec![(4, "Big5", false)]);
    }

    /// Short samples, text without the words of a report, and Korean in EUC-KR (whose hangul
    /// reads as GB2312 level 1) are left to chardetng.
    #[cfg(feature = "all-encodings")]
    #[test]
    fn doubtful_samples_are_left_to_the_full_detector() {
        let short = encoding_rs::GBK
            .encode("政府信息公开工作年度报告")
            .0
            .into_owned();
        assert_eq!(decisive(&short), None);
        let other = encoding_rs::GBK
            .encode(&"春眠不觉晓处处闻啼鸟夜来风雨声花落知多少".repeat(20))
            .0
            .into_owned();
        assert_eq!(decisive(&other), None);
        let korean = encoding_rs::EUC_KR
            .encode(
                &"대한민국 정부는 국민에게 정보를 공개합니다. 연차 보고서를 작성합니다. "
                    .repeat(20),
            )
            .0
            .into_owned();
        assert_eq!(decisive(&korean), None);
        assert_eq!(chardetng(&korean), encoding_rs::EUC_KR);
    }

    /// The finders built once hold each report word the encoding can write, as it writes it:
    /// all six in GBK (which has 開 and 請), four in Big5 (which has neither 开 nor 请). A sample
    /// whose only report word is one Big5 lacks, or one only the Simplified script writes, is
    /// not settled by it.
    #[cfg(feature = "all-encodings")]
    #[test]
    fn the_report_words_are_encoded_once_for_each_encoding() {
        for (enc, n) in [(encoding_rs::GBK, 6), (encoding_rs::BIG5, 4)] {
            let needles: Vec<&[u8]> = report_word_finders(enc)
                .iter()
                .map(|f| f.needle())
                .collect();
            let want: Vec<Vec<u8>> = REPORT_WORDS
                .iter()
                .map(|w| enc.encode(w))
                .filter(|(_, _, unmappable)| !unmappable)
                .map(|(b, _, _)| b.into_owned())
                .collect();
            assert_eq!(needles.len(), n, "{}", enc.name());
            assert_eq!(needles, want.iter().map(Vec::as_slice).collect::<Vec<_>>());
        }
        // Plain Traditional text with 公開 as its only report word: Big5, settled.
        let trad = "本機關依據條例公開年度各項統計數字與說明".repeat(12);
        let big5 = encoding_rs::BIG5.encode(&trad).0.into_owned();
        assert_eq!(decisive(&big5), Some(encoding_rs::BIG5));
        let none = encoding_rs::BIG5
            .encode(&trad.replace("公開", "發布"))
            .0
            .into_owned();
        assert_eq!(decisive(&none), None);
    }

    #[test]
    fn one_character_is_decoded_strictly_without_allocating() {
        assert_eq!(decode_char_strict(GB18030, &[0xD6, 0xD0]), Some('中'));
        assert_eq!(decode_char_strict(GB18030, b"A"), Some('A'));
        assert_eq!(decode_char_strict(GB18030, &[0x80]), Some('€'));
        assert_eq!(decode_char_strict(BIG5, &[0xA4, 0xA4]), Some('中'));
        // Incomplete, unmapped, or more than one character.
        assert_eq!(decode_char_strict(GB18030, &[0xD6]), None);
        assert_eq!(decode_char_strict(GB18030, &[0x81, 0x7F]), None);
        assert_eq!(decode_char_strict(GB18030, &[0xD6, 0xD0, 0x41]), None);
        assert_eq!(decode_char_strict(GB18030, &[]), None);
        // The same answers as the allocating decoder on every two-byte GB18030 sequence.
        for lead in 0x81u8..=0xFE {
            for trail in 0x40u8..=0xFE {
                let pair = [lead, trail];
                let whole = decode_strict(GB18030, &pair).and_then(|s| one_char(&s));
                assert_eq!(decode_char_strict(GB18030, &pair), whole, "{pair:02X?}");
            }
        }
    }
}
