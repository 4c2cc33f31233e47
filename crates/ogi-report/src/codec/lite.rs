//! UTF-8, UTF-16LE/BE, GB18030 (and GBK) and Big5 decoders, after the WHATWG Encoding Standard.
//!
//! Each decoder is the standard's state machine written as a scan over the whole buffer: with
//! the entire input at hand, "prepend the byte to the stream and return error" becomes "the
//! malformed sequence ends here; decoding resumes at that byte". The two-byte indexes are
//! packed as LEB128 deltas from the previous mapped code point (zigzag, plus one; zero for an
//! unmapped pointer): runs of consecutive code points become runs of one byte, which gzip
//! all but removes. They are unpacked once, on first use.

use crate::BuiltOnce;
use std::borrow::Cow;
use std::sync::OnceLock;

use super::score::score;

use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Pointers of the gb18030 two-byte index: 126 lead bytes × 190 trail bytes.
const GB18030_POINTERS: usize = 126 * 190;
/// Pointers of the Big5 index: 126 lead bytes × 157 trail bytes.
const BIG5_POINTERS: usize = 126 * 157;
/// The four-byte pointers of the BMP end below this; the ranges table covers them.
const GB18030_BMP_POINTERS: u32 = 39420;

/// The encodings this decoder knows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
}

impl Kind {
    fn of(enc: &'static Encoding) -> Kind {
        if enc == GB18030 || enc == GBK {
            Kind::Gb18030
        } else if enc == BIG5 {
            Kind::Big5
        } else if enc == UTF_16LE {
            Kind::Utf16Le
        } else if enc == UTF_16BE {
            Kind::Utf16Be
        } else {
            // Labels, BOMs, `<meta>`, sniffing and detection name only the encodings above
            // and UTF-8 in this build.
            Kind::Utf8
        }
    }
}

/// A decoder with encoding_rs's calling convention, as `decode.rs` uses it.
pub(crate) struct Decoder {
    kind: Kind,
}

impl Decoder {
    /// A decoder of `enc` (one of UTF-8, UTF-16LE/BE, GBK, GB18030, Big5).
    pub(crate) fn new(enc: &'static Encoding) -> Self {
        Decoder {
            kind: Kind::of(enc),
        }
    }

    /// Enough UTF-8 output for `len` input bytes (three per byte covers every encoding here).
    pub(crate) fn max_utf8_buffer_length_without_replacement(&self, len: usize) -> Option<usize> {
        len.checked_mul(3)
    }

    /// Decode `src` onto `dst` up to its end or just past its first malformed sequence; the
    /// output never runs out (the string grows), and no byte is held back.
    pub(crate) fn decode_to_string_without_replacement(
        &mut self,
        src: &[u8],
        dst: &mut String,
        _last: bool,
    ) -> (DecoderResult, usize) {
        match step(self.kind, src, dst) {
            (read, None) => (DecoderResult::InputEmpty, read),
            (read, Some(bad)) => (DecoderResult::Malformed(bad, 0), read),
        }
    }
}

/// Decode from the start of `src` onto `out` until its end (`(src.len(), None)`) or the first
/// malformed sequence (`(its end, Some(its length))`).
fn step(kind: Kind, src: &[u8], out: &mut String) -> (usize, Option<u8>) {
    match kind {
        Kind::Utf8 => step_utf8(src, out),
        Kind::Utf16Le => step_utf16(src, out, u16::from_le_bytes),
        Kind::Utf16Be => step_utf16(src, out, u16::from_be_bytes),
        Kind::Gb18030 => step_gb18030(src, out),
        Kind::Big5 => step_big5(src, out),
    }
}

/// [`step`] for UTF-8: the standard library's validation, whose errors are the WHATWG ones.
fn step_utf8(src: &[u8], out: &mut String) -> (usize, Option<u8>) {
    match std::str::from_utf8(src) {
        Ok(s) => {
            out.push_str(s);
            (src.len(), None)
        }
        Err(e) => {
            let good = e.valid_up_to();
            let head = src.get(..good).unwrap_or_default();
            // Valid by the error's own account; the lossy conversion never replaces here.
            out.push_str(&String::from_utf8_lossy(head));
            // `error_len` is the maximal subpart of the standard; `None` is a sequence cut
            // short by the end of the input, which is one malformed sequence.
            let bad = e.error_len().unwrap_or(src.len() - good);
            (good + bad, Some(u8::try_from(bad).unwrap_or(u8::MAX)))
        }
    }
}

