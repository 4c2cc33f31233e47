//! Mojibake: UTF-8 bytes read as GBK (reversible) and GBK read one byte out of phase.
//!
//! # Family 1: UTF-8 read as GBK
//!
//! `政府信息公开` is `E6 94 BF E5 BA 9C …` in UTF-8; read as GBK those bytes pair up as
//! `鏀垮簻淇℃伅鍏紑`. The damage is reversible: encode the run back to GBK and decode the bytes as
//! strict UTF-8. A run must *start* with a GBK character whose lead byte is a UTF-8 three-byte
//! lead (0xE2–0xEF) and whose trail is a continuation byte (0x80–0xBF); those are rare
//! second-level or extension ideographs, so a bitset of them (built once from the GBK table) is
//! the pre-scan, and ordinary text costs one bit test per character. From a start the run grows
//! while its GBK bytes stay valid UTF-8, and ends at the last point where GBK and UTF-8
//! character boundaries coincide. It is accepted only when it is at least three characters long
//! and the UTF-8 reading is plausible report text (CJK ideographs, CJK and full-width
//! punctuation, ASCII): a legitimate phrase whose GBK bytes happen to validate as UTF-8 decodes to
//! Latin, Greek or Arabic letters and is rejected. A trailing character whose bytes only *begin*
//! a UTF-8 sequence (the classic `锛` for `）` whose last byte was lost) is reported as a
//! separate, unrecoverable run, together with the `?` that replaced the lost byte.
//!
//! ## Bytes the reader dropped
//!
//! A decoder that replaces what it cannot read (Python's `gbk`, `gb18030`, `gb2312` with
//! `errors='replace'`) writes one U+FFFD for a lead byte it cannot read with the byte after it,
//! and reads that byte again. In UTF-8 read as GBK such a lead is the last byte of a character
//! (`一` `E4 B8 80` is `涓�`: 0x80 leads nothing) or its middle one (`《` `E3 80 8A` after an odd
//! number of bytes), and the character's other bytes are in the text: the run goes on past the
//! U+FFFD ([`lost_byte`]). The character is one of those whose other bytes are these and whose
//! missing byte the reader drops before the byte that follows it ([`dropped_before`], the
//! reader told by the text, [`reader_of`]) and which are report text: GB18030 drops only 0x80
//! before a lead, so `涓�銆` is `一、` exactly; GBK also the leads of its user-defined rows
//! (`中` `E4 B8 AD` reads as `涓�` there too), and any reader every byte before a space, a digit
//! or a line break. One candidate is the character; of several, the one that alone makes a pair
//! of the template's words with the character beside it is taken as a guess (`公` before `开`);
//! else U+FFFD stands for it ([`complete_lost`]). The run's `N002` names each character put
//! back, whether it was the only one or a guess and of which, and each left unknown.
//!
//! # Family 2: GBK read one byte out of phase
//!
//! A lead byte lost (replaced by `?`, typically at a buffer boundary) shifts the decoder by one
//! byte: each following "character" is the trail of one original character glued to the lead of
//! the next (`模”及一線` → `?！奔耙痪€`). The shift lasts until a byte decodes alone: an ASCII
//! trail (`F` of `現` = `AC 46`) or 0x80 (`€`, the trail of `線` = `BE 80`), which ends the run.
//! Later conversion to half-width punctuation turns `！` into `!` and `，` into `,`, so those are
//! taken back to full width. A run starts at a `?` (or U+FFFD) and is damage when it holds a rare
//! symbol of the GBK symbol rows (bopomofo, box drawing, parenthesised or full-stop numbers, set
//! operators, `€`, private use), or two lost-byte marks, or when it ends on such a single-byte
//! terminator and the repair below succeeds. Circled numbers `①` and pinyin letters are common in
//! reports and are not evidence.
//!
//! Repair puts each lead byte back in place of the `?` and decodes the bytes strictly. A reading
//! is plausible only when every character is common punctuation or a CJK ideograph that occurs
//! elsewhere in the same document — the document is its own dictionary, which rejects the shifted garbage (`舰`, `筥`)
//! that the remaining bytes of an unrecoverable run decode to. One plausible lead is the repair.
//! Where several fit, the lost byte is simply gone: the first character is written U+FFFD and
//! the candidates are listed in the N002 message (seed 000's `?,F` is `。現` and seed 004's
//! `?!奔耙痪€` is `模”及一線`: preferring the punctuation row would get the first right and the
//! second wrong, and 模 occurs nowhere else in seed 004, so no document statistic could choose it).
//!
//! Cost: one pass over the characters, one bit test each; the expensive checks run only at
//! candidates and are bounded by [`MAX_RUN`] characters each.

use crate::BuiltOnce;
use std::ops::Range;
use std::sync::OnceLock;

use encoding_rs::{GB18030, GBK};

use crate::codec;
use crate::normalise::decode_at;

/// Longest run examined from one candidate, in characters.
const MAX_RUN: usize = 128;
/// The first, short look at a candidate, in characters.
const SHORT_WINDOW: usize = 12;
/// Shortest accepted UTF-8-as-GBK run, in characters.
const MIN_FAMILY1: usize = 3;

/// A damaged run found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MojibakeRun {
    /// Byte range of the run in the text.
    pub range: Range<usize>,
    /// The repaired text, when the damage is reversible.
    pub repaired: Option<String>,
    /// When a GBK lead byte was lost and several characters fit in its place: the repaired text
    /// holds U+FFFD there, and these are the candidates (`。/模`).
    pub lost: Option<String>,
    /// When the run of UTF-8 read as GBK went on past bytes the reader dropped (each a U+FFFD in
    /// the text): what was put in their place and how it was told ([`LostByte`]), for the
    /// diagnostic.
    pub completed: Option<String>,
}

/// Find the mojibake runs of `text`, in order, non-overlapping, by the scan walking the text on
/// its own: the reference that the normaliser's use of [`MojibakeScan::open_at`] is tested
/// against.
#[cfg(test)]
pub(crate) fn find_mojibake(text: &str) -> Vec<MojibakeRun> {
    let mut scan = MojibakeScan::new(text);
    let mut runs = Vec::new();
    while let Some((found, _)) = scan.next_found() {
        runs.extend(found);
    }
    runs
}

/// The mojibake runs of a text, in order, non-overlapping, found as they are asked for: the
/// normaliser takes them one at a time, so a text with a million damaged runs never holds them
/// all (50 MB of UTF-8 read as GBK has 1.7 million).
pub(crate) struct MojibakeScan<'a> {
    text: &'a str,
    starts: &'static [u64],
    /// The document's ideographs, for family-2 repairs (built at the first `?`).
    present: Option<Box<[u64; BMP_WORDS]>>,
    /// The reader that dropped the bytes of the document's U+FFFD (told at the first one a
    /// family-1 run reaches).
    reader: Option<Reader>,
    pos: usize,
    window: Vec<(usize, char)>,
    /// Set when a run ended inside a character: the scan stops there.
    done: bool,
}

impl<'a> MojibakeScan<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        // No pre-test of the whole text: the normaliser offers only the characters that pass
        // `may_open`, so text without candidates costs nothing here.
        MojibakeScan {
            text,
            starts: family1_starts(),
            present: None,
            reader: None,
            pos: 0,
            window: Vec::new(),
            done: false,
        }
    }

    /// Whether character `c` can open a run (the scan's candidate test), so that
    /// [`MojibakeScan::open_at`] is worth calling.
    #[inline]
    pub(crate) fn may_open(&self, c: char) -> bool {
        !self.done && (c == '?' || c == '\u{FFFD}' || bit(self.starts, c as usize))
    }

    /// The runs opened by candidate `c` at byte `at`, for a caller that walks the text itself
    /// (the normaliser, which decodes every character anyway): the same runs, in the same order,
    /// as the iterator finds, provided the caller offers every candidate it reaches in order
    /// and skips only text no candidate is in or that a run returned here covers. `None` when
    /// `c` opens none, or lies inside what an earlier candidate consumed.
    pub(crate) fn open_at(&mut self, at: usize, c: char) -> Option<Vec<MojibakeRun>> {
        if self.done || at < self.pos {
            return None;
        }
        // As the iterator does: a run that ends inside a character ends the scan.
        if !self.text.is_char_boundary(self.pos) {
            self.done = true;
            return None;
        }
        self.pos = at + c.len_utf8();
        let (runs, next) = self.evaluate(at, c)?;
        self.pos = self.pos.max(next);
        Some(runs)
    }

    /// The runs found at the next candidate that opens any, with the position after them.
    #[cfg(test)]
    fn next_found(&mut self) -> Option<(Vec<MojibakeRun>, usize)> {
        let text = self.text;
        while self.pos < text.len() {
            if !text.is_char_boundary(self.pos) {
                return None;
            }
            let (at, c) = next_candidate(text.as_bytes(), self.pos, self.starts)?;
            self.pos = at + c.len_utf8();
            if let Some((runs, next)) = self.evaluate(at, c) {
                self.pos = self.pos.max(next);
                return Some((runs, next));
            }
        }
        None
    }

    /// Candidate `c` at byte `at`: the runs it opens and the byte to go on from.
    fn evaluate(&mut self, at: usize, c: char) -> Option<(Vec<MojibakeRun>, usize)> {
        let text = self.text;
        let after = at + c.len_utf8();
        let is_mark = c == '?' || c == '\u{FFFD}';
        // A family-1 start needs one more continuation byte: the next character's GBK lead, or
        // a byte the reader dropped (U+FFFD).
        if !is_mark {
            let next = text.get(after..).and_then(|r| r.chars().next());
            if !next.is_some_and(|n| n == '\u{FFFD}' || can_continue(n)) {
                return None;
            }
        }
        // Cheap test first: the first MIN_FAMILY1 characters' GBK bytes must read as UTF-8.
        if !is_mark && !family1_prefix_ok(text.get(at..).unwrap_or_default()) {
            return None;
        }
        // Candidates look at a bounded window only, so the whole scan stays linear. Most
        // candidates die within a few characters: look at a short window first and widen it
        // only when the run reaches its end.
        let mut found = None;
        let window = &mut self.window;
        window.clear();
        // Room for the widest window at once (the window is kept for the scan's later
        // candidates), rather than the vector grown a few times in each report.
        window.reserve(MAX_RUN + 2);
        let mut next_char = at;
        for width in [SHORT_WINDOW, MAX_RUN + 2] {
            // The wider window extends the short one: both are the first characters from `at`.
            while window.len() < width {
                let Some((ch, len)) = decode_at(text.as_bytes(), next_char) else {
                    break;
                };
                window.push((next_char, ch));
                next_char += len;
            }
            let got = if is_mark {
                out_of_phase_at(text, window, &mut self.present)
            } else {
                utf8_as_gbk_at(text, window, &mut self.reader)
            };
            let reaches_end = window.len() == width
                && match &got {
                    Some((_, next)) => window
                        .get(width.saturating_sub(2))
                        .is_some_and(|&(o, _)| *next >= o),
                    None => false,
                };
            found = got;
            if !reaches_end {
                break;
            }
        }
        found
    }
}

/// The first character at or after byte `from` (a character boundary of valid UTF-8) that can
/// open a run: `?`, U+FFFD or a family-1 start (the test of [`MojibakeScan::may_open`], on bytes).
#[cfg(test)]
fn next_candidate(b: &[u8], from: usize, starts: &[u64]) -> Option<(usize, char)> {
    let mut i = from;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x == b'?' {
                return Some((i, '?'));
            }
            i += 1;
            continue;
        }
        let at = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0) & 0x3F);
        let (u, len) = if x >= 0xF0 {
            // Beyond the BMP: neither a start (the set is BMP only) nor U+FFFD.
            i += 4;
            continue;
        } else if x >= 0xE0 {
            ((u32::from(x & 0x0F) << 12) | (at(1) << 6) | at(2), 3)
        } else {
            ((u32::from(x & 0x1F) << 6) | at(1), 2)
        };
        let hit = u == 0xFFFD || bit(starts, u as usize);
        if hit {
            return char::from_u32(u).map(|c| (i, c));
        }
        i += len;
    }
    None
}

