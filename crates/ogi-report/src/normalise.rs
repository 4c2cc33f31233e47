//! Normalisation: the canonical text used for matching, with a map back to its source.
//!
//! The canonical text is what the segmenter and the table combinators read. It differs from the
//! source in ways that never change the *meaning* of a label or a number:
//!
//! - Traditional characters become Simplified through the built-in character table
//!   ([`crate::t2s::label_char`]), so `規範性文件` matches `规范性文件` in every build;
//! - full-width ASCII (`（一）`, `０`, `：`) becomes half-width, U+3000 and NBSP become a space,
//!   zero-width characters and soft hyphens disappear;
//! - pinyin glosses glued to a character (`領(lǐng)`, `務(wù)`) are removed. Only a parenthesis
//!   holding a tone-marked pinyin syllable counts, so `(一)`, `(市政府令)` and `(xiàn)` after a
//!   Latin letter are untouched;
//! - mojibake runs that can be reversed are replaced by their repair.
//!
//! Every change is recorded in an [`OffsetMap`] (canonical offset → source offset), so a span
//! found in the canonical text maps back to exactly the characters it came from, gloss and all.

use crate::BuiltOnce;
use std::borrow::Cow;

use crate::diag::{Code, Diagnostic};
use crate::model::{Repairs, Script};
#[cfg(test)]
use crate::mojibake::bit;
use crate::mojibake::{MojibakeRun, MojibakeScan, BMP_WORDS, URO_LEN};
use crate::t2s::label_char;
use crate::textmap::OffsetMap;

/// The canonical text and what was done to obtain it.
pub(crate) struct Canon<'a> {
    /// Borrowed from the source when normalising changed nothing (Simplified UTF-8 without CRs,
    /// the common case): a 50 MB input then costs no 50 MB copy.
    pub text: Cow<'a, str>,
    /// Canonical offsets → source offsets.
    pub map: OffsetMap,
    pub script: Script,
    pub repairs: Repairs,
    /// Mojibake runs found in the source, when asked for (see [`normalise`]); empty otherwise.
    pub mojibake: Vec<MojibakeRun>,
    /// Diagnostics with spans in *source* offsets of this stage.
    pub diagnostics: Vec<Diagnostic>,
}

fn is_tone_vowel(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
            | 'ń'
            | 'ň'
            | 'ǹ'
            | 'ḿ'
    )
}

/// The toned vowels of two bytes ([`is_tone_vowel`] but `ḿ`, which has three), one bit each: the
/// word of a character's lead byte less 0xC3 (the leads 0xC3..=0xC7 of U+00C0..=U+01FF), the bit
/// of its continuation byte's six bits.
const TONED2: [u64; 5] = [
    0x160C_3303_0000_0000,
    0x0000_0800_0808_0002,
    0x0000_0800_0000_2110,
    0x0000_0000_0000_0000,
    0x0200_0000_1555_4000,
];

/// A pinyin letter: ASCII lowercase or a toned vowel.
pub(crate) fn is_pinyin_char(c: char) -> bool {
    c.is_ascii_lowercase() || is_tone_vowel(c)
}

/// True for characters of the CJK ideograph blocks.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The byte length of the bracket that may open a gloss at the start of `b`: `(` or `（`.
#[inline]
fn open_bracket_len(b: &[u8]) -> Option<usize> {
    match b.first()? {
        b'(' => Some(1),
        _ if b.starts_with("（".as_bytes()) => Some(3),
        _ => None,
    }
}

/// If `rest` starts with a pinyin gloss `(pīn)` / `（pīn）`, its byte length: at most seven
/// pinyin letters ([`is_pinyin_char`]), at least one of them tone-marked, closed by `)` or `）`
/// (either, whichever bracket opened it). A `?` stands for a toned vowel that an encoding without
/// one lost (`衛(wèi)` saved as Big5 reads `衛(w?i)`): at most two of them, in a gloss that keeps at
/// least one letter. Read from the bytes: an ASCII letter or `)` is one byte test, and only the
/// other characters (the tone-marked vowels, `）`, whatever ends the gloss) are decoded, instead
/// of every character.
pub(crate) fn gloss_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let open_len = open_bracket_len(b)?;
    let mut k = open_len;
    let mut n = 0usize;
    let mut lost = 0usize;
    let mut toned = false;
    loop {
        let x = *b.get(k)?;
        let len = if x.is_ascii_lowercase() {
            1
        } else if x == b')' {
            break;
        } else if x == b'?' {
            lost += 1;
            toned = true;
            1
        } else if let Some(&toned2) = TONED2.get(usize::from(x.wrapping_sub(0xC3))) {
            // A two-byte character of lead 0xC3..=0xC7: a toned vowel or nothing a gloss holds
            // (`）` has three bytes), told by the continuation byte's bit without decoding.
            if (toned2 >> (b.get(k + 1)? & 0x3F)) & 1 == 0 {
                return None;
            }
            toned = true;
            2
        } else {
            let (ch, len) = decode_at(b, k)?;
            if ch == '）' {
                break;
            }
            if !is_tone_vowel(ch) {
                return None;
            }
            toned = true;
            len
        };
        n += 1;
        if n > 7 {
            return None;
        }
        k += len;
    }
    if n == lost || !toned || lost > 2 {
        return None;
    }
    // The closing bracket: `)` or `）`, after `k` bytes.
    Some(k + if b.get(k) == Some(&b')') { 1 } else { 3 })
}

/// If `rest` opens with one break a line or a page may put between an ideograph and its gloss
/// (a space, a tab, `\n`, `\r\n`) and a bracket after it that may open the gloss, the break's
/// length: the quiet run's cheap test, before [`spaced_gloss_len`] reads the gloss.
#[inline]
fn spaced_gloss_break(rest: &[u8]) -> Option<usize> {
    let sep = match rest.first() {
        Some(b' ' | b'\t' | b'\n') => 1,
        Some(b'\r') if rest.get(1) == Some(&b'\n') => 2,
        _ => return None,
    };
    (rest.get(sep) == Some(&b'(') || rest.get(sep..sep + 3) == Some("（".as_bytes())).then_some(sep)
}

/// Whether `rest` may open a gloss one break off its ideograph ([`spaced_gloss_break`]).
#[inline]
fn may_open_spaced_gloss(rest: &[u8]) -> bool {
    spaced_gloss_break(rest).is_some()
}

/// If `rest` opens with one break between an ideograph and its gloss (a space, a tab, `\n` or
/// `\r\n`) and a pinyin gloss after it ([`gloss_len`]), the byte length of the two: `執 (zhí)`
/// where a page's `<ruby>` was read as text with white space between, `執\n(zhí)` where a line
/// was wrapped there. Only one break: a gloss farther off is the prose's own bracket.
pub(crate) fn spaced_gloss_len(rest: &str) -> Option<usize> {
    let sep = spaced_gloss_break(rest.as_bytes())?;
    rest.get(sep..).and_then(gloss_len).map(|g| sep + g)
}

/// The initials of Mandarin's syllables as pinyin writes them (`y`, `w` among them), the
/// two-letter ones first.
const INITIALS: [&str; 23] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w",
];

/// The finals after an initial, each between spaces (`ü` as `v`).
const FINALS: &str =
    " a o e i u v ai ei ao ou an en ang eng ong ia ie iao iu ian in iang ing iong \
    ua uo uai ui uan un uang ue ve ";

/// The syllables without an initial, each between spaces; the single vowels (`a`, `e`, `o`) are
/// left out: a bracketed letter is an item's mark far more often than a gloss.
const BARE_FINALS: &str = " ai an ang ao ei en eng er ou ";

/// Whether `w` is shaped as a syllable of Mandarin without tone marks: an initial and a final
/// ([`INITIALS`], [`FINALS`]) or a final alone ([`BARE_FINALS`]). A few shapes no syllable
/// has (`fong`) pass: what a gloss without tone marks may hold ([`toneless_gloss_len`]), which
/// only glosses among other glosses are taken for.
fn is_syllable(w: &str) -> bool {
    let (list, f) = match INITIALS.iter().find_map(|i| w.strip_prefix(i)) {
        Some(f) => (FINALS, f),
        None => (BARE_FINALS, w),
    };
    let b = list.as_bytes();
    !f.is_empty()
        && list.match_indices(f).any(|(at, _)| {
            at.checked_sub(1).and_then(|k| b.get(k)) == Some(&b' ')
                && b.get(at + f.len()) == Some(&b' ')
        })
}

/// If `rest` opens with a bracketed syllable ([`is_syllable`]) (`(zong)`, `（ti）`, either
/// bracket closing either), its byte length: a gloss's shape without tone marks.
pub(crate) fn syllable_gloss_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let open = open_bracket_len(b)?;
    let letters = b
        .get(open..)?
        .iter()
        .take(7)
        .take_while(|x| x.is_ascii_lowercase())
        .count();
    let word = rest.get(open..open + letters)?;
    let after = open + letters;
    let close = match b.get(after..)? {
        [b')', ..] => 1,
        r if r.starts_with("）".as_bytes()) => 3,
        _ => return None,
    };
    is_syllable(word).then_some(after + close)
}

/// If `src[i..]` opens a pinyin gloss without tone marks (`总(zong)体(ti)`) that stands among
/// other glosses, its byte length. A bracketed syllable after an ideograph is a gloss only when
/// another gloss opens within the [`GLOSS_NEAR`] bytes after it or closes within those before
/// it (`发(fa)布时(shi)间(jian)`): alone (`网站(wang)`) it may be the prose's own bracket, an
/// English word that spells a syllable.
#[inline]
pub(crate) fn toneless_gloss_len(src: &str, i: usize) -> Option<usize> {
    // `(` or `（`, and a lowercase letter after it.
    let b = src.as_bytes().get(i..)?;
    if !b.get(open_bracket_len(b)?)?.is_ascii_lowercase() {
        return None;
    }
    toneless_among_glosses(src, i)
}

/// How near another gloss stands to a gloss without tone marks ([`toneless_gloss_len`]): three
/// ideographs and a bracket's byte.
const GLOSS_NEAR: usize = 10;

#[cold]
#[inline(never)]
fn toneless_among_glosses(src: &str, i: usize) -> Option<usize> {
    let gl = syllable_gloss_len(src.get(i..)?)?;
    let b = src.as_bytes();
    let opens = |o: usize| matches!(b.get(o), Some(b'(') | Some(0xEF)) && src.is_char_boundary(o);
    let after = i + gl;
    let next = (after..(after + GLOSS_NEAR).min(src.len()))
        .any(|o| opens(o) && src.get(o..).and_then(any_gloss_len).is_some());
    // A gloss before: it opens within its own greatest length (a full-width bracket, seven
    // letters of two bytes, a bracket) and `GLOSS_NEAR` bytes before `i`, and ends by `i`.
    let prev = || {
        (i.saturating_sub(GLOSS_NEAR + 20)..i).any(|o| {
            opens(o)
                && src
                    .get(o..)
                    .and_then(any_gloss_len)
                    .is_some_and(|l| o + l <= i && i - (o + l) <= GLOSS_NEAR)
        })
    };
    (next || prev()).then_some(gl)
}

/// The length of a gloss `rest` opens with, with tone marks ([`gloss_len`]) or without
/// ([`syllable_gloss_len`]): for a range the normaliser dropped, which held it in a run.
pub(crate) fn any_gloss_len(rest: &str) -> Option<usize> {
    gloss_len(rest).or_else(|| syllable_gloss_len(rest))
}

/// [`gloss_len`] as first written, decoding every character: the reference it is held to.
#[cfg(test)]
fn gloss_len_ref(rest: &str) -> Option<usize> {
    let (open_len, close) = if rest.starts_with('(') {
        (1, ')')
    } else if rest.starts_with('（') {
        (3, '）')
    } else {
        return None;
    };
    let inner = rest.get(open_len..)?;
    let mut toned = false;
    let mut n = 0usize;
    let mut lost = 0usize;
    for (i, ch) in inner.char_indices() {
        if ch == close || (close == '）' && ch == ')') || (close == ')' && ch == '）') {
            if n == lost || n > 7 || !toned || lost > 2 {
                return None;
            }
            return Some(open_len + i + ch.len_utf8());
        }
        if ch == '?' {
            lost += 1;
        } else if !is_pinyin_char(ch) {
            return None;
        }
        toned |= ch == '?' || is_tone_vowel(ch);
        n += 1;
        if n > 7 {
            return None;
        }
    }
    None
}