/// [`step`] for UTF-16 with `unit` reading a code unit in the right byte order.
fn step_utf16(src: &[u8], out: &mut String, unit: fn([u8; 2]) -> u16) -> (usize, Option<u8>) {
    let at = |i: usize| -> Option<u16> { Some(unit([*src.get(i)?, *src.get(i + 1)?])) };
    let mut i = 0usize;
    while i < src.len() {
        let Some(u) = at(i) else {
            // An odd byte at the end.
            return (src.len(), Some(1));
        };
        match u {
            0xD800..=0xDBFF => match at(i + 2) {
                Some(t @ 0xDC00..=0xDFFF) => {
                    let c = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(t) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    i += 4;
                }
                // The lead surrogate alone; the unit after it is read again.
                Some(_) => return (i + 2, Some(2)),
                // The end of the input after a lead surrogate (and perhaps one more byte).
                None => return (src.len(), u8::try_from(src.len() - i).ok()),
            },
            0xDC00..=0xDFFF => return (i + 2, Some(2)),
            _ => {
                out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'));
                i += 2;
            }
        }
    }
    (src.len(), None)
}

/// [`step`] for GB18030 (and GBK, which the same decoder reads).
fn step_gb18030(src: &[u8], out: &mut String) -> (usize, Option<u8>) {
    let index = gb18030_index();
    let mut i = 0usize;
    while let Some(&b) = src.get(i) {
        match b {
            0x00..=0x7F => {
                out.push(char::from(b));
                i += 1;
                continue;
            }
            0x80 => {
                out.push('\u{20AC}');
                i += 1;
                continue;
            }
            0xFF => return (i + 1, Some(1)),
            _ => {}
        }
        // A lead byte: the end of the input leaves it and what follows pending, one error.
        let pending = |n: usize| (src.len(), u8::try_from(n).ok());
        let Some(&b2) = src.get(i + 1) else {
            return pending(1);
        };
        if b2.is_ascii_digit() {
            let Some(&b3) = src.get(i + 2) else {
                return pending(2);
            };
            if !(0x81..=0xFE).contains(&b3) {
                return (i + 1, Some(1));
            }
            let Some(&b4) = src.get(i + 3) else {
                return pending(3);
            };
            if !b4.is_ascii_digit() {
                return (i + 1, Some(1));
            }
            let pointer = ((u32::from(b - 0x81) * 10 + u32::from(b2 - 0x30)) * 126
                + u32::from(b3 - 0x81))
                * 10
                + u32::from(b4 - 0x30);
            match gb18030_ranges_code_point(pointer) {
                Some(c) => {
                    out.push(c);
                    i += 4;
                }
                None => return (i + 4, Some(4)),
            }
            continue;
        }
        let offset = if b2 < 0x7F { 0x40 } else { 0x41 };
        let c = if (0x40..=0x7E).contains(&b2) || (0x80..=0xFE).contains(&b2) {
            let pointer = usize::from(b - 0x81) * 190 + usize::from(b2 - offset);
            index.get(pointer).copied().and_then(char::from_u32)
        } else {
            None
        };
        match c {
            Some(c) => {
                out.push(c);
                i += 2;
            }
            None => return malformed_pair(i, b2),
        }
    }
    (src.len(), None)
}

/// What [`step`] returns for the two-byte sequence at `i` that decodes to nothing: both bytes
/// are malformed, except an ASCII trail byte, which is read again (as WHATWG decoders do).
fn malformed_pair(i: usize, trail: u8) -> (usize, Option<u8>) {
    if trail.is_ascii() {
        (i + 1, Some(1))
    } else {
        (i + 2, Some(2))
    }
}

/// The code point of a four-byte gb18030 pointer.
fn gb18030_ranges_code_point(pointer: u32) -> Option<char> {
    if (189_000..=1_237_575).contains(&pointer) {
        return char::from_u32(0x10000 + pointer - 189_000);
    }
    if pointer >= GB18030_BMP_POINTERS {
        return None;
    }
    let ranges = gb18030_ranges();
    let at = ranges.partition_point(|&(p, _)| p <= pointer);
    let &(start, cp) = ranges.get(at.checked_sub(1)?)?;
    if cp == 0 {
        return None;
    }
    char::from_u32(cp + (pointer - start))
}

