//! Offset maps: from a derived text back to the text it was derived from.
//!
//! Every stage of the pipeline (decoding, HTML linearisation, normalisation) produces a new
//! string from an older one. Spans must always point into the *original input bytes*, so each
//! stage also produces an [`OffsetMap`] from its output's byte offsets to its input's byte
//! offsets, and spans are carried back through the chain of maps at the very end.
//!
//! A map is a sorted list of segments. A *copy* segment says "these derived bytes are the same
//! bytes as that source range" (offsets advance one to one); a *replace* segment says "these
//! derived bytes stand for that source range" (e.g. `領` standing for `領(lǐng)`, `(` for `（`,
//! or a UTF-8 character standing for two GBK bytes). An offset inside a replace segment maps to
//! the segment's source start; a span ending inside or at the end of one maps to its source end,
//! so a span never cuts a source character in half.
//!
//! A *uniform* segment is a run of `count` characters, each `d_width` derived bytes standing for
//! `s_width` source bytes (a run of GBK ideographs: 3 → 2 each). It keeps inner offsets exact at
//! character granularity — an offset inside the k-th character maps to that character's source
//! start — while costing one segment for the whole run, so a 10 MB GBK file yields a few segments
//! per line of mixed ASCII and CJK instead of one per character.
//!
//! Dropped source text (a pinyin gloss, a CR before LF, an HTML tag) is not a segment of its own:
//! it is the *trailing skip* of the segment before it, the source bytes between that segment's
//! mapped part and the next segment. Segments store only where they start, so a map of a text
//! with a change every ten bytes (glossed Traditional prose) stays near 1.6× the text's size.
//!
//! Pitfalls: lookups must be O(log n); building must be O(n) with segments merged where they
//! continue one another (a 10 MB ASCII input yields one segment, not ten million).

/// One segment of an [`OffsetMap`]: where it starts on both sides and how its derived bytes
/// correspond to its source bytes.
///
/// Lengths are not stored: a segment's derived part ends where the next one starts (or at
/// `d_end`), and its source part is the *main* length its kind gives (`d_len` for a copy,
/// `d_len / dw * sw` for a uniform run, the stored length for a replace) followed by a *trailing
/// skip* up to the next segment's source start. Dropped source text (a pinyin gloss, a `\r`
/// before `\n`, an HTML tag) is that trailing skip, so it costs no segment of its own; only a
/// skip at the very start needs one, of derived length zero. With 16 bytes a segment (offsets
/// are `u32`, see [`MAX_INPUT`]), a text with a change every ten bytes (glossed Traditional)
/// keeps its map under 1.6× its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    d: u32,
    s: u32,
    kind: Kind,
}

/// The longest input parsed, whatever `Options::max_input_bytes` says: map offsets are stored
/// as `u32`, and no stage makes a text more than three times longer than its input (a
/// single-byte encoding decoded to UTF-8), so every offset of a 1 GiB input fits.
pub(crate) const MAX_INPUT: usize = 1 << 30;

impl Seg {
    fn at(d: usize, s: usize, kind: Kind) -> Seg {
        Seg {
            d: u32::try_from(d).unwrap_or(u32::MAX),
            s: u32::try_from(s).unwrap_or(u32::MAX),
            kind,
        }
    }
    /// Derived start.
    fn d(&self) -> usize {
        self.d as usize
    }
    /// Source start.
    fn s(&self) -> usize {
        self.s as usize
    }
    /// Where derived byte `d` of this segment's derived part starts in the source (what
    /// [`OffsetMap::map_start`] gives for it).
    #[inline(always)]
    fn start_of(&self, d: usize) -> usize {
        match self.kind {
            Kind::Copy => self.s() + (d - self.d()),
            Kind::Replace(_) => self.s(),
            Kind::Uniform { dw, sw } => {
                self.s() + (d - self.d()) / usize::from(dw.max(1)) * usize::from(sw)
            }
        }
    }
    /// Where a derived end `d` (exclusive), whose byte before it lies in this segment's derived
    /// part, ends in the source (what [`OffsetMap::map_end`] gives for it).
    #[inline(always)]
    fn end_of(&self, d: usize) -> usize {
        match self.kind {
            Kind::Copy => self.s() + (d - self.d()),
            Kind::Replace(n) => self.s() + n as usize,
            Kind::Uniform { dw, sw } => {
                self.s() + ((d - 1 - self.d()) / usize::from(dw.max(1)) + 1) * usize::from(sw)
            }
        }
    }
}