/// GBK bytes of one character: `(bytes, len)`, len 1 or 2; `None` when GBK cannot hold it.
fn gbk_bytes(c: char) -> Option<([u8; 2], usize)> {
    if c.is_ascii() {
        return Some(([c as u8, 0], 1));
    }
    let code = *gbk_table().get(c as usize)?;
    if code == 0 {
        return None;
    }
    Some(([(code >> 8) as u8, (code & 0xFF) as u8], 2))
}

/// The trails of the two-byte sequences of GBK and GB18030: 0x40..=0xFE but 0x7F.
fn pair_trails() -> impl Iterator<Item = u8> {
    (0x40u8..=0xFE).filter(|&t| t != 0x7F)
}

/// What each two-byte sequence `[lead, trail]` decodes to with `enc` as one character, strictly
/// ([`codec::decode_char_strict`]), by `trail - 0x40` for the trails 0x40..=0xFE: the tables
/// below, built once from the decoder.
///
/// The row's pairs other than 0x7F's are decoded in one call: a trail of 0x40..=0xFE after a
/// lead of 0x81..=0xFE ends a two-byte sequence (the second byte of a four-byte one is a digit),
/// so the decoder starts afresh after each pair, and when the row decodes strictly to one
/// character a pair, each is its pair's. Otherwise (a malformed pair, or a lead that is no
/// lead) each pair is decoded alone, as it was for all of them: a decoder call a pair, for the
/// four tables some 28 M instructions at the first report with a candidate.
fn decode_row(enc: &'static codec::Encoding, lead: u8) -> [Option<char>; 191] {
    const PAIRS: usize = 190;
    let mut row = [None; 191];
    let mut bytes = Vec::with_capacity(2 * PAIRS);
    for trail in pair_trails() {
        bytes.extend_from_slice(&[lead, trail]);
    }
    let whole = codec::decode_strict(enc, &bytes).filter(|s| s.chars().count() == PAIRS);
    let mut chars = whole.as_deref().map(str::chars);
    for trail in pair_trails() {
        let c = match chars.as_mut() {
            Some(one_a_pair) => one_a_pair.next(),
            None => codec::decode_char_strict(enc, &[lead, trail]),
        };
        if let Some(slot) = row.get_mut(usize::from(trail - 0x40)) {
            *slot = c;
        }
    }
    if let Some(slot) = row.get_mut(0x7F - 0x40) {
        *slot = codec::decode_char_strict(enc, &[lead, 0x7F]);
    }
    row
}

/// The two-byte GBK code of every BMP character GBK holds (0 elsewhere), built once from the
/// decoder: a table lookup instead of an encoder call per character.
fn gbk_table() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.built_once(|| {
        let mut table = vec![0u16; 0x10000];
        for lead in 0x81u8..=0xFE {
            let row = decode_row(GBK, lead);
            for trail in pair_trails() {
                if let Some(&Some(c)) = row.get(usize::from(trail - 0x40)) {
                    if let Some(slot) = table.get_mut(c as usize) {
                        if *slot == 0 && !c.is_ascii() {
                            *slot = u16::from(lead) << 8 | u16::from(trail);
                        }
                    }
                }
            }
        }
        table
    })
}

/// The character each two-byte GB18030 sequence decodes to (`'\0'` where it decodes to none),
/// by trail byte: `[trail - 0x40][lead - 0x81]`, built once from the decoder. A lost-byte mark
/// tries every lead before a trail ([`repair_phase`]): 126 lookups instead of 126 decoder calls.
fn lead_table() -> &'static [[char; 126]] {
    static TABLE: OnceLock<Vec<[char; 126]>> = OnceLock::new();
    TABLE.built_once(|| {
        let mut table = vec![['\0'; 126]; 191];
        for (k, lead) in (0x81u8..=0xFE).enumerate() {
            for (by_trail, c) in table.iter_mut().zip(decode_row(GB18030, lead)) {
                if let (Some(slot), Some(c)) = (by_trail.get_mut(k), c) {
                    *slot = c;
                }
            }
        }
        table
    })
}

/// The characters `[lead, trail]` decodes to for leads 0x81–0xFE, in lead order (none for a
/// trail no two-byte sequence ends with).
fn decodings_before(trail: u8) -> impl Iterator<Item = char> {
    trail
        .checked_sub(0x40)
        .and_then(|t| lead_table().get(usize::from(t)))
        .into_iter()
        .flatten()
        .copied()
        .filter(|&c| c != '\0')
}

/// Whether the bit set `set` (64 code points a word) holds code point `u`.
#[inline]
pub(crate) fn bit(set: &[u64], u: usize) -> bool {
    set.get(u >> 6).is_some_and(|w| w & (1u64 << (u & 63)) != 0)
}

/// Whether character `c` can ever open a run ([`MojibakeScan::may_open`] of a scan not yet done).
pub(crate) fn can_open(c: char) -> bool {
    c == '?' || c == '\u{FFFD}' || bit(family1_starts(), c as usize)
}

/// Whether character `c`, after a family-1 start, lets it open a run: `€` (GBK 0x80) or a
/// character whose GBK lead byte is a UTF-8 continuation byte ([`family1_conts`]). A start
/// followed by anything else opens none (the scan's first test, [`MojibakeScan::open_at`]).
pub(crate) fn can_continue(c: char) -> bool {
    c == '€' || bit(family1_conts(), c as usize)
}

/// The set of the characters that `[lead, trail]` decodes to with GB18030, for the leads and
/// trails given, but U+FFFD and ASCII.
fn decoded_set(leads: std::ops::RangeInclusive<u8>, trails: impl Fn(u8) -> bool) -> Vec<u64> {
    let mut set = vec![0u64; 0x10000 / 64];
    for lead in leads {
        let row = decode_row(GB18030, lead);
        for trail in pair_trails().filter(|&t| trails(t)) {
            if let Some(&Some(c)) = row.get(usize::from(trail - 0x40)) {
                if c != '\u{FFFD}' && !c.is_ascii() {
                    let u = c as usize;
                    if let Some(w) = set.get_mut(u >> 6) {
                        *w |= 1u64 << (u & 63);
                    }
                }
            }
        }
    }
    set
}

/// Characters whose GBK bytes are a UTF-8 three-byte lead followed by a continuation byte.
fn family1_starts() -> &'static [u64] {
    static SET: OnceLock<Vec<u64>> = OnceLock::new();
    SET.built_once(|| decoded_set(0xE2..=0xEF, |t| (0x80..=0xBF).contains(&t)))
}

/// Characters whose GBK lead byte is a UTF-8 continuation byte (0x81–0xBF).
fn family1_conts() -> &'static [u64] {
    static SET: OnceLock<Vec<u64>> = OnceLock::new();
    SET.built_once(|| decoded_set(0x81..=0xBF, |_| true))
}

/// Incremental UTF-8 validity: bytes still expected for the current sequence.
#[derive(Default)]
struct Utf8State {
    need: u8,
    /// Allowed range for the next continuation byte (the first one is narrowed for E0/ED/F0/F4).
    lo: u8,
    hi: u8,
}

impl Utf8State {
    /// Feed a byte; `false` when the stream is no longer valid UTF-8.
    fn feed(&mut self, b: u8) -> bool {
        if self.need > 0 {
            if b < self.lo || b > self.hi {
                return false;
            }
            self.need -= 1;
            self.lo = 0x80;
            self.hi = 0xBF;
            return true;
        }
        let (need, lo, hi) = match b {
            0x00..=0x7F => (0, 0x80, 0xBF),
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return false,
        };
        self.need = need;
        self.lo = lo;
        self.hi = hi;
        true
    }
}

/// Plausible report text after a family-1 repair.
fn plausible_repaired(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{B7}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3000}'..='\u{301F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF5E}')
}

type Found = Option<(Vec<MojibakeRun>, usize)>;

/// Family 1 at the start of `chars` (a window of the text): the runs and the byte to go on from.
/// True when the GBK bytes of the first [`MIN_FAMILY1`] characters of `s` continue as valid
/// UTF-8: a necessary condition for a UTF-8-read-as-GBK run, checked without allocating.
///
/// The GBK table is fetched once for the three characters, and each character's two bytes are
/// read off its code: ASCII has no code in the table (nor has a character GBK cannot hold), and
/// every other character GBK holds has two bytes.
fn family1_prefix_ok(s: &str) -> bool {
    let table = gbk_table();
    let mut st = Utf8State::default();
    for c in s.chars().take(MIN_FAMILY1) {
        // A byte the reader dropped, inside a character ([`lost_byte`]): any byte it may be.
        if c == '\u{FFFD}' && matches!(st.need, 1 | 2) {
            let lo = st.lo;
            st.feed(lo);
            continue;
        }
        let code = table.get(c as usize).copied().unwrap_or(0);
        if code == 0 {
            return false;
        }
        if !(st.feed((code >> 8) as u8) && st.feed((code & 0xFF) as u8)) {
            return false;
        }
    }
    true
}

/// [`family1_prefix_ok`] as first written, each character's bytes by [`gbk_bytes`]: the
/// reference it is held to.
#[cfg(test)]
fn family1_prefix_ok_ref(s: &str) -> bool {
    let mut st = Utf8State::default();
    for c in s.chars().take(MIN_FAMILY1) {
        if c == '\u{FFFD}' && (st.need == 1 || st.need == 2) {
            if !st.feed(0x80.max(st.lo)) {
                return false;
            }
            continue;
        }
        if c.is_ascii() {
            return false;
        }
        let Some((b, n)) = gbk_bytes(c) else {
            return false;
        };
        if !b.get(..n).unwrap_or_default().iter().all(|&x| st.feed(x)) {
            return false;
        }
    }
    true
}

fn utf8_as_gbk_at(text: &str, chars: &[(usize, char)], reader: &mut Option<Reader>) -> Found {
    let i = 0usize;
    let mut st = Utf8State::default();
    let mut bytes: Vec<u8> = Vec::with_capacity(2 * chars.len().min(MAX_RUN));
    let mut good_end: Option<(usize, usize)> = None; // (char index after, byte count)
                                                     // Bytes the reader dropped that the run went on past, and where the character being read
                                                     // starts in `bytes`.
    let mut lost: Vec<LostByte> = Vec::new();
    let mut char_start = 0usize;
    let mut j = i;
    while j < chars.len() && j - i < MAX_RUN {
        let Some(&(_, c)) = chars.get(j) else { break };
        if c == '\u{FFFD}' {
            let Some(l) = lost_byte(text, chars, j, &st, &bytes, char_start, &lost, reader) else {
                break;
            };
            // Any byte it may be stands in its place until it is told: the UTF-8 reading goes
            // on the same.
            bytes.push(l.stand_in);
            st.feed(l.stand_in);
            lost.push(l);
            j += 1;
            if st.need == 0 {
                good_end = Some((j, bytes.len()));
            }
            continue;
        }
        if c.is_ascii() {
            break;
        }
        let Some((b, n)) = gbk_bytes(c) else { break };
        let piece = b.get(..n).unwrap_or_default();
        let mut valid = true;
        for &x in piece {
            if st.need == 0 {
                char_start = bytes.len();
            }
            if !st.feed(x) {
                valid = false;
                break;
            }
            bytes.push(x);
        }
        if !valid {
            break;
        }
        j += 1;
        if st.need == 0 {
            good_end = Some((j, bytes.len()));
        }
    }
    let (end, nbytes) = good_end?;
    if end - i < MIN_FAMILY1 {
        return None;
    }
    let fixed = std::str::from_utf8(bytes.get(..nbytes)?).ok()?;
    // The dropped bytes within the run (a character begun after its last boundary is not).
    let lost = lost.get(..lost.iter().take_while(|l| l.at < nbytes).count())?;
    let n_cjk = fixed.chars().filter(|c| !c.is_ascii()).count();
    let start_b = chars.get(i)?.0;
    let end_b = chars.get(end).map_or(text.len(), |x| x.0);
    let (fixed, completed) = if lost.is_empty() {
        if !fixed.chars().all(plausible_repaired) {
            return None;
        }
        (fixed.to_string(), None)
    } else {
        let before = text.get(..start_b).and_then(|t| t.chars().next_back());
        let after = chars.get(end).map(|x| x.1);
        let (told, said) = complete_lost(fixed, lost, before, after)?;
        (told, Some(said))
    };
    if n_cjk < 2 {
        return None;
    }
    let mut runs = vec![MojibakeRun {
        range: start_b..end_b,
        repaired: Some(fixed),
        lost: None,
        completed,
    }];
    let mut next = end_b;
    // Characters after the last boundary whose bytes only began a UTF-8 sequence (`锛` for a
    // `）` that lost its last byte), plus the `?` standing for that byte: not recoverable.
    if j > end {
        let mut tail_end = j;
        if matches!(chars.get(j), Some(&(_, '?' | '\u{FFFD}'))) {
            tail_end = j + 1;
        }
        let tail_b = chars.get(tail_end).map_or(text.len(), |x| x.0);
        runs.push(MojibakeRun {
            range: end_b..tail_b,
            repaired: None,
            lost: None,
            completed: None,
        });
        next = tail_b;
    }
    Some((runs, next))
}