/// [`step`] for Big5 (with the HKSCS pointers, as WHATWG decodes them).
fn step_big5(src: &[u8], out: &mut String) -> (usize, Option<u8>) {
    let index = big5_index();
    let mut i = 0usize;
    while let Some(&b) = src.get(i) {
        if b.is_ascii() {
            out.push(char::from(b));
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&b) {
            return (i + 1, Some(1));
        }
        let Some(&b2) = src.get(i + 1) else {
            return (src.len(), Some(1));
        };
        let offset = if b2 < 0x7F { 0x40 } else { 0x62 };
        let pointer = if (0x40..=0x7E).contains(&b2) || (0xA1..=0xFE).contains(&b2) {
            Some(usize::from(b - 0x81) * 157 + usize::from(b2 - offset))
        } else {
            None
        };
        // Four pointers decode to a letter and a combining mark.
        let pair = match pointer {
            Some(1133) => Some("\u{CA}\u{304}"),
            Some(1135) => Some("\u{CA}\u{30C}"),
            Some(1164) => Some("\u{EA}\u{304}"),
            Some(1166) => Some("\u{EA}\u{30C}"),
            _ => None,
        };
        if let Some(s) = pair {
            out.push_str(s);
            i += 2;
            continue;
        }
        let c = pointer
            .and_then(|p| index.get(p).copied())
            .and_then(char::from_u32)
            .filter(|&c| c != '\0');
        match c {
            Some(c) => {
                out.push(c);
                i += 2;
            }
            None => return malformed_pair(i, b2),
        }
    }
    (src.len(), None)
}

/// `bytes` decoded with replacement; true if anything was replaced.
pub(crate) fn decode_lossy<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, bool) {
    let kind = Kind::of(enc);
    if kind == Kind::Utf8 {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return (Cow::Borrowed(s), false);
        }
    }
    let mut out = String::with_capacity(bytes.len().saturating_mul(3) / 2);
    let mut pos = 0usize;
    let mut bad_seen = false;
    // Bounded: each round ends the input or consumes a malformed sequence of at least a byte.
    while pos < bytes.len() {
        let (read, bad) = step(kind, bytes.get(pos..).unwrap_or_default(), &mut out);
        pos = pos.saturating_add(read.max(1));
        if bad.is_some() {
            out.push('\u{FFFD}');
            bad_seen = true;
        }
    }
    (Cow::Owned(out), bad_seen)
}

/// `bytes` decoded, or `None` if a sequence is malformed.
pub(crate) fn decode_strict<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
    match decode_lossy(enc, bytes) {
        (s, false) => Some(s),
        (_, true) => None,
    }
}

/// The WHATWG labels of the encodings this build decodes.
const LABELS: [(&str, &Encoding); 30] = [
    ("unicode-1-1-utf-8", UTF_8),
    ("unicode11utf8", UTF_8),
    ("unicode20utf8", UTF_8),
    ("utf-8", UTF_8),
    ("utf8", UTF_8),
    ("x-unicode20utf8", UTF_8),
    ("chinese", GBK),
    ("csgb2312", GBK),
    ("csiso58gb231280", GBK),
    ("gb2312", GBK),
    ("gb_2312", GBK),
    ("gb_2312-80", GBK),
    ("gbk", GBK),
    ("iso-ir-58", GBK),
    ("x-gbk", GBK),
    ("gb18030", GB18030),
    ("big5", BIG5),
    ("big5-hkscs", BIG5),
    ("cn-big5", BIG5),
    ("csbig5", BIG5),
    ("x-x-big5", BIG5),
    ("unicodefffe", UTF_16BE),
    ("utf-16be", UTF_16BE),
    ("csunicode", UTF_16LE),
    ("iso-10646-ucs-2", UTF_16LE),
    ("ucs-2", UTF_16LE),
    ("unicode", UTF_16LE),
    ("unicodefeff", UTF_16LE),
    ("utf-16", UTF_16LE),
    ("utf-16le", UTF_16LE),
];

/// The encoding `label` names, ASCII case and surrounding whitespace ignored.
pub(crate) fn for_label(label: &[u8]) -> Option<&'static Encoding> {
    let ws = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let start = label.iter().position(|b| !ws(b))?;
    let end = label.iter().rposition(|b| !ws(b))?;
    let label = label.get(start..=end)?;
    LABELS
        .iter()
        .find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(label))
        .map(|&(_, enc)| enc)
}

