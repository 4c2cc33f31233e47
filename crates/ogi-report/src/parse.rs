//! The pipeline: decode → (HTML) → normalise → segment → tables → report.

use crate::BuiltOnce;
use std::borrow::Cow;

use crate::decode::decode;
use crate::diag::{Code, Diagnostic, Location};
use crate::model::{Layout, Meta, Report, Section, SectionKind, Span, Template};
use crate::normalise::{clean_range, normalise};
use crate::options::{Options, Prose};
#[cfg(doc)]
use crate::scan::find_label;
use crate::scan::{first_char_absent, match_at};
use crate::segment::{find_headings, find_meta, iso};
use crate::split::Budget;
use crate::tables::{detect_layout, detect_template, table2, table3, table4, Ctx};
use crate::textmap::OffsetMap;
use memchr::memmem;

/// Parse raw bytes in any supported encoding.
pub(crate) fn parse_bytes_with(input: &[u8], opts: &Options) -> Report {
    parse_bytes_by::<false>(input, opts)
}

/// [`parse_bytes_with`], or with `FIRST_WRITTEN` set the reference it is held to (the
/// diagnostics that go first always copied in front of the report's).
#[inline(always)]
fn parse_bytes_by<const FIRST_WRITTEN: bool>(input: &[u8], opts: &Options) -> Report {
    let mut pre_diags = Vec::new();
    let limit = opts.max_input_bytes.min(crate::textmap::MAX_INPUT);
    let input = if input.len() > limit {
        pre_diags.push(
            Diagnostic::new(
                Code::D003,
                format!("the input has {} bytes, more than the limit of {limit}; only the first {limit} bytes were parsed", input.len()),
            )
            .with_span(Some(Span::new(limit, input.len()))),
        );
        input.get(..limit).unwrap_or(input)
    } else {
        input
    };
    let mut dec = decode(input, opts.encoding.as_deref());
    // A whole text misread one byte a character is read again (not when the caller named the
    // encoding: that reading is the one asked for).
    let again = match opts.encoding {
        None => crate::reread::reread(&dec.text, &dec.map),
        Some(_) => None,
    };
    let mut report = match again {
        Some((text, map, note)) => {
            dec.diagnostics.push(note);
            parse_decoded(&text, &map, opts, dec.encoding)
        }
        None => parse_decoded(&dec.text, &dec.map, opts, dec.encoding),
    };
    // Nothing to put first (most inputs): the report's list is kept as it is, not copied.
    if !FIRST_WRITTEN && pre_diags.is_empty() && dec.diagnostics.is_empty() {
        return report;
    }
    let mut diags = pre_diags;
    diags.extend(dec.diagnostics);
    diags.append(&mut report.diagnostics);
    report.diagnostics = diags;
    report
}

/// Parse text (already Unicode).
pub(crate) fn parse_str_with(input: &str, opts: &Options) -> Report {
    parse_str_by::<false>(input, opts)
}

/// [`parse_str_with`], or with `FIRST_WRITTEN` set the reference it is held to.
#[inline(always)]
fn parse_str_by<const FIRST_WRITTEN: bool>(input: &str, opts: &Options) -> Report {
    let mut pre = Vec::new();
    let input = if input.len() > opts.max_input_bytes {
        let mut cut = opts.max_input_bytes;
        while cut > 0 && !input.is_char_boundary(cut) {
            cut -= 1;
        }
        pre.push(
            Diagnostic::new(
                Code::D003,
                format!(
                    "the input has {} bytes, more than the limit of {}; only its head was parsed",
                    input.len(),
                    opts.max_input_bytes
                ),
            )
            .with_span(Some(Span::new(cut, input.len()))),
        );
        input.get(..cut).unwrap_or("")
    } else {
        input
    };
    let map = OffsetMap::identity(input.len());
    let mut r = match crate::reread::reread(input, &map) {
        Some((text, again, note)) => {
            pre.push(note);
            parse_decoded(&text, &again, opts, "UTF-8")
        }
        None => parse_decoded(input, &map, opts, "UTF-8"),
    };
    // Nothing to put first (most inputs): the report's list is kept as it is, not copied.
    if FIRST_WRITTEN || !pre.is_empty() {
        pre.append(&mut r.diagnostics);
        r.diagnostics = pre;
    }
    r
}

struct Stage<'a> {
    text: Cow<'a, str>,
    /// stage text → decoded text (None: identity).
    map: Option<OffsetMap>,
    html_title: Option<String>,
    html_published: Option<String>,
    /// True when the text was read from HTML markup.
    html: bool,
    /// True when grid tables were read as pipe rows.
    grid: bool,
}

/// The text the parser reads: an HTML page's rendering (when `markup`, told by [`markup`]), a
/// text's grid tables as pipe rows, or the decoded text itself. Diagnostics get input offsets
/// through `dmap`.
fn stage<'a>(
    decoded: &'a str,
    dmap: &OffsetMap,
    markup: bool,
    diags: &mut Vec<Diagnostic>,
) -> Stage<'a> {
    #[cfg(feature = "html")]
    {
        if markup {
            let lin = crate::html::linearize(decoded);
            diags.push(Diagnostic::new(
                Code::N004,
                "HTML input: the report text and tables were read from the page's markup",
            ));
            return Stage {
                text: Cow::Owned(lin.text),
                map: Some(lin.map),
                html_title: lin.title,
                html_published: lin.published,
                html: true,
                grid: false,
            };
        }
    }
    #[cfg(not(feature = "html"))]
    {
        let _ = (markup, &diags);
    }
    // Grid tables (`+---+` borders, box-drawn bars) of a text: each row on one line.
    if let Some(g) = crate::grid::join_rows(decoded) {
        diags.push(
            Diagnostic::new(
                Code::N006,
                if cfg!(feature = "html") && g.continued > 0 && g.rows == 0 {
                    format!(
                        "pipe rows: {} continued on the lines below them (a cell's text wrapped in its column), each joined into one",
                        g.continued
                    )
                } else {
                    format!(
                        "grid tables: {} rows read between border lines, {} of them joined from several lines",
                        g.rows,
                        g.rows_joined.saturating_sub(g.continued)
                    )
                },
            )
            .with_span(Some({
                let (a, b) = dmap.map_range(g.first.0, g.first.1);
                Span::new(a, b)
            })),
        );
        return Stage {
            text: Cow::Owned(g.text),
            map: Some(g.map),
            html_title: None,
            html_published: None,
            html: false,
            grid: !cfg!(feature = "html") || g.rows > 0,
        };
    }
    Stage {
        text: Cow::Borrowed(decoded),
        map: None,
        html_title: None,
        html_published: None,
        html: false,
        grid: false,
    }
}

/// N008: the line prefixes `s` removed from `text` (whose offsets `map` takes to the input).
#[cfg(feature = "html")]
fn prefix_note(text: &str, map: &OffsetMap, s: &crate::prefix::Stripped) -> Diagnostic {
    let first = text.get(s.first.clone()).unwrap_or("").trim();
    let what = match s.kind {
        crate::prefix::Kind::Numbers => "line numbers",
        crate::prefix::Kind::Quotes => "email quoting",
    };
    let (a, b) = map.map_range(s.first.start, s.first.end);
    Diagnostic::new(
        Code::N008,
        format!(
            "{what} before the lines removed: {} lines (the first: `{first}`)",
            s.lines
        ),
    )
    .with_span(Some(Span::new(a, b)))
}