/// A byte that the reader of UTF-8 as GBK dropped inside a run (a U+FFFD of the text), and the
/// characters it may have made.
///
/// A decoder of GBK (Python's `gbk`, `gb18030`, `gb2312` with `errors='replace'`) that meets a
/// lead byte it cannot read with the byte after it writes one U+FFFD for the lead alone and
/// reads the next byte again. In UTF-8 read as GBK a lead is a UTF-8 byte at an even place of
/// the GBK pairing: the last byte of a character (`一` is `E4 B8 80`: `涓` `E4 B8`, then 0x80,
/// which leads nothing) or its middle one (`《` `E3 80 8A` after an odd number of bytes: `E3`
/// ends a pair, 0x80 is dropped, `8A` leads the next pair). The bytes before and after it in
/// the character are known, so the character is one of the 64 with its other bytes, and fewer:
/// the dropped byte is one that the reader cannot read before the byte that follows it
/// ([`dropped_before`]: for GB18030 that is 0x80 alone before any lead or trail, for GBK also
/// the leads of its unassigned and user-defined rows), and the character is report text
/// ([`plausible_repaired`]).
#[derive(Debug, Clone, Copy)]
struct LostByte {
    /// Where the byte stands in the run's bytes.
    at: usize,
    /// Where its character starts in them.
    char_start: usize,
    /// The bytes it may be, bit `k` for `0x80 + k`, each making a plausible character.
    may_be: u64,
    /// The byte that stands in its place until it is told (the lowest it may be).
    stand_in: u8,
}

/// The dropped byte that the U+FFFD at `chars[j]` stands for, inside the character begun at
/// `bytes[char_start..]`: `None` when it cannot be one byte of that character (no character is
/// begun, two of its bytes were dropped, the byte after it cannot end it, or no plausible
/// character has a byte the reader drops there).
#[allow(clippy::too_many_arguments)]
fn lost_byte(
    text: &str,
    chars: &[(usize, char)],
    j: usize,
    st: &Utf8State,
    bytes: &[u8],
    char_start: usize,
    lost: &[LostByte],
    reader: &mut Option<Reader>,
) -> Option<LostByte> {
    let known = bytes.get(char_start..)?;
    // The last byte of a two- or three-byte character, or the middle one of a three-byte one.
    let last = match (st.need, known.len()) {
        (1, 1 | 2) => true,
        (2, 1) => false,
        _ => return None,
    };
    if lost.last().is_some_and(|l| l.char_start == char_start) {
        return None;
    }
    // The byte after it, as the reader met it: the next character's first GBK byte.
    let next = match chars.get(j + 1) {
        Some(&(_, n)) if n.is_ascii() && n != '?' => Some(n as u8),
        Some(&(_, n)) if n != '\u{FFFD}' && n != '?' => gbk_bytes(n).map(|([lead, _], _)| lead),
        _ => None,
    };
    // A middle byte's character ends with that next byte.
    let third = if last {
        None
    } else {
        Some(next.filter(|b| (0x80..=0xBF).contains(b))?)
    };
    let reader = *reader.get_or_insert_with(|| reader_of(text));
    // The bytes UTF-8 allows there (`st.lo..=st.hi`, within 0x80..=0xBF).
    let range = (u64::MAX >> (63 - (st.hi & 0x3F))) & (u64::MAX << (st.lo & 0x3F));
    let mut may_be = 0u64;
    let mut dropped = dropped_before(reader, next) & range;
    while dropped != 0 {
        let k = dropped.trailing_zeros();
        dropped &= dropped - 1;
        let x = 0x80 | k as u8;
        if lost_char(known, x, third).is_some_and(|c| !c.is_ascii() && plausible_repaired(c)) {
            may_be |= 1u64 << k;
        }
    }
    if may_be == 0 {
        return None;
    }
    Some(LostByte {
        at: bytes.len(),
        char_start,
        may_be,
        stand_in: 0x80 | may_be.trailing_zeros() as u8,
    })
}

/// The character of bytes `known`, then `x`, then `third` when there is one.
fn lost_char(known: &[u8], x: u8, third: Option<u8>) -> Option<char> {
    let mut buf = [0u8; 3];
    let mut n = 0usize;
    for &b in known.iter().chain([x].iter()).chain(third.iter()) {
        *buf.get_mut(n)? = b;
        n += 1;
    }
    char_of(buf.get(..n)?)
}

/// The character of the two or three bytes `b`, a lead and continuation bytes in the ranges
/// UTF-8 allows after it ([`Utf8State`] checked them): decoded by their bits, without a
/// validating decoder (64 candidates a dropped byte).
fn char_of(b: &[u8]) -> Option<char> {
    let cont = |x: &u8| u32::from(x & 0x3F);
    let u = match b {
        [l @ 0xC2..=0xDF, c] => (u32::from(l & 0x1F) << 6) | cont(c),
        [l @ 0xE0..=0xEF, c1, c2] => (u32::from(l & 0x0F) << 12) | (cont(c1) << 6) | cont(c2),
        _ => return None,
    };
    char::from_u32(u)
}

/// How the character of a dropped byte was told ([`complete_lost`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Told {
    /// It is the only character that fits: written without a guess.
    Only,
    /// Guessed: the only one that makes a pair of neighbouring characters of the template's
    /// words with the character before or after it.
    Pair,
}

/// The run's text `fixed` (the bytes read back as UTF-8, each dropped byte of `lost` in it as
/// its stand-in) with each dropped byte's character told, and what the diagnostic says of them;
/// `before` and `after` are the characters around the run. `None` when a character outside the
/// dropped ones is not plausible report text (the run is not a repair).
///
/// A character with one candidate is written as it is. Of several, the one that makes a pair of
/// neighbouring characters of the template's words ([`words`]) with the character before or
/// after it (or with one of that character's own candidates) is taken when it is the only one
/// that does, `公` of `兀/兪/八/公/六/兮/兯` before `开`; else U+FFFD stands for it, its
/// candidates listed. Each guess is named in the diagnostic. (The one candidate that a word of
/// the template holds, taken where no pair tells, was wrong for one guess in four over the
/// corpus read as GBK, all in prose, and read no more cells.)
fn complete_lost(
    fixed: &str,
    lost: &[LostByte],
    before: Option<char>,
    after: Option<char>,
) -> Option<(String, String)> {
    let b = fixed.as_bytes();
    let cs: Vec<(usize, char)> = fixed.char_indices().collect();
    // For each dropped byte (in the order of the text): its character's place in `cs`, the
    // characters it may make, and those in canonical form.
    let mut slots: Vec<Slot> = Vec::with_capacity(lost.len());
    let mut slot_of: Vec<Option<usize>> = vec![None; cs.len()];
    let mut k = 0usize;
    for l in lost {
        while cs.get(k).is_some_and(|&(o, _)| o < l.char_start) {
            k += 1;
        }
        if cs.get(k).map(|x| x.0) != Some(l.char_start) {
            return None;
        }
        let end = cs.get(k + 1).map_or(b.len(), |x| x.0);
        let own = b.get(l.char_start..end)?;
        let at = l.at - l.char_start;
        let mut cands: Vec<char> = Vec::with_capacity(l.may_be.count_ones() as usize);
        let mut m = l.may_be;
        while m != 0 {
            let x = 0x80 | m.trailing_zeros() as u8;
            m &= m - 1;
            let mut buf = [0u8; 3];
            for (d, s) in buf.iter_mut().zip(own) {
                *d = *s;
            }
            *buf.get_mut(at)? = x;
            cands.extend(char_of(buf.get(..own.len())?));
        }
        let canon: Vec<char> = cands.iter().map(|&c| canonical(c)).collect();
        *slot_of.get_mut(k)? = Some(slots.len());
        slots.push(Slot { k, cands, canon });
    }
    for (k, &(_, c)) in cs.iter().enumerate() {
        if slot_of.get(k).copied().flatten().is_none() && !plausible_repaired(c) {
            return None;
        }
    }
    let words = words();
    let mut told: Vec<Option<(char, Told)>> = slots
        .iter()
        .map(|s| match s.cands.as_slice() {
            [one] => Some((*one, Told::Only)),
            _ => None,
        })
        .collect();
    // What may stand at place `p` of the run, in canonical form (`None`: before it).
    let near = |p: Option<usize>, told: &[Option<(char, Told)>]| -> Near<'_> {
        let Some(p) = p else {
            return before.map_or(Near::Nothing, |c| Near::One(canonical(c)));
        };
        match slot_of.get(p) {
            None => after.map_or(Near::Nothing, |c| Near::One(canonical(c))),
            Some(None) => cs
                .get(p)
                .map_or(Near::Nothing, |x| Near::One(canonical(x.1))),
            Some(Some(s)) => match told.get(*s).copied().flatten() {
                Some((c, _)) => Near::One(canonical(c)),
                None => slots
                    .get(*s)
                    .map_or(Near::Nothing, |x| Near::Some(x.canon.as_slice())),
            },
        }
    };
    // Told by pairs, again for the characters beside one told (a pair of two characters that
    // both dropped a byte, `公开`, tells both at the first pass), four passes at most.
    let mut look = vec![true; slots.len()];
    for _ in 0..4 {
        let mut again = vec![false; slots.len()];
        let mut any = false;
        for (s, slot) in slots.iter().enumerate() {
            if !look.get(s).copied().unwrap_or(false) || told.get(s).copied().flatten().is_some() {
                continue;
            }
            let prev = near(slot.k.checked_sub(1), &told);
            let next = near(Some(slot.k + 1), &told);
            let mut fits = slot
                .cands
                .iter()
                .copied()
                .filter(|&c| words.fits(&prev, canonical(c), &next));
            if let (Some(one), None) = (fits.next(), fits.next()) {
                if let Some(t) = told.get_mut(s) {
                    *t = Some((one, Told::Pair));
                }
                any = true;
                for p in [slot.k.checked_sub(1), Some(slot.k + 1)] {
                    if let Some(Some(o)) = p.and_then(|p| slot_of.get(p)) {
                        if let Some(a) = again.get_mut(*o) {
                            *a = true;
                        }
                    }
                }
            }
        }
        if !any {
            break;
        }
        look = again;
    }
    let mut out = String::with_capacity(fixed.len());
    for (k, &(_, c)) in cs.iter().enumerate() {
        match slot_of.get(k).copied().flatten() {
            Some(s) => out.push(told.get(s).copied().flatten().map_or('\u{FFFD}', |t| t.0)),
            None => out.push(c),
        }
    }
    // What the diagnostic says: each character put in place of a dropped byte, and how.
    const SAID: usize = 8;
    let list = |cands: &[char]| {
        let shown: Vec<String> = cands.iter().take(SAID).map(|c| c.to_string()).collect();
        let more = if cands.len() > SAID { "/…" } else { "" };
        format!("{}{more}", shown.join("/"))
    };
    let mut said: Vec<String> = slots
        .iter()
        .zip(&told)
        .take(SAID)
        .map(|(slot, t)| match t {
            Some((c, Told::Only)) => format!("`{c}` put back (the only character that fits)"),
            Some((c, Told::Pair)) => format!(
                "`{c}` put back, a guess of {} by the template's words beside it",
                list(&slot.cands)
            ),
            None => format!("U+FFFD written for one of {}", list(&slot.cands)),
        })
        .collect();
    if slots.len() > SAID {
        said.push(format!("{} more", slots.len() - SAID));
    }
    let n = slots.len();
    let what = if n == 1 {
        "a byte the reader dropped".to_string()
    } else {
        format!("{n} bytes the reader dropped")
    };
    Some((out, format!("{what}: {}", said.join("; "))))
}