/// GBK or Big5: the reading under which more of the two-byte characters are common ones.
///
/// Simplified text in GBK lies almost wholly in GB2312's level 1 (lead bytes 0xB0–0xD7, in
/// pinyin order); read as Big5, about half of it falls in level 2 or outside Big5. Traditional
/// text in Big5 lies in Big5's level 1 (0xA440–0xC67E); read as GBK, its trail bytes below 0xA1
/// and its lead bytes below 0xB0 land on extension characters and symbol rows. The gap holds
/// on a few dozen characters (the tests use 200-byte prefixes); a tie reads GBK, the more
/// common of the two.
pub(crate) fn detect(sample: &[u8]) -> &'static Encoding {
    let gbk = score(sample, true);
    let big5 = score(sample, false);
    if big5 > gbk {
        BIG5
    } else {
        GBK
    }
}

/// The gb18030 two-byte index: code point per pointer, 0 where unmapped.
fn gb18030_index() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.built_once(|| unpack(include_bytes!("gb18030.idx"), GB18030_POINTERS))
}

/// The Big5 index: code point per pointer, 0 where unmapped (and at the four pair pointers).
fn big5_index() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.built_once(|| unpack(include_bytes!("big5.idx"), BIG5_POINTERS))
}

/// The gb18030 ranges below [`GB18030_BMP_POINTERS`]: (first pointer, its code point or 0
/// for unmapped), by pointer.
fn gb18030_ranges() -> &'static [(u32, u32)] {
    static TABLE: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    TABLE.built_once(|| {
        let flat = unpack_raw(include_bytes!("gb18030-ranges.idx"));
        flat.chunks_exact(2)
            .filter_map(|p| match p {
                [a, b] => Some((*a, *b)),
                _ => None,
            })
            .collect()
    })
}

/// LEB128 numbers, as they are.
fn unpack_raw(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut v, mut shift) = (0u32, 0u32);
    for &b in bytes {
        v |= u32::from(b & 0x7F).checked_shl(shift).unwrap_or(0);
        shift += 7;
        if b < 0x80 {
            out.push(v);
            v = 0;
            shift = 0;
        }
    }
    out
}