/// [`parse_read`] of `decoded`, or, when it is a text (not markup) that kept a page's character
/// references (`&nbsp;`) or a converter's markdown escapes (`3\.其他`), or a JSON string's
/// contents (markup too, a page's source saved in a JSON field), of the text they give decoded
/// (N007).
fn parse_decoded(decoded: &str, dmap: &OffsetMap, opts: &Options, encoding: &str) -> Report {
    #[cfg(not(feature = "html"))]
    let is_markup = markup(decoded, opts);
    #[cfg(feature = "html")]
    let is_markup;
    #[cfg(feature = "html")]
    {
        // A text's empty anchors (a markdown's bookmarks, `<a id="_Toc1"></a>`) are no markup.
        let (looks, anchors) = crate::html::sniff_markup(decoded);
        is_markup = opts.html.unwrap_or(looks);
        // Markup is read by its own rules, but for a page's source saved in a JSON field.
        let escaped = if is_markup && crate::html::opens_a_document(decoded) {
            None
        } else {
            crate::html::text_escapes(decoded, dmap, is_markup, anchors)
        };
        if let Some((text, map, [refs, escapes, strings, syntax, spans, anchors], first)) = escaped
        {
            let (a, b) = dmap.map_range(first.start, first.end);
            let mut r = parse_read(&text, &map, opts, encoding, markup(&text, opts));
            let mut said = Vec::new();
            if refs > 0 {
                said.push(format!("{refs} character references"));
            }
            if escapes > 0 {
                said.push(format!("{escapes} markdown escapes"));
            }
            if spans > 0 {
                said.push(format!(
                    "{spans} markdown links and spans unwrapped (`[…](…)`, `[…]{{…}}`)"
                ));
            }
            if anchors > 0 {
                said.push(format!(
                    "{anchors} empty anchors dropped (`<a id=\"…\"></a>`, a document's bookmarks)"
                ));
            }
            if strings > 0 {
                said.push(format!("{strings} string escapes (`\\n`, `\\u4e00`)"));
            }
            if syntax > 0 {
                said.push(format!(
                    "the syntax of a JSON record ({syntax} runs, each a line break)"
                ));
            }
            r.diagnostics.insert(
                0,
                Diagnostic::new(
                    Code::N007,
                    format!(
                        "{} in the text decoded (the first: `{}`)",
                        said.join(" and "),
                        // A markdown escape (one byte) with the ASCII character it escapes.
                        (first.len() == 1)
                            .then(|| decoded.get(first.start..first.end + 1))
                            .flatten()
                            .or_else(|| decoded.get(first))
                            .unwrap_or("")
                    ),
                )
                .with_span(Some(Span::new(a, b))),
            );
            return r;
        }
    }
    parse_read(decoded, dmap, opts, encoding, is_markup)
}

/// Whether `decoded` is read as a page's markup: as `opts.html` says, else as it looks (a build
/// without the `html` feature reads every input as text).
fn markup(decoded: &str, opts: &Options) -> bool {
    #[cfg(feature = "html")]
    return opts
        .html
        .unwrap_or_else(|| crate::html::looks_like_html(decoded));
    #[cfg(not(feature = "html"))]
    {
        let _ = (decoded, opts);
        false
    }
}

/// [`parse_staged`] of `decoded` (its references and escapes, if any, decoded), as a page's
/// markup when `markup`. A text taken for HTML by its tags alone (a fragment, not a document)
/// whose markup gives no section heading and no table is read again as text: a page's
/// text with stray tags printed in it (`<p></p>`, a spam block's `<rp>`) is a text, its lines
/// its own, which the markup's rendering would run together. The reading that finds sections
/// is kept, with a note.
fn parse_read(
    decoded: &str,
    dmap: &OffsetMap,
    opts: &Options,
    encoding: &str,
    markup: bool,
) -> Report {
    // When a tool put a prefix before every line (line numbers, a mail's quoting; in a JSON
    // string's contents too, whose escapes are decoded first), the text without them (N008).
    // Read with the `html` feature, as references and escapes are.
    #[cfg(feature = "html")]
    if let Some(s) = crate::prefix::strip(decoded, dmap) {
        let mut r = parse_unwrapped(&s.text, &s.map, opts, encoding, markup);
        r.diagnostics.insert(0, prefix_note(decoded, dmap, &s));
        return r;
    }
    parse_unwrapped(decoded, dmap, opts, encoding, markup)
}

/// [`parse_unprefixed`] of a text, or, when it is hard-wrapped (a mail client's or a
/// terminal's lines of a fixed width), of the text with its breaks joined (N009). Read with
/// the `html` feature, as line prefixes are.
fn parse_unwrapped(
    decoded: &str,
    dmap: &OffsetMap,
    opts: &Options,
    encoding: &str,
    markup: bool,
) -> Report {
    #[cfg(feature = "html")]
    if !markup {
        if let Some(u) = crate::reflow::unwrap(decoded, dmap) {
            let mut r = parse_unprefixed(&u.text, &u.map, opts, encoding, markup);
            r.diagnostics.insert(0, unwrap_note(decoded, dmap, &u));
            return r;
        }
    }
    parse_unprefixed(decoded, dmap, opts, encoding, markup)
}

/// N009: the hard wraps `u` joined in `text` (whose offsets `map` takes to the input).
#[cfg(feature = "html")]
fn unwrap_note(text: &str, map: &OffsetMap, u: &crate::reflow::Unwrapped) -> Diagnostic {
    // The last few characters before the first break joined.
    let before = text.get(..u.first.start).unwrap_or("");
    let tail = before
        .char_indices()
        .rev()
        .nth(3)
        .map_or(before, |(i, _)| before.get(i..).unwrap_or(""));
    let (a, b) = map.map_range(u.first.start, u.first.end);
    Diagnostic::new(
        Code::N009,
        format!(
            "hard-wrapped text: {} line breaks at {} columns joined (the first after `…{tail}`)",
            u.joins, u.width
        ),
    )
    .with_span(Some(Span::new(a, b)))
}

/// [`parse_read`] of a text without line prefixes.
fn parse_unprefixed(
    decoded: &str,
    dmap: &OffsetMap,
    opts: &Options,
    encoding: &str,
    markup: bool,
) -> Report {
    let r = parse_staged(decoded, dmap, opts, encoding, markup);
    #[cfg(feature = "html")]
    if opts.html.is_none()
        && r.meta.layout == Layout::Html
        && r.sections.is_empty()
        && r.active_disclosure.is_none()
        && r.applications.is_none()
        && r.review_litigation.is_none()
        && !crate::html::opens_a_document(decoded)
    {
        let as_text = Options {
            html: Some(false),
            ..opts.clone()
        };
        let mut t = parse_staged(decoded, dmap, &as_text, encoding, false);
        if !t.sections.is_empty() {
            t.diagnostics.insert(
                0,
                Diagnostic::new(
                    Code::N004,
                    "text with HTML tags in it: read as text, its lines kept, since read as markup it gave no section",
                ),
            );
            return t;
        }
    }
    r
}