/// The character of a dropped byte in a run ([`complete_lost`]).
struct Slot {
    /// Its place among the run's characters.
    k: usize,
    /// The characters it may be, in the order of the byte.
    cands: Vec<char>,
    /// Those in canonical form.
    canon: Vec<char>,
}

/// What may stand beside a dropped byte's character, in canonical form.
enum Near<'a> {
    /// Nothing known.
    Nothing,
    /// One character.
    One(char),
    /// One of these (another dropped byte's character).
    Some(&'a [char]),
}

impl Near<'_> {
    /// Whether a character that may stand here is one `f` holds of.
    fn any(&self, f: impl Fn(char) -> bool) -> bool {
        match self {
            Near::Nothing => false,
            Near::One(x) => f(*x),
            Near::Some(v) => v.iter().any(|&c| f(c)),
        }
    }
}

/// The decoder that read a text's UTF-8 as GBK and dropped the bytes it could not read, told by
/// the text ([`reader_of`]): which lead bytes it drops before which bytes
/// ([`dropped_before`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// GB18030 (Python's `gb18030`): every two-byte sequence is read, the user-defined areas as
    /// private-use characters; a lead is dropped only before a byte no sequence goes on with,
    /// and 0x80, which leads none.
    Gb18030,
    /// GBK (Python's `gbk`, `cp936`): as GB18030, and the leads of its unassigned and
    /// user-defined codes dropped too, and of the codes GB18030 added (`€` `A2 E3`).
    Gbk,
    /// GB2312: leads 0xA1..=0xF7 before trails 0xA1..=0xFE only.
    Gb2312,
}

/// The reader of a text: GB18030 when a private-use character is in it (GBK and GB2312 read
/// none), else GBK when a character outside GB2312 is, else GB2312 (whose reading of UTF-8
/// drops most bytes). One pass over the text, made only for a text with a dropped byte inside
/// a run.
fn reader_of(text: &str) -> Reader {
    let table = gbk_table();
    let mut beyond_gb2312 = false;
    for c in text.chars() {
        if ('\u{E000}'..='\u{F8FF}').contains(&c) {
            return Reader::Gb18030;
        }
        if !beyond_gb2312 && !c.is_ascii() {
            let code = table.get(c as usize).copied().unwrap_or(0);
            let [lead, trail] = code.to_be_bytes();
            beyond_gb2312 = code != 0 && !((0xA1..=0xF7).contains(&lead) && trail >= 0xA1);
        }
    }
    if beyond_gb2312 {
        Reader::Gbk
    } else {
        Reader::Gb2312
    }
}

/// The two-byte codes, of leads below 0xC0 (the only leads a dropped byte of UTF-8 can be),
/// that GBK's readers drop though the GB18030 table reads them: those with which GB18030 gave
/// GBK's unassigned codes characters (`€` `A2 E3`, `ǹ`, the ideographic description and
/// vertical forms), by lead and range of trails.
const GBK_UNREAD: &[(u8, u8, u8)] = &[
    (0xA2, 0xE3, 0xE3),
    (0xA3, 0xA0, 0xA0),
    (0xA6, 0xD9, 0xDF),
    (0xA6, 0xEC, 0xED),
    (0xA6, 0xF3, 0xF3),
    (0xA8, 0xBC, 0xBC),
    (0xA8, 0xBF, 0xBF),
    (0xA9, 0x89, 0x95),
];

/// The codes GB2312's readers drop besides GBK's, of leads below 0xC0: those GBK added to
/// GB2312's rows (small Roman numerals, vertical forms, pinyin letters).
const GB2312_UNREAD: &[(u8, u8, u8)] =
    &[(0xA2, 0xA1, 0xAA), (0xA6, 0xE0, 0xF5), (0xA8, 0xBB, 0xC0)];

/// Whether `[x, y]` is one of the codes of `list`.
fn listed(list: &[(u8, u8, u8)], x: u8, y: u8) -> bool {
    list.iter()
        .any(|&(lead, lo, hi)| lead == x && (lo..=hi).contains(&y))
}

/// The bytes 0x80..=0xBF (bit `k` for `0x80 + k`) that `reader` drops when they lead before
/// byte `next` (`None`: not known, so any).
fn dropped_before(reader: Reader, next: Option<u8>) -> u64 {
    static TABLE: OnceLock<Vec<[u64; 256]>> = OnceLock::new();
    let Some(next) = next else { return u64::MAX };
    let table = TABLE.built_once(|| {
        let rows: Vec<[Option<char>; 191]> = (0x80u8..=0xBF).map(|x| decode_row(GBK, x)).collect();
        [Reader::Gb18030, Reader::Gbk, Reader::Gb2312]
            .iter()
            .map(|&r| {
                let mut by_next = [0u64; 256];
                for (y, mask) in (0u8..=0xFF).zip(by_next.iter_mut()) {
                    for (k, row) in rows.iter().enumerate() {
                        let x = 0x80 | k as u8;
                        let read = match y {
                            0x40..=0x7E | 0x80..=0xFE if x != 0x80 => {
                                row.get(usize::from(y - 0x40)).copied().flatten()
                            }
                            _ => None,
                        };
                        let dropped = match (r, read) {
                            (_, None) => true,
                            (Reader::Gb18030, Some(_)) => false,
                            (Reader::Gbk | Reader::Gb2312, Some(c)) => {
                                ('\u{E000}'..='\u{F8FF}').contains(&c)
                                    || listed(GBK_UNREAD, x, y)
                                    || (r == Reader::Gb2312
                                        && (x < 0xA1 || y < 0xA1 || listed(GB2312_UNREAD, x, y)))
                            }
                        };
                        if dropped {
                            *mask |= 1u64 << k;
                        }
                    }
                }
                by_next
            })
            .collect()
    });
    let r = match reader {
        Reader::Gb18030 => 0,
        Reader::Gbk => 1,
        Reader::Gb2312 => 2,
    };
    table
        .get(r)
        .and_then(|t| t.get(usize::from(next)))
        .copied()
        .unwrap_or(u64::MAX)
}

/// The template's words: its labels (rows, columns, blocks, the marks of each version), the
/// heading phrases and the numberings (`一、`, `(一)`), as pairs of neighbouring characters in
/// canonical matching form: the evidence by which the character of a dropped byte is guessed
/// ([`complete_lost`]).
struct Words {
    /// The pairs, `(a << 21 | b) + 1` for `a` before `b`, in a table of open addressing (0:
    /// empty), a power of two long and at most a quarter full.
    table: Vec<u64>,
    /// The characters that stand first in a pair, and second, as bit sets by code point (the
    /// Basic Multilingual Plane's).
    firsts: Vec<u64>,
    seconds: Vec<u64>,
}