/// A mojibake run that cannot be repaired, kept as written, but its ideographs in the form
/// labels are matched in (`????一、總體情況` is a heading): each as long as the one it replaces,
/// so the run still maps as a copy. Out of line: rare, and kept out of the loop over the text.
#[cold]
#[inline(never)]
fn push_kept_run(text: &mut String, raw: &str) {
    text.extend(raw.chars().map(|c| {
        let f = label_char(c);
        if f.len_utf8() == c.len_utf8() {
            f
        } else {
            c
        }
    }));
}

/// The half-width form of a character for matching, or `None` when it is dropped.
#[inline]
pub(crate) fn fold(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}' => None,
        '\r' => Some('\n'),
        '\u{2028}' | '\u{2029}' | '\u{000C}' | '\u{000B}' => Some('\n'),
        '〔' => Some('['),
        '〕' => Some(']'),
        '﹙' => Some('('),
        '﹚' => Some(')'),
        // The minus signs and hyphens of word processors (`−4`, `–4` for 本年增/减).
        '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' => Some('-'),
        _ => Some(label_char(c)),
    }
}

/// The character starting at byte `i` of valid UTF-8 (a character boundary) and its length,
/// decoded from the bytes: cheaper than a `chars()` iterator in the per-character loop.
#[inline]
pub(crate) fn decode_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    let x = *b.get(i)?;
    let at = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0) & 0x3F);
    let (u, len) = match x {
        0x00..=0x7F => (u32::from(x), 1),
        0xC0..=0xDF => ((u32::from(x & 0x1F) << 6) | at(1), 2),
        0xE0..=0xEF => ((u32::from(x & 0x0F) << 12) | (at(1) << 6) | at(2), 3),
        _ => (
            (u32::from(x & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
            4,
        ),
    };
    char::from_u32(u).map(|c| (c, len))
}

/// Three-byte characters (U+0800..=U+FFFF) the normaliser leaves as they are: no fold or label
/// conversion changes them, none can open a mojibake run, and none opens a pinyin gloss (`（`).
/// One bit each, 8 KiB, built once.
fn quiet3() -> &'static [u64; BMP_WORDS] {
    static SET: std::sync::OnceLock<[u64; BMP_WORDS]> = std::sync::OnceLock::new();
    SET.built_once(|| {
        let mut set = [0u64; BMP_WORDS];
        for u in 0x800u32..0x10000 {
            let Some(c) = char::from_u32(u) else { continue };
            let uro = ('\u{4E00}'..='\u{9FFF}').contains(&c);
            let unchanged = if uro {
                label_char(c) == c
            } else {
                fold(c) == Some(c)
            };
            if unchanged && c != '（' && !crate::mojibake::can_open(c) {
                if let Some(w) = set.get_mut((u >> 6) as usize) {
                    *w |= 1u64 << (u & 63);
                }
            }
        }
        set
    })
}

/// The ideographs of the URO (U+4E00..=U+9FFF) the label table turns into another three-byte
/// character, by `u - 0x4E00`: the character they become (NUL for the others), in two halves.
/// The second holds those that cannot open a mojibake run: the characters of Traditional text
/// that change, which the normaliser converts in runs of them and of quiet characters in one
/// loop ([`normalise_with`]). The first holds those that can (the family-1 starts `項`, `類`,
/// `錄`, about 25 a Traditional bench report): read after a conversion ([`convert_run3`]), they
/// are converted there too when the character after them cannot continue a run
/// ([`start_converted`]), instead of each taking the general path and the scan's call.
///
/// Held as characters, 242 KiB built once: an entry is pushed as read, where a table of `u16`
/// code points (82 KiB) had each entry read tested as a code point (not a surrogate) at every
/// conversion, on the path of every converted character.
///
/// The second half is laid out by code point from U+0000, NUL below the URO ([`CONV_OTHERS`]):
/// a character's entry is at `u + URO_LEN` for any `u`, so [`converted`] reads it with the
/// one bounds test (past the end for `u` above the URO), rather than also subtracting the URO's
/// start from `u` and testing that first. The 78 KiB of NULs are read only for the few
/// three-byte characters below U+4E00 that end a run.
fn conv3() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.built_once(|| relaid(&conv3_halves()))
}

/// Where the second half of [`conv3`]'s table holds the entry of U+0000 (those of U+0000..U+4E00
/// are NUL, those of the URO follow).
const CONV_OTHERS: usize = URO_LEN;

/// [`conv3`]'s table as first laid out: the two halves by `u - 0x4E00`, the URO alone in each.
fn conv3_halves() -> Vec<char> {
    let target = |c: char, start: bool| {
        let f = label_char(c);
        if f != c && f.len_utf8() == 3 && crate::mojibake::can_open(c) == start {
            f
        } else {
            '\0'
        }
    };
    let starts = ('\u{4E00}'..='\u{9FFF}').map(|c| target(c, true));
    starts
        .chain(('\u{4E00}'..='\u{9FFF}').map(|c| target(c, false)))
        .collect()
}

/// A table laid out as [`conv3_halves`]'s (its first half's entries, then, if any, its second
/// half's) laid out as [`conv3`]'s: the first half as it is, NULs for U+0000..U+4E00, the second
/// half. An empty table stays empty.
fn relaid(halves: &[char]) -> Vec<char> {
    let (first, second) = halves.split_at(halves.len().min(URO_LEN));
    let mut table = first.to_vec();
    if !second.is_empty() {
        table.resize(CONV_OTHERS + 0x4E00, '\0');
        table.extend_from_slice(second);
    }
    table
}

/// The code point of the three-byte character at byte `i` (a character boundary of valid UTF-8),
/// if the character there has three bytes.
#[inline]
fn three_byte_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i..i + 3)? {
        &[b0, b1, b2] if b0 & 0xF0 == 0xE0 => Some(
            (usize::from(b0 & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F),
        ),
        _ => None,
    }
}

