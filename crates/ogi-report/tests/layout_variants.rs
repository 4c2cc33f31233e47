//! Every report of `tests/corpus/` read through the changes that saving, copying and converting
//! pages make keeps its table values: sub-items numbered `（1）` or `①`, totals named 合计,
//! minus signs of word processors (`−4`, `–4`),
//! pinyin glosses set a
//! space or a line off their characters,
//! other line breaks, byte order marks and encodings, full-width digits and pipes, other spaces,
//! indents, blank lines, page numbers between lines, markdown or bold headings, brackets of the
//! other width, zero-width spaces, the whole text misread one byte a character (ISO-8859-1,
//! windows-1252) and saved again, its pipe rows drawn as grid tables (pandoc's `+---+`, a text
//! browser's box-drawn `┌──┐`) with labels wrapped over several lines, and the text set in HTML
//! paragraphs or with its pipe rows as an HTML table (also with pinyin in ruby annotations).

mod common;

use common::{differences, values};
use ogi_report::Report;

/// The text files of `tests/corpus`: saved pages are HTML already, the text files are the ones
/// re-laid here.
fn corpus() -> Vec<(String, String)> {
    let out = common::corpus_texts(false);
    assert!(
        out.len() >= 25,
        "tests/corpus holds {} text files",
        out.len()
    );
    out
}

/// A line that heads a section: `一、` … `六、` and no table cells or figures.
fn is_heading(line: &str) -> bool {
    let t = line.trim();
    ["一、", "二、", "三、", "四、", "五、", "六、"]
        .iter()
        .any(|n| t.starts_with(n))
        && !t.contains('|')
        && !t.chars().any(|c| c.is_ascii_digit())
}