/// Parse `decoded`, as text or, when `markup`, as a page's markup ([`stage`]).
fn parse_staged(
    decoded: &str,
    dmap: &OffsetMap,
    opts: &Options,
    encoding: &str,
    markup: bool,
) -> Report {
    let mut diags: Vec<Diagnostic> = Vec::new();
    // MediaWiki tables: their syntax lines blank, byte for byte (a page's markup keeps them in
    // its text, as pandoc's writer leaves them among raw `<div>`s). A markup's tables, read
    // with the `html` feature.
    #[cfg(feature = "html")]
    let wiki = crate::tabs::wiki_tables_as_rows(decoded);
    #[cfg(feature = "html")]
    let decoded = wiki.as_deref().unwrap_or(decoded);
    let stage = stage(decoded, dmap, markup, &mut diags);
    let st: &str = &stage.text;
    // The mojibake runs are kept only for the `Clean` view of prose.
    let mut canon = normalised(st, !matches!(opts.prose, Prose::AsWritten));
    // Rows pasted with a tab between cells, or exported as CSV: written as pipe rows, so that an
    // empty cell (two tabs or two commas in a row) is one. Byte for byte: the map holds.
    if let Some(t) = crate::tabs::tab_rows_as_pipes(&canon.text) {
        canon.text = Cow::Owned(t);
    }
    if let Some(t) = crate::tabs::csv_rows_as_pipes(&canon.text) {
        canon.text = Cow::Owned(t);
    }

    let ctext: &str = &canon.text;
    // Declared after `canon`, so dropped before the text it indexes.
    let _index = crate::scan::CharIndex::install(ctext);
    // stage offsets → input bytes. Text given as text (no markup, no decoding) maps every
    // offset to itself, clamped to the input: told once here, not on every call.
    let direct = stage.map.is_none() && dmap.is_identity();
    // Spans come mostly in reading order (cells, then sections): each lookup in the markup's
    // and the decoding's maps starts from the previous one's segment, as the canonical map's do
    // (`map_range_hinted`), rather than by a binary search of the whole map. A decoded GBK
    // report's map holds a segment per run of ideographs or ASCII.
    let (stage_hint, decode_hint) = (
        crate::textmap::MapHint::default(),
        crate::textmap::MapHint::default(),
    );
    let stage_to_input = |s: usize, e: usize| -> Span {
        if direct {
            let (s0, e0) = dmap.identity_range(s, e);
            return Span::new(s0, e0);
        }
        let (s1, e1) = match &stage.map {
            Some(m) => m.map_range_hinted(&stage_hint, s, e),
            None => (s, e),
        };
        let (s0, e0) = dmap.map_range_hinted(&decode_hint, s1, e1);
        Span::new(s0, e0)
    };
    // Cells are mapped in reading order: each lookup starts from the previous one's segment.
    let hint = crate::textmap::MapHint::default();
    // Text given as text: the input's length, to which the canonical map's ranges (never
    // ending before they start) are clamped, held by the closure itself rather than read
    // through `stage_to_input`'s captures at every cell.
    let direct_len = direct.then(|| dmap.derived_len());
    let (cmap, hint_ref, to_input) = (&canon.map, &hint, &stage_to_input);
    let mapper = move |s: usize, e: usize| -> Span {
        let (s2, e2) = cmap.map_range_hinted(hint_ref, s, e);
        if let Some(len) = direct_len {
            let (s0, e0) = OffsetMap::clamp_ordered(len, s2, e2);
            return Span::new(s0, e0);
        }
        to_input(s2, e2)
    };
    // Normalisation diagnostics carry stage offsets. Moved out of the canonical text's record,
    // which no one reads them from again, instead of cloned (each message, vector and
    // location allocated and copied, and the originals freed with the text).
    for mut d in std::mem::take(&mut canon.diagnostics) {
        d.span = d.span.map(|sp| stage_to_input(sp.start, sp.end));
        diags.push(d);
    }

    let headings = find_headings(ctext);
    #[allow(unused_mut)]
    let mut found = find_meta(ctext, &headings);
    // A page whose text has no title line: its `<title>` tells the year and the agency. So
    // does it a page whose title line names neither the agency nor the year nor the
    // disclosure (`年度报告`, a printed page's header, the page's `<title>` cut short), where the
    // `<title>` names the agency: that is the title then.
    #[cfg(feature = "html")]
    let bare_line = found.agency.is_none()
        && found.title.is_some_and(|(s, e)| {
            ctext.get(s..e).is_some_and(|t| {
                !t.contains(|c: char| c.is_ascii_digit()) && !t.contains("信息公开")
            })
        });
    #[cfg(feature = "html")]
    let page_title = if found.title.is_none() || bare_line {
        stage
            .html_title
            .as_deref()
            .and_then(crate::segment::page_title)
            .filter(|pt| !bare_line || pt.agency.is_some())
    } else {
        None
    };
    #[cfg(feature = "html")]
    if let Some(pt) = &page_title {
        if bare_line {
            found.title = None;
        }
        found.year = pt.year.or(found.year);
        if found.agency.is_none() {
            found.agency.clone_from(&pt.agency);
        }
    }
    let sec = |k: SectionKind| headings.iter().find(|h| h.kind == k);

    // Template version from the labels present.
    let tables_from = sec(SectionKind::ActiveDisclosure).map_or(0, |h| h.start);
    let tables_to = sec(SectionKind::Problems).map_or(ctext.len(), |h| h.start);
    let mut template = template_of(ctext, tables_from, tables_to.max(tables_from));
    // A report of a year before the 2019 template that names only a mark or two of the one told
    // (`政府集中采购` in the prose of a 2018 report) follows the older format: a printed table
    // shows most of its marks.
    // Nor is the template assumed from a year before it (below): the year tells the older format.
    let early = found.year.is_some_and(|y| y < 2019);
    if template.is_some_and(|t| {
        early && marks_present(ctext, tables_from, tables_to.max(tables_from), t) < 3
    }) {
        template = None;
    }

    // Areas.
    let s2 = sec(SectionKind::ActiveDisclosure);
    let s3 = sec(SectionKind::Applications);
    let s4 = sec(SectionKind::ReviewLitigation);
    let s5 = sec(SectionKind::Problems);
    let end_all = found.tail_start.unwrap_or(ctext.len());
    let t2_from = s2.map_or(0, |h| h.end);
    let t3_head = find_t3_head(ctext, t2_from, end_all);
    let t3_from = match (t3_head, s3) {
        (Some((a, _)), _) => a,
        (None, Some(h)) => h.end,
        // No heading: the table's first row, or (an excerpt that starts inside the table) the
        // results' group or the last row, the words prose does not use.
        (None, None) => ["本年新收", "本年度办理结果", "结转下年度继续办理"]
            .iter()
            .find_map(|w| find_label_sieved(ctext, t2_from, end_all, w))
            .map_or(end_all, |x| x.0.saturating_sub(12)),
    };
    let t2_to = s3.map_or(t3_from, |h| h.start.min(t3_from)).max(t2_from);
    let t3_to = s4
        .map(|h| h.start)
        .or(s5.map(|h| h.start))
        .unwrap_or(end_all)
        .max(t3_from);
    let t4_from = s4.map_or(t3_to, |h| h.end);
    let t4_to = s5.map(|h| h.start).unwrap_or(end_all).max(t4_from);

    let mut ctx = Ctx::new(
        ctext,
        &mapper,
        Budget {
            steps: opts.max_split_steps,
            max_readings: 64,
        },
        opts.max_cells,
        end_all,
    );

    // When labels cannot tell, try both descriptors on table 3 ((六) sub-rows decide), else year.
    if template.is_none() && !early {
        let by_year = found.year.map(|y| {
            if y >= 2021 {
                Template::V2021
            } else {
                Template::V2019
            }
        });
        let probe = Template::V2021;
        let mut probe_ctx = Ctx::new(ctext, &mapper, ctx.budget, ctx.max_cells, end_all);
        let has_t3 = table3(&mut probe_ctx, probe, t3_from, t3_to).is_some();
        let has_t2 = table2(&mut probe_ctx, probe, t2_from, t2_to).is_some();
        if has_t3 || has_t2 {
            template = by_year;
            diags.push(Diagnostic::new(
                Code::T002,
                match by_year {
                    Some(t) => format!("the template version cannot be told from the labels; template {} assumed from the report year", t.as_str()),
                    None => "the template version cannot be told from the labels or the year".to_string(),
                },
            ));
        }
    }

    let mut older = false;
    let (mut t2, mut t3) = (None, None);
    let t4;
    // The splitter's step bound holds per table (Options::max_split_steps).
    let steps = opts.max_split_steps;
    if let Some(tpl) = template {
        let d0 = ctx.diags.len();
        t2 = table2(&mut ctx, tpl, t2_from, t2_to);
        let d1 = ctx.diags.len();
        ctx.budget.steps = steps;
        t3 = table3(&mut ctx, tpl, t3_from, t3_to);
        if (ctx.t2_awaits_proof && (ctx.columns_proven || ctx.rows_proven))
            || (ctx.t2_misfit && ctx.t3_detached)
        {
            // Table 3 was printed column by column, which table 2 alone could not tell (or it
            // proved the order table 2 could not): read table 2 again knowing it.
            let later = ctx.diags.split_off(d1);
            ctx.diags.truncate(d0);
            ctx.budget.steps = steps;
            t2 = table2(&mut ctx, tpl, t2_from, t2_to);
            ctx.diags.extend(later);
        }
        ctx.budget.steps = steps;
        t4 = table4(&mut ctx, Some(tpl), t4_from, t4_to);
    } else {
        // The year is told first: an early report needs no search of the words. Its table 4 is
        // not read either: the older format has none, and the words of its prose (`2018年未收到
        // 行政复议…`) are no row of one.
        if early || oldish_words(ctext) {
            older = true;
            t4 = None;
            diags.push(Diagnostic::new(
                Code::S002,
                "the report follows the pre-2019 format (2008 条例): it has no national tables; its sections are reported where found",
            ));
        } else {
            t4 = table4(&mut ctx, None, t4_from, t4_to);
            // Neither the labels nor the year tell the template: read tables 2 and 3 with the
            // 2021 descriptor (its （六） row takes either shape) and leave their template null,
            // rather than dropping what was printed.
            ctx.budget.steps = steps;
            t2 = table2(&mut ctx, Template::V2021, t2_from, t2_to);
            ctx.budget.steps = steps;
            t3 = table3(&mut ctx, Template::V2021, t3_from, t3_to);
            for t in [&mut t2, &mut t3].into_iter().flatten() {
                t.template = None;
            }
            // Table 2's rows and columns are the 2021 template's: a 2019 table's cells are not
            // where its rows and columns would put them. Said of each of its rows.
            if t2.is_some() {
                if let Some(d) = diags.iter_mut().rev().find(|d| d.code == Code::T002) {
                    let rows: Vec<&str> = crate::template::T2_2019
                        .iter()
                        .flat_map(|b| b.rows.iter().map(|r| r.path))
                        .collect();
                    d.message.push_str(&format!(
                        "; tables 2 and 3 are read with the 2021 template's rows and columns, and a 2019 table 2's rows are not read as such ({})",
                        rows.join(", ")
                    ));
                }
            }
        }
    }
    diags.append(&mut ctx.diags);
    let starts_in = ctx.starts_in;
    if !older {
        // The table the text ends in, said by a T015 of its reader (not the one it starts in,
        // which a T015 of its own names).
        let mut cut_in: Option<u8> = ctx.ends_in;
        // Whether the text ends in that table's section, before the table.
        let mut in_section = false;
        for (t, k, (from, to), heading) in [
            (
                &t2,
                crate::model::TableKind::ActiveDisclosure,
                (t2_from, t2_to),
                s2,
            ),
            (
                &t3,
                crate::model::TableKind::Applications,
                (t3_from, t3_to),
                s3,
            ),
            (
                &t4,
                crate::model::TableKind::ReviewLitigation,
                (t4_from, t4_to),
                s4,
            ),
        ] {
            if t.is_some() {
                continue;
            }
            // A page cut off after the table's heading and header: the rows were never there;
            // nor those of a table after one the text ends in.
            let cut = heading.and_then(|_| cut_in_header(ctext, k, from, to, end_all));
            // A page cut off in the table's section right after its heading (a fragment at most
            // after it): the table was never on the page.
            let after_heading = heading.is_some()
                && cut.is_none()
                && to >= end_all
                && !ctext
                    .get(from..to)
                    .is_some_and(crate::tables::more_than_a_fragment);
            let d = if let Some(at) = cut {
                Diagnostic::new(
                    Code::T015,
                    absent_table_message(k, template, Some(AFTER_HEADER)),
                )
                .with_span(Some(mapper(at, end_all)))
            } else if after_heading {
                Diagnostic::new(
                    Code::T015,
                    absent_table_message(k, template, Some(AFTER_HEADING)),
                )
                .with_span(Some(mapper(from.min(end_all), end_all)))
            } else if let Some(n) = cut_in.filter(|&n| n < k.number()) {
                let inside = if in_section { "section" } else { "table" };
                let how = format!("the text ends before it, inside {inside} {n}");
                Diagnostic::new(Code::T015, absent_table_message(k, template, Some(&how)))
            } else if let Some(n) = starts_in.filter(|&n| n > k.number()) {
                let how = format!("the text starts after it, inside table {n}");
                Diagnostic::new(Code::T015, absent_table_message(k, template, Some(&how)))
            } else {
                Diagnostic::new(Code::T001, absent_table_message(k, template, None))
            };
            diags.push(d.at(Location::table(k)));
            if cut.is_some() || after_heading {
                cut_in = Some(k.number());
                in_section = after_heading;
            }
        }
    }

    // Sections: heading and body trimmed from the bytes (`scan::trim_ws`, as `str::trim`).
    let trim_ws = crate::scan::trim_ws;
    // One section a heading: sized once instead of grown through four and eight.
    let mut sections = Vec::with_capacity(headings.len());
    // Headings and bodies come in reading order: each body's start is looked for forward from
    // its heading's segment rather than by a binary search of the whole map.
    let section_hint = crate::textmap::MapHint::default();
    for (i, h) in headings.iter().enumerate() {
        let next = headings.get(i + 1).map_or(end_all, |n| n.start).max(h.end);
        let (hs, he) = canon.map.map_range_hinted(&section_hint, h.start, h.end);
        let (bs, be) = canon.map.map_range_hinted(&section_hint, h.end, next);
        // A gloss after the heading's last character (`情(qíng)况(kuàng)`) is the heading's, as
        // the glosses inside it are: the canonical end maps to before it, and the body does
        // not start after it.
        let he = match st.get(he..).and_then(crate::normalise::any_gloss_len) {
            Some(g) if bs <= he + g => he + g,
            _ => he,
        };
        let bs = bs.max(he);
        let be = be.max(bs);
        let heading = trim_ws(st.get(hs..he).unwrap_or("")).to_string();
        let body_range = bs..be;
        let text = trim_ws(&prose_view(st, &canon, body_range, opts, &mut diags)).to_string();
        sections.push(Section {
            number: h.kind.number(),
            kind: h.kind,
            heading,
            text,
            span: stage_to_input(hs, be),
        });
    }
    if older {
        // The older format's headings that are none of the six: said, with the section their
        // text is kept in.
        for (s, e, i) in crate::segment::unplaced_headings(ctext, &headings, end_all) {
            let (Some(h), Some(sec)) = (headings.get(i), sections.get(i)) else {
                continue;
            };
            let (hs, he) = canon.map.map_range(s, e);
            let line = trim_ws(st.get(hs..he).unwrap_or(""));
            diags.push(
                Diagnostic::new(
                    Code::S004,
                    format!(
                        "`{line}` heads a section of the older format that is none of the template's six; its text is kept in section {} (`{}`)",
                        h.kind.number(),
                        sec.heading
                    ),
                )
                .with_span(Some(stage_to_input(hs, he)))
                .at(Location {
                    section: Some(h.kind.number()),
                    ..Default::default()
                }),
            );
        }
    }
    if !older {
        for k in SectionKind::ALL {
            if !headings.iter().any(|h| h.kind == k) {
                diags.push(
                    Diagnostic::new(
                        Code::S001,
                        format!("section {} ({}) not found", k.number(), k.heading()),
                    )
                    .at(Location {
                        section: Some(k.number()),
                        ..Default::default()
                    }),
                );
            }
        }
    }

    // Meta.
    let title = found
        .title
        // Given as the section text is (`Options::prose`): as written, or without the pinyin
        // glosses a mirror glues to its characters (`濟(jì)南市…`) and with its mojibake
        // repaired, or that converted to Simplified.
        .map(|(s, e)| {
            let (a, b) = canon.map.map_range(s, e);
            // The gloss of the title's last character (`报(bào)告(gào)`) is the title's, as
            // the glosses inside it are (the canonical end maps to before it).
            let b = b + st
                .get(b..)
                .and_then(crate::normalise::any_gloss_len)
                .unwrap_or(0);
            let t: String = prose_view(st, &canon, a..b, opts, &mut diags)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("");
            t
        })
        .or_else(|| {
            #[cfg(feature = "html")]
            if let Some(pt) = page_title {
                return Some(pt.title);
            }
            stage.html_title.clone()
        });
    let agency = found.agency.clone().map(|a| crate::t2s::label_str(&a));
    if found.title.is_none() && agency.is_none() {
        diags.push(Diagnostic::new(
            Code::S003,
            "no title line naming the agency and year was found",
        ));
    } else if agency.is_none() {
        diags.push(Diagnostic::new(
            Code::S003,
            "the title names no agency, and none was found on the line after it or in the signature",
        ));
    }
    if let (Some(y), Some((a, b))) = (found.year, found.period) {
        if a.0 != y && b.0 != y {
            diags.push(Diagnostic::new(
                Code::S005,
                format!(
                    "the statistics period {} – {} is not of the year {y} the report is for: one of the two is a slip, such as a period kept from the year before",
                    iso(a),
                    iso(b)
                ),
            ));
        }
    }
    let layout = if stage.html {
        Layout::Html
    } else if stage.grid && (t3.is_some() || t2.is_some()) {
        Layout::Grid
    } else if t3.is_some() || t2.is_some() {
        let (a, b) = (t2_from.min(t3_from), t3_to);
        layout_of(ctext, a, b)
    } else {
        Layout::None
    };
    let meta = Meta {
        title,
        agency,
        year: found.year,
        published: found.published.clone().or(stage.html_published.clone()),
        template,
        older_format: older,
        script: canon.script,
        encoding: encoding.to_string(),
        layout,
        period_start: found.period.map(|p| iso(p.0)),
        period_end: found.period.map(|p| iso(p.1)),
        repairs: canon.repairs,
    };
    Report {
        meta,
        sections,
        active_disclosure: t2,
        applications: t3,
        review_litigation: t4,
        diagnostics: diags,
    }
}