/// `is_cjk` within three-byte characters.
#[inline]
fn is_han3(u: usize) -> bool {
    matches!(u, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The character the ideograph `u` becomes, if [`conv3`]'s table `conv` holds it.
#[inline]
fn converted(u: usize, conv: &[char]) -> Option<char> {
    // The second half of the table, by code point: NUL below the URO, past it above.
    conv.get(u + CONV_OTHERS)
        .copied()
        // The table holds three-byte characters and NULs: U+0800..=U+FFFF is the same test as
        // not NUL, and tells the compiler the character pushed has three bytes.
        .filter(|f| ('\u{800}'..='\u{FFFF}').contains(f))
}

/// [`converted`] as it read a table of `u16` code points laid out in two halves by
/// `u - 0x4E00` ([`conv3_halves`]): the reference it is held to (on the table's characters,
/// [`chars_of`], laid out as [`conv3`]'s, [`relaid`]).
#[cfg(test)]
fn converted_u16(u: usize, conv: &[u16]) -> Option<char> {
    u.checked_sub(0x4E00)
        .and_then(|k| conv.get(k + URO_LEN))
        .and_then(|&f| char::from_u32(u32::from(f)))
        .filter(|&f| f >= '\u{800}')
}

/// A table of `u16` code points as [`conv3_halves`] holds it: each entry's character, NUL for a
/// surrogate (which the readings of a `u16` table took for no conversion, as they take NUL).
#[cfg(test)]
fn chars_of(conv: &[u16]) -> Vec<char> {
    conv.iter()
        .map(|&f| char::from_u32(u32::from(f)).unwrap_or('\0'))
        .collect()
}

/// [`converted`] as first written, testing the table's entry against zero, in a table laid out
/// in two halves ([`converted_u16`]): the reference it is held to.
#[cfg(test)]
fn converted_ref(u: usize, conv: &[u16]) -> Option<char> {
    u.checked_sub(0x4E00)
        .and_then(|k| conv.get(k + URO_LEN))
        .and_then(|&f| char::from_u32(u32::from(f)))
        .filter(|&f| f != '\0')
}

/// The character that the family-1 start `u` at byte `at` of `bytes` becomes, when [`conv3`]'s
/// table `conv` holds it in its first half and the whole character after it is in `bytes` and
/// cannot continue a run ([`opens_no_run`]): the scan would find no run there (its first
/// test), and the general path would convert it as this does. `None` otherwise, for the general
/// path to offer it to the scan. Only the table is read here, for every character that ends a
/// run after a conversion; the character after is read only after a start. The spans the
/// normaliser reads otherwise ([`quiet_run`]) do not look for starts: in Simplified text they
/// end at full-width punctuation, which would pay for the test.
#[inline]
fn start_converted(bytes: &[u8], at: usize, u: usize, conv: &[char]) -> Option<char> {
    let k = u.checked_sub(0x4E00).filter(|&k| k < URO_LEN)?;
    let f = conv
        .get(k)
        .copied()
        .filter(|f| ('\u{800}'..='\u{FFFF}').contains(f))?;
    opens_no_run(bytes, at + 3).then_some(f)
}

/// [`start_converted`] as it read a table of `u16` code points: the reference it is held to.
#[cfg(test)]
fn start_converted_u16(bytes: &[u8], at: usize, u: usize, conv: &[u16]) -> Option<char> {
    let k = u.checked_sub(0x4E00).filter(|&k| k < URO_LEN)?;
    let f = char::from_u32(u32::from(*conv.get(k)?)).filter(|&f| f >= '\u{800}')?;
    opens_no_run(bytes, at + 3).then_some(f)
}

/// [`start_converted`] as first written, testing the table's entry against zero: the reference
/// it is held to.
#[cfg(test)]
fn start_converted_ref(bytes: &[u8], at: usize, u: usize, conv: &[u16]) -> Option<char> {
    let k = u.checked_sub(0x4E00).filter(|&k| k < URO_LEN)?;
    let f = char::from_u32(u32::from(*conv.get(k)?)).filter(|&f| f != '\0')?;
    opens_no_run(bytes, at + 3).then_some(f)
}

/// Whether the whole character at byte `next` of `bytes` is there and, after a family-1
/// start, lets it open no run ([`crate::mojibake::can_continue`]).
#[inline(never)]
fn opens_no_run(bytes: &[u8], next: usize) -> bool {
    decode_at(bytes, next)
        .filter(|&(_, len)| next + len <= bytes.len())
        .is_some_and(|(n, _)| !crate::mojibake::can_continue(n))
}

/// Words of a wide set ([`widen`], [`quiet3_wide`]): one for each index `(b0 << 6) + b1` of two
/// bytes.
pub(crate) const WIDE_WORDS: usize = (0xFF << 6) + 0xFF + 1;

/// The word of [`quiet3_wide`] that the first word of [`quiet3`]'s three-byte characters
/// (U+0800..) is at: lead 0xE0, continuation 0x80.
const WIDE_FIRST: usize = (0xE0 << 6) + 0x80;

/// The word of [`quiet3_wide`] for a character whose first two bytes are `b0 b1`: `(b0 << 6) +
/// b1`, without masking the continuation byte's two top bits (the set is offset by them).
#[inline(always)]
pub(crate) fn wide_word(b0: u8, b1: u8) -> usize {
    (usize::from(b0) << 6) + usize::from(b1)
}

/// [`quiet3`] indexed by a character's first two bytes, `(b0 << 6) + b1` ([`wide_word`]), rather
/// than by the code point's word `(b0 - 0xE0) << 6 | b1 & 0x3F`: the words of the three-byte
/// leads (0xE0..=0xEF) followed by a continuation byte (0x80..=0xBF), from [`WIDE_FIRST`], hold
/// [`quiet3`]'s, the others none. Any two bytes index a word, so the loops that read it
/// ([`quiet_len3`], [`convert_run3`]) neither subtract the lead's offset, nor test the word
/// against the set's end, nor take the continuation's six bits. At a character boundary of
/// UTF-8 (where those loops read), a three- or four-byte lead is followed by a continuation
/// byte, and a smaller byte (ASCII or a two-byte lead, up to 0xDF) gives a word below
/// [`WIDE_FIRST`] whatever follows it, so only the three-byte characters find a word of
/// [`quiet3`], their own (a four-byte lead finds an empty word past them, which ends the run as
/// the end of the set did). Read as `b0 << 6 | b1 & 0x3F`, the six bits took an instruction
/// more a character. 129.5 KiB, of which the normaliser reads the 8 KiB of the three-byte leads
/// and a word at the end of a run; built once, on the heap (not on the stack of whichever
/// thread parses first, which may be small).
fn quiet3_wide() -> &'static [u64; WIDE_WORDS] {
    static SET: std::sync::OnceLock<Box<[u64; WIDE_WORDS]>> = std::sync::OnceLock::new();
    SET.built_once(|| widen(quiet3(), 0))
}

/// A set of the three-byte characters (`set`, one bit for each code point from U+0000; the
/// words below U+0800 land where only overlong forms would read them) indexed by a character's first two bytes ([`wide_word`]), as
/// [`quiet3_wide`] reads [`quiet3`]: the words of the three-byte leads followed by a
/// continuation byte, from [`WIDE_FIRST`], hold `set`'s, every other word is `fill` (so a
/// character of one, two or four bytes is a member when `fill` is every bit, none when it is
/// zero). Built on the heap, not on the stack of whichever thread builds it first.
pub(crate) fn widen(set: &[u64], fill: u64) -> Box<[u64; WIDE_WORDS]> {
    let mut wide = vec![fill; WIDE_WORDS];
    let leads = wide.get_mut(WIDE_FIRST..).unwrap_or_default();
    for (w, &q) in leads.iter_mut().zip(set.iter()) {
        *w = q;
    }
    let wide: Box<[u64]> = wide.into_boxed_slice();
    // The vector holds WIDE_WORDS words, so the conversion cannot fail; a set of `fill` alone
    // would only send every character the general way, with the same output.
    wide.try_into()
        .unwrap_or_else(|_| Box::new([fill; WIDE_WORDS]))
}

/// [`run3`] of the members of [`quiet3`], read in [`quiet3_wide`] (`quiet`): a character's word
/// is told by its first two bytes without a subtraction or a bounds test. The bytes are taken
/// three at a time off the front of the slice ([`slice::split_first_chunk`]), whose length is
/// tested against three at each turn: `chunks_exact(3)` divided the length by three at every
/// call (a multiplication and five instructions more), and the normaliser calls this and
/// [`convert_run3`] some 350,000 times over the Traditional bench reports. (Taken by a slice
/// pattern, `[b0, b1, b2, tail @ ..]`, with the length read from what is left, the loop kept
/// both the slice before and after each character: 1.8 M instructions more, not fewer.)
#[inline(always)]
fn quiet_len3(bytes: &[u8], quiet: &[u64; WIDE_WORDS]) -> usize {
    let mut rest = bytes;
    let mut taken = 0usize;
    while let Some((&[b0, b1, b2], tail)) = rest.split_first_chunk::<3>() {
        // Below WIDE_WORDS: always a word of the set.
        let Some(&w) = quiet.get(wide_word(b0, b1)) else {
            break;
        };
        if (w >> (b2 & 0x3F)) & 1 == 0 {
            break;
        }
        rest = tail;
        taken += 3;
    }
    taken
}

/// [`quiet_len3`] as it was read by `chunks_exact(3)`: the reference it is held to.
#[cfg(test)]
fn quiet_len3_chunks(bytes: &[u8], quiet: &[u64; WIDE_WORDS]) -> usize {
    let mut taken = 0usize;
    for c in bytes.chunks_exact(3) {
        let &[b0, b1, b2] = c else { break };
        // Below WIDE_WORDS: always a word of the set.
        let Some(&w) = quiet.get(wide_word(b0, b1)) else {
            break;
        };
        if (w >> (b2 & 0x3F)) & 1 == 0 {
            break;
        }
        taken += 3;
    }
    taken
}

/// What [`quiet_span`] skipped.
#[cfg(test)]
#[derive(Debug, PartialEq, Eq)]
struct Quiet {
    /// The end of the span.
    end: usize,
    /// Whether the character before the end is an ideograph (for an empty span, what the
    /// caller said of the character before its start).
    last_han: bool,
    /// Whether the span holds an ASCII byte.
    ascii: bool,
}

/// The span from byte `i` to at most `limit` (character boundaries, `i <= limit`) of what the
/// normaliser copies as it is: quiet three-byte characters ([`quiet3`]) and ASCII bytes other
/// than `\r`, `?` and a `(` right after an ideograph (which may open a pinyin gloss).
/// `prev_han` tells whether the character before `i` is an ideograph.
///
/// Report text alternates runs of both (`| 规章 | 0 | 0 |`), so one loop reads through them
/// instead of the normaliser's loop taking each run in turn. A three-byte character's word in
/// the set is told by its first two bytes (a lead outside 0xE0..=0xEF gives no word) and its bit
/// by the third, and ASCII is read eight bytes at a time ([`ascii_run`]), so nothing is decoded
/// but the character before a `(` and the last one.
///
/// The normaliser reads the span by [`quiet_run`] and asks [`han_before_end`] for its last
/// character only when no conversion follows it (a conversion is an ideograph itself): in
/// Traditional text most spans end at one, and the last character decoded at each cost 2.1 M
/// instructions over the Traditional bench reports. This is the two together, which the tests
/// hold to the reference.
#[cfg(test)]
fn quiet_span(
    bytes: &[u8],
    i: usize,
    limit: usize,
    quiet: &[u64; WIDE_WORDS],
    prev_han: bool,
) -> Quiet {
    let (end, ascii) = quiet_run(bytes, i, limit, quiet, prev_han);
    Quiet {
        end,
        last_han: han_before_end(bytes, i, end, prev_han),
        ascii,
    }
}

/// Whether the character before `end` is an ideograph, for a span from `i` to `end` of quiet
/// three-byte characters and ASCII ([`quiet_run`]); for an empty span, `prev_han`.
#[inline]
fn han_before_end(bytes: &[u8], i: usize, end: usize, prev_han: bool) -> bool {
    if end > i {
        end >= 3 && three_byte_at(bytes, end - 3).is_some_and(is_han3)
    } else {
        prev_han
    }
}

/// The end of [`quiet_span`]'s span and whether it holds an ASCII byte.
#[inline]
fn quiet_run(
    bytes: &[u8],
    i: usize,
    limit: usize,
    quiet: &[u64; WIDE_WORDS],
    prev_han: bool,
) -> (usize, bool) {
    let text = bytes.get(..limit).unwrap_or(bytes);
    let mut rest = text.get(i..).unwrap_or_default();
    let mut ascii = false;
    // Whether the character before `rest` is an ideograph: inside the span, a quiet three-byte
    // character or ASCII.
    let han_before = |rest: &[u8]| {
        let at = text.len() - rest.len();
        if at > i {
            at >= 3 && three_byte_at(text, at - 3).is_some_and(is_han3)
        } else {
            prev_han
        }
    };
    loop {
        rest = rest.get(quiet_len3(rest, quiet)..).unwrap_or_default();
        match rest.first() {
            Some(&b) if b < 0x80 && b != b'\r' && b != b'?' => {
                if (b == b'(' || may_open_spaced_gloss(rest)) && han_before(rest) {
                    break;
                }
            }
            _ => break,
        }
        ascii = true;
        let tail = rest.get(1..).unwrap_or_default();
        rest = tail.get(ascii_run(tail)..).unwrap_or_default();
    }
    (text.len() - rest.len(), ascii)
}

/// The length of the run of three-byte characters at the start of `bytes` whose bit in `set`
/// (one bit for each of U+0000..=U+FFFF, indexed by code point) is `member`, read without
/// decoding: a character's word in the set from its first two bytes, its bit from the third.
#[cfg(test)]
#[inline(always)]
pub(crate) fn run3(bytes: &[u8], set: &[u64], member: bool) -> usize {
    let mut taken = 0usize;
    for c in bytes.chunks_exact(3) {
        let &[b0, b1, b2] = c else { break };
        if bit3(set, b0, b1, b2) != Some(member) {
            break;
        }
        taken += 3;
    }
    taken
}

/// The bit in `set` (one for each of U+0000..=U+FFFF, indexed by code point) of the character
/// whose UTF-8 is `b0 b1 b2`, read without decoding; `None` unless `b0` leads three bytes.
#[cfg(test)]
#[inline(always)]
fn bit3(set: &[u64], b0: u8, b1: u8, b2: u8) -> Option<bool> {
    // (lead - 0xE0) << 6 | second byte's six bits: a word of the set only for a three-byte
    // lead (below 0xE0 the subtraction wraps, from 0xF0 it passes the end).
    let word = ((usize::from(b0) << 6) | usize::from(b1 & 0x3F)).wrapping_sub(0xE0 << 6);
    set.get(word).map(|w| (w >> (b2 & 0x3F)) & 1 == 1)
}

/// The length of the run of three-byte characters outside `set` at the start of `bytes`, as
/// [`run3`] reads it (`member` false), two characters a turn of the loop: where most of a
/// text is such a run (section 一's overview, read for the figures it states), a turn's count
/// and test of what is left are shared by two characters. The same length as `run3`: a
/// proptest holds it (`validate::prose`). Kept as the reference the figure scan's runs are held
/// to.
#[cfg(test)]
#[inline(always)]
pub(crate) fn run3_by_pairs(bytes: &[u8], set: &[u64]) -> usize {
    let quiet = |b0: u8, b1: u8, b2: u8| bit3(set, b0, b1, b2) == Some(false);
    let mut taken = 0usize;
    let mut pairs = bytes.chunks_exact(6);
    for c in &mut pairs {
        let &[a0, a1, a2, b0, b1, b2] = c else { break };
        if !quiet(a0, a1, a2) {
            return taken;
        }
        if !quiet(b0, b1, b2) {
            return taken + 3;
        }
        taken += 6;
    }
    if let [b0, b1, b2, ..] = *pairs.remainder() {
        if quiet(b0, b1, b2) {
            taken += 3;
        }
    }
    taken
}

/// The ideograph that the three-byte character at byte `i` becomes, when [`conv3`]'s table
/// `conv` holds it and it ends by `limit`. The character is read here with one bounds test;
/// [`three_byte_at`] on the text cut at `limit` takes two and cost 1.7 M more instructions over
/// the Traditional bench reports, on the path of every converted character.
#[inline]
fn converted_at(bytes: &[u8], i: usize, limit: usize, conv: &[char]) -> Option<char> {
    match bytes.get(i..limit)? {
        &[b0, b1, b2, ..] if b0 & 0xF0 == 0xE0 => {
            let u = (usize::from(b0 & 0x0F) << 12)
                | (usize::from(b1 & 0x3F) << 6)
                | usize::from(b2 & 0x3F);
            converted(u, conv)
        }
        _ => None,
    }
}

/// The length of the run of quiet three-byte characters ([`quiet3`]'s `quiet`) at the start of
/// `bytes`, and the character the one ending it becomes when [`conv3`]'s table `conv` holds it:
/// [`run3`] and [`converted_at`] in one loop, the character that ends the run read once.
///
/// After a conversion the normaliser reads on with it rather than through [`quiet_span`]: in
/// Traditional text quiet and converted characters alternate (about 510 conversions a bench
/// report, 1.5 characters apart), and each conversion that ended a span paid for the span's
/// set-up, its ASCII test, the decoding of its last character for the gloss test and the
/// converted character read again by [`converted_at`].
///
/// The bytes are taken three at a time off the front of the slice, as [`quiet_len3`] takes them.
#[inline(always)]
fn convert_run3(bytes: &[u8], quiet: &[u64; WIDE_WORDS], conv: &[char]) -> (usize, Option<char>) {
    let mut rest = bytes;
    let mut taken = 0usize;
    while let Some((&[b0, b1, b2], tail)) = rest.split_first_chunk::<3>() {
        // As in `quiet_len3`: any two bytes index a word.
        let Some(&w) = quiet.get(wide_word(b0, b1)) else {
            break;
        };
        if (w >> (b2 & 0x3F)) & 1 == 0 {
            // The code point, for a three-byte lead. Below 0xE0 there is none; from 0xF0 on,
            // the code point passes 0xFFFF and neither half of the table holds it.
            let wide = (usize::from(b0) << 6) | usize::from(b1 & 0x3F);
            let Some(u) = ((wide << 6) | usize::from(b2 & 0x3F)).checked_sub(0xE0 << 12) else {
                break;
            };
            return (
                taken,
                converted(u, conv).or_else(|| start_converted(bytes, taken, u, conv)),
            );
        }
        rest = tail;
        taken += 3;
    }
    (taken, None)
}

/// [`convert_run3`] as it was read by `chunks_exact(3)`: the reference it is held to.
#[cfg(test)]
fn convert_run3_chunks(
    bytes: &[u8],
    quiet: &[u64; WIDE_WORDS],
    conv: &[char],
) -> (usize, Option<char>) {
    let mut taken = 0usize;
    for c in bytes.chunks_exact(3) {
        let &[b0, b1, b2] = c else { break };
        // As in `quiet_len3`: any two bytes index a word.
        let Some(&w) = quiet.get(wide_word(b0, b1)) else {
            break;
        };
        if (w >> (b2 & 0x3F)) & 1 == 0 {
            // The code point, for a three-byte lead. Below 0xE0 there is none; from 0xF0 on,
            // the code point passes 0xFFFF and neither half of the table holds it.
            let wide = (usize::from(b0) << 6) | usize::from(b1 & 0x3F);
            let Some(u) = ((wide << 6) | usize::from(b2 & 0x3F)).checked_sub(0xE0 << 12) else {
                break;
            };
            return (
                taken,
                converted(u, conv).or_else(|| start_converted(bytes, taken, u, conv)),
            );
        }
        taken += 3;
    }
    (taken, None)
}

/// [`convert_run3`] as [`run3`], [`converted_at`] and [`start_converted`] read it: the
/// reference it is held to.
#[cfg(test)]
fn convert_run3_ref(
    bytes: &[u8],
    quiet: &[u64; BMP_WORDS],
    conv: &[char],
) -> (usize, Option<char>) {
    let n = run3(bytes, quiet, true);
    let start = || three_byte_at(bytes, n).and_then(|u| start_converted(bytes, n, u, conv));
    (n, converted_at(bytes, n, bytes.len(), conv).or_else(start))
}

/// The length of the run at the start of `b` of ASCII bytes other than `\r` and `?`, read eight
/// bytes at a time as a `u64`: a byte stops the run when its top bit is set or when it equals
/// `\r` or `?` (a zero byte of the word xor that byte repeated). The zero test can also mark
/// bytes above a zero byte, never below, so the lowest mark is the first byte that stops it.
#[inline]
fn ascii_run(b: &[u8]) -> usize {
    const LO: u64 = u64::from_le_bytes([1; 8]);
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut n = 0usize;
    for c in b.chunks_exact(8) {
        let Ok(&word) = <&[u8; 8]>::try_from(c) else {
            break;
        };
        let x = u64::from_le_bytes(word);
        let stop = (x & HI) | zero(x ^ (LO * u64::from(b'\r'))) | zero(x ^ (LO * u64::from(b'?')));
        if stop != 0 {
            return n + (stop.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = b.get(n..).unwrap_or_default();
    n + rest
        .iter()
        .position(|&x| x >= 0x80 || x == b'\r' || x == b'?')
        .unwrap_or(rest.len())
}

/// [`quiet_span`] decoding each character: the reference it is tested against.
#[cfg(test)]
fn quiet_span_ref(
    bytes: &[u8],
    mut i: usize,
    limit: usize,
    quiet: &[u64],
    prev_han: bool,
) -> Quiet {
    let mut last_han = prev_han;
    let mut ascii = false;
    while let Some((c, len)) = decode_at(bytes, i).filter(|&(_, len)| i + len <= limit) {
        if len == 3 && bit(quiet, c as usize) {
            last_han = is_cjk(c);
        } else if c.is_ascii()
            && c != '\r'
            && c != '?'
            && !((c == '(' || may_open_spaced_gloss(bytes.get(i..limit).unwrap_or_default()))
                && last_han)
        {
            last_han = false;
            ascii = true;
        } else {
            break;
        }
        i += len;
    }
    Quiet {
        end: i,
        last_han,
        ascii,
    }
}

/// The length of the run at the start of `b` of ASCII bytes other than `\r` and `?` (what
/// normalising copies as it is): tested sixteen bytes at a time by a loop without an early exit,
/// which the compiler vectorises, then byte by byte in the block that ends the run. The
/// normaliser read ASCII with it before [`ascii_run`]; kept as the tests' reference.
#[cfg(test)]
fn ascii_quiet_len(b: &[u8]) -> usize {
    let quiet = |x: u8| x < 0x80 && x != b'\r' && x != b'?';
    let mut n = 0usize;
    for block in b.chunks_exact(16) {
        if !block.iter().fold(true, |acc, &x| acc & quiet(x)) {
            break;
        }
        n += 16;
    }
    let rest = b.get(n..).unwrap_or_default();
    n + rest.iter().position(|&x| !quiet(x)).unwrap_or(rest.len())
}

/// The CJK ideographs ([`is_cjk`]) of `s`, told by their first two bytes: a branch-free test on
/// each pair of bytes (only a character's lead byte can pass it), summed in byte lanes over
/// blocks of 255 pairs, which the compiler vectorises, rather than decoding every character.
fn count_cjk(s: &str) -> usize {
    let b = s.as_bytes();
    let ys = b.get(1..).unwrap_or_default();
    let xs = b.get(..ys.len()).unwrap_or_default();
    let mut n = 0usize;
    for (xc, yc) in xs.chunks(255).zip(ys.chunks(255)) {
        let block = xc.iter().zip(yc).fold(0u8, |acc, (&x, &y)| {
            // U+5000..=U+9FFF; U+4000..=U+4FFF but U+4DC0..=U+4DFF (E4 B7 ..);
            // U+3400..=U+3FFF; U+F900..=U+FAFF; U+20000..=U+2FFFF.
            let uro = x.wrapping_sub(0xE5) < 5;
            let e4 = (x == 0xE4) & (y != 0xB7);
            let ext_a = (x == 0xE3) & (y >= 0x90);
            let compat = (x == 0xEF) & (y.wrapping_sub(0xA4) < 8);
            let ext_b = (x == 0xF0) & (y.wrapping_sub(0xA0) < 16);
            // At most 255 pairs a block: the byte cannot overflow.
            acc.wrapping_add(u8::from(uro | e4 | ext_a | compat | ext_b))
        });
        n += usize::from(block);
    }
    n
}

/// The most segments the normaliser reserves its map at the first conversion (16 bytes each).
const MAP_RESERVE_MAX: usize = 1 << 16;

/// The segments the normaliser reserves its map for before reading (16 bytes each).
const MAP_RESERVE_FIRST: usize = 64;

/// Build the canonical text of `src`.
///
/// The mojibake runs are found as the loop reaches them and dropped after their repair, unless
/// `keep_runs` is set (the `Clean` view of prose reads them again, see [`clean_range`]). Each run
/// gets its own `N002`/`N003` diagnostic up to [`LISTED_RUNS`] of a code; the others are counted in
/// one more diagnostic of that code (and in [`Repairs`]), so that 50 MB of mojibake yields a
/// report of bounded size rather than 1.7 million diagnostics.
pub(crate) fn normalise(src: &str, keep_runs: bool) -> Canon<'_> {
    normalise_with(src, keep_runs, quiet3_wide(), conv3())
}

/// [`normalise`] skipping the runs of characters `quiet` holds ([`quiet3`]) and converting those
/// `conv` holds in the same loop ([`conv3`]); the tests pass an empty set and an empty table,
/// which take every character through the general path, to show both agree.
fn normalise_with<'a>(
    src: &'a str,
    keep_runs: bool,
    quiet: &[u64; WIDE_WORDS],
    conv: &[char],
) -> Canon<'a> {
    // The scan is offered each candidate character as the loop below reaches it (it decodes
    // every character anyway), rather than walking the text a second time.
    let mut scan = MojibakeScan::new(src);
    // Runs opened at a candidate and not yet reached (a candidate can open two).
    let mut pending: std::collections::VecDeque<MojibakeRun> = std::collections::VecDeque::new();
    let mut kept: Vec<MojibakeRun> = Vec::new();
    let mut unlisted = [Unlisted::default(), Unlisted::default()];
    let mut text = String::with_capacity(src.len());
    // Room for 64 segments at once (a kilobyte): grown from empty, the map was allocated at
    // four segments and copied at each doubling. Half the Simplified bench reports reach 129 to
    // 256 segments (their folds and the copies between them): seven calls to grow the map each,
    // now two after the one allocation; the other half hold a few. The first conversion of
    // Traditional text reserves its own room below. (Room in proportion to the source, a
    // segment every 16 bytes, took 0.31 M instructions more off the Simplified bench reports but
    // added 0.79 M to the Traditional ones.)
    let mut map = OffsetMap::with_capacity(MAP_RESERVE_FIRST);
    let mut repairs = Repairs::default();
    // The first removed gloss (for N001's span); the others are found again in the map's
    // dropped ranges when the `Clean` view needs them, so they cost no list of their own.
    let mut first_gloss: Option<std::ops::Range<usize>> = None;
    let mut diagnostics = Vec::new();
    // The script's ratio: Traditional ideographs converted against every ideograph read (those
    // of the mojibake runs skipped are not read). The ratio only matters from the fifth
    // conversion on, which most text never reaches, so the loop counts only the conversions: at
    // the end, when there are five, the ideographs are counted at once in the text read, less
    // those of the runs skipped.
    let mut trad = 0usize;
    let mut skipped_cjk = 0usize;
    // The tests count the ideographs as the loop reads them too, and hold the end count to it.
    #[cfg(test)]
    let mut cjk_read = 0usize;
    let bytes = src.as_bytes();
    let mut i = 0usize;
    let mut copy_start = 0usize; // pending run of unchanged source bytes [copy_start, i)
                                 // The pending run holds only three-byte characters (CJK text and punctuation).
    let mut run3 = true;
    let mut prev_cjk = false;

    macro_rules! flush {
        () => {
            if copy_start < i {
                text.push_str(src.get(copy_start..i).unwrap_or(""));
                map.push_copy(i - copy_start);
            }
        };
    }

    while i < src.len() {
        // Mojibake runs starting here.
        if let Some(run) = pending.front() {
            if run.range.start <= i {
                if run.range.start == i {
                    flush!();
                    let len = run.range.end.saturating_sub(run.range.start);
                    match &run.repaired {
                        Some(fixed) => {
                            let before = text.len();
                            for ch in fixed.chars() {
                                if let Some(f) = fold(ch) {
                                    text.push(f);
                                }
                            }
                            map.push_replace(text.len() - before, len);
                            repairs.mojibake_repaired += 1;
                            if unlisted[0].note(&run.range) {
                                diagnostics.push(
                                    Diagnostic::new(
                                        Code::N002,
                                        match (&run.lost, &run.completed) {
                                            (Some(lost), _) => format!(
                                                "mojibake repaired: `{}` reads `{}`; its first character was lost and is one of {lost}",
                                                src.get(run.range.clone()).unwrap_or(""),
                                                fixed
                                            ),
                                            (None, Some(completed)) => format!(
                                                "mojibake repaired: `{}` reads `{}`; {completed}",
                                                src.get(run.range.clone()).unwrap_or(""),
                                                fixed
                                            ),
                                            (None, None) => format!(
                                                "mojibake repaired: `{}` reads `{}`",
                                                src.get(run.range.clone()).unwrap_or(""),
                                                fixed
                                            ),
                                        },
                                    )
                                    .with_span(Some(
                                        crate::model::Span::new(run.range.start, run.range.end),
                                    )),
                                );
                            }
                        }
                        None => {
                            let raw = src.get(run.range.clone()).unwrap_or("");
                            push_kept_run(&mut text, raw);
                            map.push_copy(raw.len());
                            repairs.mojibake_unrecoverable += 1;
                            if unlisted[1].note(&run.range) {
                                diagnostics.push(
                                    Diagnostic::new(
                                        Code::N003,
                                        format!("mojibake that cannot be repaired, kept as written: `{raw}`"),
                                    )
                                    .with_span(Some(crate::model::Span::new(run.range.start, run.range.end))),
                                );
                            }
                        }
                    }
                    let run_start = i;
                    i = run.range.end.max(i + 1).min(src.len());
                    while !src.is_char_boundary(i) {
                        i += 1;
                    }
                    skipped_cjk += count_cjk(src.get(run_start..i).unwrap_or(""));
                    copy_start = i;
                    run3 = true;
                    prev_cjk = false;
                }
                if let Some(run) = pending.pop_front() {
                    if keep_runs {
                        kept.push(run);
                    }
                }
                continue;
            }
        }
        let Some(&b) = bytes.get(i) else { break };
        // Whether the byte at `i` was ASCII, copied as it is (only the span after it remains).
        let mut after_ascii = false;
        // A pinyin gloss right after a CJK character, `(lǐng)` or `（lǐng）`, or one break
        // after it, `執 (zhí)`, `執\n(zhí)` (the break goes with it).
        if prev_cjk {
            let gloss = match b {
                // `(`, or `（` (`EF BC 88`): not the other full-width forms (`，`).
                b'(' | 0xEF if b == b'(' || bytes.get(i + 1..i + 3) == Some(&[0xBC, 0x88][..]) => {
                    src.get(i..)
                        .and_then(gloss_len)
                        .or_else(|| toneless_gloss_len(src, i))
                }
                b' ' | b'\t' | b'\n' | b'\r' => src.get(i..).and_then(spaced_gloss_len),
                _ => None,
            };
            if let Some(gl) = gloss {
                flush!();
                map.skip_source(gl);
                if first_gloss.is_none() {
                    first_gloss = Some(i..i + gl);
                }
                repairs.pinyin_glosses += 1;
                i += gl;
                copy_start = i;
                run3 = true;
                // keep prev_cjk: `領(lǐng)導(dǎo)` style runs.
                continue;
            }
        }
        if b < 0x80 {
            // A lost-byte mark may open a family-2 run.
            if b == b'?' && offer(&mut scan, &mut pending, i, '?') {
                continue;
            }
            // ASCII: only `\r` and control folding matter.
            if b == b'\r' {
                flush!();
                // "\r\n" → "\n"; lone "\r" → "\n".
                if bytes.get(i + 1) == Some(&b'\n') {
                    map.skip_source(1);
                } else {
                    text.push('\n');
                    map.push_replace(1, 1);
                }
                i += 1;
                copy_start = i;
                run3 = true;
                prev_cjk = false;
                continue;
            }
            // Any other ASCII byte is copied, and what follows it is read on below (where a
            // `(` is no gloss: none follows ASCII).
            run3 = false;
            prev_cjk = false;
            i += 1;
            after_ascii = true;
        }
        // Most characters of a report change nothing and open nothing: skip their span (quiet
        // characters with one table lookup each, and ASCII) up to the next pending mojibake run,
        // and go on past each ideograph that becomes another three-byte ideograph (Traditional
        // text alternates them with quiet characters), writing it in place.
        let limit = pending
            .front()
            .map_or(bytes.len(), |r| r.range.start.max(i));
        let start = i;
        // The start of the converted characters and the three-byte copies between them (from
        // the first conversion that finds the pending copy three-byte only) not yet mapped: one
        // uniform segment, pushed before anything else is (what the general path's merged
        // pushes make).
        let mut uniform_from: Option<usize> = None;
        'span: loop {
            let (end, ascii) = quiet_run(bytes, i, limit, quiet, prev_cjk);
            let from = i;
            i = end;
            run3 &= !ascii;
            let Some(f) = converted_at(bytes, i, limit, conv) else {
                prev_cjk = han_before_end(bytes, from, i, prev_cjk);
                break;
            };
            if !run3 {
                // The pending copy holds ASCII: it is a copy segment of its own.
                if let Some(from) = uniform_from.take() {
                    map.push_uniform((copy_start - from) / 3, 3, 3);
                }
                flush!();
                copy_start = i;
                run3 = true;
            }
            if trad == 0 {
                // The first conversion: Traditional text, whose map holds about a segment every
                // ten bytes (runs of converted characters end at each ASCII byte and gloss);
                // room for them from here on (up to a megabyte of segments, past which the
                // map grows as it did), rather than the map copied at every doubling.
                map.reserve(((src.len() - i) / 8).min(MAP_RESERVE_MAX));
            }
            uniform_from.get_or_insert(copy_start);
            let mut f = f;
            // Traditional text: the characters after a conversion are mostly three-byte ones,
            // quiet or converted in turn; they are read here until one is neither, without the
            // span's ASCII and gloss tests or its last character decoded at every conversion.
            loop {
                // Converted characters are often adjacent: no copy between them; one quiet
                // character between them is copied at a length the compiler knows, without a
                // call to copy memory.
                if i == copy_start {
                    // Adjacent conversions (about half of them): tested first.
                } else if i - copy_start == 3 {
                    if let Some(one) = src.get(copy_start..copy_start + 3) {
                        text.push_str(one);
                    }
                } else if i - copy_start == 6 {
                    // Two quiet characters: as one, at a length the compiler knows.
                    if let Some(two) = src.get(copy_start..copy_start + 6) {
                        text.push_str(two);
                    }
                } else if copy_start < i {
                    text.push_str(src.get(copy_start..i).unwrap_or(""));
                }
                text.push(f);
                trad += 1;
                i += 3;
                copy_start = i;
                let (quiet_len, next) =
                    convert_run3(bytes.get(i..limit).unwrap_or_default(), quiet, conv);
                i += quiet_len;
                match next {
                    Some(g) => f = g,
                    None => {
                        // The character before `i`: the one converted, or the last quiet one.
                        prev_cjk = quiet_len == 0
                            || (i >= 3 && three_byte_at(bytes, i - 3).is_some_and(is_han3));
                        // A `(` after an ideograph (a pinyin gloss, most often, read at the
                        // top of the loop) ends the span at once: the quiet run from it is
                        // empty, without ASCII, and no conversion follows, so the span's read
                        // again from `i` would change nothing.
                        if prev_cjk && bytes.get(i) == Some(&b'(') {
                            break 'span;
                        }
                        break;
                    }
                }
            }
        }
        if let Some(from) = uniform_from {
            map.push_uniform((copy_start - from) / 3, 3, 3);
        }
        if i > start || after_ascii {
            #[cfg(test)]
            {
                cjk_read += count_cjk(src.get(start..i).unwrap_or(""));
            }
            continue;
        }
        let Some((ch, clen)) = decode_at(bytes, i) else {
            break;
        };
        if offer(&mut scan, &mut pending, i, ch) {
            continue;
        }
        // The common case first: an ideograph of the URO is CJK, and of the folds only the
        // label table applies to it (every other fold is outside U+4E00..=U+9FFF).
        let uro = ('\u{4E00}'..='\u{9FFF}').contains(&ch);
        let is_han = uro || is_cjk(ch);
        #[cfg(test)]
        {
            cjk_read += usize::from(is_han);
        }
        let folded = if uro { Some(label_char(ch)) } else { fold(ch) };
        // A dropped character (zero-width) leaves the one before it the last: a gloss may follow
        // (`執\u{200B}(zhí)`).
        if folded.is_some() {
            prev_cjk = is_han;
        }
        if folded == Some(ch) {
            run3 &= clen == 3;
            i += clen;
            continue;
        }
        match folded {
            Some(f) if run3 && clen == 3 && f.len_utf8() == 3 => {
                // Traditional text: unchanged and converted ideographs alternate. Three bytes for
                // three, a copied character maps like a one-character uniform run at every
                // character boundary (the only offsets the canonical text is cut at), so the
                // pending copies and this character extend one segment instead of two each.
                if copy_start < i {
                    text.push_str(src.get(copy_start..i).unwrap_or(""));
                }
                if is_han {
                    trad += 1;
                }
                text.push(f);
                // The copied characters and this one: one push (they are one segment).
                map.push_uniform((i - copy_start) / 3 + 1, 3, 3);
            }
            Some(f) => {
                flush!();
                if is_han {
                    trad += 1;
                }
                text.push(f);
                // One character of any shape maps as a replace would; a run of them (Traditional
                // text, full-width digits) merges into one segment.
                map.push_uniform(1, f.len_utf8(), clen);
            }
            None => {
                flush!();
                map.skip_source(clen);
            }
        }
        i += clen;
        copy_start = i;
        run3 = true;
    }
    // Nothing changed (no write happened: every change moves `copy_start` past 0): the
    // canonical text is the source. The capacity reserved above was never written to, so it
    // cost no memory.
    let text = if copy_start == 0 {
        if i > 0 {
            map.push_copy(i);
        }
        Cow::Borrowed(src.get(..i).unwrap_or(src))
    } else {
        flush!();
        Cow::Owned(text)
    };
    let script = script_of(trad, src.get(..i).unwrap_or(""), skipped_cjk);
    if repairs.pinyin_glosses > 0 {
        let first = first_gloss.unwrap_or(0..0);
        diagnostics.push(
            Diagnostic::new(
                Code::N001,
                format!(
                    "{} pinyin annotations glued to characters were removed for matching",
                    repairs.pinyin_glosses
                ),
            )
            .with_span(Some(crate::model::Span::new(first.start, first.end))),
        );
    }
    if keep_runs {
        // Runs the loop never reached (none in valid UTF-8, which the loop reads to the end).
        kept.extend(pending);
    }
    for (u, code, what) in [
        (&unlisted[0], Code::N002, "repaired"),
        (&unlisted[1], Code::N003, "that cannot be repaired"),
    ] {
        if let Some(first) = u.first {
            let more = u.count - LISTED_RUNS;
            diagnostics.push(
                Diagnostic::new(
                    code,
                    format!(
                        "{more} more mojibake runs {what}, not listed one by one: {} in all (`meta.repairs`), the first {LISTED_RUNS} listed above",
                        u.count
                    ),
                )
                .with_span(Some(crate::model::Span::new(first, u.last_end))),
            );
        }
    }
    #[cfg(test)]
    if trad >= 5 {
        let cjk = count_cjk(src.get(..i).unwrap_or("")).saturating_sub(skipped_cjk);
        assert_eq!(cjk, cjk_read, "ideographs read by the loop");
        assert_eq!(
            script,
            script_of_ref(trad, src.get(..i).unwrap_or(""), skipped_cjk)
        );
    }
    Canon {
        text,
        map,
        script,
        repairs,
        mojibake: kept,
        diagnostics,
    }
}