fn map_lines(text: &str, f: impl Fn(&str) -> String) -> String {
    text.split('\n').map(f).collect::<Vec<_>>().join("\n")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The cells of a pipe row of three cells or more (a one-cell-per-line dump's `x |` and a
/// markdown rule are none), trimmed.
fn pipe_cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    let inner = t.trim_matches('|');
    (t.starts_with('|') && inner.matches('|').count() >= 2 && !inner.contains("--"))
        .then(|| inner.split('|').map(str::trim).collect())
}

/// The text's pipe rows as HTML table rows, its other lines as paragraphs.
fn html_tables(text: &str) -> String {
    let mut out = String::from("<html><head><meta charset=\"utf-8\"></head><body>\n");
    let mut in_table = false;
    for line in text.split('\n') {
        if line.contains('|') {
            if !in_table {
                out.push_str("<table>\n");
                in_table = true;
            }
            out.push_str("<tr>");
            for cell in line.trim().trim_matches('|').split('|') {
                out.push_str(&format!("<td>{}</td>", escape(cell.trim())));
            }
            out.push_str("</tr>\n");
        } else {
            if in_table {
                out.push_str("</table>\n");
                in_table = false;
            }
            out.push_str(&format!("<p>{}</p>\n", escape(line)));
        }
    }
    if in_table {
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// The variants of `text`, as (name, bytes).
fn variants(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let full_width_digit = |c: char| {
        if c.is_ascii_digit() {
            char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
        } else {
            c
        }
    };
    // Each pinyin gloss after an ideograph (`領(lǐng)`) set one break off it.
    let glosses_off = |sep: &str| {
        let mut out = String::with_capacity(text.len());
        let mut prev_han = false;
        for (i, c) in text.char_indices() {
            if c == '(' && prev_han {
                let inner: String = text[i + 1..].chars().take_while(|&x| x != ')').collect();
                if !inner.is_empty()
                    && inner.chars().count() <= 7
                    && inner
                        .chars()
                        .all(|x| x.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(x))
                {
                    out.push_str(sep);
                }
            }
            out.push(c);
            prev_han = ('\u{4E00}'..='\u{9FFF}').contains(&c);
        }
        out.into_bytes()
    };
    // Each sub-item numbered `1.` at a line's or a cell's start numbered another way.
    let renumbered = |form: fn(u32) -> String| {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut at_start = true;
        while let Some(c) = rest.chars().next() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            // `1.属于…`, not a decimal (`52.15`).
            let numbering = rest[digits..].starts_with('.')
                && rest[digits + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c > '\u{2E80}');
            if at_start && (1..=2).contains(&digits) && numbering {
                if let Ok(n) = rest[..digits].parse::<u32>() {
                    out.push_str(&form(n));
                    rest = &rest[digits + 1..];
                    at_start = false;
                    continue;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
            at_start = c == '\n' || (at_start && c == ' ') || c == '|';
        }
        out.into_bytes()
    };
    let mut v: Vec<(&'static str, Vec<u8>)> = vec![
        (
            "sub-items numbered （1）",
            renumbered(|n| format!("（{n}）")),
        ),
        (
            "sub-items numbered ①",
            renumbered(|n| char::from_u32(0x245F + n).map_or(format!("{n}."), String::from)),
        ),
        ("合计 for 总计", text.replace("总计", "合计").into_bytes()),
        // A word processor's minus signs: `-` as U+2212, `减4` as `–4`.
        ("minus signs", {
            let mut out = String::with_capacity(text.len());
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '-' => out.push('\u{2212}'),
                    '减' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('–'),
                    _ => out.push(c),
                }
            }
            out.into_bytes()
        }),
        ("glosses a space off", glosses_off(" ")),
        ("glosses a line off", glosses_off("\n")),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        (
            "utf-8 bom",
            [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        ),
        ("gb18030", encoding_rs::GB18030.encode(text).0.into_owned()),
        ("utf-16le bom", {
            let mut b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        (
            "full-width digits",
            text.chars()
                .map(full_width_digit)
                .collect::<String>()
                .into_bytes(),
        ),
        ("full-width pipes", text.replace('|', "｜").into_bytes()),
        ("no-break spaces", text.replace(' ', "\u{A0}").into_bytes()),
        (
            "indented",
            map_lines(text, |l| format!("\u{3000}\u{3000}{l}")).into_bytes(),
        ),
        (
            "trailing spaces",
            map_lines(text, |l| format!("{l}  ")).into_bytes(),
        ),
        ("blank lines", text.replace('\n', "\n\n").into_bytes()),
        (
            "markdown headings",
            map_lines(text, |l| {
                if is_heading(l) {
                    format!("## {l}")
                } else {
                    l.to_string()
                }
            })
            .into_bytes(),
        ),
        (
            "bold headings",
            map_lines(text, |l| {
                if is_heading(l) {
                    format!("**{}**", l.trim())
                } else {
                    l.to_string()
                }
            })
            .into_bytes(),
        ),
        (
            "ascii brackets",
            text.replace('（', "(").replace('）', ")").into_bytes(),
        ),
        (
            "full-width brackets",
            text.replace('(', "（").replace(')', "）").into_bytes(),
        ),
        ("page numbers", {
            let mut out = String::new();
            for (i, l) in text.split('\n').enumerate() {
                out.push_str(l);
                out.push('\n');
                if i % 25 == 24 {
                    out.push_str(&format!("— {} —\n", i / 25 + 1));
                }
            }
            out.into_bytes()
        }),
        // A page whose charset the client did not know, read one byte a character and saved
        // again as UTF-8: as ISO-8859-1 (Python's `requests`) from UTF-8, as windows-1252 (a
        // browser) from GBK.
        (
            "utf-8 read as iso-8859-1",
            text.bytes()
                .map(char::from)
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "gbk read as windows-1252",
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&encoding_rs::GB18030.encode(text).0)
                .0
                .into_owned()
                .into_bytes(),
        ),
        ("zero-width spaces", {
            let mut out = String::new();
            for (i, c) in text.chars().enumerate() {
                out.push(c);
                if ('\u{4E00}'..='\u{9FFF}').contains(&c) && i % 19 == 0 {
                    out.push('\u{200B}');
                }
            }
            out.into_bytes()
        }),
        // A table copied from a browser or a spreadsheet: a tab between cells, an empty cell
        // two tabs in a row (pipe rows of three cells or more; a one-cell-per-line dump stays).
        ("tab-separated tables", {
            map_lines(text, |l| {
                pipe_cells(l).map_or_else(|| l.to_string(), |cells| cells.join("\t"))
            })
            .into_bytes()
        }),
        // A table exported as CSV: cells quoted where they hold a comma.
        ("comma-separated tables", {
            map_lines(text, |l| {
                pipe_cells(l).map_or_else(
                    || l.to_string(),
                    |cells| {
                        cells
                            .iter()
                            .map(|c| {
                                if c.contains([',', '"']) {
                                    format!("\"{}\"", c.replace('"', "\"\""))
                                } else {
                                    c.to_string()
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(",")
                    },
                )
            })
            .into_bytes()
        }),
        // A table typed without the numbering of its two short labels.
        ("总计 and 其他 without their numbering", {
            map_lines(text, |l| {
                if l.contains('|') {
                    l.replace("（七）总计", "总计")
                        .replace("(七)总计", "总计")
                        .replace("3.其他", "其他")
                } else {
                    l.to_string()
                }
            })
            .into_bytes()
        }),
        // pandoc's grid tables, and a text browser's box-drawn ones: labels wrapped over the
        // lines of their row (at its top, or centred with every other cell).
        (
            "grid tables",
            common::render::grid_tables(text, 16, false, false).into_bytes(),
        ),
        (
            "box-drawn tables",
            common::render::grid_tables(text, 12, true, true).into_bytes(),
        ),
    ];
    if cfg!(feature = "html") {
        v.push((
            "html paragraphs",
            format!(
                "<html><head><meta charset=\"utf-8\"></head><body>\n{}</body></html>\n",
                map_lines(text, |l| format!("<p>{}</p>", escape(l)))
            )
            .into_bytes(),
        ));
        v.push(("html tables", html_tables(text).into_bytes()));
        // A page's source saved as text, or a site's text field that kept its entities: each
        // figure of a pipe row padded with `&nbsp;`, quotation marks as `&ldquo;`/`&rdquo;`;
        // and the same escaped twice (`&amp;nbsp;`).
        for (name, amp) in [
            ("character references", "&"),
            ("character references escaped twice", "&amp;"),
        ] {
            let refs = map_lines(text, |l| {
                let l = l
                    .replace('“', &format!("{amp}ldquo;"))
                    .replace('”', &format!("{amp}rdquo;"));
                if pipe_cells(&l).is_none() {
                    return l;
                }
                l.split('|')
                    .map(|c| {
                        let t = c.trim();
                        if !t.is_empty() && t.chars().all(|x| x.is_ascii_digit()) {
                            format!(" {amp}nbsp;{t}{amp}nbsp; ")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            });
            v.push((name, refs.into_bytes()));
        }
        // A scraper's dump: the text saved as a JSON string's contents, its line breaks and
        // quotes escaped, and the same with every character beyond ASCII as `\\uXXXX` (Python's
        // `json.dumps`).
        for (name, ascii) in [
            ("a json string's contents", false),
            ("a json string's contents, ascii", true),
        ] {
            let out = common::json_escaped(text, ascii);
            v.push((name, out.into_bytes()));
        }
        // A converter's markdown: a sub-item's `1.` escaped (`3\\.其他`, `1\\.属于国家秘密`),
        // and each row label of a pipe row closed by pandoc's hard line break (`（二）部分公开\\`).
        // Each pipe row's label (its first cell, no figure in it) closed by `mark`.
        let labels_closed_by = |text: &str, mark: &str| {
            map_lines(text, |l| match pipe_cells(l) {
                Some(cells)
                    if cells.first().is_some_and(|c| {
                        !c.is_empty() && !c.chars().any(|x| x.is_ascii_digit())
                    }) =>
                {
                    l.replacen(cells[0], &format!("{}{mark}", cells[0]), 1)
                }
                _ => l.to_string(),
            })
            .into_bytes()
        };
        v.push(("markdown escapes", {
            let escaped = String::from_utf8(renumbered(|n| format!("{n}\\."))).unwrap_or_default();
            labels_closed_by(&escaped, "\\")
        }));
        // Org mode's table (pandoc's org writer): a row label closed by org's hard line break,
        // two backslashes (`| （二）部分公开\\\\ |`), which had been read as a blank mark.
        v.push(("org hard line breaks", labels_closed_by(text, "\\\\")));
        // A long row label written on two lines (LibreOffice's and pandoc's tables of a cell
        // whose text wraps at its column's width): the label of each pipe row with figures,
        // cut after its fourteenth character when two more follow, its rest written by `rest`
        // (given the rest and the row's cells after the label).
        let labels_cut = |text: &str, rest: &dyn Fn(&str, usize) -> (String, String)| {
            map_lines(text, |l| {
                let Some(cells) = pipe_cells(l) else {
                    return l.to_string();
                };
                let figure = |c: &str| !c.is_empty() && c.chars().all(|x| x.is_ascii_digit());
                let Some(k) = cells.iter().position(|c| figure(c)) else {
                    return l.to_string();
                };
                let label = cells[..k].iter().rev().find(|c| !c.is_empty()).copied();
                match label {
                    Some(label) if k > 0 && label.chars().count() >= 16 => {
                        let cut = label.char_indices().nth(14).map_or(label.len(), |(i, _)| i);
                        let (head, tail) = label.split_at(cut);
                        let (inside, after) = rest(tail, cells.len() - k);
                        format!(
                            "{}{after}",
                            l.replacen(label, &format!("{head}{inside}"), 1)
                        )
                    }
                    _ => l.to_string(),
                }
            })
            .into_bytes()
        };
        // The label's rest in a row of its own after the row, its other cells empty
        // (`| | 正、行政机关不再处理其政府信息公开申请 | | | |`).
        v.push((
            "label continuation rows",
            labels_cut(text, &|tail, n| {
                (String::new(), format!("\n| {tail} |{}", " |".repeat(n)))
            }),
        ));
        // AsciiDoc's hard line break in the label's cell (`1.申请人无正当理由逾期不补 +` and
        // its rest on the next line).
        v.push((
            "asciidoc hard line breaks",
            labels_cut(text, &|tail, _| (format!(" +\n{tail}"), String::new())),
        ));
        // Pinyin printed above the characters: every ideograph in `<ruby>`, its reading in
        // `<rt>`, with `<rp>` parentheses for every other one.
        v.push(("html tables with ruby pinyin", {
            let mut out = String::new();
            for (i, c) in html_tables(text).chars().enumerate() {
                if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                    if i % 2 == 0 {
                        out.push_str(&format!("<ruby>{c}<rt>zhì</rt></ruby>"));
                    } else {
                        out.push_str(&format!(
                            "<ruby>{c}<rp>(</rp><rt>lǐng</rt><rp>)</rp></ruby>"
                        ));
                    }
                } else {
                    out.push(c);
                }
            }
            out.into_bytes()
        }));
    }
    // (Read with the `html` feature, as references and escapes are.)
    if cfg!(feature = "html") {
        // Line prefixes a tool put before every line: `cat -n`'s right-aligned numbers and tab,
        // `grep -n`'s `12:`, a mail's quoting (`> `, `>` alone on a blank line).
        let numbered = |text: &str, colon: bool| {
            text.split('\n')
                .enumerate()
                .map(|(i, l)| {
                    let n = i + 1;
                    if colon {
                        format!("{n}:{l}")
                    } else {
                        format!("{n:>6}\t{l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let quoted = map_lines(text, |l| {
            if l.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        });
        v.push(("line numbers (cat -n)", numbered(text, false).into_bytes()));
        v.push(("line numbers (grep -n)", numbered(text, true).into_bytes()));
        v.push(("email quoting", quoted.into_bytes()));
    }
    // A wiki's tables (pandoc's MediaWiki writer): `{|`, a `|-` before each row, a cell a
    // line, the figures' cells with attributes (`|align="center"| 56`), `|}`.
    // (Read with the `html` feature.)
    if cfg!(feature = "html") && text.lines().any(|l| pipe_cells(l).is_some()) {
        let mut out = String::new();
        let mut inside = false;
        for l in text.lines() {
            match pipe_cells(l) {
                Some(cells) => {
                    if !inside {
                        out.push_str("{| class=\"wikitable\"\n");
                        inside = true;
                    }
                    out.push_str("|-\n");
                    for c in cells {
                        if !c.is_empty() && c.chars().all(|x| x.is_ascii_digit()) {
                            out.push_str(&format!("|align=\"center\"| {c}\n"));
                        } else {
                            out.push_str(&format!("| {c}\n"));
                        }
                    }
                }
                None => {
                    if inside {
                        out.push_str("|}\n");
                        inside = false;
                    }
                    out.push_str(l);
                    out.push('\n');
                }
            }
        }
        v.push(("mediawiki tables", out.into_bytes()));
    }
    // A PDF's page footers kept in its text, a line of their own every 20 lines: in words
    // and in English.
    for (name, footer) in [
        ("page footers", "第 {} 页 共 9 页"),
        ("page footers in english", "Page {} of 9"),
    ] {
        let mut out = String::with_capacity(text.len() + 400);
        for (i, l) in text.split_inclusive('\n').enumerate() {
            out.push_str(l);
            if i % 20 == 19 && l.ends_with('\n') {
                out.push_str(&footer.replace("{}", &(i / 20 + 1).to_string()));
                out.push('\n');
            }
        }
        v.push((name, out.into_bytes()));
    }
    // A text whose tables are drawn already is not redrawn from its pipe rows, nor are its
    // lines of bars set in HTML (an HTML page's text is not searched for drawn tables).
    if text
        .lines()
        .any(|l| l.starts_with("+-") || l.starts_with('┌'))
    {
        v.retain(|(name, _)| !name.starts_with("html") && !name.ends_with("tables"));
    }
    // A text laid out in columns by spaces (`pdftotext -layout` of a browser's print: one line
    // in twenty or more indented by eight spaces or more), whose wrapped labels are read by
    // their lines' columns, is not set in HTML (which collapses its spaces), nor given lines
    // between its lines or its items renumbered (each moves a wrapped label's lines apart or
    // out of their column).
    if laid_out_in_columns(text) {
        v.retain(|(name, _)| {
            !name.starts_with("html")
                && !matches!(
                    *name,
                    "blank lines"
                        | "page numbers"
                        | "markdown headings"
                        | "sub-items numbered （1）"
                )
        });
    }
    // A text whose tables are drawn as `antiword` draws a Word table (pipe rows padded to
    // their columns, each cell's text right after its bar, a cell wrapped onto the lines
    // below) is not redrawn, nor are its rows written otherwise: a row is joined with the
    // lines continuing it by their columns.
    if drawn_by_columns(text) {
        v.retain(|(name, _)| {
            !name.starts_with("html")
                && !name.ends_with("tables")
                && !matches!(
                    *name,
                    "markdown escapes" | "org hard line breaks" | "label continuation rows"
                )
        });
    }
    // A text whose labels wrap down narrow columns, two characters a line (a word processor's
    // print read by `pdftotext -layout`), read by the tokens standing in a label's column below
    // its first line: not set in HTML, nor given lines between its lines or before them, nor
    // its items renumbered.
    if wrapped_down_narrow_columns(text) {
        v.retain(|(name, _)| {
            !name.starts_with("html")
                && !matches!(
                    *name,
                    "blank lines" | "line numbers (grep -n)" | "sub-items numbered ①"
                )
        });
    }
    v
}

/// Whether two lines in a row of `text` are pipe rows drawn to the same columns, each cell's
/// text right after its bar and padded with spaces before the next (`|行政许可   |0   |`).
fn drawn_by_columns(text: &str) -> bool {
    let bars = |l: &str| -> Vec<usize> {
        let mut w = 0;
        let mut at = Vec::new();
        for c in l.chars() {
            if c == '|' {
                at.push(w);
            }
            w += if c.is_ascii() { 1 } else { 2 };
        }
        at
    };
    let drawn = |l: &str| l.starts_with('|') && !l.starts_with("| ") && l.contains("  |");
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .any(|w| drawn(w[0]) && drawn(w[1]) && bars(w[0]).len() >= 4 && bars(w[0]) == bars(w[1]))
}

/// Whether one line in six or more of `text`, not blank, holds two wide characters or fewer
/// and nothing else (`本年`, `新收`).
fn wrapped_down_narrow_columns(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let short = lines
        .iter()
        .filter(|l| {
            let t = l.trim();
            t.chars().count() <= 2 && !t.is_ascii() && t.chars().all(|c| !c.is_ascii())
        })
        .count();
    short * 6 >= lines.len()
}

/// Whether one line in twenty or more of `text` is indented by eight spaces or more.
fn laid_out_in_columns(text: &str) -> bool {
    let lines = text.lines().count();
    let indented = text
        .lines()
        .filter(|l| l.starts_with("        ") && !l.trim().is_empty())
        .count();
    indented * 20 >= lines
}

#[test]
fn saved_copied_and_converted_reports_read_to_the_same_values() {
    common::assert_variants_keep_values(&corpus(), 3000, |text| {
        variants(text)
            .into_iter()
            .map(|(name, bytes)| (name.to_string(), ogi_report::parse_bytes(&bytes)))
            .collect()
    });
}

/// The section headings of every text report numbered the other ways reports number them
/// (`1.`, `1、`, `１．`, `第一部分`, `一 ` where a PDF's text lost the `、`) are found as the
/// `一、` ones are: the same sections, each with the same text, and the same values. Only the
/// headings are renumbered (told by the parse of the report as written), not the table rows
/// that share their numerals. In a flattened report (the whole text on a few lines) an Arabic
/// numbering glued to the figures before it (`…收费3503.收到和处理…`) cannot be told from them:
/// only `一、`, `第一部分` and `一 ` are read there, and the Arabic forms are not tried.
#[test]
fn headings_numbered_other_ways_are_found() {
    // (name, Arabic, the numbering of section `n`, numeral `c`)
    type Form = (&'static str, bool, fn(usize, char) -> String);
    let forms: [Form; 5] = [
        ("1.", true, |n, _| format!("{n}. ")),
        ("1、", true, |n, _| format!("{n}、")),
        ("１．", true, |n, _| {
            format!("{}．", char::from_u32(0xFF10 + n as u32).unwrap_or('?'))
        }),
        ("第一部分", false, |_, c| format!("第{c}部分 ")),
        ("一 ", false, |_, c| format!("{c} ")),
    ];
    let mut failures = Vec::new();
    let mut renumbered = 0usize;
    for (name, text) in corpus() {
        let original = ogi_report::parse(&text);
        if original.meta.older_format {
            continue;
        }
        let want = values(&original);
        // Headings at their spans that open with `N、`.
        let heads: Vec<(usize, char)> = original
            .sections
            .iter()
            .filter_map(|s| {
                let at = s.span.start;
                let c = text.get(at..)?.chars().next()?;
                let n = "一二三四五六".chars().position(|x| x == c)?;
                let after = text.get(at + c.len_utf8()..)?;
                (after.starts_with('、') && n + 1 == usize::from(s.number)).then_some((at, c))
            })
            .collect();
        if heads.len() < 2 {
            continue;
        }
        let lines = text.lines().count();
        let flattened = lines < 40 && text.len() > 300 * (lines + 1);
        for (form, arabic, make) in &forms {
            if flattened && *arabic {
                continue;
            }
            let mut out = String::with_capacity(text.len() + 64);
            let mut pos = 0usize;
            for &(at, c) in &heads {
                let n = "一二三四五六".chars().position(|x| x == c).unwrap_or(0) + 1;
                out.push_str(&text[pos..at]);
                out.push_str(&make(n, c));
                pos = at + c.len_utf8() + '、'.len_utf8();
            }
            out.push_str(&text[pos..]);
            renumbered += 1;
            let got = ogi_report::parse(&out);
            let secs = |r: &Report| -> Vec<(u8, String)> {
                r.sections
                    .iter()
                    .map(|s| (s.number, s.text.clone()))
                    .collect()
            };
            if secs(&got) != secs(&original) {
                let numbers = |r: &Report| r.sections.iter().map(|s| s.number).collect::<Vec<_>>();
                failures.push(format!(
                    "{name} ({form}): sections {:?} → {:?}",
                    numbers(&original),
                    numbers(&got)
                ));
            }
            let diff = differences(&want, &values(&got));
            if !diff.is_empty() {
                failures.push(format!("{name} ({form}): {}", diff.join("; ")));
            }
        }
    }
    assert!(renumbered >= 100, "{renumbered} reports renumbered");
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A saved page whose text has no title line (the report's title only in the page's
/// `<title>`, with the site's name after it) is read for the same year and agency as the
/// report with its title line.
#[cfg(feature = "html")]
#[test]
fn a_pages_title_names_the_year_and_agency_its_text_does_not() {
    let mut failures = Vec::new();
    let mut moved = 0usize;
    for (name, text) in corpus() {
        // A text laid out in columns is not set in HTML (see `variants`).
        if laid_out_in_columns(&text) {
            continue;
        }
        let original = ogi_report::parse(&text);
        let (Some(title), Some(agency), Some(year)) = (
            original.meta.title.clone(),
            original.meta.agency.clone(),
            original.meta.year,
        ) else {
            continue;
        };
        let squeezed = |l: &str| l.split_whitespace().collect::<String>();
        let Some(line) = text.lines().find(|l| squeezed(l) == title) else {
            continue;
        };
        if !title.contains(&agency) || title.contains('<') || title.contains('&') {
            continue;
        }
        let body = text.replacen(line, "", 1);
        let page = |head: &str| {
            format!(
                "<html><head><meta charset=\"utf-8\"><title>{head}</title></head><body>\n{}</body></html>\n",
                map_lines(&body, |l| format!("<p>{}</p>", escape(l)))
            )
        };
        // The title and a portal's name; the title without its agency and the agency's site.
        let bare = title.replacen(&agency, "", 1);
        let pages = [
            (
                page(&format!("{title}_某某市人民政府门户网站")),
                title.clone(),
            ),
            (page(&format!("{bare} - {agency}")), bare.clone()),
        ];
        for (html, want_title) in pages {
            moved += 1;
            let got = ogi_report::parse(&html);
            let read = (
                got.meta.title.clone(),
                got.meta.agency.clone(),
                got.meta.year,
            );
            let want = (Some(want_title), Some(agency.clone()), Some(year));
            if read != want {
                failures.push(format!("{name}: {read:?}, not {want:?}"));
            }
            if got
                .diagnostics
                .iter()
                .any(|d| d.code == ogi_report::Code::S003)
            {
                failures.push(format!("{name}: S003 with the title in <title>"));
            }
        }
    }
    assert!(moved >= 20, "{moved} titles moved");
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A page's text with stray tags printed in it (a spam block's markup shown as text, an empty
/// `<p></p>` line) is read as text, its lines its own, when read as markup it gives no section;
/// a document (`<html>`) is read as markup.
#[cfg(feature = "html")]
#[test]
fn text_with_stray_tags_is_read_as_text() {
    let body = "长兴县2020年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息100条。\n\
        二、主动公开政府信息情况\n略。\n";
    for lead in [
        "<p></p>\n",
        "      <th id=\"h4sia\"><center id=\"h4sia\"><delect id=\"h4sia\"></delect></center></th>\n    4. <rp id=\"h4sia\"><option id=\"h4sia\"></option></rp>\n",
    ] {
        let text = format!("{lead}{body}");
        let r = ogi_report::parse(&text);
        assert_eq!(r.meta.layout, ogi_report::Layout::None, "{lead}");
        assert_eq!(
            r.meta.title.as_deref(),
            Some("长兴县2020年政府信息公开工作年度报告")
        );
        assert_eq!(r.meta.agency.as_deref(), Some("长兴县"));
        let headings: Vec<&str> = r.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["一、总体情况", "二、主动公开政府信息情况"]);
        let n004: Vec<&str> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == ogi_report::Code::N004)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            n004,
            ["text with HTML tags in it: read as text, its lines kept, since read as markup it gave no section"]
        );
        // Each section's span is the heading's place in the input.
        let s = r.sections[0].span;
        assert!(text[s.start..].starts_with("一、总体情况"), "{s:?}");
    }
    // A document whose markup runs the lines together is still read as markup.
    let doc = format!("<html><body><p></p>\n{body}</body></html>");
    let r = ogi_report::parse(&doc);
    assert_eq!(r.meta.layout, ogi_report::Layout::Html);
}