impl Words {
    /// The slot of pair `key` in `table` (its own or the empty one where it would go).
    fn slot(table: &[u64], key: u64) -> usize {
        let mask = table.len().saturating_sub(1);
        // Fibonacci hashing: the key's high bits, spread by the multiply.
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask;
        while let Some(&k) = table.get(i) {
            if k == 0 || k == key {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    /// The key of the pair `a` then `b` (never 0).
    fn key(a: char, b: char) -> u64 {
        ((u64::from(a) << 21) | u64::from(b)) + 1
    }

    /// Whether canonical `a` then `b` stand side by side in a word.
    fn pair(&self, a: char, b: char) -> bool {
        let key = Self::key(a, b);
        self.table.get(Self::slot(&self.table, key)) == Some(&key)
    }

    /// Whether canonical `c` makes a pair with a character `prev` may be before it or `next`
    /// may be after it.
    fn fits(&self, prev: &Near<'_>, c: char, next: &Near<'_>) -> bool {
        (bit(&self.seconds, c as usize) && prev.any(|a| self.pair(a, c)))
            || (bit(&self.firsts, c as usize) && next.any(|b| self.pair(c, b)))
    }
}

/// A character in canonical matching form (half-width, Simplified).
fn canonical(c: char) -> char {
    crate::normalise::fold(c).unwrap_or(c)
}

/// The template's words, built once.
fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.built_once(|| {
        let mut pairs = Vec::new();
        // A row's path and a column's label name their levels apart with `/`, which no
        // report prints between them (`三、本年度办理结果/（一）予以公开`): each level a word.
        let mut add = |w: &str| {
            for w in w.split('/') {
                let w: Vec<char> = w.chars().map(canonical).collect();
                pairs.extend(w.windows(2).filter_map(|p| match p {
                    [a, b] => Some((*a, *b)),
                    _ => None,
                }));
            }
        };
        for w in crate::template::words() {
            add(w);
        }
        for w in crate::segment::heading_words() {
            add(w);
        }
        for n in "一二三四五六七八九十".chars() {
            for w in [format!("第{n}"), format!("{n}、"), format!("({n})")] {
                add(&w);
            }
        }
        let mut table = vec![0u64; (4 * pairs.len()).next_power_of_two().max(64)];
        let mut firsts = vec![0u64; BMP_WORDS];
        let mut seconds = vec![0u64; BMP_WORDS];
        for &(a, b) in &pairs {
            let key = Words::key(a, b);
            let at = Words::slot(&table, key);
            if let Some(k) = table.get_mut(at) {
                *k = key;
            }
            for (set, c) in [(&mut firsts, a), (&mut seconds, b)] {
                if let Some(w) = set.get_mut(c as usize >> 6) {
                    *w |= 1u64 << (c as usize & 63);
                }
            }
        }
        Words {
            table,
            firsts,
            seconds,
        }
    })
}

/// Rare symbols of the GBK symbol rows: next to a lost-byte mark they betray a phase shift.
fn rare_symbol(c: char) -> bool {
    matches!(c,
        '\u{20AC}'
        | '\u{0391}'..='\u{03C9}'
        | '\u{0401}'..='\u{0451}'
        | '\u{2200}'..='\u{22FF}'
        | '\u{2474}'..='\u{24FF}'
        | '\u{2500}'..='\u{257F}'
        | '\u{3041}'..='\u{30FF}'
        | '\u{3105}'..='\u{3129}'
        | '\u{E000}'..='\u{F8FF}'
        | '\u{FE30}'..='\u{FE4F}')
}

/// Half-width punctuation that a later conversion made of a full-width GBK character.
fn full_width_of(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '!' => '！',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Common punctuation accepted in a family-2 repair without looking at the document.
fn common_punct(c: char) -> bool {
    matches!(
        c,
        '　' | '、'
            | '。'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '—'
            | '…'
            | '·'
            | '，'
            | '！'
            | '？'
            | '：'
            | '；'
            | '（'
            | '）'
            | '．'
            | '％'
            | '０'..='９'
    )
}

/// Family 2 from the lost-byte mark starting `chars` (a window of the text).
fn out_of_phase_at(
    text: &str,
    chars: &[(usize, char)],
    present: &mut Option<Box<[u64; BMP_WORDS]>>,
) -> Found {
    out_of_phase_by::<false>(text, chars, present)
}

/// [`out_of_phase_at`]'s body; `FIRST_WRITTEN` repairs by [`repair_phase_ref`], the repair's
/// rule decoded in full (tests only).
fn out_of_phase_by<const FIRST_WRITTEN: bool>(
    text: &str,
    chars: &[(usize, char)],
    present: &mut Option<Box<[u64; BMP_WORDS]>>,
) -> Found {
    let i = 0usize;
    // Marks in a row (`????根据…`) are characters an encoder could not write, one mark each, not
    // a lead lost before a run read out of phase (whose one mark the run follows): the run is
    // the marks alone, and the text after them is read as written.
    let row = chars
        .iter()
        .take_while(|&&(_, c)| c == '?' || c == '\u{FFFD}')
        .count();
    if row >= 2 {
        let start_b = chars.get(i)?.0;
        let end_b = chars.get(row).map_or(text.len(), |x| x.0);
        return Some((
            vec![MojibakeRun {
                range: start_b..end_b,
                repaired: None,
                lost: None,
                completed: None,
            }],
            end_b,
        ));
    }
    let mut j = i + 1;
    let mut marks = 1usize;
    let mut rare = 0usize;
    let mut terminated = false;
    let mut bytes: smallvec::SmallVec<[u8; 32]> = smallvec::SmallVec::new(); // the run after the mark, in GBK
    let mut bytes_ok = true;
    while j < chars.len() && j - i < MAX_RUN {
        let Some(&(_, c)) = chars.get(j) else { break };
        if c == '?' || c == '\u{FFFD}' {
            marks += 1;
            bytes_ok = false;
            j += 1;
            continue;
        }
        if let Some(fw) = full_width_of(c) {
            if let Some((b, 2)) = gbk_bytes(fw) {
                bytes.extend_from_slice(&b);
                j += 1;
                continue;
            }
        }
        if ('\u{40}'..='\u{7E}').contains(&c) || c == '€' {
            bytes.push(if c == '€' { 0x80 } else { c as u8 });
            rare += usize::from(c == '€');
            terminated = true;
            j += 1;
            break;
        }
        if c.is_ascii() || c.is_whitespace() {
            break;
        }
        match gbk_bytes(c) {
            Some((b, 2)) => {
                bytes.extend_from_slice(&b);
                rare += usize::from(rare_symbol(c));
                j += 1;
            }
            _ => break,
        }
    }
    if j - i < 2 {
        return None;
    }
    let (repaired, lost) = match (terminated && bytes_ok)
        .then(|| {
            #[cfg(test)]
            if FIRST_WRITTEN {
                return repair_phase_ref(text, &bytes, present);
            }
            repair_phase(text, &bytes, present)
        })
        .flatten()
    {
        Some((r, l)) => (Some(r), l),
        None => (None, None),
    };
    // A mark right before a lone ASCII character stands for a lost lead only when that character
    // stands alone (`中?F文`, `現` read one byte out of phase): before a word or a number
    // (`[中圖分類號]?D35-39`, `?Download`) the mark is a lost space or symbol, and the one
    // character the document holds with that trail is no evidence.
    let bare = bytes.len() == 1
        && chars
            .get(j)
            .is_some_and(|&(_, c)| c.is_ascii_alphanumeric());
    let damage = rare > 0 || marks >= 2 || (terminated && !bare && repaired.is_some());
    if !damage {
        return None;
    }
    let start_b = chars.get(i)?.0;
    let end_b = chars.get(j).map_or(text.len(), |x| x.0);
    Some((
        vec![MojibakeRun {
            range: start_b..end_b,
            repaired,
            lost,
            completed: None,
        }],
        end_b,
    ))
}

/// Ideographs of the URO, U+4E00..=U+9FFF (the reference ideograph sets of the tests; the
/// normaliser's conversion table).
pub(crate) const URO_LEN: usize = 0x9FFF - 0x4E00 + 1;

/// The slot of a CJK Unified Ideograph in the document's ideograph set.
fn uro_slot(c: char) -> Option<usize> {
    (c as usize).checked_sub(0x4E00).filter(|&i| i < URO_LEN)
}

/// Words of a set of characters of the Basic Multilingual Plane, one bit for each of
/// U+0000..=U+FFFF ([`ideographs_of`], the normaliser's set of quiet characters), as [`bit`]
/// reads them.
pub(crate) const BMP_WORDS: usize = 0x10000 / 64;

/// True when `c` is an ideograph of the URO and of the set `present` ([`ideographs_of`]).
#[cfg(test)]
fn occurs(present: &[u64; BMP_WORDS], c: char) -> bool {
    uro_slot(c).is_some() && holds(present, c as usize)
}

/// Whether `c` may stand in a family-2 repair ([`repair_phase`]): common punctuation, or an
/// ideograph of the URO that the set `present` holds ([`ideographs_of`]). No ideograph is
/// common punctuation, so an ideograph is told by the set alone and only the other characters
/// are matched against the punctuation: the candidates for a lost lead byte (126 a trail byte,
/// two repairs a Traditional bench report) are mostly ideographs, which the test of the
/// punctuation first took several comparisons each to reject.
// Inlined: the repair tests each of a trail byte's 126 candidate leads by it.
#[inline(always)]
fn plausible_in(present: &[u64; BMP_WORDS], c: char) -> bool {
    if uro_slot(c).is_some() {
        holds(present, c as usize)
    } else {
        common_punct(c)
    }
}

/// [`plausible_in`] as first written, the punctuation tested first: the reference it is held
/// to.
#[cfg(test)]
fn plausible_in_ref(present: &[u64; BMP_WORDS], c: char) -> bool {
    common_punct(c) || occurs(present, c)
}

/// The three-byte characters that `text` uses, one bit each by code point (8 KB, no hashing per
/// character), read from the bytes eight at a time: of them the repairs ask only for the
/// ideographs of the URO ([`occurs`]).
///
/// In UTF-8 a byte of 0xE0..=0xEF is always the lead of a three-byte character (continuation
/// bytes are 0x80..=0xBF), so the leads are found without walking the characters: in each
/// eight-byte word a lead is a byte whose top four bits are `1110`, flagged in its top bit
/// ([`lead_flags`]), and only the flags found are read. Three words are searched at a
/// time with the thirty-two bytes from their start in view, so a lead's two continuation bytes
/// are read without a bounds test (one word at a time with sixteen bytes in view cost 1.45 M
/// instructions more, two with twenty-four 0.27 M more); the last thirty-one bytes at most are
/// searched a byte at a time. A character's word in the set is its lead's low nibble and first
/// continuation's six bits, and its bit the last continuation's six bits: any lead and
/// continuation give a word of the set, so a character is set without a subtraction or a bounds
/// test. (A set of the URO alone, 2.6 KB,
/// took both, for 1.2 M instructions more over the Traditional bench reports.)
///
/// The set is built once for each report with a lost-byte mark to repair (240 of the 360
/// Traditional bench reports). Read a character at a time ([`ideographs_of_by_chars`]), every
/// ideograph, every short ASCII run and every toned pinyin vowel of a report with glosses took a
/// turn of the loop and a match on its first byte: 4.6 M instructions more over those reports.
///
/// The words are kept turned by 128 ([`present_word`]): a character's word is then its lead and
/// first continuation summed as `(b0 << 6) + b1` and cut to ten bits, one mask where taking
/// each byte's bits apart took two and an addition of the set's address.
///
/// Out of line: inlined into the scan, whose state holds most registers, its loop loaded its
/// two constants again in every turn and the text's length from the stack.
#[inline(never)]
fn ideographs_of(text: &str) -> Box<[u64; BMP_WORDS]> {
    ideographs_in::<false>(text)
}

/// The word of a set of [`ideographs_of`] that holds code point `u` (below 0x10000): its word
/// by code point, 64 code points a word, plus 128, cut to the set's ten bits of words.
#[inline(always)]
fn present_word(u: usize) -> usize {
    ((u >> 6) + 0x80) & (BMP_WORDS - 1)
}

/// Whether the set `present` of [`ideographs_of`] holds code point `u` (below 0x10000).
#[inline(always)]
fn holds(present: &[u64; BMP_WORDS], u: usize) -> bool {
    present
        .get(present_word(u))
        .is_some_and(|w| w & (1u64 << (u & 63)) != 0)
}

/// [`ideographs_of`]'s body; `FIRST_WRITTEN` keeps the words in code point order, a
/// character's word taken from its lead's low nibble and its continuation's six bits, as first
/// written (tests only: the reference the turned set is held to).
#[inline(always)]
fn ideographs_in<const FIRST_WRITTEN: bool>(text: &str) -> Box<[u64; BMP_WORDS]> {
    let mut m = Box::new([0u64; BMP_WORDS]);
    let mut set = |b0: u8, b1: u8, b2: u8| {
        // Below 0x10000 >> 6: a word of the set. For a lead `0xE0 | n` and a continuation
        // `0x80 | c`, `(b0 << 6) + b1` is `0x3880 + (n << 6 | c)`: cut to ten bits, the word
        // `present_word` gives for the character.
        let word = if FIRST_WRITTEN {
            (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F)
        } else {
            ((usize::from(b0) << 6) + usize::from(b1)) & (BMP_WORDS - 1)
        };
        if let Some(w) = m.get_mut(word) {
            *w |= 1u64 << (b2 & 0x3F);
        }
    };
    let b = text.as_bytes();
    let mut base = 0usize;
    // Forty bytes in view, the first thirty-two searched as four words: a lead among them has
    // its two continuation bytes in view, read without a bounds test.
    let flags = lead_flags;
    while let Some(view) = b.get(base..base + 40) {
        let Ok(view) = <&[u8; 40]>::try_from(view) else {
            break;
        };
        let [x0, x1, x2, x3, x4, x5, x6, x7, y0, y1, y2, y3, y4, y5, y6, y7, z0, z1, z2, z3, z4, z5, z6, z7, v0, v1, v2, v3, v4, v5, v6, v7, ..] =
            *view;
        let x = u64::from_le_bytes([x0, x1, x2, x3, x4, x5, x6, x7]);
        let y = u64::from_le_bytes([y0, y1, y2, y3, y4, y5, y6, y7]);
        let z = u64::from_le_bytes([z0, z1, z2, z3, z4, z5, z6, z7]);
        let v = u64::from_le_bytes([v0, v1, v2, v3, v4, v5, v6, v7]);
        for (mut leads, off) in [
            (flags(x), 0usize),
            (flags(y), 8),
            (flags(z), 16),
            (flags(v), 24),
        ] {
            while leads != 0 {
                let k = off + (leads.trailing_zeros() / 8) as usize;
                if let (Some(&b0), Some(&b1), Some(&b2)) =
                    (view.get(k), view.get(k + 1), view.get(k + 2))
                {
                    set(b0, b1, b2);
                }
                leads &= leads - 1;
            }
        }
        base += 32;
    }
    let rest = b.get(base..).unwrap_or_default();
    for (k, &b0) in rest.iter().enumerate() {
        if b0 & 0xF0 == 0xE0 {
            if let (Some(&b1), Some(&b2)) = (rest.get(k + 1), rest.get(k + 2)) {
                set(b0, b1, b2);
            }
        }
    }
    m
}

/// The bytes of `w` (eight bytes of UTF-8 read little-endian) that lead a three-byte character
/// (top four bits `1110`), flagged in their top bit, every other bit clear. Bit 4 of each byte
/// is flipped first, so that a lead is a byte whose top four bits are all set: the word and its
/// shift by one, then that and its shift by two, gather each byte's bits 7, 6, 5 and 4 into its
/// bit 7 (a shift within the word moves a byte's lower bits into its own top bit, and the bits
/// shifted in from the byte below land under bit 7). Six operations a word, where testing the
/// four bits in the word and three shifts of it took eight: the flags are computed for every
/// word of a text with a lost-byte mark to repair.
#[inline(always)]
fn lead_flags(w: u64) -> u64 {
    const B4: u64 = u64::from_le_bytes([0x10; 8]);
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    let y = w ^ B4;
    let t = y & (y << 1);
    t & (t << 2) & HI
}

/// [`lead_flags`] as first written, the four bits tested in the word and three shifts of it:
/// the reference it is held to.
#[cfg(test)]
fn lead_flags_ref(w: u64) -> u64 {
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    w & (w << 1) & (w << 2) & !(w << 3) & HI
}

/// [`ideographs_of`] as it was before, every character through one match on its first byte
/// (ASCII passed over eight bytes at a time when it could be): a reference it is held to.
#[cfg(test)]
fn ideographs_of_by_chars(text: &str) -> Vec<u64> {
    let mut m = vec![0u64; URO_LEN.div_ceil(64)];
    let mut rest = text.as_bytes();
    loop {
        match rest {
            [b0 @ 0xE0..=0xEF, b1, b2, tail @ ..] => {
                let word = ((usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F))
                    .wrapping_sub(0x4E00 >> 6);
                if let Some(w) = m.get_mut(word) {
                    *w |= 1u64 << (b2 & 0x3F);
                }
                rest = tail;
            }
            [0x00..=0x7F, tail @ ..] => {
                rest = tail;
                while let Some((eight, after)) = rest.split_first_chunk::<8>() {
                    if u64::from_le_bytes(*eight) & 0x8080_8080_8080_8080 != 0 {
                        break;
                    }
                    rest = after;
                }
            }
            // A four-byte character; a two-byte one (a continuation byte never leads).
            [0xF0..=0xFF, tail @ ..] => rest = tail.get(3..).unwrap_or_default(),
            [_, tail @ ..] => rest = tail.get(1..).unwrap_or_default(),
            [] => break,
        }
    }
    m
}

/// [`ideographs_of`] as it was before, stepping a byte at a time to a lead of 0xE4..=0xE9: a
/// second reference it is held to.
#[cfg(test)]
fn ideographs_of_bytewise(text: &str) -> Vec<u64> {
    let mut m = vec![0u64; URO_LEN.div_ceil(64)];
    let mut rest = text.as_bytes();
    while let [b0, tail @ ..] = rest {
        rest = tail;
        if b0.wrapping_sub(0xE4) >= 6 {
            continue;
        }
        let [b1, b2, after @ ..] = tail else { break };
        let u =
            (usize::from(b0 & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F);
        // U+4000..=U+4DFF share the lead 0xE4 and are not in the set.
        if let Some(i) = u.checked_sub(0x4E00) {
            if let Some(w) = m.get_mut(i / 64) {
                *w |= 1u64 << (i % 64);
            }
        }
        rest = after;
    }
    m
}

/// [`ideographs_of`] as first written, decoding every character: the reference it is held to.
#[cfg(test)]
fn ideographs_of_ref(text: &str) -> Vec<u64> {
    let mut m = vec![0u64; URO_LEN.div_ceil(64)];
    for c in text.chars() {
        if let Some(i) = uro_slot(c) {
            if let Some(w) = m.get_mut(i / 64) {
                *w |= 1u64 << (i % 64);
            }
        }
    }
    m
}

/// Put a lead byte back before `bytes`: the repair when exactly one lead gives a plausible
/// reading; when several do, the lost character is unknown and stands as U+FFFD before the
/// rest (which every reading shares), with the candidates for it (`。/模/…`).
///
/// `bytes` never holds `0x30..=0x39` or `0xFF` (they are GBK two-byte codes, ASCII from `@` to
/// `~`, or `0x80`), so a lead put back always pairs with `bytes[0]` as one two-byte character
/// and the decoder starts afresh after it: every reading is that character followed by the
/// strict decoding of `bytes[1..]`, which is done once; only the first character is decoded per
/// lead, without allocating.
fn repair_phase(
    text: &str,
    bytes: &[u8],
    present: &mut Option<Box<[u64; BMP_WORDS]>>,
) -> Option<(String, Option<String>)> {
    let present = present.get_or_insert_with(|| ideographs_of(text));
    let plausible = |c: char| plausible_in(present, c);
    let (&trail, rest) = bytes.split_first()?;
    let rest = codec::decode_strict(GB18030, rest)?;
    if !rest.chars().all(plausible) {
        return None;
    }
    // The plausible characters for the lost lead, in lead order: the first SHOWN kept (all a
    // repair shows), the others only counted, rather than all collected into a vector.
    const SHOWN: usize = 8;
    let mut shown = ['\0'; SHOWN];
    let mut found = 0usize;
    for c in decodings_before(trail) {
        if plausible(c) {
            if let Some(slot) = shown.get_mut(found) {
                *slot = c;
            }
            found += 1;
        }
    }
    match (found, shown) {
        (0, _) => None,
        (1, [one, ..]) => Some((format!("{one}{rest}"), None)),
        _ => {
            let lost: Vec<String> = shown
                .iter()
                .take(found.min(SHOWN))
                .map(|c| c.to_string())
                .collect();
            let more = if found > SHOWN { "/…" } else { "" };
            Some((
                format!("\u{FFFD}{rest}"),
                Some(format!("{}{more}", lost.join("/"))),
            ))
        }
    }
}

/// [`out_of_phase_at`] repairing by [`repair_phase_ref`], the repair's rule decoded in full: the
/// reference it is held to.
#[cfg(test)]
fn out_of_phase_at_ref(
    text: &str,
    chars: &[(usize, char)],
    present: &mut Option<Box<[u64; BMP_WORDS]>>,
) -> Found {
    out_of_phase_by::<true>(text, chars, present)
}

/// [`repair_phase`] by its rule, not its shortcut: every lead byte 0x81–0xFE is put back before
/// `bytes` and the whole run decoded strictly (no table of the lead's characters, no decoding
/// of the rest once for all leads); the readings whose every character is plausible are the
/// candidates, in lead order. The reference [`out_of_phase_at_ref`] repairs by.
#[cfg(test)]
fn repair_phase_ref(
    text: &str,
    bytes: &[u8],
    present: &mut Option<Box<[u64; BMP_WORDS]>>,
) -> Option<(String, Option<String>)> {
    let present = present.get_or_insert_with(|| ideographs_of(text));
    let readings: Vec<String> = (0x81u8..=0xFE)
        .filter_map(|lead| {
            let run: Vec<u8> = std::iter::once(lead).chain(bytes.iter().copied()).collect();
            codec::decode_strict(GB18030, &run).map(|r| r.into_owned())
        })
        .filter(|r| r.chars().all(|c| plausible_in(present, c)))
        .collect();
    match readings.as_slice() {
        [] => None,
        [one] => Some((one.clone(), None)),
        [first, ..] => {
            // Every reading is its lost character followed by the same rest.
            let rest = first.chars().skip(1).collect::<String>();
            let lost: Vec<String> = readings
                .iter()
                .map(|r| r.chars().take(1).collect::<String>())
                .collect();
            let shown = lost.iter().take(8).cloned().collect::<Vec<_>>().join("/");
            let more = if lost.len() > 8 { "/…" } else { "" };
            Some((format!("\u{FFFD}{rest}"), Some(format!("{shown}{more}"))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The corpus folder: `$OGI_CORPUS_DIR`, or `shared/corpus` / `tests/corpus` above the crate.
    fn corpus_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("OGI_CORPUS_DIR") {
            return PathBuf::from(d);
        }
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        for anc in here.ancestors() {
            for sub in ["shared/corpus", "tests/corpus", "../shared/corpus"] {
                let p = anc.join(sub);
                if p.join("seeds").is_dir() {
                    return p;
                }
            }
        }
        let p = PathBuf::from("/work/shared/corpus");
        assert!(
            p.join("seeds").is_dir(),
            "corpus not found; set OGI_CORPUS_DIR"
        );
        p
    }

    #[test]
    fn the_lead_table_holds_what_the_decoder_gives_for_every_pair() {
        for trail in 0u8..=0xFF {
            let want: Vec<char> = (0x81u8..=0xFE)
                .filter_map(|lead| codec::decode_char_strict(GB18030, &[lead, trail]))
                .collect();
            // (A pair decoding to NUL would be dropped as "none" and fail here.)
            assert_eq!(
                decodings_before(trail).collect::<Vec<_>>(),
                want,
                "{trail:#x}"
            );
        }
    }

    /// Every .txt/.md file of seeds/ and real/, sorted by path.
    fn corpus_files() -> Vec<(String, String)> {
        let mut out = Vec::new();
        for sub in ["seeds", "real"] {
            let dir = corpus_dir().join(sub);
            for e in std::fs::read_dir(&dir)
                .expect("corpus dir")
                .filter_map(|e| e.ok())
            {
                let p = e.path();
                let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                if ext == "txt" || ext == "md" {
                    let name = format!("{sub}/{}", p.file_name().unwrap().to_string_lossy());
                    out.push((
                        name,
                        std::fs::read_to_string(&p).expect("utf-8 corpus file"),
                    ));
                }
            }
        }
        out.sort();
        out
    }

    fn runs_of(text: &str) -> Vec<(&str, Option<String>)> {
        find_mojibake(text)
            .into_iter()
            .map(|r| {
                let shown = r.repaired.map(|t| match r.lost {
                    Some(l) => format!("{t} [{l}]"),
                    None => t,
                });
                (&text[r.range], shown)
            })
            .collect()
    }

    #[test]
    fn corpus_has_exactly_the_known_runs() {
        let files = corpus_files();
        assert!(files.len() >= 20, "{} corpus files", files.len());
        for (name, text) in &files {
            let runs = runs_of(text);
            if name.starts_with("seeds/000") {
                // Three characters fit the lost lead byte; the text was `。現`, which a
                // guess would get right here and wrong in seed 004.
                assert_eq!(
                    runs,
                    vec![("?,F", Some("\u{FFFD}現 [。/保/危]".to_string()))],
                    "{name}"
                );
            } else if name.starts_with("seeds/004") {
                assert_eq!(
                    runs,
                    vec![
                        // `楷模”及一線`: 模 occurs nowhere else in the report, so it is not
                        // even among the candidates; a guess would be wrong.
                        (
                            "?!奔耙痪€",
                            Some("\u{FFFD}”及一線 [專/。/保/常/危/澹]".to_string())
                        ),
                        ("?!?", None),
                        ("?。ㄎ澹┙⒔∪畔⒐_", None),
                    ],
                    "{name}"
                );
            } else {
                assert_eq!(runs, vec![], "{name}");
            }
        }
    }

    #[test]
    fn seed_000_run_sits_between_good_text() {
        // The document is its own dictionary: `現` must occur somewhere else in it.
        let text = "工作取得較好成效?,F(xiàn)將單位本年度\n現將";
        let runs = find_mojibake(text);
        assert_eq!(runs.len(), 1);
        assert_eq!(&text[..runs[0].range.start], "工作取得較好成效");
        assert_eq!(&text[runs[0].range.end..], "(xiàn)將單位本年度\n現將");
        // Here only `。` fits the lost byte (保 and 危 occur nowhere): the repair is certain.
        assert_eq!(runs[0].repaired.as_deref(), Some("。現"));
        assert_eq!(runs[0].lost, None);
        // Without that evidence the reading is not trusted, and the run is not reported.
        assert_eq!(
            find_mojibake("工作取得較好成效?,F(xiàn)將單位本年度"),
            vec![]
        );
    }

    /// A mark before a lone ASCII character may be a lead lost before it (`現` is `AC 46`, read
    /// `?F` out of phase); before a word or a number it is a lost space, however well the one
    /// character the document holds with that trail would fit (`圖` is `88 44`, `?D`).
    #[test]
    fn a_mark_before_a_word_or_a_number_is_no_lost_lead() {
        assert_eq!(runs_of("[中圖分類號]?D35-39 [文章編號]?1008-4479"), vec![]);
        assert_eq!(runs_of("中圖?Download"), vec![]);
        assert_eq!(runs_of("中圖?D文"), vec![("?D", Some("圖".to_string()))]);
    }

    /// Marks in a row are characters an encoder could not write: the run is the marks alone,
    /// not the text read after them as if out of phase.
    #[test]
    fn marks_in_a_row_are_their_own_run() {
        assert_eq!(
            runs_of("????根据《条例》要求,现将某县交通运输局2022年报告予以公布。"),
            vec![("????", None)]
        );
        assert_eq!(runs_of("??? 2008年度未发生"), vec![("???", None)]);
    }

    #[test]
    fn utf8_read_as_gbk_is_repaired_exactly() {
        let original = "政府信息公开工作年度报告";
        let (garbled, _) = GB18030.decode_without_bom_handling(original.as_bytes());
        assert_eq!(garbled.chars().take(6).collect::<String>(), "鏀垮簻淇℃伅");
        let text = format!("一、总体情况\n{garbled}\n二、主动公开");
        let runs = find_mojibake(&text);
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!(&text[runs[0].range.clone()], &*garbled);
        assert_eq!(runs[0].repaired.as_deref(), Some(original));
    }

    #[test]
    fn utf8_as_gbk_with_a_lost_trailing_byte() {
        // `（五）` in UTF-8 read as GBK: the last byte of `）` pairs with the next ASCII byte and
        // is lost, leaving `锛` and a `?`.
        let text = "锛堜簲锛?建立健全";
        let runs = runs_of(text);
        assert_eq!(
            runs,
            vec![("锛堜簲", Some("（五".to_string())), ("锛?", None)]
        );
    }

    /// Python's `gb18030` with `errors='replace'` reads every two-byte sequence (the
    /// user-defined ones as private-use characters, `\u{E100}`): the only byte it drops before a
    /// lead or a trail is 0x80, which leads none. `一` (`E4 B8 80`) lost its last byte and `总`
    /// (`E6 80 BB`) its middle one; both are put back exactly, and the diagnostic says so.
    #[test]
    fn a_dropped_0x80_is_put_back_exactly() {
        // `政府信息公开工作年度报告\n一、总体情况\n` as Python's `gb18030` reads it.
        let text = "鏀垮簻淇℃伅鍏\u{E100}紑宸ヤ綔骞村害鎶ュ憡\n涓\u{FFFD}銆佹\u{FFFD}讳綋鎯呭喌\n";
        assert_eq!(reader_of(text), Reader::Gb18030);
        let runs = find_mojibake(text);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(
            runs[0].repaired.as_deref(),
            Some("政府信息公开工作年度报告")
        );
        assert_eq!(runs[0].completed, None);
        assert_eq!(
            &text[runs[1].range.clone()],
            "涓\u{FFFD}銆佹\u{FFFD}讳綋鎯呭喌"
        );
        assert_eq!(runs[1].repaired.as_deref(), Some("一、总体情况"));
        assert_eq!(
            runs[1].completed.as_deref(),
            Some("2 bytes the reader dropped: `一` put back (the only character that fits); `总` put back (the only character that fits)")
        );
        // A middle byte is exact under GBK too where the other bytes it may be make no report
        // text: `《` `E3 80 8A` (`E3 A1 8A` is an ideograph of extension A).
        let text = "锛堜互涓嬬畝绉般\u{FFFD}婃潯渚嬨\u{FFFD}嬶級";
        assert_eq!(reader_of(text), Reader::Gbk);
        assert_eq!(
            runs_of(text),
            vec![(text, Some("（以下简称《条例》）".to_string()))]
        );
    }

    /// Python's `gbk` drops more: before a lead of three bytes (`E3`, `E5`) also the leads of
    /// its user-defined rows (0xAA..=0xAF) and of codes GB18030 added (`A2 E3`), so `涓�` before
    /// `銆` is one of eight characters. The template's words tell it (`一、`, `公开`, `信息`,
    /// `规章`: a pair with the character beside it, itself put back or not), and the diagnostic
    /// names each one guessed and the others it could have been.
    #[test]
    fn a_dropped_byte_is_guessed_by_the_templates_words_and_said() {
        // `一、本年新收政府信息公开申请数量 5` as Python's `gbk` reads it.
        let text = "涓\u{FFFD}銆佹湰骞存柊鏀舵斂搴滀俊鎭\u{FFFD}鍏\u{FFFD}寮\u{FFFD}鐢宠\u{FFFD}锋暟閲\u{FFFD} 5";
        let runs = find_mojibake(text);
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!(&text[runs[0].range.clone()], text.trim_end_matches(" 5"));
        assert_eq!(
            runs[0].repaired.as_deref(),
            Some("一、本年新收政府信息公开申请数量")
        );
        let said = runs[0].completed.as_deref().unwrap_or_default();
        assert!(said.starts_with("6 bytes the reader dropped: `一` put back, a guess of 一/丢/个/丫/丬/中/丮/丯 by the template's words beside it; `息` put back, a guess of 恀/恪/恫/恬/恭/恮/息"), "{said}");
        assert!(
            said.contains("`公` put back, a guess of 兀/兪/八/公/六/兮/兯"),
            "{said}"
        );
        // Two characters that each dropped a byte tell each other: `规章` before a space.
        let text = "淇℃伅鍏\u{FFFD}寮\u{FFFD}鐨勮\u{FFFD}勭珷 0";
        assert_eq!(
            runs_of(text),
            vec![(
                "淇℃伅鍏\u{FFFD}寮\u{FFFD}鐨勮\u{FFFD}勭珷",
                Some("信息公开的规章".to_string())
            )]
        );
    }

    /// A dropped byte whose character nothing tells is left unknown: before a digit any byte
    /// 0x80..=0xBF is dropped, so `鍖�` is one of 64 characters of `E5 8C`, and none makes a pair
    /// of the template's words with `验`. The rest of the run is repaired, U+FFFD stands for
    /// that character, and the diagnostic lists what it may be; the text after it is read on.
    #[test]
    fn an_untold_dropped_byte_is_left_unknown() {
        // `平潭综合实验区2019年度报告` as Python's `gbk` reads it.
        let text = "骞虫江缁煎悎瀹為獙鍖\u{FFFD}2019骞村害鎶ュ憡";
        let runs = find_mojibake(text);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(&text[runs[0].range.clone()], "骞虫江缁煎悎瀹為獙鍖\u{FFFD}");
        assert_eq!(runs[0].repaired.as_deref(), Some("平潭综合实验\u{FFFD}"));
        assert_eq!(
            runs[0].completed.as_deref(),
            Some("a byte the reader dropped: U+FFFD written for one of 匀/匁/匂/匃/匄/包/匆/匇/…")
        );
        assert_eq!(runs[1].repaired.as_deref(), Some("年度报告"));
        // A U+FFFD that no character begun before it can end, and a text with no run, are
        // left as they are.
        assert_eq!(runs_of("骞\u{FFFD}2019"), vec![]);
        assert_eq!(runs_of("政府\u{FFFD}信息公开"), vec![]);
    }

    /// The bytes each reader drops, as Python's codecs drop them (`bytes([x, y]).decode(enc,
    /// 'replace')` for every continuation byte `x`, checked for every `y` against them when
    /// written): before `E3` GB18030 drops 0x80 alone, GBK also `A2` (`A2 E3` is GB18030's `€`)
    /// and its user-defined rows, GB2312 every byte below 0xA1 too; before a byte no sequence
    /// goes on with (a space, a digit) or an unknown one, every byte.
    #[test]
    fn the_readers_drop_the_bytes_pythons_codecs_drop() {
        let of = |bits: &[u8]| bits.iter().fold(0u64, |m, &x| m | 1u64 << (x - 0x80));
        assert_eq!(dropped_before(Reader::Gb18030, Some(0xE3)), of(&[0x80]));
        assert_eq!(dropped_before(Reader::Gb18030, Some(b'A')), of(&[0x80]));
        assert_eq!(
            dropped_before(Reader::Gbk, Some(0xE3)),
            of(&[0x80, 0xA2, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF])
        );
        assert_eq!(
            dropped_before(Reader::Gbk, Some(0x8A)),
            of(&[0x80, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA9])
        );
        assert_eq!(
            dropped_before(Reader::Gb2312, Some(0xE3)),
            0x0000_FC45_FFFF_FFFF
        );
        for r in [Reader::Gb18030, Reader::Gbk, Reader::Gb2312] {
            for y in [Some(b' '), Some(b'1'), Some(b'\n'), Some(0xFF), None] {
                assert_eq!(dropped_before(r, y), u64::MAX, "{r:?} {y:?}");
            }
        }
        assert_eq!(reader_of("政府信息"), Reader::Gb2312);
        assert_eq!(reader_of("鏀垮簻"), Reader::Gbk);
        assert_eq!(reader_of("鏀垮簻\u{E100}"), Reader::Gb18030);
    }

    #[test]
    fn ordinary_text_and_questions_are_left_alone() {
        for t in [
            "是否繼續(xù)?\n繼續(xù)訪問",
            "真的吗?!\n是的。",
            "为什么?因为数据2019年",
            "是什么?请看ABC",
            "①②③ ㄅ 政府信息公开工作年度报告",
            "鏀 alone",
        ] {
            assert_eq!(runs_of(t), vec![], "{t}");
        }
    }

    #[test]
    fn hostile_input_is_bounded_and_never_panics() {
        let long = "?ㄎ".repeat(100_000);
        let runs = find_mojibake(&long);
        assert!(runs.iter().all(|r| r.range.end <= long.len()));
        let fam1 = "鏀垮".repeat(50_000);
        let _ = find_mojibake(&fam1);
        // Runs made of dropped bytes, each one of many characters (GB2312's reader: no
        // character of the text is beyond it), in runs as long as a run grows.
        let lossy = "涓\u{FFFD}".repeat(20_000);
        let runs = find_mojibake(&lossy);
        assert!(runs
            .iter()
            .all(|r| r.range.end <= lossy.len() && r.repaired.is_some()));
        let _ = find_mojibake("?");
        let _ = find_mojibake("");
    }

    /// `cargo test -p ogi-report --release --lib mojibake::tests::throughput -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn throughput() {
        let files = corpus_files();
        let seeds: String = files
            .iter()
            .filter(|(n, _)| n.starts_with("seeds/"))
            .map(|(_, t)| t.as_str())
            .collect();
        let mut big = String::new();
        while big.len() < 10_000_000 {
            big.push_str(&seeds);
        }
        let t = std::time::Instant::now();
        let runs = find_mojibake(&big);
        let dt = t.elapsed();
        eprintln!(
            "find_mojibake: {} MB, {} runs, {:?} ({:.0} MB/s)",
            big.len() / 1_000_000,
            runs.len(),
            dt,
            big.len() as f64 / 1e6 / dt.as_secs_f64()
        );
        let clean = seeds
            .replace(['?', '€'], "")
            .repeat(10_000_000 / seeds.len() + 1);
        let t = std::time::Instant::now();
        let runs = find_mojibake(&clean);
        let dt = t.elapsed();
        eprintln!("clean text: {} runs, {:?}", runs.len(), dt);
    }

    /// Characters on each side of the URO's edges and of the leads 0xE4..=0xE9, in each UTF-8
    /// length, for the ideograph set's property.
    const URO_EDGES: &[char] = &[
        'a',
        '?',
        'é',
        '\u{7FF}',
        '\u{800}',
        '\u{3FFF}',
        '\u{4000}',
        '\u{4DBF}',
        '\u{4DFF}',
        '\u{4E00}',
        '\u{4E3F}',
        '\u{4E40}',
        '\u{5000}',
        '\u{9FBF}',
        '\u{9FC0}',
        '\u{9FFF}',
        '\u{A000}',
        '\u{FFFD}',
        '\u{10000}',
        '\u{24E00}',
        '\u{10FFFF}',
        '政',
        '現',
        '模',
    ];

    /// The set of a text's three-byte characters holds them all, and [`occurs`] answers for the
    /// ideographs of the URO alone: punctuation, kana, box drawing, full-width forms and the
    /// ideographs of the other blocks in the text are not found, nor is an ideograph it lacks.
    #[test]
    fn occurs_answers_for_the_ideographs_of_the_uro_only() {
        let set = ideographs_of("政府、ア─Ａ\u{0800}\u{FFFD}㐀\u{F900}");
        for c in [
            '、', 'ア', '─', 'Ａ', '\u{0800}', '\u{FFFD}', '㐀', '\u{F900}', '模',
        ] {
            assert!(!occurs(&set, c), "{c}");
        }
        for c in ['政', '府'] {
            assert!(occurs(&set, c), "{c}");
        }
        assert!(holds(&set, '─' as usize) && holds(&set, 'Ａ' as usize));
    }

    /// The words of the URO in a set of [`ideographs_of`]: the set by [`uro_slot`] that the
    /// references build.
    fn uro_words(set: &[u64; BMP_WORDS]) -> Vec<u64> {
        code_order(set)
            .get(0x4E00 / 64..0xA000 / 64)
            .unwrap_or_default()
            .to_vec()
    }

    /// The words of a set of [`ideographs_of`] in code point order, 64 code points a word.
    fn code_order(set: &[u64; BMP_WORDS]) -> Vec<u64> {
        (0..BMP_WORDS)
            .map(|w| set.get(present_word(w << 6)).copied().unwrap_or(0))
            .collect()
    }

    /// Characters a lost-byte run is made of: GBK two-byte ideographs and punctuation, a
    /// full-width digit, the ASCII that ends a run (`@`..`~`, `€`), marks, and what stops one.
    const PHASE_POOL: &[char] = &[
        '政', '府', '信', '息', '公', '开', '申', '请', '年', '度', '报', '告', '。', '，', '、',
        '（', '）', '模', '橡', '鄂', '榨', '锟', '斤', '拷', '０', '９', 'A', 'z', '@', '~', '€',
        '?', '\u{FFFD}', ' ', '\n', '1', 'é', '─', '丂', '龥',
    ];

    /// The lost-byte run at the start of `text` read as its reference reads it, in a window as
    /// wide as the scan's widest (`wide`) or as short as its first.
    fn runs_agree(text: &str, wide: bool) -> Result<(), proptest::test_runner::TestCaseError> {
        let width = if wide { MAX_RUN + 2 } else { SHORT_WINDOW };
        let window: Vec<(usize, char)> = text.char_indices().take(width).collect();
        let (mut a, mut b) = (None, None);
        proptest::prop_assert_eq!(
            out_of_phase_at(text, &window, &mut a),
            out_of_phase_at_ref(text, &window, &mut b),
            "{:?}",
            text
        );
        Ok(())
    }

    proptest::proptest! {
        /// A lost-byte run reads as the reference reads it (the same range, repair and lost
        /// candidates), for a mark followed by generated characters and a document of
        /// generated ideographs after it (the set the repairs are told by), in windows as
        /// short as the scan's first and as long as its widest.
        #[test]
        fn runs_after_a_mark_are_the_references(
            run in proptest::collection::vec(0usize..PHASE_POOL.len(), 0..40),
            doc in proptest::collection::vec(0usize..PHASE_POOL.len(), 0..60),
            wide in proptest::bool::ANY,
        ) {
            let mut text = String::from("?");
            text.extend(run.iter().filter_map(|&k| PHASE_POOL.get(k)));
            text.push('\n');
            text.extend(doc.iter().filter_map(|&k| PHASE_POOL.get(k)));
            runs_agree(&text, wide)?;
        }
    }

    /// GB2312 ideographs a document is made of.
    const PHASE_IDEOGRAPHS: &str = "政府信息公开申请年度报告办理情况本行政机关收到复议诉讼件数量依";

    proptest::proptest! {
        /// A run after a lost GBK lead byte, made from original characters (the lead of the
        /// first lost, the last ending on a trail in ASCII's range), reads as the reference
        /// reads it, whether the document holds none, one or many of the characters that could
        /// have been lost (repairs, lost candidates listed and cut after eight) and the
        /// original characters after the first (a rest that is plausible or not).
        #[test]
        fn runs_after_a_lost_lead_are_the_references(
            orig in proptest::collection::vec(0usize..30, 1..6),
            last in 0usize..20,
            keep_rest in proptest::bool::ANY,
            candidates in 0usize..14,
            wide in proptest::bool::ANY,
        ) {
            let ideographs: Vec<char> = PHASE_IDEOGRAPHS.chars().collect();
            // Characters whose GBK trail byte is ASCII (`@`..`~`): the last of a run.
            let ascii_trails: Vec<char> = ('\u{4E00}'..='\u{4FFF}')
                .filter(|&c| gbk_bytes(c).is_some_and(|(b, n)| n == 2 && (0x40..0x7F).contains(&b[1])))
                .take(20)
                .collect();
            let mut chars: Vec<char> = orig.iter().filter_map(|&k| ideographs.get(k).copied()).collect();
            chars.extend(ascii_trails.get(last % ascii_trails.len().max(1)).copied());
            let mut gbk = Vec::new();
            for &c in &chars {
                if let Some((b, 2)) = gbk_bytes(c) {
                    gbk.extend_from_slice(&b);
                }
            }
            // The lead byte lost: the rest read out of phase.
            let Some((_, tail)) = gbk.split_first() else { return Ok(()) };
            let (pairs, end) = tail.split_at(tail.len() - tail.len() % 2);
            let mut text = String::from("?");
            text.push_str(&codec::decode_strict(GB18030, pairs).unwrap_or_default());
            if let Some(&b) = end.first() {
                text.push(char::from(b));
            }
            text.push_str("。\n");
            // The document: the original characters after the first, or not, and some of the
            // characters the lost lead may have been.
            if keep_rest {
                text.extend(chars.iter().skip(1));
            }
            let trail = tail.first().copied().unwrap_or(0);
            text.extend(decodings_before(trail).filter(|c| uro_slot(*c).is_some()).take(candidates));
            runs_agree(&text, wide)?;
        }
    }

    proptest::proptest! {
        /// Characters drawn mostly from UTF-8 read as GBK (whose prefixes pass), from ASCII,
        /// `€`, characters GBK lacks and four-byte ones (which stop it), and any others: the
        /// prefix test is the reference's.
        #[test]
        fn family1_prefixes_are_the_references(
            picks in proptest::collection::vec((0usize..40, proptest::char::any()), 0..6),
        ) {
            let pool: Vec<char> = "鏀垮簻淇℃伅鍏紑锛夐€?a ΩｶҖ\u{800}\u{20000}\u{FFFD}\u{FFFD}".chars().collect();
            let s: String = picks.iter().map(|&(k, c)| pool.get(k).copied().unwrap_or(c)).collect();
            proptest::prop_assert_eq!(family1_prefix_ok(&s), family1_prefix_ok_ref(&s), "{:?}", s);
        }
    }

    /// Every byte value at every place of a word, and the other bytes any: the lead flags are
    /// the reference's.
    #[test]
    fn lead_flags_are_the_references_for_every_byte() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [0u8, 0x7F, 0x80, 0xBF, 0xE0, 0xEF, 0xF0, 0xFF] {
                    let mut bytes = [fill; 8];
                    if let Some(x) = bytes.get_mut(at) {
                        *x = b;
                    }
                    let w = u64::from_le_bytes(bytes);
                    assert_eq!(lead_flags(w), lead_flags_ref(w), "{bytes:02X?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Any eight bytes: the lead flags are the reference's.
        #[test]
        fn lead_flags_of_any_word_are_the_references(w in proptest::num::u64::ANY) {
            proptest::prop_assert_eq!(lead_flags(w), lead_flags_ref(w));
        }
    }

    proptest::proptest! {
        /// A character is plausible in a repair as the reference tells it, for a set of
        /// generated words (each empty, full or drawn) and every code point around the URO's
        /// edges, the punctuation and the full-width digits, and a drawn one.
        #[test]
        fn plausible_characters_are_the_references(
            words in proptest::collection::vec(
                proptest::prop_oneof![proptest::strategy::Just(0u64), proptest::strategy::Just(u64::MAX), proptest::num::u64::ANY],
                BMP_WORDS,
            ),
            u in 0u32..0x11_0000,
        ) {
            let mut set = Box::new([0u64; BMP_WORDS]);
            for (w, &x) in set.iter_mut().zip(&words) {
                *w = x;
            }
            let edges = (0x4DF0..0x4E10).chain(0x9FF0..0xA010).chain(0x3000..0x3020).chain(0xFF00..0xFF20);
            for c in edges.chain([u, 0x2014, 0x2026, 0xB7, 0x2018, 0x201D]).filter_map(char::from_u32) {
                proptest::prop_assert_eq!(plausible_in(&set, c), plausible_in_ref(&set, c), "U+{:04X}", c as u32);
            }
        }

        /// The ideograph set read from the bytes is the one read from the characters, on text
        /// mixing characters of every length at the edges of the set and of its lead bytes.
        #[test]
        fn ideographs_read_from_bytes_are_the_characters(
            picks in proptest::collection::vec(0usize..64, 0..40)
        ) {
            let s: String = picks.iter().filter_map(|&k| URO_EDGES.get(k % URO_EDGES.len())).collect();
            proptest::prop_assert_eq!(uro_words(&ideographs_of(&s)), ideographs_of_ref(&s));
        }

        /// The set read from the leads flagged in eight-byte words is the one read a character
        /// at a time, on text where characters of every length at the edges of the set and of
        /// its lead bytes fall at every offset of the four words searched at a time (an ASCII
        /// prefix of up to thirty-two bytes shifts them) and at the end of the text, inside the last
        /// bytes that are read a byte at a time, and past them.
        #[test]
        fn ideographs_read_from_flagged_leads_are_the_characters_set(
            shift in 0usize..33,
            picks in proptest::collection::vec((0usize..64, 0usize..12), 0..48)
        ) {
            let mut s = "abcdefghijklmnopqrstuvwxyzABCDEF".get(..shift).unwrap_or_default().to_string();
            for &(k, ascii) in &picks {
                s.extend(URO_EDGES.get(k % URO_EDGES.len()));
                s.extend("x(à)|?\n~é".chars().cycle().take(ascii % 7));
            }
            proptest::prop_assert_eq!(uro_words(&ideographs_of(&s)), ideographs_of_by_chars(&s));
        }

        /// The set read a character at a time, ASCII eight bytes at a time, is the one read a
        /// byte at a time and the one read from the characters, on text where ASCII runs of
        /// every length up to past sixteen bytes sit between characters of every length at the
        /// edges of the set, at the start and at the end of the text.
        #[test]
        fn ideographs_read_by_characters_are_the_bytewise_set(
            picks in proptest::collection::vec((0usize..64, 0usize..20), 0..40)
        ) {
            let mut s = String::new();
            for &(k, ascii) in &picks {
                s.extend(URO_EDGES.get(k % URO_EDGES.len()));
                s.extend("x1 |?\n~abcdefghij".chars().cycle().take(ascii));
            }
            let fast = uro_words(&ideographs_of(&s));
            proptest::prop_assert_eq!(&fast, &ideographs_of_bytewise(&s));
            proptest::prop_assert_eq!(&fast, &ideographs_of_ref(&s));
        }

        /// Every word of the set, not only the URO's, is the one a zeroed set gets from the
        /// three-byte characters of the text: the set starts empty in each of its quarters,
        /// including on empty text.
        #[test]
        fn the_whole_set_holds_the_three_byte_characters_only(
            picks in proptest::collection::vec((0usize..64, 0usize..20), 0..40)
        ) {
            let mut s = String::new();
            for &(k, ascii) in &picks {
                s.extend(THREE_BYTE_EDGES.get(k % THREE_BYTE_EDGES.len()));
                s.extend("x1 |?\n~é".chars().cycle().take(ascii % 9));
            }
            proptest::prop_assert_eq!(code_order(&ideographs_of(&s)), three_byte_set_ref(&s));
        }
    }

    proptest::proptest! {
        /// The set whose words are turned and found by one sum and one mask is, in code point
        /// order, the set whose words are found by masking each byte, on text of any characters
        /// (every length, every lead nibble, continuations at both ends of their range) mixed
        /// with the edges of the set, at every offset of the words searched at a time and in
        /// the last bytes, and empty.
        #[test]
        fn ideographs_found_by_one_sum_are_those_found_by_masks(
            shift in 0usize..33,
            picks in proptest::collection::vec((proptest::char::any(), 0usize..64, proptest::bool::ANY), 0..48)
        ) {
            let mut s = "abcdefghijklmnopqrstuvwxyzABCDEF".get(..shift).unwrap_or_default().to_string();
            for &(c, k, edge) in &picks {
                s.push(c);
                if edge {
                    s.extend(THREE_BYTE_EDGES.get(k % THREE_BYTE_EDGES.len()));
                }
            }
            proptest::prop_assert_eq!(code_order(&ideographs_of(&s)), ideographs_in::<true>(&s).to_vec());
        }
    }

    /// Every row that [`decode_row`] decodes in one call is what the decoder gives for each
    /// pair alone, for every lead byte (those that lead no two-byte sequence too) and every
    /// trail of 0x40..=0xFE, in both encodings the tables are built with.
    #[test]
    fn a_row_decoded_at_once_is_each_pair_decoded_alone() {
        for enc in [GBK, GB18030] {
            for lead in 0u8..=0xFF {
                let row = decode_row(enc, lead);
                for trail in 0x40u8..=0xFE {
                    assert_eq!(
                        row.get(usize::from(trail - 0x40)).copied().flatten(),
                        codec::decode_char_strict(enc, &[lead, trail]),
                        "{} {lead:02X} {trail:02X}",
                        enc.name()
                    );
                }
            }
        }
    }

    /// Characters at the edges of the three-byte range and of each quarter of the set, with
    /// characters of the other lengths.
    const THREE_BYTE_EDGES: &[char] = &[
        'a',
        'é',
        '\u{7FF}',
        '\u{800}',
        '\u{3FFF}',
        '\u{4000}',
        '\u{4E00}',
        '\u{7FFF}',
        '\u{8000}',
        '\u{9FFF}',
        '\u{BFFF}',
        '\u{C000}',
        '\u{D7FF}',
        '\u{E000}',
        '\u{FFFD}',
        '\u{FFFF}',
        '\u{10000}',
        '\u{10FFFF}',
    ];

    /// The set of [`ideographs_of`] from the characters: one bit for each three-byte character
    /// (U+0800..=U+FFFF) of `text`, in a set zeroed at once.
    fn three_byte_set_ref(text: &str) -> Vec<u64> {
        let mut m = vec![0u64; BMP_WORDS];
        for c in text.chars() {
            if c.len_utf8() == 3 {
                if let Some(w) = m.get_mut(c as usize / 64) {
                    *w |= 1u64 << (c as usize % 64);
                }
            }
        }
        m
    }
}