/// An index packed by [`pack`]: `n` code points (0 for unmapped).
fn unpack(bytes: &[u8], n: usize) -> Vec<u32> {
    let mut prev = 0i64;
    let mut out: Vec<u32> = unpack_raw(bytes)
        .into_iter()
        .map(|v| {
            if v == 0 {
                return 0;
            }
            let z = i64::from(v - 1);
            prev += (z >> 1) ^ -(z & 1);
            u32::try_from(prev).unwrap_or(0)
        })
        .collect();
    out.resize(n, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leb(out: &mut Vec<u8>, mut v: u32) {
        loop {
            let b = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    /// The inverse of [`unpack`].
    fn pack(index: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut prev = 0i64;
        for &cp in index {
            if cp == 0 {
                leb(&mut out, 0);
                continue;
            }
            let d = i64::from(cp) - prev;
            prev = i64::from(cp);
            let z = ((d << 1) ^ (d >> 63)) as u32;
            leb(&mut out, z + 1);
        }
        out
    }

    /// The single character encoding_rs decodes `bytes` to, if exactly one and no error.
    fn one_char(enc: &'static Encoding, bytes: &[u8]) -> Option<char> {
        let s = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }

    fn gb18030_index_from_encoding_rs() -> Vec<u32> {
        (0..GB18030_POINTERS)
            .map(|p| {
                let (lead, t) = ((p / 190) as u8 + 0x81, (p % 190) as u8);
                let trail = if t < 0x3F { t + 0x40 } else { t + 0x41 };
                one_char(GB18030, &[lead, trail]).map_or(0, u32::from)
            })
            .collect()
    }

    fn big5_index_from_encoding_rs() -> Vec<u32> {
        (0..BIG5_POINTERS)
            .map(|p| {
                let (lead, t) = ((p / 157) as u8 + 0x81, (p % 157) as u8);
                let trail = if t < 0x3F { t + 0x40 } else { t + 0x62 };
                one_char(BIG5, &[lead, trail]).map_or(0, u32::from)
            })
            .collect()
    }

    fn four_bytes(p: u32) -> [u8; 4] {
        [
            (p / 12600) as u8 + 0x81,
            (p / 1260 % 10) as u8 + 0x30,
            (p / 10 % 126) as u8 + 0x81,
            (p % 10) as u8 + 0x30,
        ]
    }

    fn gb18030_ranges_from_encoding_rs() -> Vec<u32> {
        let mut flat = Vec::new();
        let mut expect: Option<u32> = None;
        for p in 0..GB18030_BMP_POINTERS {
            let cp = one_char(GB18030, &four_bytes(p)).map_or(0, u32::from);
            if expect != Some(cp) {
                flat.extend([p, cp]);
            }
            expect = Some(if cp == 0 { 0 } else { cp + 1 });
        }
        flat
    }

    /// The packed tables match encoding_rs; `UPDATE_TABLES=1` rewrites them from it.
    #[test]
    fn tables_are_encoding_rs_indexes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/codec");
        let mut ranges = Vec::new();
        for n in gb18030_ranges_from_encoding_rs() {
            leb(&mut ranges, n);
        }
        let files = [
            ("gb18030.idx", pack(&gb18030_index_from_encoding_rs())),
            ("big5.idx", pack(&big5_index_from_encoding_rs())),
            ("gb18030-ranges.idx", ranges),
        ];
        for (name, bytes) in files {
            let path = dir.join(name);
            if std::env::var_os("UPDATE_TABLES").is_some() {
                std::fs::write(&path, &bytes).expect("write table");
            }
            let on_disk = std::fs::read(&path).expect("table file");
            assert!(
                on_disk == bytes,
                "{name} differs from encoding_rs (UPDATE_TABLES=1)"
            );
        }
        let theirs = gb18030_index_from_encoding_rs();
        let first_diff = gb18030_index()
            .iter()
            .zip(&theirs)
            .position(|(a, b)| a != b);
        assert_eq!(
            first_diff, None,
            "unpacked gb18030 index differs at this pointer"
        );
        assert_eq!(gb18030_index().len(), theirs.len());
        let theirs = big5_index_from_encoding_rs();
        let first_diff = big5_index().iter().zip(&theirs).position(|(a, b)| a != b);
        assert_eq!(
            first_diff, None,
            "unpacked Big5 index differs at this pointer"
        );
        assert_eq!(
            big5_index()[5495],
            0x4E00,
            "一 is A440, the first Big5 ideograph"
        );
        assert_eq!(
            gb18030_index()[(0xD2 - 0x81) * 190 + (0xBB - 0x41)],
            0x4E00,
            "一 is D2BB"
        );
    }

    /// Text and malformed spans, decoded the way `decode.rs` drives a decoder.
    fn run<D>(src: &[u8], mut decode: D) -> (String, Vec<(usize, usize)>)
    where
        D: FnMut(&[u8], &mut String) -> (DecoderResult, usize),
    {
        let mut out = String::new();
        let mut pos = 0usize;
        let mut bad = Vec::new();
        loop {
            let rest = &src[pos..];
            let (res, read) = decode(rest, &mut out);
            pos += read;
            match res {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => out.reserve(rest.len() * 3 + 64),
                DecoderResult::Malformed(b, extra) => {
                    let end = pos - usize::from(extra);
                    bad.push((end - usize::from(b), end));
                    out.push('\u{FFFD}');
                }
            }
        }
        (out, bad)
    }

    fn same_as_encoding_rs(enc: &'static Encoding, src: &[u8]) {
        let mut theirs = enc.new_decoder_without_bom_handling();
        let a = run(src, |s, o| {
            let (r, n) = theirs.decode_to_string_without_replacement(s, o, true);
            (r, n)
        });
        let mut ours = Decoder::new(enc);
        let b = run(src, |s, o| {
            ours.decode_to_string_without_replacement(s, o, true)
        });
        assert_eq!(a, b, "{} on {src:02X?}", enc.name());
        let (lossy, bad) = decode_lossy(enc, src);
        assert_eq!((&*lossy, bad), (&*a.0, !a.1.is_empty()));
    }

    #[test]
    fn every_two_byte_sequence_decodes_as_encoding_rs_does() {
        for enc in [GB18030, BIG5, UTF_16LE, UTF_16BE, UTF_8] {
            for a in 0u8..=255 {
                for b in 0u8..=255 {
                    same_as_encoding_rs(enc, &[a, b]);
                    same_as_encoding_rs(enc, &[b'x', a, b, b'y']);
                }
            }
        }
    }

    #[test]
    fn every_bmp_four_byte_gb18030_sequence_decodes_as_encoding_rs_does() {
        for p in 0..GB18030_BMP_POINTERS + 20 {
            let bytes = four_bytes(p);
            let theirs = one_char(GB18030, &bytes);
            let mut out = String::new();
            let ours = match step_gb18030(&bytes, &mut out) {
                (4, None) => out.chars().next(),
                _ => None,
            };
            assert_eq!(ours, theirs, "pointer {p}");
        }
        for p in [189_000u32, 189_001, 500_000, 1_237_575, 1_237_576] {
            let b = [
                (p / 12600) as u8 + 0x81,
                (p / 1260 % 10) as u8 + 0x30,
                (p / 10 % 126) as u8 + 0x81,
                (p % 10) as u8 + 0x30,
            ];
            if b[0] <= 0xFE {
                same_as_encoding_rs(GB18030, &b);
            }
        }
    }

    #[test]
    fn random_bytes_decode_as_encoding_rs_does() {
        let mut x = 0x9E37_79B9_u32;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        // Bytes drawn from the ranges that matter: ASCII, digits, leads, trails, surrogates.
        let pool: Vec<u8> = [
            0x00u8, 0x30, 0x35, 0x39, 0x40, 0x41, 0x7E, 0x7F, 0x80, 0x81, 0x87,
        ]
        .into_iter()
        .chain([
            0xA0, 0xA1, 0xA4, 0xB0, 0xC6, 0xD2, 0xD8, 0xDC, 0xE4, 0xF9, 0xFE, 0xFF,
        ])
        .collect();
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 3 == 0 {
                        (r >> 8) as u8
                    } else {
                        pool[(r >> 8) as usize % pool.len()]
                    }
                })
                .collect();
            for enc in [GB18030, BIG5, UTF_16LE, UTF_16BE, UTF_8] {
                same_as_encoding_rs(enc, &bytes);
            }
        }
    }

    /// Every report of the test corpus, in GBK if Simplified and in Big5 if Traditional (the
    /// characters Big5 lacks dropped), is detected as such from its first 100 bytes on.
    #[test]
    fn detection_tells_gbk_from_big5_on_the_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
        let mut seen = [0usize; 2];
        for entry in std::fs::read_dir(&dir).expect("tests/corpus") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
            let traditional =
                text.matches(['資', '開', '請']).count() > text.matches(['资', '开', '请']).count();
            let enc = if traditional { BIG5 } else { GBK };
            let kept: String = text
                .chars()
                .filter(|c| !enc.encode(c.encode_utf8(&mut [0u8; 4])).2)
                .collect();
            let bytes = enc.encode(&kept).0.into_owned();
            seen[usize::from(traditional)] += 1;
            for len in [100, 200, 400, 1000, 4000, bytes.len()] {
                let mut cut = len.min(bytes.len());
                while cut > 0 && bytes[cut - 1] >= 0x80 {
                    cut -= 1;
                }
                if bytes[..cut].iter().filter(|b| **b >= 0x80).count() < 20 {
                    continue;
                }
                assert_eq!(detect(&bytes[..cut]), enc, "{cut} bytes of {kept:.40}");
            }
        }
        assert!(seen[0] >= 10 && seen[1] >= 3, "{seen:?}");
    }

    #[test]
    fn labels_name_what_encoding_rs_names() {
        for (l, _) in LABELS {
            assert_eq!(
                for_label(l.as_bytes()),
                Encoding::for_label(l.as_bytes()),
                "{l}"
            );
            let loud = format!(" \t{}\n", l.to_ascii_uppercase());
            assert_eq!(
                for_label(loud.as_bytes()),
                Encoding::for_label(l.as_bytes()),
                "{loud}"
            );
        }
        for l in [
            "shift_jis",
            "windows-1252",
            "euc-kr",
            "iso-2022-kr",
            "",
            " ",
            "gbk2",
        ] {
            assert_eq!(for_label(l.as_bytes()), None, "{l}");
        }
    }
}
