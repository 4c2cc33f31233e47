//! Tab-separated rows → pipe rows, byte for byte.
//!
//! A table copied from a web page, a Word file or a spreadsheet is pasted with a tab between its
//! cells, and an empty cell is two tabs in a row (`一、本年新收…\t56\t\t\t\t\t\t56`). Read as white
//! space, the empty cells leave no trace and the numbers after them slide into their places.
//! Each line with at least two tabs after its first other character has those tabs written `|`
//! (its leading ones as spaces), so an empty cell is the one between two pipes, as in a pipe
//! row. A line already holding a `|` is left as it is, and so are the lines of a dump that puts
//! one cell on each line after a tab (`\t行政许可`), which hold no tab after their text.
//!
//! Every byte keeps its place (a tab and a `|` are one byte each): the canonical text's offset
//! map holds as it is.

/// The text with its tab-separated rows written as pipe rows, or `None` when it has none.
pub(crate) fn tab_rows_as_pipes(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let first_tab = memchr::memchr(b'\t', b)?;
    let mut out: Option<Vec<u8>> = None;
    // From the start of the line holding the first tab.
    let mut start = memchr::memrchr(b'\n', b.get(..first_tab)?).map_or(0, |i| i + 1);
    while start < b.len() {
        let end = memchr::memchr(b'\n', b.get(start..)?).map_or(b.len(), |i| start + i);
        let line = b.get(start..end)?;
        if let Some(at) = memchr::memchr(b'\t', line) {
            let lead = line
                .iter()
                .position(|&c| !matches!(c, b'\t' | b' '))
                .unwrap_or(line.len());
            let inner = line
                .get(lead..)
                .map_or(0, |r| memchr::memchr_iter(b'\t', r).count());
            if inner >= 2 && memchr::memchr(b'|', line).is_none() {
                let o = out.get_or_insert_with(|| b.to_vec());
                for (i, c) in o.get_mut(start + at..end)?.iter_mut().enumerate() {
                    if *c == b'\t' {
                        *c = if at + i < lead { b' ' } else { b'|' };
                    }
                }
            }
        }
        start = end + 1;
        // The next line with a tab.
        match memchr::memchr(b'\t', b.get(start..).unwrap_or(&[])) {
            Some(i) => {
                let t = start + i;
                start = memchr::memrchr(b'\n', b.get(start..t)?).map_or(start, |j| start + j + 1);
            }
            None => break,
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    out.map(|o| String::from_utf8(o).unwrap_or_else(|_| text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_separated_rows_become_pipe_rows_and_nothing_else_changes() {
        let text = "一、总体情况\n\t行政许可\n\t0\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
                    行政规范性文件\t4\t\t4\n\t\t（一）予以公开\t56\t\t\t\t\t\t56\n| a\t| b\t| c |\n说明\t见下表\n";
        let got = tab_rows_as_pipes(text).expect("rows with tabs");
        assert_eq!(
            got,
            "一、总体情况\n\t行政许可\n\t0\n信息内容|本年制发件数|本年废止件数|现行有效件数\n\
             行政规范性文件|4||4\n  （一）予以公开|56||||||56\n| a\t| b\t| c |\n说明\t见下表\n"
        );
        assert_eq!(got.len(), text.len());
        assert_eq!(tab_rows_as_pipes("规章 0 0 0\n\t0\n"), None);
        assert_eq!(tab_rows_as_pipes("no tab at all"), None);
    }

    proptest::proptest! {
        /// Only tabs change, each into `|` or a space, on lines with two tabs after their text.
        #[test]
        fn only_tabs_change(parts in proptest::collection::vec(
            proptest::sample::select(vec!["\t", "\n", " ", "|", "规章", "12", "a", "\r"]), 0..40)) {
            let text: String = parts.concat();
            if let Some(got) = tab_rows_as_pipes(&text) {
                proptest::prop_assert_eq!(got.len(), text.len());
                for (x, y) in text.bytes().zip(got.bytes()) {
                    proptest::prop_assert!(x == y || (x == b'\t' && (y == b'|' || y == b' ')));
                }
            } else {
                let two_inner = text.split('\n').any(|l| {
                    let t = l.trim_start_matches(['\t', ' ']);
                    t.matches('\t').count() >= 2 && !l.contains('|')
                });
                proptest::prop_assert!(!two_inner, "{:?}", text);
            }
        }
    }
}