/// [`normalise`] out of line, the normaliser's body with it: where it was inlined into
/// [`parse_decoded`] (edits of either moved it in or out, [`detect_layout`] and
/// [`detect_template`] with it), the two compiled otherwise: the build that first had
/// [`oldish_words`]' finders inlined it there, and the Traditional bench reports cost 148.57 M
/// instructions a repetition against 147.36 M with it out of line. [`layout_of`] and
/// [`template_of`] keep the table searches out of line as [`find_headings`] and [`find_meta`]
/// are (each runs once a report), so that an edit of [`parse_decoded`] changes its own code.
#[inline(never)]
fn normalised(st: &str, keep_runs: bool) -> crate::normalise::Canon<'_> {
    normalise(st, keep_runs)
}

/// [`detect_layout`] out of line (see [`normalised`]).
#[inline(never)]
fn layout_of(text: &str, from: usize, to: usize) -> Layout {
    detect_layout(text, from, to)
}

/// How many of the marks of `template` ([`crate::template::MARKS_2019`],
/// [`crate::template::MARKS_2021`]) `text[from..to]` holds, each found as a label.
fn marks_present(text: &str, from: usize, to: usize, template: Template) -> usize {
    let marks = match template {
        Template::V2019 => crate::template::MARKS_2019,
        Template::V2021 => crate::template::MARKS_2021,
    };
    marks
        .iter()
        .filter(|m| find_label_sieved(text, from, to, m).is_some())
        .count()
}

