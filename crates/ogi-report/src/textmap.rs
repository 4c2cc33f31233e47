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
//! Pitfalls: lookups must be O(log n); building must be O(n) with segments merged where they
//! continue one another (a 10 MB ASCII input yields one segment, not ten million).

/// One segment of an [`OffsetMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    d: usize,
    s: usize,
    d_len: usize,
    s_len: usize,
    kind: Kind,
}

/// How offsets inside a segment correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Byte for byte.
    Copy,
    /// The whole derived part stands for the whole source part.
    Replace,
    /// Characters of `dw` derived bytes each standing for `sw` source bytes.
    Uniform { dw: usize, sw: usize },
}

/// A monotone map from offsets in a derived text to offsets in its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    d_end: usize,
    s_end: usize,
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
    /// `len` derived bytes equal the next `len` source bytes.
    pub fn push_copy(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            if last.kind == Kind::Copy
                && last.d + last.d_len == self.d_end
                && last.s + last.s_len == self.s_end
            {
                last.d_len += len;
                last.s_len += len;
                self.d_end += len;
                self.s_end += len;
                return;
            }
        }
        self.segs.push(Seg {
            d: self.d_end,
            s: self.s_end,
            d_len: len,
            s_len: len,
            kind: Kind::Copy,
        });
        self.d_end += len;
        self.s_end += len;
    }
    /// `d_len` derived bytes stand for the next `s_len` source bytes.
    pub fn push_replace(&mut self, d_len: usize, s_len: usize) {
        if d_len == s_len {
            // Same width: offsets inside still correspond closely enough for spans; keep it a
            // replace so that inner offsets snap to the source character start.
        }
        if d_len == 0 && s_len == 0 {
            return;
        }
        // Consecutive skips merge, so that a lookup never walks back over a long chain of them.
        // Runs of same-shaped characters use `push_uniform`, which merges and stays exact.
        if d_len == 0 {
            if let Some(last) = self.segs.last_mut() {
                if last.kind == Kind::Replace
                    && last.d_len == 0
                    && last.d == self.d_end
                    && last.s + last.s_len == self.s_end
                {
                    last.s_len += s_len;
                    self.s_end += s_len;
                    return;
                }
            }
        }
        self.segs.push(Seg {
            d: self.d_end,
            s: self.s_end,
            d_len,
            s_len,
            kind: Kind::Replace,
        });
        self.d_end += d_len;
        self.s_end += s_len;
    }
    /// `count` characters, each `d_width` derived bytes standing for `s_width` source bytes.
    ///
    /// Consecutive runs of the same shape merge into one segment. A zero width on either side
    /// degenerates to a plain replace of the whole run.
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
        let kind = Kind::Uniform {
            dw: d_width,
            sw: s_width,
        };
        if let Some(last) = self.segs.last_mut() {
            if last.kind == kind
                && last.d + last.d_len == self.d_end
                && last.s + last.s_len == self.s_end
            {
                last.d_len += d_len;
                last.s_len += s_len;
                self.d_end += d_len;
                self.s_end += s_len;
                return;
            }
        }
        self.segs.push(Seg {
            d: self.d_end,
            s: self.s_end,
            d_len,
            s_len,
            kind,
        });
        self.d_end += d_len;
        self.s_end += s_len;
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
    fn find(&self, d: usize) -> Option<&Seg> {
        // The last segment with seg.d <= d and a non-empty derived part containing d.
        let idx = self.segs.partition_point(|s| s.d <= d);
        let mut i = idx;
        while i > 0 {
            i -= 1;
            let s = self.segs.get(i)?;
            if s.d_len > 0 || s.d < d {
                return Some(s);
            }
        }
        None
    }
    /// Map a derived offset to the source offset where that byte's source starts.
    pub fn map_start(&self, d: usize) -> usize {
        if d >= self.d_end {
            return self.s_end;
        }
        match self.find(d) {
            Some(seg) if d < seg.d + seg.d_len => match seg.kind {
                Kind::Copy => seg.s + (d - seg.d),
                Kind::Replace => seg.s,
                Kind::Uniform { dw, sw } => seg.s + (d - seg.d) / dw * sw,
            },
            Some(seg) => seg.s + seg.s_len,
            None => 0,
        }
    }
    /// Map a derived end offset (exclusive) to the source end offset.
    pub fn map_end(&self, d: usize) -> usize {
        if d == 0 {
            return self.map_start(0);
        }
        if d >= self.d_end {
            return self.s_end;
        }
        // The byte just before `d` determines the end.
        match self.find(d - 1) {
            Some(seg) if d - 1 < seg.d + seg.d_len => match seg.kind {
                Kind::Copy => seg.s + (d - seg.d),
                Kind::Replace => seg.s + seg.s_len,
                Kind::Uniform { dw, sw } => seg.s + ((d - 1 - seg.d) / dw + 1) * sw,
            },
            Some(seg) => seg.s + seg.s_len,
            None => 0,
        }
    }
    /// Map a derived range.
    pub fn map_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map_start(start);
        let e = self.map_end(end.max(start));
        (s, e.max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.map_range(2, 7), (2, 7));
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
    fn copies_merge_into_one_segment() {
        let mut m = OffsetMap::new();
        m.push_copy(3);
        m.push_copy(4);
        assert_eq!(m.segs.len(), 1);
        assert_eq!(m.derived_len(), 7);
    }
}
