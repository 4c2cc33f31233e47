//! Whole texts misread as ISO-8859-1 / windows-1252: a report's UTF-8 (or GBK, Big5) bytes
//! decoded one byte a character, as an HTTP client does with a page whose `Content-Type` names
//! no charset (Python's `requests` falls back to ISO-8859-1), and saved again as UTF-8:
//! `ä¸€ã€æ€»ä½“æƒ…å†µ` for `一、总体情况` (from UTF-8), `Ò»¡¢×ÜÌåÇé¿ö` (from GBK).
//!
//! Such a text has no ideograph, and every character of it stands for one byte: ISO-8859-1 is
//! one byte a character both ways, and windows-1252 too but for its five unassigned bytes, which
//! its decoders either keep as the C1 controls of the same numbers (WHATWG, ISO-8859-1) or
//! replace. encoding_rs's windows-1252 encoder cannot take ISO-8859-1's U+0080..=U+009F back
//! (windows-1252 gives most of those bytes other characters), so the bytes are taken back by
//! [`byte_of`], which knows both readings, and decoded again by
//! [`crate::decode::decode`]; the second reading is kept when it is Chinese text (ideographs for
//! most of its non-ASCII characters, box-drawing ones aside) and nothing was replaced, else the
//! text stays as it was.
//!
//! The run-level repairs of `crate::mojibake` are for mixed texts; this is for texts wholly
//! misread, which they cannot mend (no ideograph is left to anchor them).

use crate::decode::{decode, Decoded};
use crate::diag::{Code, Diagnostic};
use crate::textmap::OffsetMap;