/// [`detect_template`] out of line (see [`normalised`]).
#[inline(never)]
fn template_of(text: &str, from: usize, to: usize) -> Option<Template> {
    detect_template(text, from, to)
}

/// [`find_label`]: the first match of `label` in `text[from..to]`, its candidates (the
/// occurrences of its first character) read as [`find_label`] reads them, but one whose bytes
/// part from the label's at a character [`match_at`] cannot skip is passed over without the call.
///
/// A label searched for across a table meets many such candidates: `本年新收` is looked for from
/// table 2 on (where table 3's header is missing), where every row opens with `本年`, and the
/// template mark that a report does not print is looked for over all its tables. [`match_at`]
/// turned each of them down in some 270 instructions; here most cost a compare of a few bytes.
///
/// The test is exact where it passes a candidate over: the label holds none of the characters
/// the match skips (white space, U+3000), so the match reads the text and the label in step up
/// to their first differing byte, where the label's character is an ideograph (which the match
/// takes only as itself, [`crate::scan`]'s punctuation classes holding none) and the text's
/// character is not one it skips (its lead is not a space, tab, newline, `|` or `E3`, the lead
/// of U+3000): the match fails there.
pub(crate) fn find_label_sieved(
    text: &str,
    from: usize,
    to: usize,
    label: &str,
) -> Option<(usize, usize)> {
    find_label_sieved_in(text, from, to, label, None)
}

/// [`find_label_sieved`], its candidates found by `first` (a finder of the label's first
/// character, built once by a caller that searches for the same labels in every report) rather
/// than by a finder built at each call. The same candidates: `first` looks for the same bytes.
pub(crate) fn find_label_sieved_in(
    text: &str,
    from: usize,
    to: usize,
    label: &str,
    first: Option<&memmem::Finder<'_>>,
) -> Option<(usize, usize)> {
    let to = to.min(text.len());
    if label.is_empty() || from >= to || first_char_absent(text, label.as_bytes()) {
        return None;
    }
    // Whether the label holds none of the characters the match skips: told from its bytes
    // ([`crate::scan::has_skippable`]), and only at the first candidate, instead of by a `char`
    // search of the label at every call (the mark searches of
    // [`crate::tables::detect_template`] that meet no candidate at all are many).
    let mut sieve: Option<bool> = None;
    let tb = text.as_bytes();
    let built;
    let finder = match first {
        // The finder given looks for the label's first character: not decoded again.
        Some(f) => f,
        None => {
            let first_char = label.chars().next()?;
            built = memmem::Finder::new(label.as_bytes().get(..first_char.len_utf8())?);
            &built
        }
    };
    debug_assert!(label
        .chars()
        .next()
        .is_some_and(|c| label.as_bytes().get(..c.len_utf8()) == Some(finder.needle())));
    let hay = tb.get(from..to)?;
    for off in finder.find_iter(hay) {
        let start = from + off;
        let sieve = *sieve.get_or_insert_with(|| !crate::scan::has_skippable(label));
        if sieve && parts_at_ideograph(tb.get(start..to).unwrap_or_default(), label) {
            continue;
        }
        if let Some(end) = match_at(text, start, label, to) {
            return Some((start, end));
        }
    }
    None
}

/// True when `hay` (the text from a candidate to the search's end) and `label` differ at a byte
/// before either ends, the label's character holding that byte being an ideograph and the
/// text's character there not opening with a byte of a character that [`match_at`] skips.
#[inline]
pub(crate) fn parts_at_ideograph(hay: &[u8], label: &str) -> bool {
    let lb = label.as_bytes();
    let Some(j) = hay.iter().zip(lb).position(|(a, b)| a != b) else {
        return false;
    };
    let mut k = j;
    while !label.is_char_boundary(k) {
        k -= 1;
    }
    let ideograph = label
        .get(k..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    ideograph && !matches!(hay.get(k), Some(b' ' | b'\t' | b'\n' | b'|' | 0xE3) | None)
}

/// Table 3's header label, looked for from table 2 on.
const T3_HEAD: &str = "本列数据的勾稽关系";

/// [`find_label_sieved`] of [`T3_HEAD`], its candidates found from the label's `稽` rather than
/// from its `本`, which opens most rows of table 2 ([`find_label_anchored`]).
#[inline(never)]
fn find_t3_head(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    static JI: std::sync::OnceLock<memmem::Finder<'static>> = std::sync::OnceLock::new();
    let ji = JI.built_once(|| memmem::Finder::new("稽"));
    find_label_anchored(text, from, to, T3_HEAD, "本列数据的勾".len(), ji)
}

/// Whether a match of a label whose characters before its anchor are `head` may pass `c` before
/// it reaches the anchor: a character [`match_at`] takes as one of `head`'s, one it skips
/// between characters (white space), or one of a page marker's line (white space, ASCII
/// digits, dashes, `第`, `页`, `共`, a comma, a slash, the letters of `Page … of`;
/// [`crate::scan::page_marker_len`]).
#[inline]
fn passable(c: char, head: &str) -> bool {
    c.is_whitespace()
        || c.is_ascii_digit()
        || matches!(
            c,
            '-' | '—' | '–' | '－' | '第' | '页' | '共' | '，' | ',' | '/' | '|'
        )
        || matches!(c.to_ascii_lowercase(), 'p' | 'a' | 'g' | 'e' | 'o' | 'f')
        || head.chars().any(|h| crate::scan::same(c, h))
}

/// Whether the character at byte `at` of `label` can anchor [`find_label_anchored`]: a
/// character that only itself matches ([`crate::scan::same`]) and that a match cannot pass
/// before it ([`passable`]), not the first one.
fn anchors(label: &str, at: usize) -> bool {
    let (Some(head), Some(c)) = (
        label.get(..at),
        label.get(at..).and_then(|r| r.chars().next()),
    ) else {
        return false;
    };
    // `same` takes a character of one of its classes as that class's first member.
    let classed = ['.', '“', '\'', ':']
        .iter()
        .any(|&r| crate::scan::same(c, r));
    !head.is_empty() && !passable(c, head) && !classed
}

/// [`find_label`]'s first match of `label` in `text[from..to]`, its candidates found from the
/// label's character at byte `at` (the anchor, found by `anchor`, a finder of it) instead of its
/// first character, where the first character is common and the anchor rare.
///
/// A match passes only [`passable`] characters before it takes the anchor (the label's head,
/// white space, page markers), and no anchor among them: so the anchor a match from `s` takes is
/// the first one after `s`, and every character from `s` to it is passable. So the anchors are
/// taken in order; for each, the candidates are the occurrences of the label's first character
/// after the previous anchor within the run of passable characters that ends at it, tried in
/// order by [`match_at`]. Each candidate the tolerant search would find is tried, in order.
/// With the `html` feature a match also passes another column's fragments at the start of a
/// line inside a wrapped label, which may hold any character: the run goes on past them
/// ([`passable_run`]).
fn find_label_anchored(
    text: &str,
    from: usize,
    to: usize,
    label: &str,
    at: usize,
    anchor: &memmem::Finder<'_>,
) -> Option<(usize, usize)> {
    debug_assert!(anchors(label, at));
    debug_assert!(label
        .get(at..)
        .is_some_and(|r| r.as_bytes().starts_with(anchor.needle())));
    let to = to.min(text.len());
    let first_char = label.chars().next()?;
    if from >= to || first_char_absent(text, label.as_bytes()) {
        return None;
    }
    let (tb, head) = (text.as_bytes(), label.get(..at)?);
    let first = label.as_bytes().get(..first_char.len_utf8())?;
    // Candidates start at a character's start, from `from` on.
    let mut lo = from;
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    for off in anchor.find_iter(tb.get(from..to)?) {
        let q = from + off;
        #[cfg(not(feature = "html"))]
        let mut run = q;
        #[cfg(not(feature = "html"))]
        for (i, c) in text.get(lo..q).unwrap_or_default().char_indices().rev() {
            if !passable(c, head) {
                break;
            }
            run = lo + i;
        }
        #[cfg(feature = "html")]
        let run = passable_run(text, lo, q, head);
        for s in run..q {
            if tb.get(s..q).is_some_and(|r| r.starts_with(first)) {
                if let Some(end) = match_at(text, s, label, to) {
                    return Some((s, end));
                }
            }
        }
        lo = q + anchor.needle().len();
    }
    None
}

/// Where the run of characters a match can pass before the anchor at `q` starts (from `lo` on):
/// [`passable`] characters, and, with the `html` feature, another column's fragments at the start
/// of a line (up to eight lines), which the tolerant search passes inside a wrapped label
/// ([`crate::scan`]'s `other_column_lines`): at a character that is not passable, the walk goes
/// on from the start of its line.
#[cfg(feature = "html")]
fn passable_run(text: &str, lo: usize, q: usize, head: &str) -> usize {
    let mut run = q;
    let mut end = q;
    for _ in 0..8 {
        let seg = text.get(lo..end).unwrap_or_default();
        let mut stop = None;
        for (i, c) in seg.char_indices().rev() {
            if !passable(c, head) {
                stop = Some(i);
                break;
            }
            run = lo + i;
        }
        let Some(nl) = stop.and_then(|i| seg.get(..i)).and_then(|s| s.rfind('\n')) else {
            break;
        };
        // Only where a label's line can end above (one of the three lines before, blank lines
        // and page markers passed over, ends with a character of the label's head): the
        // fragments a match passes lie between two of its lines, at most two lines and a
        // line's start.
        let mut above = seg.get(..nl).unwrap_or_default();
        let mut wrapped = false;
        let mut lines = 0;
        while lines < 3 && !above.is_empty() {
            let start = above.rfind('\n').map_or(0, |n| n + 1);
            let line = above.get(start..).unwrap_or_default();
            let body = line.trim_end();
            if !body.is_empty() && crate::scan::page_marker_len(line).is_none() {
                if body
                    .chars()
                    .next_back()
                    .is_some_and(|c| head.chars().any(|h| crate::scan::same(c, h)))
                {
                    wrapped = true;
                    break;
                }
                lines += 1;
            }
            above = above.get(..start.saturating_sub(1)).unwrap_or_default();
        }
        if !wrapped {
            break;
        }
        end = lo + nl + 1;
    }
    run
}

/// Words of the tables of the pre-2019 format (2008 条例) that the national tables lack.
const OLDISH_WORDS: [&str; 5] = ["统计表", "指标名称", "计量单位", "历年累计", "概述"];

/// Whether `text` holds at least two of [`OLDISH_WORDS`] (the pre-2019 format, when the
/// template cannot be told): the count stops once it is settled, at the second word found or
/// the fourth missed, instead of looking for all five (a report in another script prints none:
/// one search of its text saved).
///
/// Three of the words hold `计` and the other two (`指标名称`, `概述`) do not: a text without `计`
/// holds two of the words only if it holds both of those. So `计` is looked for first, and a text
/// without it (a report in another script) is settled by two searches instead of four.
///
/// Each word is looked for by a `memmem` finder built once ([`oldish_finders`]) rather than by
/// `str::contains`, which sets up its searcher for every text. Out of line: it runs only where
/// the template cannot be told, and inlined it moved what `parse_decoded` inlines.
#[inline(never)]
fn oldish_words(text: &str) -> bool {
    let (ji, words) = oldish_finders();
    let hay = text.as_bytes();
    let holds = |k: usize| {
        OLDISH_WORDS
            .get(k)
            .is_some_and(|w| !crate::scan::word_absent(text, w))
            && words.get(k).is_some_and(|f| f.find(hay).is_some())
    };
    if crate::scan::word_absent(text, "计") || ji.find(hay).is_none() {
        return holds(OLDISH_GAI) && holds(OLDISH_ZHI);
    }
    let (mut found, mut missed) = (0usize, 0usize);
    for k in 0..OLDISH_WORDS.len() {
        if holds(k) {
            found += 1;
            if found == 2 {
                return true;
            }
        } else {
            missed += 1;
            // The words left cannot bring the count to two.
            if missed > OLDISH_WORDS.len() - 2 {
                return false;
            }
        }
    }
    false
}

/// Where `概述` is in [`OLDISH_WORDS`] (one of the two words without `计`).
const OLDISH_GAI: usize = 4;
/// Where `指标名称` is in [`OLDISH_WORDS`] (the other word without `计`).
const OLDISH_ZHI: usize = 1;

/// The finders of `计` and of each of [`OLDISH_WORDS`], built once.
fn oldish_finders() -> &'static (memmem::Finder<'static>, [memmem::Finder<'static>; 5]) {
    static F: std::sync::OnceLock<(memmem::Finder<'static>, [memmem::Finder<'static>; 5])> =
        std::sync::OnceLock::new();
    F.built_once(|| {
        (
            memmem::Finder::new("计"),
            OLDISH_WORDS.map(memmem::Finder::new),
        )
    })
}