/// The script of a text whose normalising read `read` and converted `trad` Traditional
/// ideographs, less `skipped` ideographs of the mojibake runs passed over: Traditional from five
/// conversions on, when they are at least one in 50 of the ideographs read.
///
/// An ideograph has at least three bytes, so `read` holds at most `read.len() / 3` of them:
/// when the conversions reach a 50th of that bound, the ratio holds whatever the count, and the
/// ideographs are not counted. A Traditional report converts far more than that (about a third
/// of its bytes are converted ideographs), so the count, a pass over the whole text at about
/// three instructions a byte, is left to text near the threshold: 7 M instructions fewer over
/// the Traditional bench reports.
fn script_of(trad: usize, read: &str, skipped: usize) -> Script {
    if trad < 5 {
        return Script::Simplified;
    }
    if trad.saturating_mul(50) >= read.len() / 3 {
        return Script::Traditional;
    }
    if trad * 50 >= count_cjk(read).saturating_sub(skipped) {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// [`script_of`] counting the ideographs in every case: the reference it is held to.
#[cfg(test)]
fn script_of_ref(trad: usize, read: &str, skipped: usize) -> Script {
    let cjk = if trad >= 5 {
        count_cjk(read).saturating_sub(skipped)
    } else {
        0
    };
    if trad >= 5 && trad * 50 >= cjk {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// Offer character `c` at byte `i` to the mojibake scan, keeping the runs it opens in `pending`
/// (whose runs all start after `i` on entry): whether a run now starts at `i`.
fn offer(
    scan: &mut MojibakeScan<'_>,
    pending: &mut std::collections::VecDeque<MojibakeRun>,
    i: usize,
    c: char,
) -> bool {
    if !scan.may_open(c) {
        return false;
    }
    if let Some(runs) = scan.open_at(i, c) {
        pending.extend(runs);
    }
    pending.front().is_some_and(|r| r.range.start <= i)
}

/// Mojibake runs of one diagnostic code listed one diagnostic each; the others are summed up.
pub(crate) const LISTED_RUNS: usize = 100;

/// The runs of one code past [`LISTED_RUNS`]: how many in all, and where the unlisted ones lie.
#[derive(Default)]
struct Unlisted {
    count: usize,
    first: Option<usize>,
    last_end: usize,
}

impl Unlisted {
    /// Count one more run at `span`: whether it gets a diagnostic of its own.
    fn note(&mut self, span: &std::ops::Range<usize>) -> bool {
        self.count += 1;
        if self.count <= LISTED_RUNS {
            return true;
        }
        self.first.get_or_insert(span.start);
        self.last_end = span.end;
        false
    }
}

/// The source text with pinyin glosses removed and reversible mojibake repaired (the `Clean` view
/// of prose), for a byte range of the source.
pub(crate) fn clean_range(src: &str, canon: &Canon, range: std::ops::Range<usize>) -> String {
    let mut out = String::with_capacity(range.len());
    let mut pos = range.start;
    let mut events: Vec<(usize, usize, Option<&str>)> = Vec::new();
    // Removed glosses are the dropped source ranges that open with one, with one break before
    // one (`執 (zhí)`: the break goes with it), or with zero-width characters before one: a gloss
    // is dropped only right after a CJK character (or another gloss, or a zero-width character
    // after one), and `\r` before `\n` ends such a chain.
    for (a, b) in canon.map.skips_within(range.start, range.end) {
        let mut p = a;
        loop {
            let gloss = src
                .get(p..b)
                .and_then(|r| any_gloss_len(r).or_else(|| spaced_gloss_len(r)));
            if let Some(gl) = gloss {
                events.push((p, p + gl, Some("")));
                p += gl;
                continue;
            }
            // A zero-width character dropped before a gloss (`執\u{200B}(zhí)`) is kept.
            match src.get(p..b).and_then(|r| r.chars().next()) {
                Some(c) if fold(c).is_none() => p += c.len_utf8(),
                _ => break,
            }
        }
    }
    for m in &canon.mojibake {
        if m.range.start >= range.start && m.range.end <= range.end {
            if let Some(fixed) = &m.repaired {
                events.push((m.range.start, m.range.end, Some(fixed.as_str())));
            }
        }
    }
    // In the order of a stable sort by start, as sorted (start, index) pairs (the module's one
    // instance of the sort of `(usize, usize)`, no stable sort of its own).
    let mut order: Vec<(usize, usize)> = events.iter().enumerate().map(|(i, e)| (e.0, i)).collect();
    order.sort_unstable();
    for (s, e, rep) in order.iter().filter_map(|&(_, i)| events.get(i).copied()) {
        if s < pos {
            continue;
        }
        out.push_str(src.get(pos..s).unwrap_or(""));
        out.push_str(rep.unwrap_or(""));
        pos = e;
    }
    out.push_str(src.get(pos..range.end).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_glosses_are_removed_only_after_cjk_with_tone_marks() {
        let c = normalise("堅強領(lǐng)導下(一)項 abc(xiàn) 規(guī)章(市政府令)", true);
        assert_eq!(c.repairs.pinyin_glosses, 2);
        assert!(
            c.text
                .starts_with("坚强领导下(一)项 abc(xiàn) 规章(市政府令)"),
            "{}",
            c.text
        );
    }

    /// A gloss without tone marks is removed among other glosses (three ideographs apart at
    /// most, either way, a doubled one too), with either bracket; a bracketed syllable alone, a
    /// word no syllable spells, a single vowel and a gloss after ASCII are left alone.
    #[test]
    fn glosses_without_tone_marks_are_removed_among_other_glosses() {
        for (src, n, out) in [
            ("一、总(zong)体(ti)情(qing)况(kuang)", 4, "一、总体情况"),
            (
                "发(fa)布时(shi)间(jian):2021-01-26",
                3,
                "发布时间:2021-01-26",
            ),
            ("全(quan)(quan)面推(tui)进", 3, "全面推进"),
            ("領(lǐng)導(dao)班子", 2, "领导班子"),
            ("公（gong）开（kai）", 2, "公开"),
            ("登录网站(wang)查询。", 0, "登录网站(wang)查询。"),
            ("网站(www)和(app)平台", 0, "网站(www)和(app)平台"),
            ("第(a)项和(e)项", 0, "第(a)项和(e)项"),
            ("abc(zong)体(ti)", 1, "abc(zong)体"),
            (
                "总(zong)，这是一句很长的话。体(ti)",
                0,
                "总(zong),这是一句很长的话。体(ti)",
            ),
        ] {
            let c = normalise(src, true);
            assert_eq!((c.repairs.pinyin_glosses, &*c.text), (n, out), "{src}");
        }
        assert_eq!(syllable_gloss_len("(zhuang)"), Some(8));
        assert_eq!(syllable_gloss_len("（ti)"), Some(6));
        assert_eq!(syllable_gloss_len("(zhuangg)"), None);
        assert_eq!(syllable_gloss_len("(Zong)"), None);
    }

    #[test]
    fn syllables_are_an_initial_and_a_final() {
        for w in [
            "zhuang", "chuo", "shei", "zong", "ti", "qing", "kuang", "lv", "nve", "yuan", "yue",
            "wu", "weng", "er", "ang", "ou", "jiong", "xiu", "gui", "dun",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "a", "e", "o", "in", "un", "ie", "www", "app", "zhh", "z", "abc", "gx", "iang", "ba ",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    /// A gloss one break after its ideograph (a space, a tab, a line break) is removed with the
    /// break; two breaks, a break after ASCII or a bracket without pinyin are left alone.
    #[test]
    fn glosses_one_break_after_their_ideograph_are_removed() {
        for (src, want, n) in [
            ("行政執 (zhí)法", "行政执法", 1),
            ("行政執\t（zhí）法", "行政执法", 1),
            ("行政執\n(zhí)法\n", "行政执法\n", 1),
            ("行政執\r\n(zhí)法", "行政执法", 1),
            ("領 (lǐng)導 (dǎo)小組", "领导小组", 2),
            ("領(lǐng) 導 (dǎo)", "领 导", 2),
            ("行政執  (zhí)法", "行政执  (zhí)法", 0),
            ("行政執 \n(zhí)法", "行政执 \n(zhí)法", 0),
            ("abc (zhí)", "abc (zhí)", 0),
            ("规章 (市政府令)", "规章 (市政府令)", 0),
            ("规章 (2020)", "规章 (2020)", 0),
            ("规章 (an)", "规章 (an)", 0),
        ] {
            let c = normalise(src, true);
            assert_eq!(c.text, want, "{src:?}");
            assert_eq!(c.repairs.pinyin_glosses, n, "{src:?}");
            // The clean view drops what the canonical text dropped, ideographs unconverted.
            let clean = clean_range(src, &c, 0..src.len());
            assert_eq!(
                normalise(&clean, true).text,
                want.replace('\r', ""),
                "{src:?}"
            );
            // Every character after a removed gloss maps to itself.
            if let Some(d) = c.text.find('法') {
                let (a, b) = c.map.map_range(d, d + '法'.len_utf8());
                assert_eq!(&src[a..b], "法", "{src:?}");
            }
        }
    }

    #[test]
    fn glosses_whose_toned_vowel_was_lost_are_removed() {
        // `衛(wèi)生` and `務(wù)` saved as Big5, which has no toned vowels.
        assert_eq!(gloss_len("(w?i)生"), Some(5));
        assert_eq!(gloss_len("（w?）"), Some(8));
        assert_eq!(gloss_len("(zhu?ng)"), Some(8));
        assert_eq!(gloss_len("(l?)"), Some(4));
        // Two lost vowels at most, and a letter at least; nothing but letters and `?`.
        assert_eq!(gloss_len("(??)"), None);
        assert_eq!(gloss_len("(?)"), None);
        assert_eq!(gloss_len("(a???)"), None);
        assert_eq!(gloss_len("(w?i?)"), Some(6));
        assert_eq!(gloss_len("(what?!)"), None);
        let c = normalise("市衛(w?i)生健康委員會政務(w?)公開", true);
        assert_eq!(c.text, "市卫生健康委员会政务公开");
        assert_eq!(c.repairs.pinyin_glosses, 2);
        // The `?` of a gloss opens no mojibake run (a lost lead byte of GBK before `i`).
        assert_eq!(
            c.repairs.mojibake_repaired + c.repairs.mojibake_unrecoverable,
            0
        );
        // A zero-width space between the character and its gloss: removed all the same, and
        // the `clean` view keeps the space but not the gloss.
        let src = "行政執\u{200B}(zhí)法";
        let c = normalise(src, true);
        assert_eq!(c.text, "行政执法");
        assert_eq!(c.repairs.pinyin_glosses, 1);
        assert_eq!(clean_range(src, &c, 0..src.len()), "行政執\u{200B}法");
        // After ASCII, a bracket is no gloss, `?` or not.
        let c = normalise("abc(w?i)", true);
        assert_eq!(c.repairs.pinyin_glosses, 0);
    }

    #[test]
    fn mojibake_runs_past_the_listed_number_are_counted_in_one_diagnostic() {
        // 政府信息公开 in UTF-8 read as GBK, once per line.
        let (garbled, _) =
            encoding_rs::GB18030.decode_without_bom_handling("政府信息公开".as_bytes());
        let garbled = &*garbled;
        let n = LISTED_RUNS + 37;
        let src: String = (0..n).map(|k| format!("第{k}段{garbled}。\n")).collect();
        let at: Vec<usize> = src.match_indices(garbled).map(|(i, _)| i).collect();
        for keep in [false, true] {
            let c = normalise(&src, keep);
            assert_eq!(c.repairs.mojibake_repaired, n);
            assert_eq!(c.text.matches("政府信息公开").count(), n);
            assert!(!c.text.contains(garbled));
            let n002: Vec<&Diagnostic> = c
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::N002)
                .collect();
            assert_eq!(n002.len(), LISTED_RUNS + 1);
            let first = n002[0].span.expect("span");
            assert_eq!((first.start, first.end), (at[0], at[0] + garbled.len()));
            let listed_last = n002[LISTED_RUNS - 1].span.expect("span");
            assert_eq!(listed_last.start, at[LISTED_RUNS - 1]);
            let summary = n002[LISTED_RUNS];
            assert_eq!(
                summary.message,
                format!(
                    "37 more mojibake runs repaired, not listed one by one: {n} in all (`meta.repairs`), the first {LISTED_RUNS} listed above"
                )
            );
            let span = summary.span.expect("span");
            assert_eq!(
                (span.start, span.end),
                (at[LISTED_RUNS], at[n - 1] + garbled.len())
            );
            // The runs are kept only for the `Clean` view.
            assert_eq!(c.mojibake.len(), if keep { n } else { 0 });
            if keep {
                assert!(c
                    .mojibake
                    .iter()
                    .zip(&at)
                    .all(|(r, &a)| r.range.start == a
                        && r.repaired.as_deref() == Some("政府信息公开")));
            }
        }
        // At the limit, no summary.
        let src: String = (0..LISTED_RUNS)
            .map(|k| format!("第{k}段{garbled}。\n"))
            .collect();
        let c = normalise(&src, false);
        assert_eq!(
            c.diagnostics
                .iter()
                .filter(|d| d.code == Code::N002)
                .count(),
            LISTED_RUNS
        );
    }

    /// Text pieces for the property below: mojibake of both families and their look-alikes.
    fn moji_pieces() -> Vec<String> {
        let garble = |t: &str| {
            encoding_rs::GB18030
                .decode_without_bom_handling(t.as_bytes())
                .0
                .into_owned()
        };
        let mut v: Vec<String> = [
            "?",
            "?!奔耙痪€",
            "锛堜簲锛?",
            "工作取得較好成效?,F(xiàn)將",
            "\u{FFFD}",
            "。",
            "一、总体情况\n",
            "領(lǐng)導",
            "(lǐng)",
            "\r\n",
            "abc ",
            "2020年",
            "鏀",
            "鏀 ",
            "ㄅ",
            "€",
            "①",
            "｜",
            "现",
            "？",
            "|",
            "\n",
            "锛",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for t in [
            "政府信息公开",
            "（五）",
            "年度报告。",
            "行政复议",
            "模”及一線",
            // Garbled, it opens with `鍔`, a family-1 start the label table converts.
            "办理",
        ] {
            let g = garble(t);
            // Whole, and cut short (a run that ends inside a character's bytes).
            let cut: String = g
                .chars()
                .take(g.chars().count().saturating_sub(1))
                .collect();
            v.push(g);
            v.push(cut);
        }
        v
    }

    /// Pieces of text for the fast path's property test: Simplified and Traditional text,
    /// glosses, full-width forms, mojibake of both families, lost-byte marks, CRs, ASCII.
    fn mixed_pieces() -> Vec<String> {
        let mut v: Vec<String> = [
            "政府信息公开",
            "領(lǐng)導(dǎo)",
            "國務院辦公廳關於",
            "本機關認真貫徹落實條例",
            "與",
            "規範性文件",
            "（一）",
            "０１２",
            "，",
            "。",
            "\u{3000}",
            "\u{200B}",
            "\r\n",
            "\r",
            "?",
            "\u{FFFD}",
            "abc 12",
            "| 0 | 0 | 12 | 0 | 0 | 0 | 0 |\n",
            "(lǐng)",
            "（lǐng）",
            " (lǐng)",
            "\n（dǎo）",
            "\r\n(zhí)",
            "\t",
            " ",
            "\n",
            " (",
            "〔2020〕",
            "﹙",
            "㐀",
            "𠀀",
            "😀",
            "豈",
            "€",
            "\u{00A0}",
            "表",
            "錶",
            "裏",
            "与",
            "（",
            "）",
            "(",
            // Family-1 starts: before a character that cannot continue a run (converted in
            // the fast loop), before one that can (`不`, `€`: offered to the scan), at the end.
            "項",
            "類",
            "錄",
            "項目",
            "第(一)項 |",
            "項不",
            "類€",
            "錄表",
            // The edges of the lead bytes: the last two-byte characters (lead 0xDF), the
            // first three-byte one (lead 0xE0), after a conversion and alone.
            "\u{07F0}",
            "\u{07FF}",
            "與\u{07FF}",
            "\u{0800}",
            "與\u{0800}",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        // Enough Simplified ideographs to outweigh a few Traditional ones (the script's ratio).
        v.push("政府信息公开工作年度报告".repeat(30));
        v.extend(moji_pieces());
        v
    }

    #[test]
    fn the_script_counted_in_converted_runs_is_the_general_paths() {
        // Traditional ideographs the fast loop converts, each followed by Simplified ones it
        // copies: every ideograph counts towards the script's ratio, so the two paths must tell
        // the same script on each side of the threshold (a Traditional share of 1 in 50).
        let empty = Box::new([0u64; WIDE_WORDS]);
        for quiet_after in [10usize, 40, 48, 49, 50, 60, 120] {
            let text = format!("與{}", "政".repeat(quiet_after)).repeat(8);
            let fast = normalise_with(&text, false, quiet3_wide(), conv3());
            let slow = normalise_with(&text, false, &empty, &[]);
            assert_eq!(fast.script, slow.script, "{quiet_after}");
            assert_eq!(fast.text, slow.text, "{quiet_after}");
        }
        let flips: Vec<Script> = [10usize, 120]
            .iter()
            .map(|&n| normalise(&format!("與{}", "政".repeat(n)).repeat(8), false).script)
            .collect();
        assert_eq!(flips, vec![Script::Traditional, Script::Simplified]);
    }

    /// Characters on each side of the edges of the CJK ranges and of their lead bytes.
    const CJK_EDGES: &[char] = &[
        'a',
        '，',
        '。',
        'é',
        '\u{2FFF}',
        '\u{3000}',
        '\u{33FF}',
        '\u{3400}',
        '\u{3FFF}',
        '\u{4000}',
        '\u{4DBF}',
        '\u{4DC0}',
        '\u{4DFF}',
        '\u{4E00}',
        '\u{4FFF}',
        '\u{5000}',
        '\u{9FFF}',
        '\u{A000}',
        '\u{EFFF}',
        '\u{F000}',
        '\u{F8FF}',
        '\u{F900}',
        '\u{FAFF}',
        '\u{FB00}',
        '\u{FFFD}',
        '\u{1FFFF}',
        '\u{20000}',
        '\u{2FFFF}',
        '\u{30000}',
        '\u{10FFFF}',
        '政',
        '與',
    ];

    #[test]
    fn cjk_counted_from_bytes_for_every_character() {
        // Every Unicode scalar value alone, then after a CJK ideograph and before another.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = usize::from(is_cjk(c));
            let mut buf = [0u8; 4];
            assert_eq!(count_cjk(c.encode_utf8(&mut buf)), want, "{:X}", c as u32);
            assert_eq!(count_cjk(&format!("政{c}政")), want + 2, "{:X}", c as u32);
        }
    }

    /// Pieces of glosses and of what is not one: both brackets of each width, letters of every
    /// kind (lowercase, uppercase, tone-marked in two and three bytes, `ü`), digits, ideographs.
    const GLOSS_PIECES: &[&str] = &[
        "(",
        "（",
        ")",
        "）",
        "a",
        "n",
        "z",
        "g",
        "ǐ",
        "ā",
        "ü",
        "ǜ",
        "ḿ",
        "ń",
        "é",
        "A",
        "1",
        "领",
        "·",
        " ",
        "(lǐng)",
        "（wù）",
        "ing",
        "zhuang",
        // A toned vowel lost to an encoding without it (`(w?i)`).
        "?",
        "(w?i)",
        // Two-byte characters that are no toned vowel, of the toned vowels' leads and others.
        "ç",
        "Ā",
        "ǿ",
        "ƀ",
        "ê",
        "ɑ",
        "а",
    ];

    /// Every toned vowel of two bytes is in the table of them and no other character of its
    /// lead bytes is; and every character below U+0800, alone in a gloss or after a letter, in
    /// either bracket, reads as the reference reads it.
    #[test]
    fn two_byte_toned_vowels_are_the_table() {
        for u in 0x80u32..0x800 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let e = c.encode_utf8(&mut buf).as_bytes();
            if let [lead @ 0xC3..=0xC7, cont] = *e {
                let word = TONED2[usize::from(lead - 0xC3)];
                assert_eq!((word >> (cont & 0x3F)) & 1 == 1, is_tone_vowel(c), "{c}");
            }
            for s in [
                format!("({c})"),
                format!("(a{c}n)"),
                format!("（{c}）"),
                format!("(ǎ{c})"),
                format!("({c}"),
            ] {
                assert_eq!(gloss_len(&s), gloss_len_ref(&s), "{s}");
            }
        }
    }

    /// The conversion table holds zeros and three-byte characters only, and its entries read as
    /// characters from U+0800 on are those read as characters other than NUL, for every code
    /// point below U+20000, with the table and with a table of zero and every three-byte value.
    #[test]
    fn converted_is_the_reading_against_zero() {
        assert!(conv3().iter().all(|&f| f == '\0' || f >= '\u{800}'));
        let tables: Vec<Vec<u16>> = (0..4).map(|n| three_byte_table(n * URO_LEN)).collect();
        for conv in [u16s_of(&conv3_halves()), Vec::new()].iter().chain(&tables) {
            let chars = relaid(&chars_of(conv));
            for u in 0..0x20000usize {
                assert_eq!(converted(u, &chars), converted_ref(u, conv), "U+{u:04X}");
                assert_eq!(converted(u, &chars), converted_u16(u, conv), "U+{u:04X}");
            }
        }
    }

    /// [`conv3`]'s table as `u16` code points (every entry is of the BMP), for the readings of
    /// such a table.
    fn u16s_of(conv: &[char]) -> Vec<u16> {
        conv.iter()
            .map(|&f| u16::try_from(u32::from(f)).unwrap_or(0))
            .collect()
    }

    /// A conversion table of the shape of [`conv3`]'s whose halves both hold zero and the
    /// three-byte values from U+0800 on, in turn, the first from the `off`-th.
    fn three_byte_table(off: usize) -> Vec<u16> {
        let values: Vec<u16> = (0x800..=u16::MAX).chain([0]).collect();
        let half: Vec<u16> = (0..URO_LEN)
            .map(|k| values[(k + off) % values.len()])
            .collect();
        half.repeat(2)
    }

    proptest::proptest! {
        /// The gloss read from the bytes is the one read from the characters, on text opening
        /// with either bracket (or none) and holding up to nine letters of every kind.
        #[test]
        fn glosses_read_from_bytes_are_the_characters(
            open in 0usize..3,
            picks in proptest::collection::vec(0usize..64, 0..10)
        ) {
            let head = ["(", "（", ""].get(open).copied().unwrap_or("");
            let s: String = std::iter::once(head)
                .chain(picks.iter().filter_map(|&k| GLOSS_PIECES.get(k % GLOSS_PIECES.len()).copied()))
                .collect();
            proptest::prop_assert_eq!(gloss_len(&s), gloss_len_ref(&s), "{}", s);
        }

        /// The quiet span read from the bytes is the one read from the characters, from every
        /// character boundary up to the end and to a later boundary, after an ideograph or not:
        /// text mixing table rows, brackets after ideographs and after ASCII, glosses, characters
        /// of every length and whatever stops a span.
        #[test]
        fn spans_read_from_bytes_are_the_decoded_spans(
            picks in proptest::collection::vec(0usize..256, 0..40),
            cut in 0usize..64,
        ) {
            let pieces = mixed_pieces();
            let text: String = picks.iter().map(|&k| pieces[k % pieces.len()].as_str()).collect();
            let b = text.as_bytes();
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(b.len()))
                .collect();
            for (k, &i) in bounds.iter().enumerate() {
                // Up to the end, and to a boundary `cut` characters on; after an ideograph or not.
                for limit in [b.len(), bounds.get(k + cut).copied().unwrap_or(b.len())] {
                    for prev_han in [false, true] {
                        proptest::prop_assert_eq!(
                            quiet_span(b, i, limit, quiet3_wide(), prev_han),
                            quiet_span_ref(b, i, limit, quiet3(), prev_han),
                            "at {} to {} in {:?}", i, limit, text
                        );
                    }
                }
            }
        }

        /// The quiet run and the conversion that ends it, read in one loop, are those of the
        /// run of quiet characters and the converted character read after it, and the quiet
        /// run read in the wide set is the one read in the set by code point, from every
        /// character boundary to the end and to a later boundary (which may cut the character
        /// that would end the run), with the tables or without them: text of Simplified and
        /// Traditional ideographs, punctuation, characters of every length and ASCII.
        #[test]
        fn conversions_read_in_the_quiet_run_are_those_read_after_it(
            picks in proptest::collection::vec(0usize..256, 0..40),
            cut in 0usize..64,
            cut_byte in 0usize..3,
        ) {
            let pieces = mixed_pieces();
            let text: String = picks.iter().map(|&k| pieces[k % pieces.len()].as_str()).collect();
            let b = text.as_bytes();
            let empty = [0u64; BMP_WORDS];
            let empty_wide = Box::new([0u64; WIDE_WORDS]);
            for (i, _) in text.char_indices() {
                let far = (i + 3 * cut + cut_byte).min(b.len());
                for limit in [b.len(), far] {
                    let rest = b.get(i..limit).unwrap_or_default();
                    let tables = [
                        (quiet3_wide(), quiet3(), conv3()),
                        (&*empty_wide, &empty, &[][..]),
                    ];
                    for (wide, quiet, conv) in tables {
                        proptest::prop_assert_eq!(
                            quiet_len3(rest, wide),
                            run3(rest, quiet, true),
                            "at {} to {} in {:?}", i, limit, text
                        );
                        proptest::prop_assert_eq!(
                            quiet_len3(rest, wide),
                            quiet_len3_chunks(rest, wide),
                            "at {} to {} in {:?}", i, limit, text
                        );
                        proptest::prop_assert_eq!(
                            convert_run3(rest, wide, conv),
                            convert_run3_chunks(rest, wide, conv),
                            "at {} to {} in {:?}", i, limit, text
                        );
                        proptest::prop_assert_eq!(
                            convert_run3(rest, wide, conv),
                            convert_run3_ref(rest, quiet, conv),
                            "at {} to {} in {:?}", i, limit, text
                        );
                    }
                }
            }
        }

        /// The wide set, read at `(b0 << 6) + b1` ([`wide_word`]), finds the quiet characters
        /// that the set by code point holds and only them, and the conversions after them, from
        /// every character boundary of text of characters at the edges of each UTF-8 length and
        /// of the three-byte leads, between quiet, converted and ASCII ones, to the end and cut
        /// inside the last character.
        #[test]
        fn the_wide_set_reads_the_characters_at_the_edges_of_each_length(
            picks in proptest::collection::vec(0usize..64, 0..32),
            cut in 0usize..4,
        ) {
            const EDGES: &[&str] = &[
                "a", "(", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFF}", "\u{1000}",
                "\u{4DFF}", "\u{4E00}", "\u{9FFF}", "\u{A000}", "\u{D7FF}", "\u{E000}",
                "\u{FFFF}", "\u{10000}", "\u{10FFFF}", "政", "國", "，", "\u{3000}", "（",
            ];
            let text: String = picks.iter().filter_map(|&k| EDGES.get(k % EDGES.len()).copied()).collect();
            let b = text.as_bytes();
            let end = b.len().saturating_sub(cut);
            for (i, _) in text.char_indices() {
                for limit in [b.len(), end.max(i)] {
                    let rest = b.get(i..limit).unwrap_or_default();
                    proptest::prop_assert_eq!(
                        quiet_len3(rest, quiet3_wide()),
                        run3(rest, quiet3(), true),
                        "at {} to {} in {:?}", i, limit, text
                    );
                    proptest::prop_assert_eq!(
                        quiet_len3(rest, quiet3_wide()),
                        quiet_len3_chunks(rest, quiet3_wide()),
                        "at {} to {} in {:?}", i, limit, text
                    );
                    proptest::prop_assert_eq!(
                        convert_run3(rest, quiet3_wide(), conv3()),
                        convert_run3_chunks(rest, quiet3_wide(), conv3()),
                        "at {} to {} in {:?}", i, limit, text
                    );
                    proptest::prop_assert_eq!(
                        convert_run3(rest, quiet3_wide(), conv3()),
                        convert_run3_ref(rest, quiet3(), conv3()),
                        "at {} to {} in {:?}", i, limit, text
                    );
                }
            }
        }

        /// A family-1 start converted in the quiet run is the one converted by the reading
        /// against zero, at every character boundary of mixed text (the character after it
        /// there, cut or absent), for every code point of the URO and its edges, with the
        /// table and with tables of zero and the three-byte values.
        #[test]
        fn starts_converted_are_those_read_against_zero(
            picks in proptest::collection::vec(0usize..256, 0..24),
            u in proptest::prop_oneof![0x4DF0usize..0x4E10, 0x4E00usize..=0x9FFF, 0x9FF0usize..0xA010],
            off in 0usize..0x10000,
        ) {
            let pieces = mixed_pieces();
            let text: String = picks.iter().map(|&k| pieces[k % pieces.len()].as_str()).collect();
            let b = text.as_bytes();
            let every = three_byte_table(off);
            for conv in [u16s_of(&conv3_halves()), every, Vec::new()] {
                let chars = relaid(&chars_of(&conv));
                for at in text.char_indices().map(|(i, _)| i).chain([b.len()]) {
                    for cut in [b.len(), (at + 4).min(b.len())] {
                        let bytes = b.get(..cut).unwrap_or_default();
                        proptest::prop_assert_eq!(
                            start_converted(bytes, at, u, &chars),
                            start_converted_ref(bytes, at, u, &conv),
                            "U+{:04X} at {} in {:?}", u, at, text
                        );
                        proptest::prop_assert_eq!(
                            start_converted(bytes, at, u, &chars),
                            start_converted_u16(bytes, at, u, &conv),
                            "U+{:04X} at {} in {:?}", u, at, text
                        );
                    }
                }
            }
        }

        /// The ASCII run read eight bytes at a time is the one read sixteen bytes at a time
        /// and byte by byte, from every character boundary, in text holding long ASCII rows,
        /// `\r`, `?`, and characters of every length after and before ASCII.
        #[test]
        fn ascii_runs_read_by_words_are_the_byte_runs(
            picks in proptest::collection::vec(0usize..256, 0..40),
        ) {
            let pieces = mixed_pieces();
            let text: String = picks.iter().map(|&k| pieces[k % pieces.len()].as_str()).collect();
            let b = text.as_bytes();
            for (i, _) in text.char_indices() {
                let rest = b.get(i..).unwrap_or_default();
                proptest::prop_assert_eq!(ascii_run(rest), ascii_quiet_len(rest), "at {} in {:?}", i, text);
            }
        }

        /// Skipping runs of quiet characters changes nothing: the text, the map at every
        /// offset, the script, the repairs, the runs and the diagnostics equal those of the
        /// general path taken for every character.
        #[test]
        fn quiet_runs_normalise_as_the_general_path_does(
            picks in proptest::collection::vec(0usize..256, 0..60)
        ) {
            let pieces = mixed_pieces();
            let text: String = picks.iter().map(|&k| pieces[k % pieces.len()].as_str()).collect();
            let empty = Box::new([0u64; WIDE_WORDS]);
            for keep in [false, true] {
                let fast = normalise_with(&text, keep, quiet3_wide(), conv3());
                let slow = normalise_with(&text, keep, &empty, &[]);
                proptest::prop_assert_eq!(&fast.text, &slow.text);
                proptest::prop_assert_eq!(fast.script, slow.script);
                proptest::prop_assert_eq!(fast.repairs, slow.repairs);
                proptest::prop_assert_eq!(&fast.mojibake, &slow.mojibake);
                proptest::prop_assert_eq!(&fast.diagnostics, &slow.diagnostics);
                proptest::prop_assert_eq!(fast.map.derived_len(), slow.map.derived_len());
                for d in 0..=fast.text.len() {
                    proptest::prop_assert_eq!(fast.map.map_start(d), slow.map.map_start(d));
                    proptest::prop_assert_eq!(fast.map.map_end(d), slow.map.map_end(d));
                }
            }
        }

        /// The ideographs counted from byte pairs are those of the characters, in text mixing
        /// the characters at the edges of every range the count tells apart.
        #[test]
        fn cjk_counted_from_bytes_are_the_characters(
            picks in proptest::collection::vec(0usize..64, 0..40)
        ) {
            let s: String = picks.iter().filter_map(|&k| CJK_EDGES.get(k % CJK_EDGES.len())).collect();
            proptest::prop_assert_eq!(count_cjk(&s), s.chars().filter(|&c| is_cjk(c)).count());
        }

        /// The script told without counting the ideographs when the conversions reach a 50th
        /// of the bound on their number is the script the count tells: on text of ideographs of
        /// every length (three and four bytes, the CJK ranges' edges) with ASCII among them,
        /// with conversions from none to three times the threshold and ideographs skipped.
        #[test]
        fn script_told_by_the_bound_is_the_counts(
            picks in proptest::collection::vec(0usize..64, 0..200),
            runs in 0usize..4,
            t in 0usize..96,
            skipped in 0usize..8,
        ) {
            let mut s: String = picks.iter().filter_map(|&k| CJK_EDGES.get(k % CJK_EDGES.len())).collect();
            s.push_str(&"政".repeat(runs * 150));
            // Conversions around the threshold: a 50th of the ideographs, which for text of
            // three-byte ideographs only is a 150th of its bytes.
            let trad = (s.len() / 150) * t / 32 + t % 7;
            proptest::prop_assert_eq!(
                script_of(trad, &s, skipped),
                script_of_ref(trad, &s, skipped),
                "{} conversions in {:?}", trad, s
            );
        }

        /// The normaliser offers the scan each candidate as it walks the text; the runs it
        /// keeps are exactly those of the scan walking the text on its own.
        #[test]
        fn runs_found_while_normalising_are_the_scans_runs(
            picks in proptest::collection::vec(0usize..64, 0..40)
        ) {
            let pieces = moji_pieces();
            let text: String = picks.iter().map(|&k| pieces[k % pieces.len()].as_str()).collect();
            let c = normalise(&text, true);
            proptest::prop_assert_eq!(&c.mojibake, &crate::mojibake::find_mojibake(&text));
            let listed = c
                .diagnostics
                .iter()
                .filter(|d| matches!(d.code, Code::N002 | Code::N003))
                .count();
            proptest::prop_assert_eq!(listed, c.mojibake.len().min(2 * LISTED_RUNS));
            proptest::prop_assert_eq!(
                c.repairs.mojibake_repaired + c.repairs.mojibake_unrecoverable,
                c.mojibake.len()
            );
        }
    }

    #[test]
    fn text_that_needs_no_change_is_borrowed_not_copied() {
        let src = "一、总体情况\n本机关2023年主动公开政府信息 123 条。|a|b|\n";
        let c = normalise(src, false);
        assert!(matches!(c.text, Cow::Borrowed(t) if std::ptr::eq(t, src)));
        assert_eq!(c.map.source_len(), src.len());
        assert_eq!(c.map.derived_len(), src.len());
        assert_eq!(c.map.map_range(3, 9), (3, 9));
        let empty = normalise("", false);
        assert!(matches!(empty.text, Cow::Borrowed("")));
        // One change anywhere (a CR, a Traditional label character, at the start or the end)
        // and the text is built.
        for changed in ["a\r\nb", "國務院", "总体情况\r", "\u{3000}总体"] {
            let c = normalise(changed, false);
            assert!(matches!(c.text, Cow::Owned(_)), "{changed}");
            assert_eq!(c.map.source_len(), changed.len());
        }
    }

    #[test]
    fn full_width_folds_and_spans_map_back() {
        let src = "第二十条第（一）项";
        let c = normalise(src, true);
        assert_eq!(c.text, "第二十条第(一)项");
        let at = c.text.find('一').unwrap_or(0);
        let (s, e) = c.map.map_range(at, at + 3);
        assert_eq!(&src[s..e], "一");
    }

    #[test]
    fn gloss_span_maps_to_whole_gloss() {
        let src = "結(jié)轉(zhuǎn)";
        let c = normalise(src, true);
        assert_eq!(c.text, "结转");
        let (s, e) = c.map.map_range(0, c.text.len());
        assert_eq!((s, e), (0, src.len()));
    }

    #[test]
    fn traditional_runs_are_one_segment_and_map_each_character() {
        let src = "政府信息公開工作年度報告、規範性文件。123 國務院";
        let c = normalise(src, true);
        assert_eq!(c.text, "政府信息公开工作年度报告、规范性文件。123 国务院");
        // Copied and converted ideographs (and CJK punctuation) share one uniform run; a copy
        // after the last conversion stays a copy.
        assert_eq!(c.map.segment_count(), 4, "run, `123 `, 国务, 院");
        for (at, ch) in c.text.char_indices() {
            let (s, e) = c.map.map_range(at, at + ch.len_utf8());
            let want = src.char_indices().nth(c.text[..at].chars().count());
            assert_eq!(Some(s), want.map(|w| w.0), "{ch}");
            assert_eq!(e - s, want.map_or(0, |w| w.1.len_utf8()), "{ch}");
        }
    }

    /// A run that went on past bytes its reader dropped (Python's `gbk` reading
    /// `平潭综合实验区2019\n一、本年新收政府`) is replaced whole, and its `N002` says which characters
    /// were put back, which were guessed and which are unknown; the canonical text's offsets
    /// map back to the run's bytes in the source.
    #[test]
    fn dropped_bytes_put_back_are_said_in_the_runs_diagnostic() {
        let src = "骞虫江缁煎悎瀹為獙鍖\u{FFFD}2019\n涓\u{FFFD}銆佹湰骞存柊鏀舵斂搴\u{FFFD}";
        let c = normalise(src, true);
        assert_eq!(c.text, "平潭综合实验\u{FFFD}2019\n一、本年新收政府");
        let n002: Vec<&Diagnostic> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::N002)
            .collect();
        assert_eq!(n002.len(), 2, "{n002:?}");
        assert!(
            n002[0].message.ends_with(
                "; a byte the reader dropped: U+FFFD written for one of 匀/匁/匂/匃/匄/包/匆/匇/…"
            ),
            "{}",
            n002[0].message
        );
        assert!(
            n002[1].message.contains("; 2 bytes the reader dropped: `一` put back, a guess of 一/丢/个/丫/丬/中/丮/丯 by the template's words beside it; `府` put back, a guess of "),
            "{}",
            n002[1].message
        );
        let run = src.find("涓").unwrap_or_default();
        let at = c.text.find('一').unwrap_or_default();
        assert_eq!(c.map.map_range(at, c.text.len()), (run, src.len()));
        assert_eq!(n002[1].span, Some(crate::model::Span::new(run, src.len())));
    }

    #[test]
    fn family_1_starts_convert_in_the_fast_loop_unless_a_run_may_open() {
        // `項` and `鍔` are family-1 starts the label table converts: the table's first half.
        let conv = conv3();
        for (c, f) in [('項', '项'), ('鍔', '锷')] {
            let at = (c as usize) - 0x4E00;
            assert_eq!(conv.get(at).copied(), Some(f), "{c}");
            assert_eq!(
                conv.get(c as usize + CONV_OTHERS).copied(),
                Some('\0'),
                "{c}"
            );
        }
        // `办理` in UTF-8 read as GBK opens with `鍔` and is repaired; `項` before `目` and after
        // a conversion is converted.
        let (garbled, _) = encoding_rs::GB18030.decode_without_bom_handling("办理".as_bytes());
        let src = format!("第(一)項目{garbled} 規項 ");
        let c = normalise(&src, true);
        assert_eq!(c.text, "第(一)项目办理 规项 ");
        assert_eq!(c.repairs.mojibake_repaired, 1);
    }

    #[test]
    fn every_converted_family_1_start_normalises_as_the_general_path_does() {
        // Each start of the table's first half, before characters that can continue a run
        // (`不`, `表`, `€`, a garbled run's second character) and that cannot, and at the end.
        let empty = Box::new([0u64; WIDE_WORDS]);
        let (garbled, _) = encoding_rs::GB18030.decode_without_bom_handling("办理".as_bytes());
        let tail: String = garbled.chars().skip(1).collect();
        let starts: Vec<char> = ('\u{4E00}'..='\u{9FFF}')
            .filter(|&c| {
                conv3()
                    .get((c as usize) - 0x4E00)
                    .is_some_and(|&f| f != '\0')
            })
            .collect();
        assert!(starts.len() > 100, "{}", starts.len());
        for c in starts {
            for after in ["不", "表", "€", tail.as_str(), "目", "a", "，", ""] {
                let text = format!("規{c}{after}");
                let fast = normalise_with(&text, true, quiet3_wide(), conv3());
                let slow = normalise_with(&text, true, &empty, &[]);
                assert_eq!(fast.text, slow.text, "{text}");
                assert_eq!(fast.mojibake, slow.mojibake, "{text}");
                assert_eq!(fast.diagnostics, slow.diagnostics, "{text}");
                for d in 0..=fast.text.len() {
                    assert_eq!(fast.map.map_start(d), slow.map.map_start(d), "{text}");
                }
            }
        }
    }

    #[test]
    fn crlf_becomes_lf() {
        let c = normalise("a\r\nb\rc", true);
        assert_eq!(c.text, "a\nb\nc");
    }
}