/// The characters windows-1252 gives bytes 0x80..=0x9F, in byte order (`None`: unassigned).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte a character of a misread text stands for: itself below U+0100 (ASCII, the C1
/// controls, Latin-1), or the windows-1252 byte of one of its 27 other characters.
pub(crate) fn byte_of(c: char) -> Option<u8> {
    if let Ok(b) = u8::try_from(u32::from(c)) {
        return Some(b);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == Some(c))
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// At least this many characters above ASCII before a text is read again: a few accented
/// letters in an otherwise ASCII text are what they are.
const MIN_HIGH: usize = 16;

/// `text` read again when it is a misread whole ([`crate::reread`]): the text, its encoding, and
/// the map from it to the input bytes (`map` maps `text` to them), with an N002 diagnostic that
/// says what was done. `None` for every other text, decided at its first ideograph in most.
pub(crate) fn reread(text: &str, map: &OffsetMap) -> Option<(String, OffsetMap, Diagnostic)> {
    // Cheap refusals first, with nothing allocated: the first character above ASCII (found at
    // memory speed) stands for no byte in any report read right (an ideograph); then any
    // character that stands for none, or too few above ASCII.
    let first = encoding_rs::Encoding::ascii_valid_up_to(text.as_bytes());
    byte_of(text.get(first..)?.chars().next()?)?;
    let mut high = 0usize;
    for c in text.get(first..)?.chars() {
        high += usize::from(byte_of(c)? >= 0x80);
    }
    if high < MIN_HIGH {
        return None;
    }
    let bytes: Vec<u8> = text.chars().filter_map(byte_of).collect();
    let Decoded {
        text: again,
        encoding,
        map: inner,
        ..
    } = decode(&bytes, None);
    // Chinese text: ideographs for most of the characters above ASCII but the box-drawing ones
    // (tables a text browser drew), nothing replaced.
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in again.chars() {
        if c == '\u{FFFD}' {
            return None;
        }
        if crate::normalise::is_cjk(c) {
            cjk += 1;
        } else if !c.is_ascii() && !('\u{2500}'..='\u{257F}').contains(&c) {
            other += 1;
        }
    }
    if cjk < MIN_HIGH / 2 || cjk < other {
        return None;
    }
    // Byte `i` of `bytes` is character `i` of `text`: its offset there, then in the input.
    let mut offset = Vec::with_capacity(bytes.len() + 1);
    offset.extend(text.char_indices().map(|(i, _)| i));
    offset.push(text.len());
    let at = |b: usize| offset.get(b).copied().unwrap_or(text.len());
    let mut out = OffsetMap::new();
    let mut pos = 0usize;
    for (d, c) in again.char_indices() {
        let len = c.len_utf8();
        let (b0, b1) = (inner.map_start(d), inner.map_end(d + len));
        let s0 = map.map_start(at(b0));
        if s0 > pos {
            out.skip_source(s0 - pos);
            pos = s0;
        }
        let s1 = map.map_end(at(b1)).max(pos);
        out.push_uniform(1, len, s1 - pos);
        pos = s1;
    }
    if pos < map.source_len() {
        out.skip_source(map.source_len() - pos);
    }
    let note = Diagnostic::new(
        Code::N002,
        format!(
            "mojibake repaired: the whole text is {encoding} bytes read one byte a character \
             (as ISO-8859-1 or windows-1252); it was read again as {encoding}"
        ),
    );
    Some((again.into_owned(), out, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table is windows-1252 as encoding_rs decodes it: each byte's character stands for the
    /// byte, and no other character does.
    #[test]
    fn every_byte_is_told_by_the_character_it_was_read_as() {
        for b in 0u8..=255 {
            let one = [b];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
            let c = text.chars().next().expect("one character");
            assert_eq!(byte_of(c), Some(b), "{b:#04x} read as {c:?}");
            // ISO-8859-1's reading, the character of the same number.
            assert_eq!(byte_of(char::from(b)), Some(b));
        }
        assert_eq!(byte_of('一'), None);
        assert_eq!(byte_of('\u{FFFD}'), None);
        assert_eq!(byte_of('\u{0100}'), None);
    }

    const REPORT: &str = "青岛市卫生健康委员会2020年政府信息公开工作年度报告\n一、总体情况\n\
                          本年主动公开信息220条。\n规章 | 0 | 1 | 2 |\n";

    #[test]
    fn utf8_read_as_latin1_is_read_again_and_mapped_to_the_input() {
        let misread: String = REPORT.bytes().map(char::from).collect();
        let map = OffsetMap::identity(misread.len());
        let (text, again, note) = reread(&misread, &map).expect("read again");
        assert_eq!(text, REPORT);
        assert_eq!(note.code, Code::N002);
        assert!(
            note.message
                .contains("UTF-8 bytes read one byte a character"),
            "{}",
            note.message
        );
        assert_eq!(again.derived_len(), text.len());
        assert_eq!(again.source_len(), misread.len());
        // Each character of the text maps to the characters of the misread text that were its
        // bytes.
        for (d, c) in text.char_indices() {
            let (s0, s1) = again.map_range(d, d + c.len_utf8());
            let bytes: Vec<u8> = misread
                .get(s0..s1)
                .expect("in the input")
                .chars()
                .filter_map(byte_of)
                .collect();
            assert_eq!(bytes, c.to_string().into_bytes(), "{c:?} at {d}");
        }
        // The same through `parse`: the text's words, and a note.
        let r = crate::parse(&misread);
        assert_eq!(r.meta.agency.as_deref(), Some("青岛市卫生健康委员会"));
        assert_eq!(r.meta.year, Some(2020));
        assert!(r.diagnostics.iter().any(|d| d.code == Code::N002));
    }

    #[test]
    fn gbk_read_as_windows_1252_is_read_again() {
        let gbk = encoding_rs::GB18030.encode(REPORT).0;
        let (misread, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&gbk);
        // As bytes (a UTF-8 file of the misread text), so through `decode` first.
        let r = crate::parse_bytes(misread.as_bytes());
        assert_eq!(r.meta.encoding, "UTF-8");
        assert_eq!(r.meta.agency.as_deref(), Some("青岛市卫生健康委员会"));
        let note = r
            .diagnostics
            .iter()
            .find(|d| d.code == Code::N002)
            .expect("a note");
        assert!(note.message.contains("is GBK bytes"), "{}", note.message);
        // The overview's span is its misread text in the input: those characters' bytes, read
        // as GBK, are the section.
        let overview = r.sections.first().expect("the overview");
        let span = overview.span;
        let bytes: Vec<u8> = misread
            .get(span.start..span.end)
            .expect("a span of the input")
            .chars()
            .filter_map(byte_of)
            .collect();
        let (read, _) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
        assert_eq!(
            read.trim(),
            "一、总体情况\n本年主动公开信息220条。\n规章 | 0 | 1 | 2 |"
        );
        assert_eq!(overview.heading, "一、总体情况");
    }

    #[test]
    fn text_read_right_is_left_alone() {
        let map = |s: &str| OffsetMap::identity(s.len());
        // Chinese text: refused at its first ideograph.
        assert!(reread(REPORT, &map(REPORT)).is_none());
        // ASCII, and a few accented letters.
        let plain = "Report 2020 | 0 | 1 |\n".repeat(20);
        assert!(reread(&plain, &map(&plain)).is_none());
        let few = "Café déjà vu, naïve résumé.".to_string();
        assert!(reread(&few, &map(&few)).is_none());
        // Latin-1 text that is what it says (French): read again, it is no Chinese text.
        let french = "Le rapport annuel de l'année présente les données réunies à l'échelle \
                      régionale: créées, modifiées, abrogées; références générales, été, déjà."
            .repeat(3);
        assert!(reread(&french, &map(&french)).is_none());
    }
}