/// [`oldish_words`] as first written, counting every word: the reference it is tested against.
#[cfg(test)]
fn oldish_words_reference(text: &str) -> bool {
    OLDISH_WORDS.iter().filter(|w| text.contains(**w)).count() >= 2
}

/// The source's text in `range` as [`Options::prose`] asks: as written, cleaned, or cleaned and
/// converted to Simplified.
fn prose_view<'a>(
    st: &'a str,
    canon: &crate::normalise::Canon,
    range: std::ops::Range<usize>,
    opts: &Options,
    diags: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    match opts.prose {
        Prose::AsWritten => Cow::Borrowed(st.get(range).unwrap_or("")),
        Prose::Clean => Cow::Owned(clean_range(st, canon, range)),
        Prose::Simplified => Cow::Owned(convert(&clean_range(st, canon, range), opts, diags)),
    }
}

fn convert(text: &str, opts: &Options, diags: &mut Vec<Diagnostic>) -> String {
    match crate::t2s::converter(opts.converter) {
        Some(c) => c.convert(text),
        None => {
            if !diags.iter().any(|d| d.code == Code::N005) {
                diags.push(Diagnostic::new(
                    Code::N005,
                    "no narrative converter is compiled in (features `t2s`, `opencc`): prose converted character by character with the built-in table",
                ));
            }
            crate::t2s::label_str(text)
        }
    }
}

/// T001's message: `table N (title) is absent`, then the rows of the table whose values are
/// missing with it, by their canonical paths, so that a search of the diagnostics for a row
/// finds it. The rows are the template's, every row but the group labels, which hold no
/// values; with no template told, the rows of either template: the 2021 one's, then those only
/// the 2019 one has (`of either template` then says so), since the report could be of either.
///
/// With `cut`, how the text ends without the table's rows ([`AFTER_HEADER`], or before the
/// table): the message says so and that the page looks cut off (T015's) instead.
fn absent_table_message(
    k: crate::model::TableKind,
    template: Option<Template>,
    cut: Option<&str>,
) -> String {
    use crate::model::TableKind;
    use crate::template::RowRole;
    let rows_of = |t: Template| -> Vec<&'static str> {
        match k {
            TableKind::ActiveDisclosure => crate::template::table2(t)
                .iter()
                .flat_map(|b| b.rows)
                .filter(|r| r.role == RowRole::Data)
                .map(|r| r.path)
                .collect(),
            TableKind::Applications => crate::template::table3(t)
                .iter()
                .filter(|r| r.role == RowRole::Data)
                .map(|r| r.path)
                .collect(),
            TableKind::ReviewLitigation => crate::template::T4_ROWS.to_vec(),
        }
    };
    let (rows, either) = match template {
        Some(t) => (rows_of(t), false),
        None => {
            let mut rows = rows_of(Template::V2021);
            let only_2019: Vec<&str> = rows_of(Template::V2019)
                .into_iter()
                .filter(|r| !rows.contains(r))
                .collect();
            let either = !only_2019.is_empty();
            rows.extend(only_2019);
            (rows, either)
        }
    };
    let (head, tail) = match cut {
        Some(how) => (format!(": {how};"), ": the page looks cut off"),
        None => (" is absent:".to_string(), ""),
    };
    format!(
        "table {} ({}){head} none of its {} rows{} was read ({}){tail}",
        k.number(),
        k.title(),
        rows.len(),
        if either { " of either template" } else { "" },
        rows.join(", ")
    )
}

/// How a text cut off inside a table's header ends ([`absent_table_message`]).
const AFTER_HEADER: &str = "the text ends inside the table, after its header";

/// How the text ends without a table whose section's heading it ends just after.
const AFTER_HEADING: &str = "the text ends just after its section's heading";

/// The words of each table's header (tables 2, 3, 4), the last of which a page cut off inside
/// the header ends shortly after.
const HEADER_WORDS: [&[&str]; 3] = [
    &["信息内容", "本年制发件数", "本年新制作数量", "第二十条"],
    &[
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "本列数据的勾稽关系",
    ],
    &["结果维持", "未经复议直接起诉", "尚未审结"],
];