/// How offsets inside a segment correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Byte for byte.
    Copy,
    /// The whole derived part stands for this many source bytes (saturated at `u32::MAX`; a
    /// longer source range keeps its excess as a trailing skip, which no input reaches: the
    /// source of one replace is a character, an entity or a mojibake run).
    Replace(u32),
    /// Characters of `dw` derived bytes each standing for `sw` source bytes.
    Uniform { dw: u8, sw: u8 },
}

/// A monotone map from offsets in a derived text to offsets in its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    d_end: usize,
    s_end: usize,
}

/// What a run of [`OffsetMap::map_range_hinted`] lookups carries from one to the next: the
/// number of segments starting at or before the previous range's start, and the copy segment
/// the last range mapped by offset fell in (`(lo, hi, s)`, see `OffsetMap::copy_run`; empty
/// at first).
#[derive(Debug, Default)]
pub struct MapHint {
    idx: std::cell::Cell<usize>,
    copy: std::cell::Cell<(usize, usize, usize)>,
}

impl OffsetMap {
    /// The identity map over `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut m = OffsetMap::default();
        m.push_copy(len);
        m
    }
    /// An empty map, to be built with `push_*`.
    pub fn new() -> Self {
        OffsetMap::default()
    }
    /// Derived length of segment `i`.
    fn d_len_at(&self, i: usize) -> usize {
        let Some(seg) = self.segs.get(i) else {
            return 0;
        };
        let next = self.segs.get(i + 1).map_or(self.d_end, |n| n.d());
        next.saturating_sub(seg.d())
    }
    /// Source length of the main (non-skipped) part of a segment of derived length `d_len`.
    fn main_s_len(kind: Kind, d_len: usize) -> usize {
        match kind {
            Kind::Copy => d_len,
            Kind::Replace(n) => n as usize,
            Kind::Uniform { dw, sw } => d_len / usize::from(dw.max(1)) * usize::from(sw),
        }
    }
    /// True when the last segment is of `kind` and has no trailing skip, so it can grow.
    fn last_continues(&self, kind: Kind) -> bool {
        let Some(i) = self.segs.len().checked_sub(1) else {
            return false;
        };
        match self.segs.get(i) {
            Some(last) if last.kind == kind => {
                last.s() + Self::main_s_len(kind, self.d_len_at(i)) == self.s_end
            }
            _ => false,
        }
    }
    /// `len` derived bytes equal the next `len` source bytes.
    pub fn push_copy(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        if !self.last_continues(Kind::Copy) {
            self.segs.push(Seg::at(self.d_end, self.s_end, Kind::Copy));
        }
        self.d_end += len;
        self.s_end += len;
    }
    /// `d_len` derived bytes stand for the next `s_len` source bytes.
    ///
    /// An offset inside them maps to the source start, so inner offsets snap to the source
    /// character start even when both widths are equal.
    pub fn push_replace(&mut self, d_len: usize, s_len: usize) {
        if d_len == 0 && s_len == 0 {
            return;
        }
        if d_len == 0 {
            // Dropped source: the trailing skip of the last segment (consecutive skips merge, so
            // a lookup never walks over a chain of them).
            if self.segs.is_empty() {
                self.segs
                    .push(Seg::at(self.d_end, self.s_end, Kind::Replace(0)));
            }
            self.s_end += s_len;
            return;
        }
        self.segs.push(Seg::at(
            self.d_end,
            self.s_end,
            Kind::Replace(u32::try_from(s_len).unwrap_or(u32::MAX)),
        ));
        self.d_end += d_len;
        self.s_end += s_len;
    }
    /// `count` characters, each `d_width` derived bytes standing for `s_width` source bytes.
    ///
    /// Consecutive runs of the same shape merge into one segment. A zero width on either side
    /// degenerates to a plain replace of the whole run. One character of any shape maps exactly
    /// as a replace of its widths would.
    ///
    /// `#[inline]`: the normaliser calls it for every run it copies or converts, and without the
    /// hint it is inlined there only when the two modules share a codegen unit. A change in an
    /// unrelated module could move them apart and cost about 3 M instructions on the 360
    /// Traditional bench reports.
    #[inline]
    pub fn push_uniform(&mut self, count: usize, d_width: usize, s_width: usize) {
        if count == 0 {
            return;
        }
        let (Some(d_len), Some(s_len)) = (count.checked_mul(d_width), count.checked_mul(s_width))
        else {
            return;
        };
        if d_width == 0 || s_width == 0 {
            self.push_replace(d_len, s_len);
            return;
        }
        let (Ok(dw), Ok(sw)) = (u8::try_from(d_width), u8::try_from(s_width)) else {
            // Wider than any character: one replace per character keeps the same mapping.
            for _ in 0..count {
                self.push_replace(d_width, s_width);
            }
            return;
        };
        let kind = Kind::Uniform { dw, sw };
        if !self.last_continues(kind) {
            self.segs.push(Seg::at(self.d_end, self.s_end, kind));
        }
        self.d_end += d_len;
        self.s_end += s_len;
    }
    /// An empty map with room for `segments` segments.
    pub(crate) fn with_capacity(segments: usize) -> Self {
        OffsetMap {
            segs: Vec::with_capacity(segments),
            ..OffsetMap::default()
        }
    }
    /// Room for `additional` more segments, so that a map known to grow long (Traditional
    /// text, about a segment every ten bytes) is not copied at each doubling of its length.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.segs.reserve(additional);
    }
    /// Number of segments (a measure of the map's size).
    #[cfg(test)]
    pub fn segment_count(&self) -> usize {
        self.segs.len()
    }
    /// Source bytes with no derived counterpart (dropped text).
    pub fn skip_source(&mut self, s_len: usize) {
        self.push_replace(0, s_len);
    }
    /// Derived length covered.
    pub fn derived_len(&self) -> usize {
        self.d_end
    }
    /// Source length covered.
    pub fn source_len(&self) -> usize {
        self.s_end
    }
    /// The segment holding derived byte `d` (`d < d_end`), with its derived length, given
    /// `idx`, the number of segments starting at or before `d`.
    fn find_before(&self, idx: usize, d: usize) -> Option<(&Seg, usize)> {
        // The last segment with seg.d <= d and a non-empty derived part.
        let mut i = idx;
        while i > 0 {
            i -= 1;
            let s = self.segs.get(i)?;
            let len = self.d_len_at(i);
            if len > 0 || s.d() < d {
                return Some((s, len));
            }
        }
        None
    }
    /// The number of segments starting at or before `d`, knowing that the first `from` do: a
    /// few steps forward (a span's end is rarely many segments past its start), then a binary
    /// search of the rest.
    ///
    /// Inlined into the lookups of a cell's start and end, which mostly take a step or two; the
    /// binary search (about one call in ten over the Traditional bench reports) is
    /// [`Self::count_past`], out of line.
    ///
    /// The eighth segment is looked at first: when it too starts at or before `d` (a section's
    /// heading, a body's end, a cell far past the last one), the steps could not reach `d` and
    /// the binary search starts at once.
    #[inline]
    fn count_from(&self, from: usize, d: usize) -> usize {
        self.count_from_by::<true>(from, d)
    }
    /// [`Self::count_from`] as first written, its steps taken before the eighth segment is
    /// looked at: the reference it is held to.
    #[cfg(test)]
    fn count_from_ref(&self, from: usize, d: usize) -> usize {
        self.count_from_by::<false>(from, d)
    }
    /// The body of [`Self::count_from`] (`PEEK`, the eighth segment looked at first) and of its
    /// reference (without the look).
    #[inline(always)]
    fn count_from_by<const PEEK: bool>(&self, from: usize, d: usize) -> usize {
        if PEEK && self.segs.get(from + 7).is_some_and(|s| s.d() <= d) {
            return self.count_past(from + 8, d);
        }
        let mut i = from;
        for _ in 0..8 {
            match self.segs.get(i) {
                Some(s) if s.d() <= d => i += 1,
                _ => return i,
            }
        }
        self.count_past(i, d)
    }
    /// [`Self::count_from`] after its steps forward: the first `i` segments start at or before
    /// `d`; a binary search of the rest.
    #[inline(never)]
    fn count_past(&self, i: usize, d: usize) -> usize {
        i + self
            .segs
            .get(i..)
            .map_or(0, |rest| rest.partition_point(|s| s.d() <= d))
    }
    /// Map a derived offset to the source offset where that byte's source starts.
    pub fn map_start(&self, d: usize) -> usize {
        self.start_at(self.segs.partition_point(|s| s.d() <= d), d)
    }
    /// [`Self::map_start`] given `idx`, the number of segments starting at or before `d`.
    fn start_at(&self, idx: usize, d: usize) -> usize {
        if d >= self.d_end {
            return self.s_end;
        }
        match self.find_before(idx, d) {
            Some((seg, len)) if d < seg.d() + len => seg.start_of(d),
            Some((seg, len)) => seg.s() + Self::main_s_len(seg.kind, len),
            None => 0,
        }
    }
    /// Map a derived end offset (exclusive) to the source end offset.
    pub fn map_end(&self, d: usize) -> usize {
        if d == 0 {
            return self.map_start(0);
        }
        self.end_at(self.segs.partition_point(|s| s.d() < d), d)
    }
    /// [`Self::map_end`] for `d > 0` given `idx`, the number of segments starting at or before
    /// `d - 1`.
    fn end_at(&self, idx: usize, d: usize) -> usize {
        if d >= self.d_end {
            return self.s_end;
        }
        // The byte just before `d` determines the end.
        match self.find_before(idx, d - 1) {
            Some((seg, len)) if d - 1 < seg.d() + len => seg.end_of(d),
            Some((seg, len)) => seg.s() + Self::main_s_len(seg.kind, len),
            None => 0,
        }
    }
    /// The source ranges inside `from..to` that have no derived counterpart (dropped text), in
    /// order; adjacent drops come as one range.
    pub fn skips_within(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        // Segments are sorted by source start too: begin at the last one starting before `from`.
        let first = self
            .segs
            .partition_point(|s| s.s() < from)
            .saturating_sub(1);
        (first..self.segs.len())
            .map_while(move |i| {
                let seg = self.segs.get(i)?;
                (seg.s() < to).then(|| {
                    let main_end = seg.s() + Self::main_s_len(seg.kind, self.d_len_at(i));
                    let next = self.segs.get(i + 1).map_or(self.s_end, |n| n.s());
                    (main_end, next)
                })
            })
            .filter(move |&(a, b)| a < b && a >= from && b <= to)
    }
    /// True for the identity map (of a text given as `&str`), which maps every range to itself
    /// clamped to the text ([`Self::identity_range`]).
    pub fn is_identity(&self) -> bool {
        matches!(
            self.segs.as_slice(),
            [Seg {
                d: 0,
                s: 0,
                kind: Kind::Copy,
            }]
        ) && self.s_end == self.d_end
    }
    /// Extends this map (a text derived from `text` → `map`'s source) by `text[from..to]`
    /// copied: character by character through `map`, or as one copy when `map` is the identity.
    /// `pos` is the source offset reached so far; the source bytes before the piece's (a prefix
    /// or an escape left out) are skipped.
    #[cfg(feature = "html")]
    pub(crate) fn push_through(
        &mut self,
        map: &OffsetMap,
        text: &str,
        from: usize,
        to: usize,
        pos: &mut usize,
    ) {
        let piece = text.get(from..to).unwrap_or_default();
        if map.is_identity() {
            if from > *pos {
                self.skip_source(from - *pos);
            }
            self.push_copy(piece.len());
            *pos = to.max(*pos);
            return;
        }
        for (d, c) in piece.char_indices() {
            let d = from + d;
            let (s0, s1) = (map.map_start(d), map.map_end(d + c.len_utf8()));
            if s0 > *pos {
                self.skip_source(s0 - *pos);
                *pos = s0;
            }
            let s1 = s1.max(*pos);
            self.push_uniform(1, c.len_utf8(), s1 - *pos);
            *pos = s1;
        }
    }
    /// `text` (whose offsets `map` takes to its source) with the ranges of `cuts` (in order, not
    /// overlapping) left out, each but a space in place of its first byte when it says so (a
    /// break that took a space), and the map of the text it gives to `map`'s source. The one
    /// builder of the readers that take a tool's marks out of a text (line prefixes, hard
    /// wraps).
    #[cfg(feature = "html")]
    pub(crate) fn text_without(
        text: &str,
        map: &OffsetMap,
        cuts: &[(std::ops::Range<usize>, bool)],
    ) -> (String, OffsetMap) {
        let mut out = String::with_capacity(text.len());
        let mut m = OffsetMap::with_capacity(cuts.len() * 2 + 1);
        let mut pos = 0usize;
        let mut from = 0usize;
        for (r, space) in cuts {
            out.push_str(text.get(from..r.start).unwrap_or_default());
            m.push_through(map, text, from, r.start, &mut pos);
            if *space {
                // One byte of the text (a line break) given as a space, mapped where it was.
                out.push(' ');
                m.push_through(map, text, r.start, r.start + 1, &mut pos);
            }
            from = r.end;
        }
        out.push_str(text.get(from..).unwrap_or_default());
        m.push_through(map, text, from, text.len(), &mut pos);
        if pos < map.source_len() {
            m.skip_source(map.source_len() - pos);
        }
        (out, m)
    }
    /// The range `start..end` clamped to the derived text: what the identity map makes of it.
    #[inline]
    pub fn identity_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = start.min(self.d_end);
        (s, end.max(start).min(self.d_end).max(s))
    }
    /// [`Self::identity_range`] of a map of `len` bytes for a range that does not end before
    /// it starts (what every lookup of a map gives): each end clamped alone, without the
    /// end first raised to the start.
    #[inline(always)]
    pub fn clamp_ordered(len: usize, start: usize, end: usize) -> (usize, usize) {
        (start.min(len), end.min(len))
    }
    /// Map a derived range.
    pub fn map_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.is_identity() {
            return self.identity_range(start, end);
        }
        let idx = self.segs.partition_point(|s| s.d() <= start);
        self.range_from(idx, start, end)
    }
    /// [`Self::map_range`] for a caller whose ranges mostly come in order (the spans of a
    /// table's cells): `hint` holds the segment index of the previous range's start, and the
    /// start's segment is looked for forward from it, rather than by a binary search of the
    /// whole map, whenever the range does not start before it. A range inside the copy segment
    /// that the last one mapped by offset (the next cell of a row of digits) maps from the
    /// hint alone.
    #[inline]
    pub fn map_range_hinted(&self, hint: &MapHint, start: usize, end: usize) -> (usize, usize) {
        let (lo, hi, s) = hint.copy.get();
        if lo <= start && start < end && end <= hi {
            return (s + (start - lo), s + (end - lo));
        }
        self.map_range_looked_up(hint, start, end)
    }
    /// [`Self::map_range_hinted`] for a range outside the hint's copy segment: its segment
    /// looked for from the hint's index.
    #[inline(never)]
    fn map_range_looked_up(&self, hint: &MapHint, start: usize, end: usize) -> (usize, usize) {
        let h = hint.idx.get();
        // The first `h` segments start at or before `start`: search forward from there.
        let idx = if h <= self.segs.len()
            && h.checked_sub(1)
                .is_none_or(|p| self.segs.get(p).is_some_and(|seg| seg.d() <= start))
        {
            self.count_from(h, start)
        } else {
            self.segs.partition_point(|s| s.d() <= start)
        };
        hint.idx.set(idx);
        if let Some((lo, hi, s)) = self.copy_run(idx) {
            if lo <= start && start < end && end <= hi {
                hint.copy.set((lo, hi, s));
                return (s + (start - lo), s + (end - lo));
            }
        }
        self.range_from(idx, start, end)
    }
    /// The copy segment before `idx` as `(lo, hi, s)`: a range `start..end` with
    /// `lo <= start < end <= hi` maps to `s + (start - lo)..s + (end - lo)` (the first case of
    /// [`Self::range_from`], whose `idx` is the same for every start in `lo..hi`). `hi` stops
    /// short of the text's end, which maps past the last segment's trailing skip.
    fn copy_run(&self, idx: usize) -> Option<(usize, usize, usize)> {
        let seg = self.segs.get(idx.checked_sub(1)?)?;
        if seg.kind != Kind::Copy {
            return None;
        }
        let next = self.segs.get(idx).map_or(self.d_end, Seg::d);
        Some((seg.d(), next.min(self.d_end.checked_sub(1)?), seg.s()))
    }
    /// The range `start..end` mapped, given `idx`, the number of segments starting at or before
    /// `start`.
    #[inline]
    fn range_from(&self, idx: usize, start: usize, end: usize) -> (usize, usize) {
        self.range_from_in::<true>(idx, start, end)
    }
    /// [`Self::range_from`]; `ANY_KIND` false takes only a range inside one copy segment by the
    /// short way (not one inside a segment of another kind, nor one across segments), as it
    /// was first written: the reference the tests hold it to.
    #[inline(always)]
    fn range_from_in<const ANY_KIND: bool>(
        &self,
        idx: usize,
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        // A range within the derived part of one segment (most cells: digits copied as they
        // are, labels of Traditional text converted character by character) maps by its offset
        // into it, as its two ends' lookups would: both find that segment. Not at the text's
        // end, which maps past the last segment's trailing skip.
        if let Some(seg) = idx.checked_sub(1).and_then(|i| self.segs.get(i)) {
            let next = self.segs.get(idx).map_or(self.d_end, Seg::d);
            if (ANY_KIND || seg.kind == Kind::Copy)
                && seg.d() <= start
                && start < end
                && end <= next
                && end < self.d_end
            {
                return (seg.start_of(start), seg.end_of(end));
            }
            // A range from one segment into later ones (a cell of digits and an ideograph, a
            // label of converted and copied text, glossed prose) maps as directly: its start by
            // this segment, its end by the segment its last byte is in, which its lookup finds
            // forward from here (that segment is not empty: the next one starts past that byte).
            if ANY_KIND && seg.d() <= start && start < next && next < end && end < self.d_end {
                let j = self.count_from(idx, end - 1);
                if let Some(last) = j.checked_sub(1).and_then(|k| self.segs.get(k)) {
                    let s = seg.start_of(start);
                    return (s, last.end_of(end).max(s));
                }
            }
        }
        self.range_by_ends(idx, start, end)
    }
    /// [`Self::range_from_in`] when neither short way applies (an empty or backward range, one
    /// reaching the text's end, one starting in an empty segment): each end looked up on its
    /// own. Rare (about one range in eighty of a Traditional report's cells), so kept out of
    /// line: the short ways inlined into their callers save no registers for it.
    #[cold]
    #[inline(never)]
    fn range_by_ends(&self, idx: usize, start: usize, end: usize) -> (usize, usize) {
        let s = self.start_at(idx, start);
        let end = end.max(start);
        let e = if end > start {
            // The end's segment is found forward from the start's (spans are short).
            self.end_at(self.count_from(idx, end - 1), end)
        } else {
            self.map_end(end)
        };
        (s, e.max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map of generated segments: `lead` source bytes skipped, then for each `(kind, n)` of
    /// `shape` a segment of `n` bytes (0 copy, 1 uniform 3 → 2, 2 replaced by `n + 2` bytes,
    /// else skipped) followed by `copied(n)` copied bytes.
    fn map_of(lead: usize, shape: &[(usize, usize)], copied: impl Fn(usize) -> usize) -> OffsetMap {
        let mut m = OffsetMap::new();
        if lead > 0 {
            m.skip_source(lead);
        }
        for &(k, n) in shape {
            match k {
                0 => m.push_copy(n),
                1 => m.push_uniform(n, 3, 2),
                2 => m.push_replace(n, n + 2),
                _ => m.skip_source(n),
            }
            m.push_copy(copied(n));
        }
        m
    }

    proptest::proptest! {
        /// A range maps the same with a hint, whatever the order the ranges come in.
        #[test]
        fn hinted_ranges_map_as_unhinted_ones(
            shape in proptest::collection::vec((0usize..4, 1usize..5), 1..40),
            queries in proptest::collection::vec((0usize..400, 0usize..30), 1..60),
        ) {
            let m = map_of(1, &shape, |_| 1);
            let hint = MapHint::default();
            let len = m.derived_len();
            for (s, w) in queries {
                let s = s % (len + 2);
                proptest::prop_assert_eq!(
                    m.map_range_hinted(&hint, s, s + w),
                    m.map_range(s, s + w),
                    "range {}..{}", s, s + w
                );
            }
        }
    }

    proptest::proptest! {
        /// On the identity map of any length and on the empty map, which the unhinted lookup
        /// answers by the identity's shortcut or its own search, a range maps the same with a
        /// hint, whatever the order the ranges come in (backwards, empty and past the end
        /// included).
        #[test]
        fn hinted_ranges_on_the_identity_map_map_as_unhinted_ones(
            len in 0usize..40,
            empty in proptest::bool::ANY,
            queries in proptest::collection::vec((0usize..50, 0usize..50), 1..40),
        ) {
            let m = if empty { OffsetMap::new() } else { OffsetMap::identity(len) };
            let hint = MapHint::default();
            for (s, e) in queries {
                proptest::prop_assert_eq!(
                    m.map_range_hinted(&hint, s, e),
                    m.map_range(s, e),
                    "range {}..{}", s, e
                );
            }
        }
    }

    proptest::proptest! {
        /// A mapped range never ends before it starts (whatever range is asked for, backwards
        /// ones included), so clamping each end alone to an identity map of any length, shorter
        /// than the ranges or not, gives what the identity map gives.
        #[test]
        fn mapped_ranges_clamp_as_the_identity_map_does(
            shape in proptest::collection::vec((0usize..4, 1usize..5), 1..40),
            queries in proptest::collection::vec((0usize..400, 0usize..30, proptest::bool::ANY), 1..60),
            cut in 0usize..200,
        ) {
            let m = map_of(1, &shape, |_| 1);
            let hint = MapHint::default();
            let len = m.derived_len();
            let id = OffsetMap::identity(cut);
            for (s, w, back) in queries {
                let s = s % (len + 2);
                let e = if back { s.saturating_sub(w) } else { s + w };
                let (a, b) = m.map_range_hinted(&hint, s, e);
                proptest::prop_assert!(a <= b, "range {}..{} maps to {}..{}", s, e, a, b);
                proptest::prop_assert_eq!(
                    OffsetMap::clamp_ordered(id.derived_len(), a, b),
                    id.identity_range(a, b),
                    "range {}..{}", a, b
                );
            }
        }
    }

    proptest::proptest! {
        /// Ranges coming in reading order, as a table's cells do (most of them inside the copy
        /// segment the one before fell in, some touching its end or the text's end), map the
        /// same with a hint as without.
        #[test]
        fn ranges_in_reading_order_map_as_unhinted_ones(
            shape in proptest::collection::vec((0usize..4, 1usize..9), 1..16),
            steps in proptest::collection::vec((0usize..4, 0usize..4), 1..80),
        ) {
            let m = map_of(0, &shape, |n| n % 3);
            let hint = MapHint::default();
            let len = m.derived_len();
            let mut s = 0usize;
            for (gap, w) in steps {
                s += gap;
                if s > len + 1 {
                    break;
                }
                proptest::prop_assert_eq!(
                    m.map_range_hinted(&hint, s, s + w),
                    m.map_range(s, s + w),
                    "range {}..{}", s, s + w
                );
            }
            // The last cells, up to the text's end.
            for w in (1..4).rev() {
                let s = len.saturating_sub(w);
                proptest::prop_assert_eq!(
                    m.map_range_hinted(&hint, s, len),
                    m.map_range(s, len),
                    "range {}..{}", s, len
                );
            }
        }
    }

    proptest::proptest! {
        /// A range inside one segment of any kind, or across segments, taken the short way,
        /// maps as the lookups of its two ends do; so do ranges at the text's end and past it.
        #[test]
        fn ranges_across_segments_map_as_their_ends_do(
            lead in 0usize..3,
            shape in proptest::collection::vec((0usize..6, 1usize..5), 1..30),
            queries in proptest::collection::vec((0usize..200, 0usize..12), 1..60),
        ) {
            let mut m = OffsetMap::new();
            m.skip_source(lead);
            for &(k, n) in &shape {
                match k {
                    0 => m.push_copy(n),
                    1 => m.push_uniform(n, 3, 2),
                    2 => m.push_uniform(n, 3, 3),
                    3 => m.push_uniform(n, 1, 3),
                    4 => m.push_replace(n, n + 2),
                    _ => m.skip_source(n),
                }
                if n % 2 == 0 {
                    m.skip_source(n / 2);
                }
            }
            let len = m.derived_len();
            for (s, w) in queries {
                let s = s % (len + 2);
                let idx = m.segs.partition_point(|g| g.d() <= s);
                proptest::prop_assert_eq!(
                    m.range_from(idx, s, s + w),
                    m.range_from_in::<false>(idx, s, s + w),
                    "range {}..{}", s, s + w
                );
            }
        }
    }

    proptest::proptest! {
        /// The segments counted from any number of them known to start at or before the offset
        /// (none, all, a few short of all, past the end's) are those the steps and then a
        /// binary search count, for offsets before, inside and past the map, on maps of every
        /// size up to a few hundred segments (the eighth segment on either side of the offset,
        /// missing near the map's end), empty ones included.
        #[test]
        fn segments_counted_looking_eight_ahead_are_those_the_steps_count(
            shape in proptest::collection::vec((0usize..4, 1usize..5), 0..300),
            queries in proptest::collection::vec((0usize..3000, 0usize..20), 1..40),
        ) {
            let m = map_of(1, &shape, |n| n % 2);
            let len = m.derived_len();
            for (d, back) in queries {
                let d = d % (len + 3);
                let all = m.segs.partition_point(|g| g.d() <= d);
                let from = all.saturating_sub(back);
                proptest::prop_assert_eq!(m.count_from(from, d), m.count_from_ref(from, d), "{} from {}", d, from);
                proptest::prop_assert_eq!(m.count_from(from, d), all);
            }
        }
    }

    #[test]
    fn a_range_maps_as_its_two_ends_do() {
        // Every kind of segment, a leading skip, trailing skips, and more segments than the
        // forward steps of a range's end lookup.
        let mut m = OffsetMap::new();
        m.skip_source(2);
        for k in 0..12 {
            m.push_copy(1 + k % 3);
            m.push_uniform(2, 3, 2);
            m.push_replace(3, 12);
            if k % 4 == 0 {
                m.skip_source(5);
            }
            m.push_uniform(1, 1, 3);
        }
        assert!(m.segment_count() > 40);
        // The identity, and one copy segment with a trailing skip (not the identity).
        let mut skipped = OffsetMap::identity(5);
        skipped.skip_source(3);
        assert_eq!(skipped.map_range(2, 5), (2, 8));
        for m in [m, OffsetMap::identity(9), skipped] {
            let n = m.derived_len();
            for a in 0..=n + 1 {
                for b in 0..=n + 1 {
                    let s = m.map_start(a);
                    let e = m.map_end(b.max(a)).max(s);
                    assert_eq!(m.map_range(a, b), (s, e), "{a}..{b}");
                }
            }
        }
    }

    #[test]
    fn a_segment_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Seg>(), 16);
        // Offsets of a text at the input bound times three still fit the stored `u32`s.
        assert!(3 * MAX_INPUT <= u32::MAX as usize);
    }

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let m = OffsetMap::identity(10);
        assert!(m.is_identity());
        assert_eq!(m.map_range(2, 7), (2, 7));
        assert_eq!(m.identity_range(8, 12), (8, 10));
        let mut skipped = OffsetMap::identity(10);
        skipped.skip_source(1);
        assert!(!skipped.is_identity());
        assert!(!OffsetMap::new().is_identity());
        assert_eq!(m.map_start(10), 10);
        assert_eq!(m.segs.len(), 1);
    }

    #[test]
    fn replace_snaps_to_source_character_bounds() {
        // derived "A領B" from source "A領(lǐng)B": 1 copy, 3 bytes for 3+9, 1 copy.
        let mut m = OffsetMap::new();
        m.push_copy(1);
        m.push_replace(3, 3 + 9);
        m.push_copy(1);
        assert_eq!(m.map_range(1, 4), (1, 13));
        assert_eq!(m.map_range(4, 5), (13, 14));
        assert_eq!(m.map_start(2), 1);
    }

    #[test]
    fn skipped_source_is_jumped_over() {
        let mut m = OffsetMap::new();
        m.push_copy(2);
        m.skip_source(5);
        m.push_copy(2);
        assert_eq!(m.map_range(2, 4), (7, 9));
        assert_eq!(m.map_range(0, 2), (0, 2));
    }

    #[test]
    fn uniform_run_maps_each_character_exactly() {
        // derived "a中文b" (1 + 3 + 3 + 1 bytes) from GBK "a" D6D0 CEC4 "b" (1 + 2 + 2 + 1).
        let mut m = OffsetMap::new();
        m.push_copy(1);
        m.push_uniform(1, 3, 2);
        m.push_uniform(1, 3, 2);
        m.push_copy(1);
        assert_eq!(m.segs.len(), 3, "same-shaped runs merge");
        assert_eq!((m.derived_len(), m.source_len()), (8, 6));
        assert_eq!(m.map_range(1, 4), (1, 3)); // 中
        assert_eq!(m.map_range(4, 7), (3, 5)); // 文
        assert_eq!(m.map_range(7, 8), (5, 6)); // b
                                               // Inner offsets snap outward to whole source characters.
        assert_eq!(m.map_start(5), 3);
        assert_eq!(m.map_end(5), 5);
        assert_eq!(m.map_range(2, 6), (1, 5));
    }

    #[test]
    fn uniform_runs_of_different_shape_do_not_merge() {
        let mut m = OffsetMap::new();
        m.push_uniform(3, 3, 2);
        m.push_uniform(2, 3, 4); // GB18030 four-byte characters
        m.push_uniform(4, 3, 2);
        assert_eq!(m.segs.len(), 3);
        assert_eq!(m.map_range(9, 12), (6, 10));
        assert_eq!(m.map_range(15, 18), (14, 16));
        assert_eq!(m.map_start(m.derived_len()), m.source_len());
    }

    #[test]
    fn a_million_uniform_characters_are_one_segment() {
        let mut m = OffsetMap::new();
        for _ in 0..1_000_000 {
            m.push_uniform(1, 3, 2);
        }
        assert_eq!(m.segs.len(), 1);
        assert_eq!(
            m.map_range(3 * 777_777, 3 * 777_778),
            (2 * 777_777, 2 * 777_778)
        );
    }

    #[test]
    fn dropped_source_is_a_trailing_skip() {
        // "領(lǐng)導(dǎo)x" → "领导x": each character a replace, each gloss dropped after it.
        let mut m = OffsetMap::new();
        m.skip_source(2);
        m.push_uniform(1, 3, 3);
        m.skip_source(7);
        m.push_uniform(1, 3, 3);
        m.skip_source(6);
        m.skip_source(1);
        m.push_copy(1);
        assert_eq!(
            m.segment_count(),
            4,
            "skips cost no segment after the first"
        );
        assert_eq!(m.map_range(0, 3), (2, 5));
        assert_eq!(m.map_range(3, 6), (12, 15));
        assert_eq!(m.map_range(6, 7), (22, 23));
        assert_eq!(m.map_range(0, 7), (2, 23));
        assert_eq!(m.map_start(0), 2);
        let all: Vec<_> = m.skips_within(0, 23).collect();
        assert_eq!(all, [(0, 2), (5, 12), (15, 22)]);
        let inner: Vec<_> = m.skips_within(3, 22).collect();
        assert_eq!(inner, [(5, 12), (15, 22)]);
        assert_eq!(
            m.skips_within(6, 21).count(),
            0,
            "only whole drops inside the range"
        );
    }

    #[test]
    fn copies_merge_into_one_segment() {
        let mut m = OffsetMap::new();
        m.push_copy(3);
        m.push_copy(4);
        assert_eq!(m.segs.len(), 1);
        assert_eq!(m.derived_len(), 7);
    }
}