/// Where the header of table `k` starts, when the text ends inside it: the table's region
/// `text[from..to]` reaches the end of the report's text (`end`) and holds a word of the
/// header ([`HEADER_WORDS`]) after whose last one at most a fragment of a row is left
/// ([`crate::tables::more_than_a_fragment`], the test of a table cut after a row).
fn cut_in_header(
    text: &str,
    k: crate::model::TableKind,
    from: usize,
    to: usize,
    end: usize,
) -> Option<usize> {
    if to < end {
        return None;
    }
    let words = HEADER_WORDS.get(usize::from(k.number()).checked_sub(2)?)?;
    let region = text.get(from..to)?;
    let first = words.iter().filter_map(|w| region.find(w)).min()?;
    // The end of the last header word: each word's occurrences found forwards.
    let mut last_end = first;
    for w in words.iter() {
        let mut at = first;
        while let Some(i) = region.get(at..).and_then(|r| r.find(w)) {
            at += i + w.len();
            last_end = last_end.max(at);
        }
    }
    let tail = region.get(last_end..)?;
    (!crate::tables::more_than_a_fragment(tail)).then_some(from + first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The anchored search of table 3's header note finds it where the tolerant search does
    /// when the note wraps in its cell beside another column's fragments (a page printed on a
    /// narrow sheet): the fragments hold characters no match passes otherwise.
    #[cfg(feature = "html")]
    #[test]
    fn the_anchored_search_passes_another_columns_fragments() {
        for t in [
            "x  （本列数据的\n申请 勾稽关系为：\n",
            "总体  （本列数据的\n申请人  勾稽关系为：\n",
            "      （本列数据的勾\n申请人\n       稽关系为：\n",
            "数据，本列数据的\n。 勾稽关系\n",
        ] {
            let want = crate::scan::find_label(t, 0, t.len(), T3_HEAD);
            assert!(want.is_some(), "{t}");
            assert_eq!(find_t3_head(t, 0, t.len()), want, "{t}");
        }
    }

    /// T001's message names the table and every row of it that holds values.
    #[test]
    fn an_absent_table_message_names_the_table_and_its_rows() {
        use crate::model::TableKind;
        assert_eq!(
            absent_table_message(TableKind::ReviewLitigation, None, None),
            "table 4 (政府信息公开行政复议、行政诉讼情况) is absent: none of its 3 rows was read \
             (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉)"
        );
        let t2 = absent_table_message(TableKind::ActiveDisclosure, Some(Template::V2019), None);
        assert!(
            t2.starts_with("table 2 (主动公开政府信息情况) is absent: none of its 8 rows was read (第二十条第（一）项/规章, "),
            "{t2}"
        );
        assert!(t2.ends_with(", 第二十条第（九）项/政府集中采购)"), "{t2}");
        for (t, n, last) in [
            (Template::V2019, 23, "四、结转下年度继续办理"),
            (Template::V2021, 25, "四、结转下年度继续办理"),
        ] {
            let m = absent_table_message(TableKind::Applications, Some(t), None);
            assert!(m.contains(&format!("none of its {n} rows was read")), "{m}");
            // Group labels hold no values and are not named.
            assert!(!m.contains("（三）不予公开, "), "{m}");
            assert!(
                m.contains("三、本年度办理结果/（三）不予公开/1.属于国家秘密"),
                "{m}"
            );
            assert!(m.ends_with(&format!("{last})")), "{m}");
        }
        // No template told: the rows of either, the 2021 one's first, each once. Table 3's
        // 2019 rows are all among the 2021 one's but its one row `（六）其他处理` (in the 2021
        // template a group, printed as a row by some); table 2's are not (政府集中采购, …).
        let either = absent_table_message(TableKind::Applications, None, None);
        assert!(
            either.contains("none of its 26 rows of either template was read")
                && either.ends_with(", 四、结转下年度继续办理, 三、本年度办理结果/（六）其他处理)"),
            "{either}"
        );
        // Cut off after its header: the same rows, said so.
        let cut = absent_table_message(
            TableKind::Applications,
            Some(Template::V2021),
            Some(AFTER_HEADER),
        );
        assert!(
            cut.starts_with(
                "table 3 (收到和处理政府信息公开申请情况): the text ends inside the table, after its header; none of its 25 rows was read ("
            ) && cut.ends_with("四、结转下年度继续办理): the page looks cut off"),
            "{cut}"
        );
        let list = |m: &str| -> Vec<String> {
            let open = m.find(" was read (").unwrap() + " was read (".len();
            m[open..m.len() - 1]
                .split(", ")
                .map(str::to_string)
                .collect()
        };
        let t2021 = absent_table_message(TableKind::ActiveDisclosure, Some(Template::V2021), None);
        let t2019 = absent_table_message(TableKind::ActiveDisclosure, Some(Template::V2019), None);
        let m = absent_table_message(TableKind::ActiveDisclosure, None, None);
        let (l21, l19, l) = (list(&t2021), list(&t2019), list(&m));
        assert!(
            m.contains(&format!(
                "none of its {} rows of either template was read",
                l.len()
            )),
            "{m}"
        );
        assert_eq!(&l[..l21.len()], &l21[..]);
        assert!(l19.iter().all(|r| l.contains(r)), "{m}");
        assert!(
            l.contains(&"第二十条第（九）项/政府集中采购".to_string()),
            "{m}"
        );
        let mut dedup = l.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), l.len(), "{m}");
        // Table 4 is the same in both: no `of either template`.
        assert!(!absent_table_message(TableKind::ReviewLitigation, None, None).contains("either"));
    }

    /// The normaliser's diagnostics are the report's, each as the normaliser wrote it, in its
    /// order, its span mapped to the input (text given as text: the same offsets), now that they
    /// are moved out of the canonical text's record rather than cloned: a Traditional text with
    /// glosses and a mojibake run, and two copies of it (so, more than one of each).
    #[test]
    fn the_normalisation_diagnostics_are_the_reports() {
        let one = "2019年以來,在市委的堅強領(lǐng)導下,市醫(yī)保局緊緊圍繞工作部署。\n\
                   一、總體情況\n(一)主動公開情況。今年以來,我局共發(fā)布信息220條。\n\
                   鍙戝竷鏃堕棿\n";
        for text in [one.to_string(), one.repeat(2)] {
            let canon = normalise(&text, true);
            let want: Vec<(Code, String, Option<Span>)> = canon
                .diagnostics
                .iter()
                .map(|d| (d.code, d.message.clone(), d.span))
                .collect();
            assert!(want.len() >= 2, "{want:?}");
            let report = crate::parse_with(&text, &Options::default());
            let got: Vec<(Code, String, Option<Span>)> = report
                .diagnostics
                .iter()
                .filter(|d| want.iter().any(|w| w.0 == d.code))
                .map(|d| (d.code, d.message.clone(), d.span))
                .collect();
            assert_eq!(got, want);
        }
    }

    /// [`parse_bytes_with`] as first written (the diagnostics put first always copied in front
    /// of the report's): the reference it is tested against.
    fn parse_bytes_with_reference(input: &[u8], opts: &Options) -> Report {
        parse_bytes_by::<true>(input, opts)
    }

    /// [`parse_str_with`] as first written: the reference it is tested against.
    fn parse_str_with_reference(input: &str, opts: &Options) -> Report {
        parse_str_by::<true>(input, opts)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The report's diagnostics kept as they are when nothing goes first: the same report as
        /// the list always rebuilt, for text and for bytes (invalid UTF-8 and a GBK lead byte
        /// among them, so decoding adds diagnostics of its own), cut or not.
        #[test]
        fn the_diagnostics_kept_in_place_are_those_rebuilt(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(&b"\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5\n"[..]),
                    Just(&b"| \xe6\x9c\xac\xe5\xb9\xb4\xe6\x96\xb0\xe6\x94\xb6 | 1 | 2 | 3 |\n"[..]),
                    Just(&b"\xff\xfe"[..]),
                    Just(&b"\xb1\xbe"[..]),
                    Just(&b"12 "[..]),
                    Just(&b"\n"[..]),
                    Just(&b"\xc3\xa9"[..]),
                ],
                0..24,
            ),
            limit in prop_oneof![0usize..200, Just(usize::MAX)],
        ) {
            let bytes: Vec<u8> = parts.concat();
            let opts = Options::default().with_max_input_bytes(limit);
            prop_assert_eq!(parse_bytes_with(&bytes, &opts), parse_bytes_with_reference(&bytes, &opts));
            let text = String::from_utf8_lossy(&bytes);
            prop_assert_eq!(parse_str_with(&text, &opts), parse_str_with_reference(&text, &opts));
        }
    }

    /// What the text between and around a label's characters may hold: what the match skips
    /// (white space, U+3000, a page marker after a newline), what it does not (`、`, which
    /// shares U+3000's lead byte `E3`, `\r`, punctuation of the classes the match takes as
    /// one, a quote, an ideograph the labels hold, ASCII).
    const SEPARATORS: &[&str] = &[
        " ",
        "\n",
        "\t",
        "\u{3000}",
        "、",
        "\n- 5 -\n",
        "\r",
        "，",
        ",",
        "年",
        "本",
        ".",
        "。",
        "“",
        "x1",
    ];

    /// Labels of ideographs (sharing their first two or three characters), with a space inside,
    /// with punctuation (in and out of a class), of one character.
    const LABELS: &[&str] = &[
        "本列数据的勾稽关系",
        "本年新收",
        "本年新制作数量",
        "本 年",
        "第二十条第(九)项",
        "数据，本",
        "本年.新收",
        "本",
    ];

    /// Labels and the head before their anchor ([`find_label_anchored`]).
    const ANCHORED: &[(&str, &str)] = &[
        ("本列数据的勾稽关系", "本列数据的勾"),
        ("本列数据的勾稽关系", "本"),
        ("本年新收", "本年新"),
        ("本年新制作数量", "本年"),
        ("第二十条第(九)项", "第二十条第(九)"),
        ("数据，本", "数"),
        ("本 年", "本 "),
    ];

    /// Separators for the anchored search: its anchors alone, runs of the first character,
    /// digits, page markers and what they hold, a line break before a marker cut short.
    const ANCHOR_SEPARATORS: &[&str] = &[
        "稽",
        "本本",
        "本年",
        "勾",
        "12",
        "\n第 3 页\n",
        "\nPage 3 of 8\n",
        "\npage 3",
        "\n第3页",
        "第",
        "页",
        "\n-",
        "\n— 12 —\n",
        "收",
        "年",
        "项",
        "\u{2003}",
    ];

    /// A piece of text made of `label`: `kind` 0, its first `n` characters; 1, the label with
    /// `sep` after its `n`th character; 2, its `n`th character alone; 3, `sep` alone; 4, the
    /// label with its `n`th character replaced by `sep`.
    fn piece(label: &str, kind: usize, n: usize, sep: &str) -> String {
        let chars: Vec<char> = label.chars().collect();
        let n = n % (chars.len() + 1);
        match kind {
            0 => chars.iter().take(n).collect(),
            1 => {
                let mut t: String = chars.iter().take(n).collect();
                t.push_str(sep);
                t.extend(chars.iter().skip(n));
                t
            }
            2 => chars.get(n).map(|c| c.to_string()).unwrap_or_default(),
            3 => sep.to_string(),
            _ => {
                let mut t: String = chars.iter().take(n).collect();
                t.push_str(sep);
                t.extend(chars.iter().skip(n + 1));
                t
            }
        }
    }

    proptest! {
        // Cheap cases, and the edges (a separator at one place of one label) are narrow.
        #![proptest_config(ProptestConfig::with_cases(8192))]

        /// The sieved search finds what the tolerant search finds, its finder built at the call
        /// or given, on texts of pieces of the label (whole, cut, with something inside, a
        /// character replaced) and separators, the range cut anywhere (inside characters too).
        #[test]
        fn the_sieved_search_finds_what_the_tolerant_search_finds(
            label in 0usize..LABELS.len(),
            picks in prop::collection::vec((0usize..5, 0usize..12, 0usize..SEPARATORS.len()), 1..8),
            from in prop_oneof![Just(0usize), 0usize..24],
            cut in prop_oneof![Just(0usize), 0usize..24],
        ) {
            let label = LABELS.get(label).copied().unwrap_or("本");
            let t: String = picks
                .iter()
                .map(|&(kind, n, sep)| {
                    piece(label, kind, n, SEPARATORS.get(sep).copied().unwrap_or(" "))
                })
                .collect();
            let from = from.min(t.len());
            let to = t.len().saturating_sub(cut);
            let want = crate::scan::find_label(&t, from, to, label);
            prop_assert_eq!(find_label_sieved(&t, from, to, label), want);
            // And so with the finder of the label's first character given, as built once.
            let first = label.chars().next().map_or(0, char::len_utf8);
            let finder = memmem::Finder::new(label.as_bytes().get(..first).unwrap_or_default());
            prop_assert_eq!(find_label_sieved_in(&t, from, to, label, Some(&finder)), want);
        }

        /// The search from an anchor finds what the tolerant search finds, on texts of pieces of
        /// the label (whole, cut, with something inside, a character replaced) and separators,
        /// among them the anchor alone, runs of the first character, digits, page markers (`第`
        /// and `页` too) and a line break before a cut marker, the range cut anywhere.
        #[test]
        fn the_anchored_search_finds_what_the_tolerant_search_finds(
            label in 0usize..ANCHORED.len(),
            picks in prop::collection::vec((0usize..5, 0usize..12, 0usize..SEPARATORS.len() + ANCHOR_SEPARATORS.len()), 1..10),
            from in prop_oneof![Just(0usize), 0usize..24],
            cut in prop_oneof![Just(0usize), 0usize..24],
        ) {
            let (label, anchor) = ANCHORED.get(label).copied().unwrap_or(("本列数据的勾稽关系", "本列数据的勾"));
            let at = anchor.len();
            prop_assert!(anchors(label, at));
            let t: String = picks
                .iter()
                .map(|&(kind, n, sep)| {
                    let sep = SEPARATORS
                        .get(sep)
                        .or_else(|| ANCHOR_SEPARATORS.get(sep - SEPARATORS.len()))
                        .copied()
                        .unwrap_or(" ");
                    piece(label, kind, n, sep)
                })
                .collect();
            let from = from.min(t.len());
            let to = t.len().saturating_sub(cut);
            let want = crate::scan::find_label(&t, from, to, label);
            let c = label.get(at..).and_then(|r| r.chars().next()).unwrap_or('稽');
            let mut buf = [0u8; 4];
            let finder = memmem::Finder::new(c.encode_utf8(&mut buf).as_bytes());
            prop_assert_eq!(find_label_anchored(&t, from, to, label, at, &finder), want);
            if label == T3_HEAD {
                prop_assert_eq!(find_t3_head(&t, from, to), want);
            }
        }

        /// The count stopped once settled tells what the count of every word tells, on texts of
        /// the words whole, cut short (a character, or a byte inside one, dropped) and repeated,
        /// their traditional forms, a lone `计` or `概`, a separator and nothing at all.
        #[test]
        fn the_oldish_words_counted_until_settled_are_the_words_all_counted(
            picks in prop::collection::vec((0usize..OLDISH_WORDS.len() + 6, 0usize..4), 0..10),
        ) {
            let t = oldish_text(&picks);
            prop_assert_eq!(oldish_words(&t), oldish_words_reference(&t));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// After a megabyte of digits (which hold no part of a word) the text is indexed: the
        /// words with a character it lacks are not looked for, and the answer is the same.
        #[test]
        fn an_indexed_texts_oldish_words_are_those_counted_without_the_index(
            picks in prop::collection::vec((0usize..OLDISH_WORDS.len() + 6, 0usize..4), 0..10),
        ) {
            let t = oldish_text(&picks);
            let long = format!("{}{t}", "0".repeat(crate::scan::INDEX_MIN));
            let _index = crate::scan::CharIndex::install(&long);
            prop_assert_eq!(oldish_words(&long), oldish_words_reference(&t));
        }
    }

    /// A text of [`OLDISH_WORDS`] and others picked by `(word, how)`: whole, or cut short.
    fn oldish_text(picks: &[(usize, usize)]) -> String {
        let others = ["統計表", "指標名稱", "計量單位", " ", "计", "概"];
        picks
            .iter()
            .map(|&(w, how)| {
                let word = OLDISH_WORDS
                    .get(w)
                    .or_else(|| others.get(w.saturating_sub(OLDISH_WORDS.len())))
                    .copied()
                    .unwrap_or("");
                let b = word.as_bytes();
                match how {
                    0 | 1 => word.to_string(),
                    // The word cut before its last character, or inside it.
                    2 => word
                        .get(..word.len().saturating_sub(3))
                        .unwrap_or("")
                        .to_string(),
                    _ => String::from_utf8_lossy(
                        b.get(..b.len().saturating_sub(1)).unwrap_or_default(),
                    )
                    .into_owned(),
                }
            })
            .collect()
    }
}
