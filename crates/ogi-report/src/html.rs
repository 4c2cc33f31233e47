//! HTML pages and fragments → a pipe-row text plus an offset map.
//!
//! A saved report page is mostly site chrome (menus, search forms, breadcrumbs, share widgets,
//! footers, inline scripts) around a Word-exported article whose tables carry the data. The text
//! parser already reads "pipe rows" (`| 行政许可 | 396 | 0 | 181 |`), so this module turns HTML
//! into exactly that: paragraphs and headings on their own lines, one line per `<tr>`, and an
//! [`OffsetMap`] from every output byte back to the input, so spans still point into the page.
//!
//! # Why html5gum, and why a tiny tree
//!
//! The tokenizer is `html5gum` (WHATWG-conformant, 0.9) rather than `lol_html`: the default
//! `.wasm` has a 400 KB gzip budget of which the rest of the crate takes about 200 KB, and
//! lol_html alone is about 222 KB gzip against html5gum's 59 KB. lol_html is three to four times
//! faster, but report pages are a few hundred KB, so both finish in milliseconds (measured on
//! the three Pingtan pages, release, on a loaded 2-core machine: 32–34 MB/s end to end, of
//! which the tokenizer alone is 42–48 MB/s; the tree and rendering cost the rest). html5gum's
//! `CallbackEmitter` reports byte spans for text and tags, which is all the map needs.
//!
//! Entities are *not* taken from html5gum's decoded strings: a decoded string loses the
//! correspondence between each character and its source bytes (`&nbsp;0` → `\u{a0}0`, with one
//! span for both). Instead each text token's raw source slice is re-scanned here: runs of plain
//! text become *copy* segments, each entity a *replace* segment, so the output offset of `0`
//! maps to the exact input offset of `0`. The entity table is the few dozen names seen in
//! reports; unknown names stay as written (they are visible in the output and harmless).
//!
//! Tokens are assembled into a small arena tree (first-child/next-sibling, no per-node
//! allocation) with the handful of implied-end-tag rules that matter for rendering: a new
//! `<td>`/`<tr>` closes the open one, block starts close an open `<p>`, `<li>` closes `<li>`, an
//! end tag never closes past a table boundary, and nesting is capped at [`MAX_DEPTH`] so hostile
//! input cannot make rendering recurse without bound. A tree (rather than pure streaming) lets
//! two decisions look ahead: whether an element that *looks* like chrome is safe to drop (it
//! holds no table and less than a third of the page's text), and whether a table is a *layout*
//! table (a cell holds another table or a whole article), which is rendered as ordinary blocks
//! so that a page wrapped in `<table><tr><td>` does not become one giant pipe row.
//!
//! # Output rules
//!
//! - Block elements break lines; runs of breaks collapse to one newline (no blank lines).
//!   Inline whitespace (ASCII, NBSP, `&nbsp;`, `&emsp;`…) collapses to one space.
//! - Inside a cell, breaks become spaces: `本年新<br>制作数量` → `本年新 制作数量`. A cell whose
//!   content is only whitespace or `&nbsp;` is empty (`| |`), never `0`. A literal `|` in a cell
//!   becomes `｜` so it cannot split the row.
//! - Each `<tr>` is one line `| a | b |`. A rowspan cell appears in the first row it covers
//!   only and a colspan cell appears once, as a text dump would; the resolved grid (row, column,
//!   spans, output range of the text) is returned in [`Linearized::tables`] for callers that
//!   want real columns (046's table 3 needs them: its header spans disagree with its data rows).
//! - Ruby annotations are dropped, the base text kept: `<ruby>領<rp>(</rp><rt>lǐng</rt><rp>)</rp>
//!   </ruby>` → `領` (pages that print pinyin above the characters; without `<rp>` a text dump
//!   would glue the pinyin to the character, `領lǐng`, where no gloss rule can tell it).
//! - script/style/noscript/template/head/iframe/textarea/title content is dropped; comments
//!   (including Word's `<!--[if !supportLists]-->`) vanish with the tokenizer; `<o:p>` is an
//!   unknown inline element and so invisible.
//! - Synthetic characters (`|`, spaces, newlines) map to a zero-width source position; an empty
//!   cell's position is its `<td>` tag.
//!
//! # HTML inside JavaScript
//!
//! Some sites ship the article as `var content = "<p>…<\/p>";`. A `<script>` whose string
//! literals hold markup (`<p`, `<table`, `<\/`…, in a literal of at least [`MIN_JS_LITERAL`]
//! bytes) has those literals unescaped (`\"`, `\/`, `\n`, `\uXXXX`, …) into an inner document,
//! with a piece list from inner offsets to input offsets; the inner document is parsed and
//! rendered in place of the script, and the writer translates every inner range through the
//! pieces, so the map still lands in the original page. This is done one level deep only.
//!
//! # Pitfalls
//!
//! - The map must be monotone: everything is emitted in document order (rowspan cells are not
//!   repeated), and the writer refuses to move its source cursor backwards.
//! - Do not trust spans blindly: every slice goes through `str::get`, so a surprising span
//!   drops a piece of text rather than panicking.
//! - Grid resolution is bounded ([`MAX_COLS`], spans clamped) so `rowspan=65534` on every row of
//!   a 50 MB table costs linear time.

// Items are used by the parsing pipeline when the input is recognised as HTML.
#![cfg_attr(not(test), allow(dead_code))]

use std::convert::Infallible;
use std::ops::Range;

#[cfg(test)]
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
#[cfg(test)]
use html5gum::Span;
use html5gum::{naive_next_state, Emitter, Reader, State, Tokenizer};

use crate::textmap::OffsetMap;

/// Deepest element nesting kept in the tree; deeper elements become transparent.
const MAX_DEPTH: usize = 160;
/// Columns tracked when resolving rowspans (report tables have fewer than 20).
const MAX_COLS: usize = 128;
/// Largest rowspan/colspan honoured.
const MAX_SPAN: u16 = 1000;
/// A cell with more text bytes than this marks its table as a layout table.
const LAYOUT_CELL_TEXT: usize = 3000;
/// Shortest JavaScript string literal considered as a carrier of page markup.
const MIN_JS_LITERAL: usize = 64;
/// Bytes of input inspected by [`looks_like_html`].
const SNIFF_BYTES: usize = 64 * 1024;

/// The text rendering of an HTML input, with its map back to the input.
#[derive(Debug, Clone, Default)]
pub(crate) struct Linearized {
    /// Paragraph lines and `| a | b |` table rows.
    pub text: String,
    /// From byte offsets in `text` to byte offsets in the input.
    pub map: OffsetMap,
    /// `<meta name="ArticleTitle">` if present, else the `<title>` text.
    pub title: Option<String>,
    /// ISO date (`YYYY-MM-DD`) from `<meta name="PubDate" content=…>` and similar.
    pub published: Option<String>,
    /// The resolved grid of every table rendered as pipe rows, in document order.
    pub tables: Vec<GridTable>,
}

/// A table's cells placed on their resolved grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GridTable {
    /// Number of `<tr>` rows.
    pub rows: usize,
    /// Number of grid columns (widest row, spans included).
    pub cols: usize,
    /// Cells in document order.
    pub cells: Vec<GridCell>,
}

/// One `<td>`/`<th>` on the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GridCell {
    /// First grid row covered (0-based).
    pub row: usize,
    /// First grid column covered (0-based).
    pub col: usize,
    /// Rows covered (≥ 1).
    pub rowspan: usize,
    /// Columns covered (≥ 1).
    pub colspan: usize,
    /// The cell's text in [`Linearized::text`]; empty range for an empty cell.
    pub text: Range<usize>,
}

/// Whether `text` opens as an HTML or XML document (`<!DOCTYPE html`, `<html`, `<head`,
/// `<body`, `<?xml`), after a byte-order mark and white space.
pub(crate) fn opens_a_document(text: &str) -> bool {
    let head = prefix(text, SNIFF_BYTES);
    let trimmed = head.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let t = trimmed.as_bytes();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<?xml",
    ]
    .iter()
    .any(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// Whether `text` looks like an HTML page or fragment (checks only its head).
pub(crate) fn looks_like_html(text: &str) -> bool {
    sniff_markup(text).0
}

/// Whether `text` looks like an HTML page or fragment, and whether its head holds an empty
/// anchor ([`empty_anchor`]), which is no sign of markup: a converter's markdown keeps its
/// document's bookmarks so (mammoth writes a Word file's `_Toc` bookmarks as
/// `<a id="_Toc123"></a>` before its headings). Checks only its head.
pub(crate) fn sniff_markup(text: &str) -> (bool, bool) {
    if opens_a_document(text) {
        return (true, false);
    }
    let head = prefix(text, SNIFF_BYTES);
    let trimmed = head.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let t = trimmed.as_bytes();
    let mut count = 0usize;
    let mut first_is_tag = false;
    let mut anchors = false;
    // Bare `<div>` and `</div>`, which pandoc's markdown keeps of a page beside its fenced divs.
    let mut divs = 0usize;
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', t.get(i..).unwrap_or_default()) {
        let at = i + off;
        if let Some(len) = empty_anchor(t, at) {
            anchors = true;
            i = at + len;
        } else if let Some(len) = known_tag_at(t, at) {
            if at == 0 {
                first_is_tag = true;
            }
            let tag = t.get(at..at + len + 1);
            if tag == Some(b"<div>") || tag == Some(b"</div>") {
                divs += 1;
            } else {
                count += 1;
            }
            if count >= 3 {
                return (true, anchors);
            }
            i = at + len;
        } else {
            i = at + 1;
        }
    }
    // pandoc's markdown of a page (`::: {.header}` lines, twice at least) is no markup for its
    // bare `<div>` lines.
    let fenced = || {
        usize::from(t.starts_with(b":::")) + memchr::memmem::find_iter(t, b"\n:::").take(2).count()
            >= 2
    };
    (first_is_tag || (count + divs >= 3 && !fenced()), anchors)
}

/// An empty anchor at `t[at] == b'<'`, `<a id="_Toc123"></a>` (a tag of no more than 300
/// bytes on one line, closed at once): its length.
pub(crate) fn empty_anchor(t: &[u8], at: usize) -> Option<usize> {
    let rest = t.get(at..)?;
    let rest = rest.get(..rest.len().min(300))?;
    // `<a`, then white space (a no-break space among it).
    let spaced =
        rest.get(2).is_some_and(u8::is_ascii_whitespace) || rest.get(2..4) == Some(&[0xC2, 0xA0]);
    if !(rest.starts_with(b"<a") || rest.starts_with(b"<A")) || !spaced {
        return None;
    }
    let close = 1 + rest
        .get(1..)?
        .iter()
        .position(|&c| matches!(c, b'>' | b'<' | b'\n'))
        .filter(|&n| rest.get(n + 1) == Some(&b'>'))?;
    rest.get(close + 1..close + 5)
        .is_some_and(|e| e.eq_ignore_ascii_case(b"</a>"))
        .then_some(close + 5)
}

/// Length of a known HTML start/end tag opening (`<p>`, `</td `, `<br/`) at `at`, if any.
fn known_tag_at(t: &[u8], at: usize) -> Option<usize> {
    const KNOWN: &[&[u8]] = &[
        b"html", b"head", b"body", b"meta", b"title", b"div", b"p", b"table", b"tbody", b"tr",
        b"td", b"th", b"span", b"br", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"ul", b"ol",
        b"li", b"section", b"article", b"font", b"strong", b"b", b"a", b"img", b"style", b"script",
        b"link", b"center", b"hr", b"o:p",
    ];
    let mut j = at + 1;
    if t.get(j) == Some(&b'/') {
        j += 1;
    }
    let start = j;
    while t
        .get(j)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b':')
        && j - start < 10
    {
        j += 1;
    }
    let name = t.get(start..j)?;
    let next = *t.get(j)?;
    if !(next == b'>' || next == b'/' || next.is_ascii_whitespace()) {
        return None;
    }
    KNOWN
        .iter()
        .any(|k| k.eq_ignore_ascii_case(name))
        .then_some(j - at)
}

/// The longest prefix of `s` of at most `n` bytes that ends on a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    s.get(..n).unwrap_or_default()
}

/// Render an HTML page or fragment as pipe-row text with a map back to `input`.
pub(crate) fn linearize(input: &str) -> Linearized {
    let doc = build(input);
    let mut w = Writer::default();
    let src = Src::Plain(input);
    {
        let mut r = Render {
            doc: &doc,
            src: &src,
            w: &mut w,
            top: true,
            pre: 0,
        };
        r.node(0, 0);
    }
    w.end_row();
    w.seek(input.len());
    if !w.out.is_empty() {
        // Ends the last line, and keeps the map's end-of-text rule (the derived end maps to the
        // source end) from stretching the last character over dropped trailing markup.
        w.synth("\n");
    }
    let Meta {
        title,
        article_title,
        published,
    } = doc.meta;
    Linearized {
        text: w.out,
        map: w.map,
        title: article_title.or(title),
        published,
        tables: w.tables,
    }
}

// ---------------------------------------------------------------------------------------------
// Tags and the tree

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Root,
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    // Raw content, always dropped.
    Script,
    Style,
    Noscript,
    Template,
    Iframe,
    Textarea,
    // Form controls: dropped when safe.
    Select,
    Option,
    Button,
    // Ruby annotations (`<rt>`, `<rp>`, `<rtc>`) in a `<ruby>`: dropped, the base text kept.
    Rt,
    // `<ruby>`: inline; the annotations in it are dropped.
    Ruby,
    // Blocks.
    P,
    Div,
    H,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Section,
    Article,
    Main,
    Aside,
    Header,
    Footer,
    Nav,
    Blockquote,
    Pre,
    Address,
    Figure,
    Center,
    Form,
    Fieldset,
    Details,
    Hr,
    Br,
    // Tables.
    Table,
    Caption,
    Tr,
    Td,
    Th,
    Tsection,
    Colgroup,
    // Everything else.
    Void,
    Inline,
}

impl Tag {
    fn from_name(name: &[u8]) -> Tag {
        match name {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"iframe" | b"noembed" | b"noframes" | b"xmp" => Tag::Iframe,
            b"textarea" => Tag::Textarea,
            b"select" => Tag::Select,
            b"option" | b"optgroup" | b"datalist" => Tag::Option,
            b"button" => Tag::Button,
            b"rt" | b"rp" | b"rtc" => Tag::Rt,
            b"ruby" => Tag::Ruby,
            b"p" => Tag::P,
            b"div" => Tag::Div,
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Tag::H,
            b"ul" | b"menu" | b"dir" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"section" | b"hgroup" => Tag::Section,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"aside" => Tag::Aside,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"blockquote" => Tag::Blockquote,
            b"pre" | b"listing" => Tag::Pre,
            b"address" => Tag::Address,
            b"figure" | b"figcaption" | b"summary" | b"legend" => Tag::Figure,
            b"center" => Tag::Center,
            b"form" => Tag::Form,
            b"fieldset" => Tag::Fieldset,
            b"details" => Tag::Details,
            b"hr" => Tag::Hr,
            b"br" => Tag::Br,
            b"table" => Tag::Table,
            b"caption" => Tag::Caption,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"thead" | b"tbody" | b"tfoot" => Tag::Tsection,
            b"colgroup" => Tag::Colgroup,
            b"img" | b"input" | b"link" | b"col" | b"area" | b"base" | b"embed" | b"param"
            | b"source" | b"track" | b"wbr" | b"keygen" => Tag::Void,
            _ => Tag::Inline,
        }
    }

    fn is_void(self) -> bool {
        matches!(self, Tag::Meta | Tag::Hr | Tag::Br | Tag::Void)
    }

    /// Content never rendered.
    fn is_raw_drop(self) -> bool {
        matches!(
            self,
            Tag::Head
                | Tag::Title
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Iframe
                | Tag::Textarea
        )
    }

    /// Allowed inside `<head>` without closing it.
    fn head_ok(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Title
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Void
                | Tag::Head
                | Tag::Html
        )
    }

    /// Starts that close an open `<p>`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::Div
                | Tag::H
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Aside
                | Tag::Header
                | Tag::Footer
                | Tag::Nav
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Address
                | Tag::Figure
                | Tag::Center
                | Tag::Form
                | Tag::Fieldset
                | Tag::Details
                | Tag::Hr
                | Tag::Table
        )
    }

    fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Html | Tag::Body | Tag::Caption | Tag::Tr | Tag::Tsection
            )
    }

    /// Elements that are chrome by their very name (dropped when safe).
    fn is_chrome(self) -> bool {
        matches!(
            self,
            Tag::Nav | Tag::Footer | Tag::Form | Tag::Aside | Tag::Select | Tag::Button
        )
    }
}

const NONE: u32 = u32::MAX;
// `Builder::open` counts open elements per tag in a 64-slot array.
const _: () = assert!((Tag::Inline as usize) < 64);

#[derive(Debug, Clone)]
struct Node {
    tag: Tag,
    /// Hash of the name of an `Inline` element, to match its end tag.
    name: u32,
    parent: u32,
    first: u32,
    last: u32,
    next: u32,
    /// Text: source range. Element: offset of its `<`.
    start: usize,
    end: usize,
    colspan: u16,
    rowspan: u16,
    chrome: bool,
    /// Bytes of visible, non-whitespace text in the subtree.
    text_len: usize,
    /// A `<table>` is somewhere below this node.
    has_table: bool,
}

#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    article_title: Option<String>,
    published: Option<String>,
}

struct Doc {
    nodes: Vec<Node>,
    meta: Meta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Class,
    Colspan,
    Rowspan,
    Name,
    Content,
    Role,
    Other,
}

#[derive(Debug, Default)]
struct PendingTag {
    tag: Option<Tag>,
    name: u32,
    start: usize,
    attr: Option<Attr>,
    chrome: bool,
    colspan: u16,
    rowspan: u16,
    meta_name: Option<String>,
    meta_content: Option<String>,
}

struct Builder<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    stack: Vec<u32>,
    pending: PendingTag,
    meta: Meta,
    in_article: usize,
    /// Open elements per tag, so that most implied-end-tag searches need no stack scan.
    open: [u32; 64],
}

fn name_hash(name: &[u8]) -> u32 {
    name.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The tokenizer's emitter: html5gum's `CallbackEmitter` (with `naively_switch_states` on and
/// errors off) reduced to what the [`Builder`] reads, calling it directly.
///
/// `CallbackEmitter` copies every text run into a buffer and every attribute name and value into
/// others, and hands each to a callback as a `CallbackEvent`; the builder only takes a text's span,
/// and the values of the few attributes it reads. Here a text run is a span and a flag (whether
/// any byte was emitted, which is when `CallbackEmitter`'s buffer is non-empty), and an attribute
/// value is collected only when [`Builder::wants_value`]. Everything else (when text, a start tag
/// or an attribute is flushed, the last start tag and the state switch it implies, the spans) is
/// `CallbackEmitter`'s logic, step for step; comments and doctypes only flush the text before
/// them. The tests drive the builder with both and compare the trees.
struct BuildEmitter<'b, 'a> {
    b: &'b mut Builder<'a>,
    position: usize,
    /// Whether text has been emitted since the last flush (`current_characters` non-empty).
    chars: bool,
    chars_start: usize,
    chars_end: usize,
    last_start_tag: Vec<u8>,
    /// `Some(true)` for a start tag, `Some(false)` for an end tag.
    tag_is_start: Option<bool>,
    self_closing: bool,
    tag_name: Vec<u8>,
    attr_name: Vec<u8>,
    /// Whether a byte of the attribute's value has been emitted (`current_attribute_value`
    /// non-empty).
    attr_value: bool,
    /// The value, when the builder wants it.
    value: Vec<u8>,
    taglike_start: usize,
}

impl<'b, 'a> BuildEmitter<'b, 'a> {
    fn new(b: &'b mut Builder<'a>) -> Self {
        BuildEmitter {
            b,
            position: 0,
            chars: false,
            chars_start: 0,
            chars_end: 0,
            last_start_tag: Vec::new(),
            tag_is_start: None,
            self_closing: false,
            tag_name: Vec::new(),
            attr_name: Vec::new(),
            attr_value: false,
            value: Vec::new(),
            taglike_start: 0,
        }
    }

    #[inline]
    fn flush_chars(&mut self) {
        if self.chars {
            self.chars = false;
            self.b.text(self.chars_start, self.chars_end);
        }
    }

    /// `CallbackEmitter::flush_open_start_tag`: called before every attribute and value chunk,
    /// it has nothing to do on most calls, which are tested inline.
    #[inline(always)]
    fn flush_open_start_tag(&mut self) {
        if self.chars || (self.tag_is_start == Some(true) && !self.tag_name.is_empty()) {
            self.flush_open_start_tag_now();
        }
    }

    #[inline(never)]
    fn flush_open_start_tag_now(&mut self) {
        self.flush_chars();
        if self.tag_is_start == Some(true) && !self.tag_name.is_empty() {
            self.b.open_start_tag(&self.tag_name, self.taglike_start);
            self.last_start_tag.clear();
            std::mem::swap(&mut self.last_start_tag, &mut self.tag_name);
        }
    }

    #[inline(always)]
    fn flush_attribute_name(&mut self) {
        self.flush_open_start_tag();
        if !self.attr_name.is_empty() {
            self.b.attribute_name(&self.attr_name);
            self.attr_name.clear();
        }
    }

    #[inline]
    fn flush_attribute(&mut self) {
        self.flush_attribute_name();
        if self.attr_value {
            self.attr_value = false;
            if self.b.wants_value() {
                self.b.attribute(&self.value);
            }
            self.value.clear();
        }
    }
}

impl Emitter for BuildEmitter<'_, '_> {
    type Token = Infallible;

    #[inline]
    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
    }

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_chars();
    }

    #[inline]
    fn emit_error(&mut self, _: html5gum::Error) {}

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    #[inline]
    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    #[inline]
    fn init_string(&mut self) {
        if !self.chars {
            self.chars_start = self.position;
        }
    }

    #[inline]
    fn emit_string(&mut self, s: &[u8]) {
        self.chars_end = self.position;
        self.chars |= !s.is_empty();
    }

    fn init_start_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_start = Some(true);
        self.self_closing = false;
    }

    fn init_end_tag(&mut self) {
        self.tag_name.clear();
        self.tag_is_start = Some(false);
    }

    fn init_comment(&mut self) {
        self.flush_chars();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        // Flushes the open start tag first (`CallbackEmitter` flushes it again before the start
        // tag: a second flush has nothing left to do).
        self.flush_attribute();
        match self.tag_is_start {
            Some(true) => {
                self.b.start_tag(self.self_closing);
            }
            Some(false) => {
                self.last_start_tag.clear();
                self.b.end_tag(&self.tag_name, self.taglike_start);
            }
            None => {}
        }
        let next = naive_next_state(&self.last_start_tag);
        if next.is_some() {
            self.init_string();
        }
        next
    }

    fn emit_current_comment(&mut self) {}

    fn emit_current_doctype(&mut self) {}

    fn set_self_closing(&mut self) {
        if self.tag_is_start != Some(false) {
            self.self_closing = true;
        }
    }

    fn set_force_quirks(&mut self) {}

    #[inline]
    fn push_tag_name(&mut self, s: &[u8]) {
        push_name(&mut self.tag_name, s);
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, _: &[u8]) {}

    fn init_doctype(&mut self) {
        self.flush_chars();
    }

    fn init_attribute(&mut self) {
        // Flushes the open start tag first, which `CallbackEmitter` also does once before it.
        self.flush_attribute();
    }

    #[inline]
    fn push_attribute_name(&mut self, s: &[u8]) {
        push_name(&mut self.attr_name, s);
    }

    #[inline]
    fn push_attribute_value(&mut self, s: &[u8]) {
        self.flush_attribute_name();
        self.attr_value |= !s.is_empty();
        if self.b.wants_value() {
            self.value.extend_from_slice(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    #[inline]
    fn start_open_tag(&mut self) {
        self.taglike_start = self.position.saturating_sub(1);
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        !self.last_start_tag.is_empty()
            && self.tag_is_start == Some(false)
            && self.last_start_tag == self.tag_name
    }
}

/// Append a piece of a tag or attribute name to `name`. html5gum hands over a name with
/// capitals a byte at a time (lowercased), and the names of most pages in one piece of a few
/// bytes: a single byte is pushed, not copied by a call to copy memory.
#[inline(always)]
fn push_name(name: &mut Vec<u8>, s: &[u8]) {
    match s {
        [b] => name.push(*b),
        _ => name.extend_from_slice(s),
    }
}

#[cfg(test)]
/// The callback emitter with HTML parse errors switched off: the builder ignores them, and
/// html5gum validates every byte of the page for them otherwise (a quarter of the time of an HTML
/// page in WebAssembly, measured).
struct Quiet<E>(E);

#[cfg(test)]
impl<E: html5gum::Emitter> html5gum::ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl html5gum::Emitter<Token = Self::Token> {
        &mut self.0
    }

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// html5gum's reader over the page, with its searches done by `memchr`.
///
/// The tokenizer asks for the input up to the next byte of a small set (`<&\r\0` in text, `"&\r\0`
/// in a quoted attribute value, ASCII whitespace and punctuation in tags). html5gum's own
/// `StringReader` answers with word-at-a-time tests whose verification calls `<[u8]>::contains`
/// on the set, which is `core`'s `memchr` and, on wasm32 where a word is four bytes, its
/// word loop for any set of eight bytes or more: a quarter of the tokenizer's time in
/// WebAssembly (measured). Here a page without NUL bytes (nearly all) leaves `\0` out of every
/// set, so the sets of text and attribute values have three bytes, which `memchr3` finds with
/// SIMD (SSE2/AVX2 natively, simd128 in the Node module); longer sets are tested byte by byte
/// against bit masks ([`ByteSet`]). The chunks returned are exactly html5gum's: the first byte alone when it is
/// in the set, otherwise everything before the first byte that is.
struct PageReader<'a> {
    input: &'a [u8],
    /// Whether the page has a NUL byte anywhere (then `\0` stays in the sets).
    nul: bool,
}

impl<'a> PageReader<'a> {
    fn new(input: &'a [u8]) -> Self {
        PageReader {
            input,
            nul: memchr::memchr(0, input).is_some(),
        }
    }
}

/// One of html5gum's needles (at most 16 bytes) as bit masks, one bit a byte: bytes 0–63 in
/// `lo`, 64–127 in `mid` (`u128` shifts are several instructions in WebAssembly). html5gum's
/// needles are ASCII; a byte from 128 up only sets `high`, and is then looked for in the needle.
#[derive(Clone, Copy)]
struct ByteSet<'n> {
    lo: u64,
    mid: u64,
    high: bool,
    needle: &'n [u8],
}

impl<'n> ByteSet<'n> {
    /// The set of `needle`'s bytes, `\0` left out when `nul` is false. Built with bit operations
    /// only, for every call of the tokenizer: building the list of a needle's bytes without `\0`
    /// byte by byte cost a tenth of the time of an HTML page (measured natively). Each byte's bit
    /// is or-ed into both masks, selected without a branch by the byte's range: a match on the
    /// range branched on every byte of the sets of tags (`\t\n\x0c />\0\r`, below 64 and above
    /// in turn).
    #[inline(always)]
    fn new(needle: &'n [u8], nul: bool) -> Self {
        let (mut lo, mut mid, mut high) = (0u64, 0u64, false);
        for &b in needle {
            let bit = 1u64 << (b & 63);
            lo |= if b < 64 { bit } else { 0 };
            mid |= if b & 0xC0 == 0x40 { bit } else { 0 };
            high |= b >= 128;
        }
        lo &= !u64::from(!nul);
        ByteSet {
            lo,
            mid,
            high,
            needle,
        }
    }

    #[inline(always)]
    fn has(self, b: u8) -> bool {
        match b {
            0..=63 => self.lo >> b & 1 != 0,
            64..=127 => self.mid >> (b - 64) & 1 != 0,
            _ => self.high && self.needle.contains(&b),
        }
    }

    /// The set's lowest byte, and the set without it (ASCII bytes only).
    #[inline(always)]
    fn pop(&mut self) -> u8 {
        if self.lo != 0 {
            let b = self.lo.trailing_zeros();
            self.lo &= self.lo - 1;
            b as u8
        } else {
            let b = self.mid.trailing_zeros();
            self.mid &= self.mid.wrapping_sub(1);
            (64 + b) as u8
        }
    }

    /// The position of the first byte of `hay` in the set: by `memchr`, `memchr2` or `memchr3`
    /// (SIMD) for a set of up to three bytes, which is the text's and the attribute values'
    /// (`<&\r`, `"&\r`), else byte by byte (tag and attribute names, which are short). The set's
    /// size is told by taking its bytes off one by one, not by counting its bits: without the
    /// `popcnt` instruction (not in the x86-64 baseline the release build targets) each count is
    /// a dozen operations natively. (WebAssembly has `i64.popcnt`.)
    #[inline(always)]
    fn find(mut self, hay: &[u8]) -> Option<usize> {
        if self.high {
            return hay.iter().position(|&b| self.has(b));
        }
        let all = self;
        if self.is_empty() {
            return None;
        }
        let a = self.pop();
        if self.is_empty() {
            return memchr::memchr(a, hay);
        }
        let b = self.pop();
        if self.is_empty() {
            return memchr::memchr2(a, b, hay);
        }
        let c = self.pop();
        if self.is_empty() {
            return memchr::memchr3(a, b, c, hay);
        }
        hay.iter().position(|&x| all.has_ascii(x))
    }

    /// [`ByteSet::has`] for a set of ASCII bytes only (`high` false), without a branch: the
    /// byte's mask is picked by its range, and a byte from 128 up is in neither.
    #[inline(always)]
    fn has_ascii(self, b: u8) -> bool {
        let mask = if b < 64 { self.lo } else { self.mid };
        b < 128 && (mask >> (b & 63)) & 1 != 0
    }

    /// Whether the set holds no ASCII byte.
    #[inline(always)]
    fn is_empty(self) -> bool {
        self.lo | self.mid == 0
    }
}

impl Reader for PageReader<'_> {
    type Error = Infallible;

    #[inline(always)]
    fn read_byte(&mut self) -> Result<Option<u8>, Infallible> {
        let Some((&b, rest)) = self.input.split_first() else {
            return Ok(None);
        };
        self.input = rest;
        Ok(Some(b))
    }

    #[inline(always)]
    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Infallible> {
        if let Some(head) = self.input.get(..s.len()) {
            if s == head || (!case_sensitive && s.eq_ignore_ascii_case(head)) {
                self.input = self.input.get(s.len()..).unwrap_or_default();
                return Ok(true);
            }
        }
        Ok(false)
    }

    #[inline(always)]
    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        _: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Infallible> {
        let Some(&first) = self.input.first() else {
            return Ok(None);
        };
        let set = ByteSet::new(needle, self.nul);
        // A page without NUL bytes has none first: leaving `\0` out of the set changes nothing.
        let at = if set.has(first) {
            1
        } else {
            let rest = self.input.get(1..).unwrap_or_default();
            set.find(rest).map_or(self.input.len(), |i| i + 1)
        };
        let (chunk, rest) = self.input.split_at(at);
        self.input = rest;
        Ok(Some(chunk))
    }
}

fn build(src: &str) -> Doc {
    let mut b = Builder::new(src);
    let _ = Tokenizer::new_with_emitter(PageReader::new(src.as_bytes()), BuildEmitter::new(&mut b))
        .finish();
    b.finish()
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Self {
        let root = Node {
            tag: Tag::Root,
            name: 0,
            parent: NONE,
            first: NONE,
            last: NONE,
            next: NONE,
            start: 0,
            end: 0,
            colspan: 1,
            rowspan: 1,
            chrome: false,
            text_len: 0,
            has_table: false,
        };
        // About one node per `<` (a start tag, or the text after an end tag): sized once, the
        // node list is not copied as it grows (a realloc per doubling, measured at 2 % of an
        // HTML page).
        let mut nodes = Vec::with_capacity(memchr::memchr_iter(b'<', src.as_bytes()).count() + 2);
        nodes.push(root);
        Builder {
            src,
            nodes,
            stack: Vec::new(),
            pending: PendingTag::default(),
            meta: Meta::default(),
            in_article: 0,
            open: [0; 64],
        }
    }

    fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn tag_of(&self, id: u32) -> Tag {
        self.nodes.get(id as usize).map_or(Tag::Root, |n| n.tag)
    }

    /// The reference event handler: html5gum's `CallbackEmitter` drives the builder through it in
    /// the tests, to hold [`BuildEmitter`] to the same calls.
    #[cfg(test)]
    fn event(&mut self, ev: CallbackEvent<'_>, span: Span<usize>) {
        match ev {
            CallbackEvent::OpenStartTag { name } => self.open_start_tag(name, span.start),
            CallbackEvent::AttributeName { name } => self.attribute_name(name),
            CallbackEvent::AttributeValue { value } => self.attribute(value),
            CallbackEvent::CloseStartTag { self_closing } => self.start_tag(self_closing),
            CallbackEvent::EndTag { name } => self.end_tag(name, span.start),
            CallbackEvent::String { .. } => self.text(span.start, span.end),
            _ => {}
        }
    }

    fn open_start_tag(&mut self, name: &[u8], start: usize) {
        self.pending = PendingTag {
            tag: Some(Tag::from_name(name)),
            name: name_hash(name),
            start,
            colspan: 1,
            rowspan: 1,
            ..PendingTag::default()
        };
    }

    fn attribute_name(&mut self, name: &[u8]) {
        self.pending.attr = Some(match name {
            b"class" | b"id" => Attr::Class,
            b"colspan" => Attr::Colspan,
            b"rowspan" => Attr::Rowspan,
            b"name" | b"property" | b"itemprop" => Attr::Name,
            b"content" => Attr::Content,
            b"role" => Attr::Role,
            _ => Attr::Other,
        });
    }

    /// Whether [`Builder::attribute`] reads the value of the current attribute (else it is not
    /// worth collecting).
    #[inline]
    fn wants_value(&self) -> bool {
        let p = &self.pending;
        match p.attr {
            Some(Attr::Class | Attr::Role | Attr::Colspan | Attr::Rowspan) => true,
            Some(Attr::Name | Attr::Content) => p.tag == Some(Tag::Meta),
            _ => false,
        }
    }

    fn attribute(&mut self, value: &[u8]) {
        let p = &mut self.pending;
        match p.attr {
            Some(Attr::Class) => p.chrome |= chrome_class(value),
            Some(Attr::Role) => {
                p.chrome |= matches!(
                    value,
                    b"navigation" | b"search" | b"contentinfo" | b"banner"
                )
            }
            Some(Attr::Colspan) => p.colspan = parse_span(value),
            Some(Attr::Rowspan) => p.rowspan = parse_span(value),
            Some(Attr::Name) if p.tag == Some(Tag::Meta) => {
                p.meta_name = Some(String::from_utf8_lossy(value).to_ascii_lowercase());
            }
            Some(Attr::Content) if p.tag == Some(Tag::Meta) => {
                p.meta_content = Some(String::from_utf8_lossy(value).into_owned());
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, self_closing: bool) {
        let p = std::mem::take(&mut self.pending);
        let Some(tag) = p.tag else { return };
        // An `<rt>` or `<rp>` outside a `<ruby>` annotates nothing: an inline element whose text
        // is kept (a page's stray `<rp>`, never closed, held the whole report).
        let tag = if tag == Tag::Rt && !self.is_open(Tag::Ruby) {
            Tag::Inline
        } else {
            tag
        };
        if !tag.head_ok() && self.is_open(Tag::Head) {
            self.close(Tag::Head, &[]);
        }
        if tag == Tag::Meta {
            self.meta_tag(p.meta_name.as_deref(), p.meta_content);
        }
        // Implied end tags.
        if tag.closes_p() {
            self.close(
                Tag::P,
                &[Tag::Table, Tag::Td, Tag::Th, Tag::Caption, Tag::Button],
            );
        }
        match tag {
            Tag::Li => self.close(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Table, Tag::Td, Tag::Th]),
            Tag::Dt | Tag::Dd => self.close_any(
                &[Tag::Dt, Tag::Dd],
                &[Tag::Dl, Tag::Table, Tag::Td, Tag::Th],
            ),
            Tag::Td | Tag::Th => self.close_any(&[Tag::Td, Tag::Th], &[Tag::Tr, Tag::Table]),
            Tag::Tr => self.close(Tag::Tr, &[Tag::Table, Tag::Tsection]),
            Tag::Tsection => self.close(Tag::Tsection, &[Tag::Table]),
            Tag::Option => self.close(Tag::Option, &[Tag::Select]),
            // An `<rt>` or `<rp>` ends the one open before it, as in browsers.
            Tag::Rt => self.close(Tag::Rt, &[Tag::Table, Tag::Td, Tag::Th, Tag::Caption]),
            _ => {}
        }
        if !matches!(tag, Tag::Option) && self.is_open(Tag::Select) {
            // An unclosed <select> must not swallow the page.
            self.close(Tag::Select, &[]);
        }
        if matches!(tag, Tag::Article | Tag::Main) {
            self.in_article += 1;
        }
        let chrome = p.chrome || tag.is_chrome() || (tag == Tag::Header && self.in_article == 0);
        let id = self.add(Node {
            tag,
            name: if tag == Tag::Inline { p.name } else { 0 },
            parent: NONE,
            first: NONE,
            last: NONE,
            next: NONE,
            start: p.start,
            end: p.start,
            colspan: p.colspan,
            rowspan: p.rowspan,
            chrome,
            text_len: 0,
            has_table: false,
        });
        let void = tag.is_void() || (self_closing && tag == Tag::Inline);
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
            if let Some(c) = self.open.get_mut(tag as usize) {
                *c += 1;
            }
        }
    }

    fn meta_tag(&mut self, name: Option<&str>, content: Option<String>) {
        let (Some(name), Some(content)) = (name, content) else {
            return;
        };
        match name {
            "articletitle" | "og:title" if self.meta.article_title.is_none() => {
                let t = collapse_ws(&content);
                if !t.is_empty() {
                    self.meta.article_title = Some(t);
                }
            }
            "pubdate"
            | "publishdate"
            | "publish_date"
            | "publishtime"
            | "pubtime"
            | "firstpublishedtime"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.issued"
            | "dcterms.created"
            | "article:published_time"
            | "datepublished"
            | "releasedate"
                if self.meta.published.is_none() =>
            {
                self.meta.published = iso_date(&content);
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8], start: usize) {
        let tag = match Tag::from_name(name) {
            // Opened outside a `<ruby>`: an inline element ([`Self::start_tag`]).
            Tag::Rt if !self.is_open(Tag::Rt) => Tag::Inline,
            t => t,
        };
        match tag {
            Tag::Br => {
                // `</br>` is a line break, as in browsers.
                self.pending = PendingTag {
                    tag: Some(Tag::Br),
                    start,
                    colspan: 1,
                    rowspan: 1,
                    ..PendingTag::default()
                };
                self.start_tag(false);
            }
            Tag::P => {
                let stops = [Tag::Table, Tag::Td, Tag::Th, Tag::Caption, Tag::Button];
                if self.find_open(&[Tag::P], &stops).is_some() {
                    self.close(Tag::P, &stops);
                } else {
                    // A stray `</p>` is an empty paragraph: a line break.
                    self.pending = PendingTag {
                        tag: Some(Tag::Br),
                        start,
                        colspan: 1,
                        rowspan: 1,
                        ..PendingTag::default()
                    };
                    self.start_tag(false);
                }
            }
            Tag::Html | Tag::Body => {}
            Tag::Inline => {
                let h = name_hash(name);
                let stops = [Tag::Table, Tag::Td, Tag::Th, Tag::Caption];
                if let Some(i) = self.stack.iter().rposition(|&id| {
                    self.nodes.get(id as usize).is_some_and(|n| {
                        (n.tag == Tag::Inline && n.name == h) || stops.contains(&n.tag)
                    })
                }) {
                    if self.tag_of(self.stack.get(i).copied().unwrap_or(0)) == Tag::Inline {
                        self.truncate(i);
                    }
                }
            }
            Tag::Td | Tag::Th | Tag::Tr | Tag::Tsection | Tag::Caption | Tag::Colgroup => {
                self.close(tag, &[Tag::Table])
            }
            Tag::Table => self.close(Tag::Table, &[]),
            _ => self.close(tag, &[Tag::Table, Tag::Td, Tag::Th, Tag::Caption]),
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        let Some(s) = self.src.get(start..end) else {
            return;
        };
        // The visible bytes are counted only where they count: text whose content is dropped
        // (a script's, a style's) has none, and closes nothing unless it is in <head>.
        let top = self.tag_of(self.top());
        let visible = if top.is_raw_drop() && top != Tag::Head {
            0
        } else {
            s.bytes().filter(|b| !b.is_ascii_whitespace()).count()
        };
        if visible > 0 && top == Tag::Head {
            // Text directly in <head> means the body has begun.
            self.close(Tag::Head, &[]);
        }
        let parent = self.top();
        let ptag = self.tag_of(parent);
        if ptag == Tag::Title && self.meta.title.is_none() {
            let t = collapse_ws(&decode_to_string(s));
            if !t.is_empty() {
                self.meta.title = Some(t);
            }
        }
        let dropped = ptag.is_raw_drop() || ptag == Tag::Rt;
        self.add(Node {
            tag: Tag::Text,
            name: 0,
            parent: NONE,
            first: NONE,
            last: NONE,
            next: NONE,
            start,
            end,
            colspan: 1,
            rowspan: 1,
            chrome: false,
            text_len: if dropped { 0 } else { visible },
            has_table: false,
        });
    }

    /// Append `node` as the last child of the current element.
    fn add(&mut self, mut node: Node) -> u32 {
        let parent = self.top();
        let id = u32::try_from(self.nodes.len()).unwrap_or(NONE);
        if id == NONE {
            return NONE;
        }
        node.parent = parent;
        let prev_last = self.nodes.get(parent as usize).map_or(NONE, |p| p.last);
        if let Some(prev) = self.nodes.get_mut(prev_last as usize) {
            prev.next = id;
        }
        if let Some(p) = self.nodes.get_mut(parent as usize) {
            if p.first == NONE {
                p.first = id;
            }
            p.last = id;
        }
        self.nodes.push(node);
        id
    }

    fn is_open(&self, tag: Tag) -> bool {
        self.open.get(tag as usize).is_some_and(|&c| c > 0)
    }

    /// Stack index of the nearest open element among `targets`, not crossing `stops`.
    fn find_open(&self, targets: &[Tag], stops: &[Tag]) -> Option<usize> {
        // Most searches are for an element that is not open at all: skip the scan.
        if !targets.iter().any(|&t| self.is_open(t)) {
            return None;
        }
        for (i, &id) in self.stack.iter().enumerate().rev() {
            let t = self.tag_of(id);
            if targets.contains(&t) {
                return Some(i);
            }
            if stops.contains(&t) {
                return None;
            }
        }
        None
    }

    fn close(&mut self, target: Tag, stops: &[Tag]) {
        self.close_any(&[target], stops);
    }

    fn close_any(&mut self, targets: &[Tag], stops: &[Tag]) {
        if let Some(i) = self.find_open(targets, stops) {
            self.truncate(i);
        }
    }

    /// Pop the stack down to (and including) index `i`.
    fn truncate(&mut self, i: usize) {
        for &id in self.stack.get(i..).unwrap_or_default() {
            let tag = self.tag_of(id);
            if let Some(c) = self.open.get_mut(tag as usize) {
                *c = c.saturating_sub(1);
            }
            if matches!(tag, Tag::Article | Tag::Main) {
                self.in_article = self.in_article.saturating_sub(1);
            }
        }
        self.stack.truncate(i);
    }

    fn finish(self) -> Doc {
        let mut nodes = self.nodes;
        // Children always come after their parent: one reverse sweep sums the subtrees.
        for i in (1..nodes.len()).rev() {
            let Some(n) = nodes.get(i) else { continue };
            let (p, len, table) = (
                n.parent as usize,
                n.text_len,
                n.has_table || n.tag == Tag::Table,
            );
            if let Some(parent) = nodes.get_mut(p) {
                parent.text_len = parent.text_len.saturating_add(len);
                parent.has_table |= table;
            }
        }
        Doc {
            nodes,
            meta: self.meta,
        }
    }
}

/// Whether a class or id value names site chrome (`nav`, `menu_bd`, `share_box`, `footer`…):
/// a token (between white space) that is `header`, `head`, `foot` or `topbar`, or holding a word
/// (between other characters than ASCII letters and digits) that is one of the names below,
/// either in any case. The tests hold it to the names as lists (`CHROME_TOKENS`,
/// `CHROME_WORDS`) compared one by one.
///
/// Each token and word is lowercased once into a small buffer and matched by a `match` on its
/// bytes (told apart by length first), instead of compared with each of the 26 names in turn
/// (every class and id of a page is read so).
fn chrome_class(value: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    value
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .any(|token| {
            lowered(token, &mut buf)
                .is_some_and(|t| matches!(t, b"header" | b"head" | b"foot" | b"topbar"))
                || token.split(|b| !b.is_ascii_alphanumeric()).any(|word| {
                    lowered(word, &mut buf).is_some_and(|w| {
                        matches!(
                            w,
                            b"nav"
                                | b"navbar"
                                | b"navi"
                                | b"navigation"
                                | b"menu"
                                | b"menus"
                                | b"submenu"
                                | b"footer"
                                | b"share"
                                | b"bdshare"
                                | b"breadcrumb"
                                | b"breadcrumbs"
                                | b"crumb"
                                | b"crumbs"
                                | b"search"
                                | b"login"
                                | b"toolbar"
                                | b"sidebar"
                                | b"qrcode"
                                | b"copyright"
                                | b"weather"
                                | b"banner"
                        )
                    })
                })
        })
}

/// `s` in ASCII lower case, written into `buf`; `None` when longer than `buf` (than any name
/// [`chrome_class`] looks for).
#[inline(always)]
fn lowered<'b>(s: &[u8], buf: &'b mut [u8; 12]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..s.len())?;
    for (o, &b) in out.iter_mut().zip(s) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// The whole tokens of a class or id value that name site chrome, in any case.
#[cfg(test)]
const CHROME_TOKENS: &[&[u8]] = &[b"header", b"head", b"foot", b"topbar"];

/// The words of a class or id value that name site chrome, in any case.
#[cfg(test)]
const CHROME_WORDS: &[&[u8]] = &[
    b"nav",
    b"navbar",
    b"navi",
    b"navigation",
    b"menu",
    b"menus",
    b"submenu",
    b"footer",
    b"share",
    b"bdshare",
    b"breadcrumb",
    b"breadcrumbs",
    b"crumb",
    b"crumbs",
    b"search",
    b"login",
    b"toolbar",
    b"sidebar",
    b"qrcode",
    b"copyright",
    b"weather",
    b"banner",
];

/// [`chrome_class`] as first written, each token and word compared with every name: the
/// reference it is held to.
#[cfg(test)]
fn chrome_class_ref(value: &[u8]) -> bool {
    value
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .any(|token| {
            CHROME_TOKENS.iter().any(|w| w.eq_ignore_ascii_case(token))
                || token
                    .split(|b| !b.is_ascii_alphanumeric())
                    .any(|word| CHROME_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)))
        })
}

fn parse_span(value: &[u8]) -> u16 {
    let digits = value
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit());
    let n = digits.fold(0u32, |n, &b| {
        n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    });
    u16::try_from(n.clamp(1, u32::from(MAX_SPAN))).unwrap_or(1)
}

/// `2020-01-20 15:22`, `2020/1/20`, `2020年1月20日`, `20200120` → `2020-01-20`.
fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits_prefix = s.bytes().take_while(u8::is_ascii_digit).count();
    let (y, m, d) = if digits_prefix == 8 {
        let n = s.get(..8)?;
        (
            n.get(..4)?.parse().ok()?,
            n.get(4..6)?.parse().ok()?,
            n.get(6..8)?.parse().ok()?,
        )
    } else {
        let mut parts = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<u32>().ok());
        let y: u32 = parts.next()??;
        let m: u32 = parts.next()??;
        let d: u32 = parts.next()??;
        if digits_prefix != 4 {
            return None;
        }
        (y, m, d)
    };
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn collapse_ws(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// Entities

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ent {
    Ch(char),
    /// Rendered as collapsible whitespace (`&nbsp;`, `&emsp;`…).
    Ws,
    /// Invisible (`&shy;`, `&zwj;`…).
    Empty,
}

const ENTITIES: &[(&str, Ent)] = &[
    ("nbsp", Ent::Ws),
    ("ensp", Ent::Ws),
    ("emsp", Ent::Ws),
    ("thinsp", Ent::Ws),
    ("amp", Ent::Ch('&')),
    ("lt", Ent::Ch('<')),
    ("gt", Ent::Ch('>')),
    ("quot", Ent::Ch('"')),
    ("apos", Ent::Ch('\'')),
    ("copy", Ent::Ch('©')),
    ("reg", Ent::Ch('®')),
    ("trade", Ent::Ch('™')),
    ("middot", Ent::Ch('·')),
    ("bull", Ent::Ch('•')),
    ("hellip", Ent::Ch('…')),
    ("mdash", Ent::Ch('—')),
    ("ndash", Ent::Ch('–')),
    ("lsquo", Ent::Ch('‘')),
    ("rsquo", Ent::Ch('’')),
    ("ldquo", Ent::Ch('“')),
    ("rdquo", Ent::Ch('”')),
    ("sbquo", Ent::Ch('‚')),
    ("bdquo", Ent::Ch('„')),
    ("laquo", Ent::Ch('«')),
    ("raquo", Ent::Ch('»')),
    ("lsaquo", Ent::Ch('‹')),
    ("rsaquo", Ent::Ch('›')),
    ("times", Ent::Ch('×')),
    ("divide", Ent::Ch('÷')),
    ("deg", Ent::Ch('°')),
    ("plusmn", Ent::Ch('±')),
    ("yen", Ent::Ch('¥')),
    ("cent", Ent::Ch('¢')),
    ("pound", Ent::Ch('£')),
    ("euro", Ent::Ch('€')),
    ("sect", Ent::Ch('§')),
    ("para", Ent::Ch('¶')),
    ("permil", Ent::Ch('‰')),
    ("prime", Ent::Ch('′')),
    ("Prime", Ent::Ch('″')),
    ("larr", Ent::Ch('←')),
    ("rarr", Ent::Ch('→')),
    ("uarr", Ent::Ch('↑')),
    ("darr", Ent::Ch('↓')),
    ("harr", Ent::Ch('↔')),
    ("rArr", Ent::Ch('⇒')),
    ("hArr", Ent::Ch('⇔')),
    ("le", Ent::Ch('≤')),
    ("ge", Ent::Ch('≥')),
    ("ne", Ent::Ch('≠')),
    ("asymp", Ent::Ch('≈')),
    ("minus", Ent::Ch('−')),
    ("radic", Ent::Ch('√')),
    ("infin", Ent::Ch('∞')),
    ("sup1", Ent::Ch('¹')),
    ("sup2", Ent::Ch('²')),
    ("sup3", Ent::Ch('³')),
    ("frac12", Ent::Ch('½')),
    ("frac14", Ent::Ch('¼')),
    ("frac34", Ent::Ch('¾')),
    ("micro", Ent::Ch('µ')),
    ("ordm", Ent::Ch('º')),
    ("ordf", Ent::Ch('ª')),
    ("loz", Ent::Ch('◊')),
    ("star", Ent::Ch('☆')),
    ("starf", Ent::Ch('★')),
    ("check", Ent::Ch('✓')),
    ("circ", Ent::Ch('ˆ')),
    ("tilde", Ent::Ch('˜')),
    ("shy", Ent::Empty),
    ("zwj", Ent::Empty),
    ("zwnj", Ent::Empty),
    ("lrm", Ent::Empty),
    ("rlm", Ent::Empty),
];

/// Names the HTML standard decodes even without a closing `;`.
const LEGACY: &[&str] = &["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"];

/// Decode the character reference starting at `s[i] == '&'`: the value and its source length.
fn entity(s: &[u8], i: usize) -> Option<(Ent, usize)> {
    let body = s.get(i + 1..)?;
    if body.first() == Some(&b'#') {
        let (hex, digits_at) = match body.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits = body
            .get(digits_at..)?
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut v: u32 = 0;
        for &b in body.get(digits_at..digits_at + digits)? {
            let d = char::from(b).to_digit(16).unwrap_or(0);
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
        }
        let mut len = 1 + digits_at + digits;
        if body.get(digits_at + digits) == Some(&b';') {
            len += 1;
        }
        let c = match v {
            0xA0 => return Some((Ent::Ws, len)),
            0x80..=0x9F => windows_1252(v),
            _ => char::from_u32(v)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}'),
        };
        return Some((Ent::Ch(c), len));
    }
    let n = body
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = std::str::from_utf8(body.get(..n)?).ok()?;
    let semi = body.get(n) == Some(&b';');
    if !semi && !LEGACY.contains(&name) {
        return None;
    }
    let ent = ENTITIES.iter().find(|(k, _)| *k == name).map(|(_, e)| *e)?;
    Some((ent, 1 + n + usize::from(semi)))
}

/// Numeric references in 0x80..=0x9F mean Windows-1252, per the HTML standard.
fn windows_1252(v: u32) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    v.checked_sub(0x80)
        .and_then(|i| HIGH.get(i as usize))
        .copied()
        .unwrap_or('\u{fffd}')
}

/// A character reference (`&nbsp;`, `&#160;`, `&ldquo;`) at
/// `b[i] == b'&'`: only one closed by its `;` (a text's `&copy` or `&reg` without it is a
/// word, not a reference), or one escaped twice, `&amp;nbsp;` (a page's source escaped again by
/// a site that printed it). Its value and its length in the text.
fn text_reference(b: &[u8], i: usize) -> Option<(Ent, usize)> {
    let (e, len) = entity(b, i)?;
    if b.get(i + len - 1) != Some(&b';') {
        return None;
    }
    if len == 5 && b.get(i + 1..i + 4) == Some(&b"amp"[..]) {
        // `&amp;` and a reference's name or number after it: that reference (read from the
        // `;`, which [`entity`] takes for the `&` it reads after).
        if let Some((inner, l2)) =
            entity(b, i + 4).filter(|&(_, l)| l <= 36 && b.get(i + 3 + l) == Some(&b';'))
        {
            return Some((inner, len + l2 - 1));
        }
    }
    Some((e, len))
}

/// A markdown escape at `b[i] == b'\\'`: the backslash before ASCII punctuation (`3\\.其他`,
/// `\\>`, `\\*`; pandoc and HTML-to-markdown converters escape what markdown would read as
/// syntax), dropped, but before `|`, which stays a cell's own character; `\\\\`, one
/// backslash; and a backslash after a character, before white space or at the end (pandoc's
/// hard line break, `（二）部分公开\\  99`), a space; so is `\\\\` after a character, before
/// white space or at the end (org mode's hard line break in a table cell, `| （二）部分公开\\\\ |`).
fn markdown_escape(b: &[u8], i: usize) -> Option<(Ent, usize)> {
    let after_char = i > 0 && b.get(i - 1).is_some_and(|p| !p.is_ascii_whitespace());
    match b.get(i + 1) {
        Some(b'\\')
            if after_char
                && b.get(i + 2)
                    .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n')) =>
        {
            Some((Ent::Ws, 2))
        }
        Some(b'\\') => Some((Ent::Ch('\\'), 2)),
        Some(b'|') => None,
        Some(c) if c.is_ascii_punctuation() => Some((Ent::Empty, 1)),
        None | Some(b' ' | b'\t' | b'\r' | b'\n') if after_char => Some((Ent::Ws, 1)),
        _ => None,
    }
}

/// A markdown link or a pandoc span at `b[i] == b'['` (`[一、总体情况](https://…)`,
/// `[23]{.underline}`, which pandoc writes of a `.docx` whose text is underlined): where its
/// closing `](…)` or `]{…}` stands and how long it is. The text between holds no blank line and
/// no bracket but those of spans inside it (`[[一、总体情况]{style="…"}]{style="…"}`, five deep
/// at most; 4,000 bytes at most), and the link's target no white space; a span's attributes
/// open with `.`, `#` or a letter and hold no brace or line break. `None` for anything else
/// (`[1]`, `[注]`, a reference link's `[a][1]`).
fn markdown_span(b: &[u8], i: usize) -> Option<(usize, usize)> {
    nested_span(b, i, 0)
}

/// [`markdown_span`] at `depth` spans inside another (four at most: five spans deep).
fn nested_span(b: &[u8], i: usize, depth: usize) -> Option<(usize, usize)> {
    let body = b.get(i + 1..)?;
    let body = body.get(..body.len().min(4000))?;
    let mut k = 0;
    let close = loop {
        match *body.get(k)? {
            b'\\' => k += 2,
            // A span inside (pandoc's of a page's styles, `[[一、总体情况]{style="…"}]{style="…"}`),
            // passed over whole.
            b'[' if depth < 4 => {
                let (c, len) = nested_span(b, i + 1 + k, depth + 1)?;
                k = c + len - (i + 1);
            }
            b'[' => return None,
            b']' => break i + 1 + k,
            b'\n' if body.get(k + 1) == Some(&b'\n') => return None,
            _ => k += 1,
        }
    };
    let after = b.get(close + 1..)?;
    let (open, shut) = match after.first()? {
        b'(' => (b'(', b')'),
        b'{' => (b'{', b'}'),
        _ => return None,
    };
    // Up to its closing, a bracket or a line break (so that each byte is looked at by one
    // opening at most: a run of `[a](` is read in linear time).
    let inner = after.get(1..after.len().min(2001))?;
    let mut n = 0;
    loop {
        match *inner.get(n)? {
            // An escaped character (`javascript:void\\(0\\)`).
            b'\\' => n += 2,
            c if c == shut || matches!(c, b'[' | b']' | b'{' | b'\n' | b'\r') => break,
            _ => n += 1,
        }
    }
    let target = inner.get(..n)?;
    let fits = inner.get(n) == Some(&shut)
        && if open == b'(' {
            !target.is_empty() && !target.iter().any(|c| c.is_ascii_whitespace())
        } else {
            target
                .first()
                .is_some_and(|&c| c == b'.' || c == b'#' || c.is_ascii_alphabetic())
        };
    fits.then_some((close, n + 3))
}

/// A JSON string escape at `b[i] == b'\\'` (`\\n`, `\\t`, `\\"`, `\\/`, `\\\\`, `\\u4e00` and a
/// surrogate pair `\\ud83d\\ude00`), in a text saved as a JSON string's contents.
fn string_escape(b: &[u8], i: usize) -> Option<(Ent, usize)> {
    let hex = |at: usize| -> Option<u32> {
        let h = b.get(at..at + 4)?;
        h.iter()
            .try_fold(0u32, |v, &x| Some(v * 16 + char::from(x).to_digit(16)?))
    };
    Some(match *b.get(i + 1)? {
        b'n' => (Ent::Ch('\n'), 2),
        b'r' => (Ent::Ch('\r'), 2),
        b't' => (Ent::Ch('\t'), 2),
        c @ (b'"' | b'/' | b'\\' | b'\'') => (Ent::Ch(char::from(c)), 2),
        b'b' | b'f' => (Ent::Empty, 2),
        b'u' => {
            let u = hex(i + 2)?;
            let pair = (0xD800..0xDC00).contains(&u) && b.get(i + 6..i + 8) == Some(&b"\\u"[..]);
            match (pair, hex(i + 8)) {
                (true, Some(l)) if (0xDC00..0xE000).contains(&l) => {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                    (Ent::Ch(char::from_u32(c).unwrap_or('\u{fffd}')), 12)
                }
                _ => (Ent::Ch(char::from_u32(u).unwrap_or('\u{fffd}')), 6),
            }
        }
        _ => return None,
    })
}

/// The length of a JSON record's syntax at `b[i]` (the `"` that closes a string, or the `{` or
/// `[` that opens the record) up to and with the `"` that opens the next string value: white
/// space, punctuation, numbers, `true`/`false`/`null`, and keys (`"content":`). `None` where
/// anything else stands.
fn json_syntax(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + usize::from(b.get(i) == Some(&b'"'));
    loop {
        match b.get(j) {
            None => return Some(j - i),
            Some(c) if c.is_ascii_whitespace() || b",:{}[]-+.0123456789eE".contains(c) => j += 1,
            Some(b't' | b'f' | b'n') => {
                let word = [&b"true"[..], b"false", b"null"]
                    .into_iter()
                    .find(|w| b.get(j..j + w.len()) == Some(*w))?;
                j += word.len();
            }
            Some(b'"') => {
                // A key is a string followed by `:`; anything else opens a value.
                let mut k = j + 1;
                while let Some(&c) = b.get(k) {
                    match c {
                        b'\\' => k += 2,
                        b'"' => break,
                        _ => k += 1,
                    }
                }
                let after = b.get(k + 1..).unwrap_or_default();
                let colon = after.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b':');
                if !colon {
                    return Some(j + 1 - i);
                }
                j = k + 1;
            }
            Some(_) => return None,
        }
    }
}

/// Whether a text is a JSON string's contents saved as they were (a scraper's dump): its line
/// breaks written `\\n` (or its characters `\\uXXXX`), three or more, and more of them than real
/// line breaks.
fn string_escaped(b: &[u8]) -> bool {
    let written =
        memchr::memmem::find_iter(b, b"\\n").count() + memchr::memmem::find_iter(b, b"\\u").count();
    written >= 3 && written > memchr::memchr_iter(b'\n', b).count()
}

/// A text's character references and markdown escapes decoded (a page's source saved as text,
/// or a site's text field that kept its entities: `| &nbsp;6&nbsp; |`,
/// `&ldquo;三安全一稳定&rdquo;`; a converter's markdown, `3\\.其他`), or in a text that is a JSON
/// string's contents ([`string_escaped`]) its string escapes in place of markdown's
/// ([`string_escape`]); with the map of the text it gives to the input through `map` (the
/// text's own map to the input), how many of each kind were decoded (references, markdown
/// escapes, string escapes, a JSON record's runs of syntax, each a line break) and where the first stands; `None` when the text holds none. Only
/// references closed by their `;` are read ([`text_reference`], [`markdown_escape`]). Of a text
/// that is `markup` (read by [`linearize`] after), only the string escapes are read, and only
/// when it is a JSON string's contents (a page's source saved in a JSON field).
pub(crate) fn text_escapes(
    text: &str,
    map: &OffsetMap,
    markup: bool,
    anchors: bool,
) -> Option<(String, OffsetMap, [usize; 6], Range<usize>)> {
    let b = text.as_bytes();
    // Told at the first backslash only: most texts hold none, and are read once, by `find`.
    let json = std::cell::OnceCell::new();
    if markup {
        json.get_or_init(|| string_escaped(b)).then_some(())?;
    }
    // A JSON record (`{"title": "…", "content": "…"}`): its syntax between the strings is a
    // line break. Told with the JSON string escapes, at the first backslash.
    let opens = b.iter().position(|c| !c.is_ascii_whitespace());
    let record = std::cell::OnceCell::new();
    let is_record = || {
        *record.get_or_init(|| {
            // An array's first value a string or an object (a markdown link opens no record:
            // `[导航](…)`).
            let array_of_values = |o: usize| {
                b.get(o + 1..)
                    .and_then(|r| r.iter().find(|c| !c.is_ascii_whitespace()))
                    .is_some_and(|c| matches!(c, b'{' | b'"'))
            };
            *json.get_or_init(|| string_escaped(b))
                && opens.is_some_and(|o| match b.get(o) {
                    Some(b'{') => true,
                    Some(b'[') => array_of_values(o),
                    _ => false,
                })
        })
    };
    // A markdown link's or pandoc span's closing `](…)` or `]{…}` still to come (where and how
    // long), its opening `[` read.
    // Spans inside spans: the innermost, which closes first, last.
    let closing: std::cell::RefCell<Vec<(usize, usize)>> = std::cell::RefCell::new(Vec::new());
    let last_closing = || closing.borrow().last().copied();
    // The next empty anchor at or after where it was last looked for from (`None` when none
    // is left), in a text that holds one (`anchors`, a markdown's bookmarks).
    let next_anchor: std::cell::Cell<Option<(usize, Option<usize>)>> = std::cell::Cell::new(None);
    let anchor_from = |i: usize| -> Option<usize> {
        match next_anchor.get() {
            Some((_, Some(a))) if a >= i => return Some(a),
            Some((from, None)) if from <= i => return None,
            _ => {}
        }
        let found = memchr::memmem::find_iter(b.get(i..).unwrap_or_default(), b"</")
            .filter(|&p| {
                b.get(i + p + 2..i + p + 4)
                    .is_some_and(|t| t.eq_ignore_ascii_case(b"a>"))
            })
            .filter_map(|p| {
                // Its tag opens within 300 bytes before it.
                let from = i.max((i + p).saturating_sub(300));
                let open = from + b.get(from..i + p)?.iter().rposition(|&c| c == b'<')?;
                empty_anchor(b, open).is_some().then_some(open)
            })
            .next();
        next_anchor.set(Some((i, found)));
        found
    };
    // The first reference or escape at or after `i`.
    let find = |mut i: usize| loop {
        if i == 0 {
            // Only a text that opens with `{` or `[` is looked at further.
            if let Some(o) = opens
                .filter(|&o| matches!(b.get(o), Some(b'{' | b'[')))
                .filter(|_| memchr::memchr(b'\\', b).is_some() && is_record())
            {
                if let Some(len) = json_syntax(b, o) {
                    return Some((o, (Ent::Ch('\n'), len)));
                }
            }
        }
        let rest = b.get(i..).unwrap_or_default();
        let off = match (markup, record.get() == Some(&true)) {
            (true, true) => memchr::memchr2(b'\\', b'"', rest),
            (true, false) => memchr::memchr(b'\\', rest),
            (false, true) => memchr::memchr3(b'&', b'\\', b'"', rest),
            (false, false) => memchr::memchr3(b'&', b'\\', b'[', rest),
        };
        // An empty anchor (in a text that is no markup, dropped) and a link's closing, each
        // before anything else found, the first of them first.
        let anchor = (anchors && !markup && record.get() != Some(&true))
            .then(|| anchor_from(i))
            .flatten()
            .filter(|&a| off.is_none_or(|o| a < i + o));
        if let Some((c, len)) = last_closing()
            .filter(|&(c, _)| off.is_none_or(|o| c < i + o) && anchor.is_none_or(|a| c < a))
        {
            closing.borrow_mut().pop();
            return Some((c, (Ent::Empty, len)));
        }
        if let Some(a) = anchor {
            return Some((a, (Ent::Empty, empty_anchor(b, a).unwrap_or(1))));
        }
        let at = i + off?;
        let r = match b.get(at) {
            Some(b'&') => text_reference(b, at),
            Some(b'"') => json_syntax(b, at).map(|len| (Ent::Ch('\n'), len)),
            Some(b'[') => markdown_span(b, at).map(|c| {
                closing.borrow_mut().push(c);
                (Ent::Empty, 1)
            }),
            _ if *json.get_or_init(|| string_escaped(b)) => {
                is_record();
                string_escape(b, at)
            }
            _ => markdown_escape(b, at),
        };
        if let Some(r) = r {
            return Some((at, r));
        }
        i = at + 1;
    };
    let (mut at, mut r) = find(0)?;
    // A link or span shown whole.
    let first = match last_closing() {
        Some((c, len)) if b.get(at) == Some(&b'[') => at..c + len,
        _ => at..at + r.1,
    };
    let mut out = String::with_capacity(text.len());
    let mut m = OffsetMap::new();
    let identity = map.is_identity();
    // The input's offset reached so far.
    let mut pos = 0usize;
    let mut copied = 0usize;
    let mut count = [0usize; 6];
    // `text[from..to]` copied, mapped through `map`.
    let copy = |out: &mut String, m: &mut OffsetMap, pos: &mut usize, from: usize, to: usize| {
        out.push_str(text.get(from..to).unwrap_or_default());
        m.push_through(map, text, from, to, pos);
    };
    loop {
        let (e, len) = r;
        copy(&mut out, &mut m, &mut pos, copied, at);
        let (s0, s1) = if identity {
            (at, at + len)
        } else {
            (map.map_start(at), map.map_end(at + len))
        };
        if s0 > pos {
            m.skip_source(s0 - pos);
            pos = s0;
        }
        let s_len = s1.max(pos) - pos;
        let before = out.len();
        match e {
            Ent::Ch(c) => out.push(c),
            Ent::Ws => out.push(' '),
            Ent::Empty => {}
        }
        if out.len() > before {
            m.push_replace(out.len() - before, s_len);
        } else {
            m.skip_source(s_len);
        }
        pos += s_len;
        let kind = match b.get(at) {
            Some(b'&') => 0,
            // A link's or span's opening (its closing counted with it).
            Some(b'[') if last_closing().is_some_and(|(c, _)| c > at) => 4,
            Some(b'<') => 5,
            Some(b']') => 6,
            Some(b'"' | b'{' | b'[') => 3,
            _ if json.get() == Some(&true) => 2,
            _ => 1,
        };
        if let Some(c) = count.get_mut(kind) {
            *c += 1;
        }
        copied = at + len;
        match find(copied) {
            Some((a, x)) => (at, r) = (a, x),
            None => break,
        }
    }
    copy(&mut out, &mut m, &mut pos, copied, text.len());
    if pos < map.source_len() {
        m.skip_source(map.source_len() - pos);
    }
    Some((out, m, count, first))
}

fn decode_to_string(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', b.get(i..).unwrap_or_default()) {
        let at = i + off;
        if let Some((e, len)) = entity(b, at) {
            out.push_str(s.get(run..at).unwrap_or_default());
            match e {
                Ent::Ch(c) => out.push(c),
                Ent::Ws => out.push(' '),
                Ent::Empty => {}
            }
            i = at + len;
            run = i;
        } else {
            i = at + 1;
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out
}

// ---------------------------------------------------------------------------------------------
// Sources: the input itself, or markup unescaped from JavaScript string literals

/// A stretch of an unescaped document and where it came from in the input.
#[derive(Debug, Clone, Copy)]
struct Piece {
    inner: usize,
    inner_len: usize,
    input: usize,
    input_len: usize,
    copy: bool,
}

enum Src<'a> {
    Plain(&'a str),
    Js { text: &'a str, pieces: &'a [Piece] },
}

impl Src<'_> {
    fn text(&self) -> &str {
        match self {
            Src::Plain(t) | Src::Js { text: t, .. } => t,
        }
    }

    /// Input offset of the inner offset `p` (start side).
    fn to_input(&self, p: usize) -> usize {
        match self {
            Src::Plain(_) => p,
            Src::Js { pieces, .. } => {
                let i = pieces.partition_point(|pc| pc.inner <= p);
                match i.checked_sub(1).and_then(|i| pieces.get(i)) {
                    Some(pc) if p < pc.inner + pc.inner_len => {
                        if pc.copy {
                            pc.input + (p - pc.inner)
                        } else {
                            pc.input
                        }
                    }
                    Some(pc) => pc.input + pc.input_len,
                    None => pieces.first().map_or(0, |pc| pc.input),
                }
            }
        }
    }

    /// Input offset of the inner end offset `p` (exclusive).
    fn to_input_end(&self, p: usize) -> usize {
        match self {
            Src::Plain(_) => p,
            Src::Js { pieces, .. } => {
                let Some(q) = p.checked_sub(1) else {
                    return self.to_input(0);
                };
                let i = pieces.partition_point(|pc| pc.inner <= q);
                match i.checked_sub(1).and_then(|i| pieces.get(i)) {
                    Some(pc) if pc.copy && q < pc.inner + pc.inner_len => pc.input + (p - pc.inner),
                    Some(pc) => pc.input + pc.input_len,
                    None => self.to_input(0),
                }
            }
        }
    }

    /// Emit inner text `a..b` (plain text, no entities) as copies where possible.
    fn copy(&self, w: &mut Writer, a: usize, b: usize) {
        match self {
            Src::Plain(t) => {
                if let Some(s) = t.get(a..b) {
                    w.copy(a, s);
                }
            }
            Src::Js { text, pieces } => {
                let mut i = pieces.partition_point(|pc| pc.inner + pc.inner_len <= a);
                while let Some(pc) = pieces.get(i) {
                    if pc.inner >= b {
                        break;
                    }
                    let x = a.max(pc.inner);
                    let y = b.min(pc.inner + pc.inner_len);
                    if let Some(s) = text.get(x..y).filter(|s| !s.is_empty()) {
                        if pc.copy {
                            w.copy(pc.input + (x - pc.inner), s);
                        } else {
                            w.replace(s, pc.input, pc.input + pc.input_len);
                        }
                    }
                    i += 1;
                }
            }
        }
    }
}

/// Collect the markup-bearing string literals of the script `input[a..b]`, unescaped.
fn js_markup(input: &str, a: usize, b: usize) -> Option<(String, Vec<Piece>)> {
    let bytes = input.as_bytes();
    let mut inner = String::new();
    let mut pieces = Vec::new();
    let mut i = a;
    while i < b {
        let c = bytes.get(i).copied().unwrap_or(0);
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        match c {
            b'/' if next == b'/' => {
                i = memchr::memchr(b'\n', bytes.get(i..b).unwrap_or_default()).map_or(b, |o| i + o);
            }
            b'/' if next == b'*' => {
                i = memchr::memmem::find(bytes.get(i + 2..b).unwrap_or_default(), b"*/")
                    .map_or(b, |o| i + 2 + o + 2);
            }
            b'"' | b'\'' | b'`' => match js_literal(input, i + 1, b, c) {
                Some((end, lit, lit_pieces)) => {
                    if lit.len() >= MIN_JS_LITERAL && has_markup(&lit) {
                        let base = inner.len();
                        pieces.extend(lit_pieces.into_iter().map(|p| Piece {
                            inner: p.inner + base,
                            ..p
                        }));
                        inner.push_str(&lit);
                    }
                    i = end;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    (!inner.is_empty()).then_some((inner, pieces))
}

/// Whether unescaped literal text holds HTML markup.
fn has_markup(s: &str) -> bool {
    let t = s.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', t.get(i..).unwrap_or_default()) {
        if known_tag_at(t, i + off).is_some() {
            return true;
        }
        i += off + 1;
    }
    false
}

/// Parse a JS string literal whose body starts at `start`; returns the offset after its
/// closing quote, the unescaped text and its pieces (inner offsets relative to the literal).
fn js_literal(
    input: &str,
    start: usize,
    b: usize,
    quote: u8,
) -> Option<(usize, String, Vec<Piece>)> {
    let bytes = input.as_bytes();
    let mut out = String::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut run = start;
    let mut j = start;
    let flush = |out: &mut String, pieces: &mut Vec<Piece>, run: usize, j: usize| {
        if j > run {
            if let Some(s) = input.get(run..j) {
                pieces.push(Piece {
                    inner: out.len(),
                    inner_len: s.len(),
                    input: run,
                    input_len: s.len(),
                    copy: true,
                });
                out.push_str(s);
            }
        }
    };
    loop {
        if j >= b {
            return None;
        }
        let c = bytes.get(j).copied().unwrap_or(0);
        if c == quote {
            flush(&mut out, &mut pieces, run, j);
            return Some((j + 1, out, pieces));
        }
        if c == b'\n' && quote != b'`' {
            return None;
        }
        if c == b'\\' {
            flush(&mut out, &mut pieces, run, j);
            let (ch, len) = js_escape(input, j + 1, b);
            let inner = out.len();
            if let Some(ch) = ch {
                out.push(ch);
            }
            pieces.push(Piece {
                inner,
                inner_len: out.len() - inner,
                input: j,
                input_len: 1 + len,
                copy: false,
            });
            j += 1 + len;
            run = j;
            continue;
        }
        j += 1;
    }
}

/// The character escaped after a backslash at `k`, and the escape's length after the backslash.
fn js_escape(input: &str, k: usize, b: usize) -> (Option<char>, usize) {
    let bytes = input.as_bytes();
    let Some(&e) = bytes.get(k).filter(|_| k < b) else {
        return (None, 0);
    };
    let hex = |from: usize, n: usize| -> Option<u32> {
        let h = input.get(from..from + n)?;
        if from + n > b || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    };
    match e {
        b'n' => (Some('\n'), 1),
        b't' => (Some('\t'), 1),
        b'r' => (Some('\r'), 1),
        b'b' | b'f' | b'v' => (Some(' '), 1),
        b'0' => (None, 1),
        b'\n' => (None, 1),
        b'\r' => (
            None,
            if bytes.get(k + 1) == Some(&b'\n') {
                2
            } else {
                1
            },
        ),
        b'x' => match hex(k + 1, 2) {
            Some(v) => (char::from_u32(v), 3),
            None => (Some('x'), 1),
        },
        b'u' => {
            if bytes.get(k + 1) == Some(&b'{') {
                let n = bytes
                    .get(k + 2..b)
                    .unwrap_or_default()
                    .iter()
                    .take(7)
                    .take_while(|c| c.is_ascii_hexdigit())
                    .count();
                if bytes.get(k + 2 + n) == Some(&b'}') {
                    let v = hex(k + 2, n).unwrap_or(0xFFFD);
                    return (Some(char::from_u32(v).unwrap_or('\u{fffd}')), 3 + n);
                }
                return (Some('u'), 1);
            }
            let Some(v) = hex(k + 1, 4) else {
                return (Some('u'), 1);
            };
            if (0xD800..0xDC00).contains(&v) && input.get(k + 5..k + 7) == Some("\\u") {
                if let Some(lo) = hex(k + 7, 4).filter(|lo| (0xDC00..0xE000).contains(lo)) {
                    let c = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                    return (char::from_u32(c), 11);
                }
            }
            (Some(char::from_u32(v).unwrap_or('\u{fffd}')), 5)
        }
        _ => {
            let ch = input.get(k..).and_then(|s| s.chars().next());
            (ch, ch.map_or(1, char::len_utf8))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writer: output text and map, in input coordinates

#[derive(Default)]
struct Writer {
    out: String,
    map: OffsetMap,
    /// Input offset consumed so far.
    src: usize,
    line_start: bool,
    pend_space: bool,
    pend_break: bool,
    in_cell: bool,
    cell_has_text: bool,
    cell_text_start: usize,
    row_open: bool,
    tables: Vec<GridTable>,
}

impl Writer {
    fn seek(&mut self, pos: usize) {
        if pos > self.src {
            self.map.skip_source(pos - self.src);
            self.src = pos;
        }
    }

    fn synth(&mut self, s: &str) {
        self.out.push_str(s);
        self.map.push_replace(s.len(), 0);
        self.line_start = s.ends_with('\n');
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.line_start
    }

    /// Separators owed before the next visible text.
    fn lead(&mut self) {
        if self.in_cell {
            if !self.cell_has_text {
                self.synth(" ");
                self.cell_has_text = true;
                self.cell_text_start = self.out.len();
            } else if self.pend_space {
                self.synth(" ");
            }
            self.pend_space = false;
            return;
        }
        if self.row_open {
            self.end_row();
        }
        if !self.at_line_start() {
            if self.pend_break {
                self.synth("\n");
            } else if self.pend_space {
                self.synth(" ");
            }
        }
        self.pend_break = false;
        self.pend_space = false;
    }

    /// `s` is the input text at `pos`.
    fn copy(&mut self, pos: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        self.lead();
        self.out.push_str(s);
        if pos >= self.src {
            self.seek(pos);
            self.map.push_copy(s.len());
            self.src = pos + s.len();
        } else {
            self.map.push_replace(s.len(), 0);
        }
        self.line_start = false;
    }

    /// `s` stands for the input range `start..end`.
    fn replace(&mut self, s: &str, start: usize, end: usize) {
        self.lead();
        let start = start.max(self.src);
        let end = end.max(start);
        self.seek(start);
        self.out.push_str(s);
        self.map.push_replace(s.len(), end - start);
        self.src = end;
        self.line_start = false;
    }

    fn space(&mut self) {
        self.pend_space = true;
    }

    fn brk(&mut self) {
        if self.in_cell {
            self.pend_space = true;
        } else {
            self.pend_break = true;
        }
    }

    fn cell_begin(&mut self, pos: usize) {
        if self.in_cell {
            self.cell_end();
        }
        if !self.row_open {
            if !self.at_line_start() {
                self.synth("\n");
            }
            self.pend_break = false;
            self.seek(pos);
            self.synth("|");
            self.row_open = true;
        }
        self.seek(pos);
        self.in_cell = true;
        self.cell_has_text = false;
        self.pend_space = false;
    }

    fn cell_end(&mut self) -> Range<usize> {
        let r = if self.cell_has_text {
            self.cell_text_start..self.out.len()
        } else {
            self.out.len()..self.out.len()
        };
        self.synth(" |");
        self.in_cell = false;
        self.pend_space = false;
        r
    }

    fn end_row(&mut self) {
        if self.in_cell {
            self.cell_end();
        }
        if self.row_open {
            self.row_open = false;
            self.pend_break = true;
        }
    }
}

/// Grid placement with rowspan bookkeeping.
#[derive(Default)]
struct Grid {
    busy: Vec<u16>,
    busy_count: usize,
    row: usize,
    col: usize,
    table: GridTable,
}

impl Grid {
    fn place(&mut self, colspan: u16, rowspan: u16, text: Range<usize>) {
        let mut c = self.col;
        while self.busy.get(c).is_some_and(|&b| b > 0) {
            c += 1;
        }
        for k in c..(c + usize::from(colspan)).min(MAX_COLS) {
            if self.busy.len() <= k {
                self.busy.resize(k + 1, 0);
            }
            if let Some(b) = self.busy.get_mut(k) {
                if *b == 0 && rowspan > 0 {
                    self.busy_count += 1;
                }
                *b = rowspan;
            }
        }
        self.table.cells.push(GridCell {
            row: self.row,
            col: c,
            rowspan: usize::from(rowspan),
            colspan: usize::from(colspan),
            text,
        });
        self.col = c + usize::from(colspan);
        self.table.cols = self.table.cols.max(self.col);
    }

    fn end_row(&mut self) {
        if self.busy_count > 0 {
            self.busy_count = 0;
            for b in &mut self.busy {
                *b = b.saturating_sub(1);
                if *b > 0 {
                    self.busy_count += 1;
                }
            }
        }
        self.row += 1;
        self.col = 0;
        self.table.rows = self.row;
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

struct Render<'a, 'w> {
    doc: &'a Doc,
    src: &'a Src<'a>,
    w: &'w mut Writer,
    /// The input document (script literals are looked into only there).
    top: bool,
    pre: usize,
}

enum Item {
    Row(u32),
    Cells(Vec<u32>),
    Other(u32),
}

impl<'a> Render<'a, '_> {
    fn n(&self, id: u32) -> Option<&Node> {
        self.doc.nodes.get(id as usize)
    }

    /// The children of `id`, read from the document (not through `self`, so that the render can
    /// go on while they are walked).
    fn children(&self, id: u32) -> Children<'a> {
        let doc: &'a Doc = self.doc;
        Children {
            nodes: &doc.nodes,
            next: self.n(id).map_or(NONE, |n| n.first),
        }
    }

    fn total_text(&self) -> usize {
        self.doc.nodes.first().map_or(0, |n| n.text_len)
    }

    fn node(&mut self, id: u32, depth: usize) {
        let Some(n) = self.n(id) else { return };
        let (tag, start, end, chrome, has_table, text_len) =
            (n.tag, n.start, n.end, n.chrome, n.has_table, n.text_len);
        if depth > MAX_DEPTH + 8 {
            return;
        }
        match tag {
            Tag::Text => self.text(start, end),
            Tag::Script => {
                if self.top {
                    self.script(id);
                }
            }
            t if t.is_raw_drop() => {}
            Tag::Rt => {}
            _ if chrome && !has_table && text_len.saturating_mul(3) < self.total_text() => {}
            Tag::Br | Tag::Hr => self.w.brk(),
            Tag::Tr | Tag::Td | Tag::Th if self.w.in_cell => {
                self.w.brk();
                self.kids(id, depth);
                self.w.brk();
            }
            Tag::Table => self.table(id, depth),
            Tag::Tr => {
                let cells = self.row_cells(id, 0);
                self.pipe_row(&cells, None, depth);
            }
            Tag::Td | Tag::Th => self.pipe_row(&[id], None, depth),
            Tag::Pre => {
                self.w.brk();
                self.pre += 1;
                self.kids(id, depth);
                self.pre -= 1;
                self.w.brk();
            }
            t if t.is_block() => {
                self.w.brk();
                self.kids(id, depth);
                self.w.brk();
            }
            _ => self.kids(id, depth),
        }
    }

    fn kids(&mut self, id: u32, depth: usize) {
        // Walked in place: collected first, every element with children allocated a list.
        for k in self.children(id) {
            self.node(k, depth + 1);
        }
    }

    fn text(&mut self, a: usize, b: usize) {
        let Some(s) = self.src.text().get(a..b) else {
            return;
        };
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while let Some(&c) = bytes.get(i) {
            let skip = match c {
                // A three-byte character that is none of the white space below (their leads are
                // 0xE3 and 0xEF): passed over whole, not a byte at a time (the text is UTF-8).
                0xE0..=0xE2 | 0xE4..=0xEE => {
                    i += 3;
                    continue;
                }
                b' ' | b'\t' | b'\n' | b'\r' | 0x0c => {
                    self.flush(a, run, i);
                    if self.pre > 0 && c == b'\n' {
                        self.w.brk();
                    } else {
                        self.w.space();
                    }
                    1
                }
                0xC2 if bytes.get(i + 1) == Some(&0xA0) => {
                    self.flush(a, run, i);
                    self.w.space();
                    2
                }
                // U+FEFF and U+3000: indentation in HTML, whitespace for the parser.
                0xEF if bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF][..]) => {
                    self.flush(a, run, i);
                    self.w.space();
                    3
                }
                0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80][..]) => {
                    self.flush(a, run, i);
                    self.w.space();
                    3
                }
                // A reference escaped twice (`&amp;nbsp;`, a page's source escaped again by the
                // site that printed it) is the reference.
                b'&' => match text_reference(bytes, i).or_else(|| entity(bytes, i)) {
                    Some((e, len)) => {
                        self.flush(a, run, i);
                        match e {
                            Ent::Ws => self.w.space(),
                            Ent::Empty => {
                                let end = self.src.to_input_end(a + i + len);
                                self.w.seek(end);
                            }
                            Ent::Ch(ch) => {
                                let mut buf = [0u8; 4];
                                let (x, y) =
                                    (self.src.to_input(a + i), self.src.to_input_end(a + i + len));
                                self.w.replace(ch.encode_utf8(&mut buf), x, y);
                            }
                        }
                        len
                    }
                    None => {
                        i += 1;
                        continue;
                    }
                },
                b'|' if self.w.in_cell => {
                    self.flush(a, run, i);
                    let (x, y) = (self.src.to_input(a + i), self.src.to_input_end(a + i + 1));
                    self.w.replace("｜", x, y);
                    1
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            i += skip;
            run = i;
        }
        self.flush(a, run, bytes.len());
    }

    fn flush(&mut self, base: usize, from: usize, to: usize) {
        if to > from {
            self.src.copy(self.w, base + from, base + to);
        }
    }

    fn script(&mut self, id: u32) {
        let Src::Plain(input) = *self.src else { return };
        let texts: Vec<(usize, usize)> = self
            .children(id)
            .filter_map(|k| {
                self.n(k)
                    .filter(|n| n.tag == Tag::Text)
                    .map(|n| (n.start, n.end))
            })
            .collect();
        for (a, b) in texts {
            let Some((inner, pieces)) = js_markup(input, a, b) else {
                continue;
            };
            let doc = build(&inner);
            let src = Src::Js {
                text: &inner,
                pieces: &pieces,
            };
            self.w.brk();
            let mut r = Render {
                doc: &doc,
                src: &src,
                w: self.w,
                top: false,
                pre: 0,
            };
            r.node(0, 0);
            r.w.end_row();
            r.w.brk();
        }
    }

    /// Rows of a table, looking through row groups and stray wrappers.
    fn collect_rows(&self, id: u32, items: &mut Vec<Item>, depth: usize) {
        for k in self.children(id) {
            let Some(n) = self.n(k) else { continue };
            match n.tag {
                Tag::Tr => items.push(Item::Row(k)),
                Tag::Td | Tag::Th => match items.last_mut() {
                    Some(Item::Cells(c)) => c.push(k),
                    _ => items.push(Item::Cells(vec![k])),
                },
                Tag::Tsection => self.collect_rows(k, items, depth + 1),
                Tag::Colgroup | Tag::Void => {}
                Tag::Text if n.text_len == 0 => {}
                Tag::Inline | Tag::Form | Tag::Div if depth < 4 && self.has_rows(k) => {
                    self.collect_rows(k, items, depth + 1)
                }
                _ => items.push(Item::Other(k)),
            }
        }
    }

    fn has_rows(&self, id: u32) -> bool {
        self.children(id).any(|k| {
            self.n(k)
                .is_some_and(|n| matches!(n.tag, Tag::Tr | Tag::Td | Tag::Th | Tag::Tsection))
        })
    }

    /// Cells of a row; stray non-cell content becomes a cell of its own.
    fn row_cells(&self, tr: u32, depth: usize) -> Vec<u32> {
        let mut cells = Vec::new();
        for k in self.children(tr) {
            let Some(n) = self.n(k) else { continue };
            match n.tag {
                Tag::Td | Tag::Th => cells.push(k),
                Tag::Text if n.text_len == 0 => {}
                Tag::Void | Tag::Colgroup => {}
                Tag::Inline | Tag::Form | Tag::Div if depth < 4 && self.has_rows(k) => {
                    cells.extend(self.row_cells(k, depth + 1))
                }
                _ if n.text_len == 0 && !n.has_table => {}
                _ => cells.push(k),
            }
        }
        cells
    }

    fn is_layout_cell(&self, c: u32) -> bool {
        self.n(c)
            .is_some_and(|n| n.has_table || n.text_len > LAYOUT_CELL_TEXT)
    }

    fn table(&mut self, id: u32, depth: usize) {
        if self.w.in_cell {
            // A table inside a pipe cell: its text joins the cell.
            self.kids(id, depth);
            return;
        }
        let mut items = Vec::new();
        self.collect_rows(id, &mut items, 0);
        let rows: Vec<(Vec<u32>, Option<u32>)> = items
            .iter()
            .map(|it| match it {
                Item::Row(r) => (self.row_cells(*r, 0), None),
                Item::Cells(c) => (c.clone(), None),
                Item::Other(o) => (Vec::new(), Some(*o)),
            })
            .collect();
        let layout = rows
            .iter()
            .any(|(cells, _)| cells.iter().any(|&c| self.is_layout_cell(c)));
        self.w.end_row();
        self.w.brk();
        if layout {
            for (cells, other) in rows {
                for c in cells.into_iter().chain(other) {
                    self.w.brk();
                    self.kids_or_self(c, depth);
                    self.w.brk();
                }
            }
        } else {
            let mut grid = Grid::default();
            for (cells, other) in rows {
                if let Some(o) = other {
                    self.w.end_row();
                    self.node(o, depth + 1);
                    continue;
                }
                self.pipe_row(&cells, Some(&mut grid), depth);
            }
            if !grid.table.cells.is_empty() {
                self.w.tables.push(grid.table);
            }
        }
        self.w.end_row();
        self.w.brk();
    }

    fn kids_or_self(&mut self, id: u32, depth: usize) {
        if self
            .n(id)
            .is_some_and(|n| matches!(n.tag, Tag::Td | Tag::Th))
        {
            self.kids(id, depth + 1);
        } else {
            self.node(id, depth + 1);
        }
    }

    fn pipe_row(&mut self, cells: &[u32], mut grid: Option<&mut Grid>, depth: usize) {
        self.w.end_row();
        for &c in cells {
            let Some(n) = self.n(c) else { continue };
            let (start, colspan, rowspan) = (n.start, n.colspan, n.rowspan);
            let pos = self.src.to_input(start);
            self.w.cell_begin(pos);
            self.kids_or_self(c, depth);
            let range = self.w.cell_end();
            if let Some(g) = grid.as_deref_mut() {
                g.place(colspan.max(1), rowspan.max(1), range);
            }
        }
        self.w.end_row();
        if let Some(g) = grid {
            g.end_row();
        }
    }
}

struct Children<'a> {
    nodes: &'a [Node],
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let id = self.next;
        let n = self.nodes.get(id as usize)?;
        self.next = n.next;
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_line_break_is_white_space_and_an_escaped_backslash_a_backslash() {
        let text = "| （二）部分公开\\\\ | 99 |\n| 3\\.其他\\ | 1 |\n路径 C:\\\\temp 与 \\\\x\n";
        let (out, _, _, _) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, false).expect("escapes");
        // Org's `\\\\` and pandoc's `\\` after a label and before white space: a space.
        // Elsewhere `\\\\` is one backslash.
        assert_eq!(
            out,
            "| （二）部分公开  | 99 |\n| 3.其他  | 1 |\n路径 C:\\temp 与 \\x\n"
        );
    }

    #[test]
    fn a_texts_references_are_decoded_and_map_to_the_text_as_written() {
        let text = "| 行政许可 | &nbsp;6&nbsp; | &amp;nbsp;12&amp;nbsp; | &#160;3 |\n危及&ldquo;三安全一稳定&rdquo; R&D &copy 2024 &unknown;";
        let (out, map, n, first) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, false).expect("references");
        assert_eq!(
            out,
            "| 行政许可 |  6  |  12  |  3 |\n危及“三安全一稳定” R&D &copy 2024 &unknown;"
        );
        assert_eq!(n, [7, 0, 0, 0, 0, 0]);
        assert_eq!(text.get(first), Some("&nbsp;"));
        // Each figure maps to its bytes in the text as written.
        for fig in ["6", "12", "3 "] {
            let d = out.find(&format!(" {fig}")).expect(fig) + 1;
            let (a, b) = map.map_range(d, d + fig.trim().len());
            assert_eq!(text.get(a..b), Some(fig.trim()), "{fig}");
        }
        // A reference maps to the whole of it.
        let d = out.find('“').expect("quote");
        let (a, b) = map.map_range(d, d + '“'.len_utf8());
        assert_eq!(text.get(a..b), Some("&ldquo;"));
        assert_eq!(map.source_len(), text.len());
        // Nothing closed by its `;`: no reading.
        assert!(text_escapes(
            "R&D &copy 2024 &nbsp",
            &OffsetMap::identity(20),
            false,
            false
        )
        .is_none());
    }

    #[test]
    fn markdown_links_and_pandoc_spans_are_unwrapped() {
        let text = "[一、总体情况](https://x.gov.cn/a) 见[附件]。\n\
                    | [行政许可]{.underline} | [23]{.underline} | [3\\.其他]{#a .mark} |\n\
                    [根据\n条例]{.underline} [1] [注][2] [a b](c d) [x]{ y} [[a]](u) [e](f\ng)\n\
                    [p\n\nq](r) ]{.x} [2020]";
        let (out, map, n, first) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, false).expect("spans");
        assert_eq!(
            out,
            "一、总体情况 见[附件]。\n| 行政许可 | 23 | 3.其他 |\n\
             根据\n条例 [1] [注][2] [a b](c d) [x]{ y} [[a]](u) [e](f\ng)\n\
             [p\n\nq](r) ]{.x} [2020]"
        );
        // Five links and spans, one markdown escape; the first shown whole.
        assert_eq!(n, [0, 1, 0, 0, 5, 0]);
        assert_eq!(text.get(first), Some("[一、总体情况](https://x.gov.cn/a)"));
        // A figure maps to itself, a label to its characters.
        for word in ["23", "行政许可", "条例"] {
            let d = out.find(word).expect(word);
            let (a, b) = map.map_range(d, d + word.len());
            assert_eq!(text.get(a..b), Some(word));
        }
        assert_eq!(map.source_len(), text.len());
        // Spans inside spans (pandoc's markdown of a page's styles), five deep at most.
        let text = "[[一、总体情况]{style=\"font-family:黑体\"}]{style=\"FONT-SIZE: 16pt\"} \
                    [[[[[[x]{.a}]{.b}]{.c}]{.d}]{.e}]{.g} [[y] z]{.f}";
        let (out, _, n, _) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, false).expect("nested");
        assert_eq!(out, "一、总体情况 [x]{.g} [[y] z]{.f}");
        assert_eq!(n, [0, 0, 0, 0, 7, 0]);
        // A JSON string's contents opening with a link, which opens no JSON record.
        let text = r"[导航](https://x)\n一\n二\n| [23]{.underline} |";
        let (out, _, n, _) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, false).expect("string");
        assert_eq!(out, "导航\n一\n二\n| 23 |");
        assert_eq!(n, [0, 0, 3, 0, 2, 0]);
        // Nothing to unwrap: no reading.
        let plain = "见[附件1]。[2020]12号 [a](b c)";
        assert!(text_escapes(plain, &OffsetMap::identity(plain.len()), false, false).is_none());
    }

    #[test]
    fn a_markdowns_empty_anchors_are_no_markup_and_are_dropped() {
        // mammoth's markdown of a Word file: its bookmarks before its headings, in a link.
        let text =
            "<a id=\"_Toc1\"></a>一、总体情况\n[<a id=\"x\"></a>*登录*](javascript:void\\(0\\);)\n\
                    <A NAME=\"t\"></A>二、主动公开政府信息情况\n| 行政许可 | 5949\\.088667 |\n";
        assert_eq!(sniff_markup(text), (false, true));
        let (out, map, n, first) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, true).expect("anchors");
        assert_eq!(
            out,
            "一、总体情况\n*登录*\n二、主动公开政府信息情况\n| 行政许可 | 5949.088667 |\n"
        );
        assert_eq!(n, [0, 1, 0, 0, 1, 3]);
        assert_eq!(text.get(first), Some("<a id=\"_Toc1\"></a>"));
        let d = out.find("二、").expect("heading");
        let (a, b) = map.map_range(d, d + "二、".len());
        assert_eq!(text.get(a..b), Some("二、"));
        // A link with its text, or an anchor not closed at once, is a tag, and three tags make
        // markup; a page's anchors are not dropped from its markup.
        let page = "<a href=\"/\">首页</a><a id=\"y\"></a><p>一、总体情况</p>";
        assert_eq!(sniff_markup(page), (true, true));
        assert!(text_escapes(page, &OffsetMap::identity(page.len()), true, true).is_none());
        assert!(empty_anchor(b"<a id=\"z\">\n</a>", 0).is_none());
        assert!(empty_anchor(b"<a id=\"z\"><b></b></a>", 0).is_none());
        assert_eq!(empty_anchor(b"<a id=\"z\"></a>x", 0), Some(14));
        assert_eq!(
            empty_anchor("<a\u{a0}id=\"z\"></a>".as_bytes(), 0),
            Some(15)
        );
        assert!(empty_anchor(b"<abbr></a>", 0).is_none());
        // pandoc's markdown of a page: its bare `<div>` lines beside its fenced divs are no
        // markup; without the fences, or with other tags, they are.
        let divs = "::: {.header}\n<div>\n一、总体情况\n</div>\n:::\n<div>\n</div>\n";
        assert_eq!(sniff_markup(divs), (false, false));
        assert!(sniff_markup(&divs.replace(":::", "")).0);
        assert!(sniff_markup(&format!("{divs}<table><tr><td>1</td></tr></table>")).0);
    }

    #[test]
    fn a_json_strings_contents_are_read_unescaped() {
        let text = r#"一、总体情况\n行政许可\t\u4e00 \"引\" a\/b \\ \ud83d\ude00 \ud83d \x"#;
        let (out, map, n, first) =
            text_escapes(text, &OffsetMap::identity(text.len()), false, false).expect("escapes");
        assert_eq!(
            out,
            "一、总体情况\n行政许可\t一 \"引\" a/b \\ 😀 \u{fffd} \\x"
        );
        assert_eq!(n, [0, 0, 9, 0, 0, 0]);
        assert_eq!(text.get(first), Some("\\n"));
        let d = out.find('一').expect("一");
        let d = out[d + 3..].find('一').expect("second") + d + 3;
        assert_eq!(
            map.map_range(d, d + 3),
            (
                text.find("\\u4e00").unwrap_or(0),
                text.find("\\u4e00").unwrap_or(0) + 6
            )
        );
        // Real line breaks as many as the written ones: markdown's escapes, not a string's.
        let text = "a\\nb\nc\\nd\ne\\nf\n";
        assert!(!string_escaped(text.as_bytes()));
        assert!(string_escaped(br"a\nb\nc\nd"));
    }

    #[test]
    fn a_json_records_syntax_runs_to_its_next_value() {
        let b = br#"{"id": 1, "ok": true, "title": "x", "n": null, "content": "y"}"#;
        assert_eq!(
            json_syntax(b, 0),
            Some(r#"{"id": 1, "ok": true, "title": ""#.len())
        );
        let at = b.iter().position(|&c| c == b'x').map_or(0, |x| x + 1);
        assert_eq!(
            b.get(at..at + json_syntax(b, at).unwrap_or(0)),
            Some(&br#"", "n": null, "content": ""#[..])
        );
        let end = b.len() - 2;
        assert_eq!(json_syntax(b, end), Some(2));
        // Text is no syntax.
        assert_eq!(json_syntax(br#"" said he"#, 0), None);
    }

    #[test]
    fn references_map_through_the_texts_own_map() {
        // The text as decoded from an input that held two bytes more before it (a mark dropped).
        let text = "a&nbsp;7";
        let mut dmap = OffsetMap::new();
        dmap.skip_source(2);
        dmap.push_copy(text.len());
        let (out, map, _, _) = text_escapes(text, &dmap, false, false).expect("references");
        assert_eq!(out, "a 7");
        assert_eq!(map.map_range(2, 3), (9, 10));
        assert_eq!(map.map_range(1, 2), (3, 9));
        assert_eq!(map.source_len(), text.len() + 2);
    }

    const REAL: &str = "/work/shared/corpus/real";
    const PAGES: [&str; 3] = [
        "045_pingtan-2019-page.html",
        "046_pingtan-2021-page.html",
        "047_pingtan-2023-page.html",
    ];

    fn page(name: &str) -> String {
        std::fs::read_to_string(format!("{REAL}/{name}")).expect("corpus page")
    }

    fn lines(l: &Linearized) -> Vec<&str> {
        l.text.lines().collect()
    }

    fn mapped<'i>(l: &Linearized, input: &'i str, r: Range<usize>) -> &'i str {
        let (s, e) = l.map.map_range(r.start, r.end);
        &input[s..e]
    }

    /// Every output character is its own input bytes, an entity for it, or a zero-width
    /// synthetic separator.
    fn assert_map_exact(l: &Linearized, input: &str) {
        assert_eq!(l.map.derived_len(), l.text.len());
        assert_eq!(l.map.source_len(), input.len());
        for (d, ch) in l.text.char_indices() {
            let src = mapped(l, input, d..d + ch.len_utf8());
            let mut buf = [0u8; 4];
            let want = ch.encode_utf8(&mut buf);
            let ok = src == want
                || (src.starts_with('&') && decode_to_string(src) == *want)
                || (src.is_empty() && matches!(ch, ' ' | '\n' | '|'))
                || (ch == '｜' && src == "|");
            assert!(ok, "output {ch:?} at {d} maps to {src:?}");
        }
    }

    #[test]
    fn pages_have_six_headings_at_line_starts() {
        let heads = [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
        ];
        for f in PAGES {
            let l = linearize(&page(f));
            let ls = lines(&l);
            for h in heads {
                assert!(ls.iter().any(|x| x.starts_with(h)), "{f}: {h}");
            }
            assert!(
                ls.iter().any(|x| x.starts_with("四、政府信息公开行政复议")),
                "{f}"
            );
            assert!(
                ls.iter()
                    .any(|x| x.starts_with("五、存在的主要问题及改进情况")),
                "{f}"
            );
            assert!(
                ls.iter().any(|x| x.starts_with("六、其他需要报告的事项")),
                "{f}"
            );
        }
    }

    #[test]
    fn pages_table_rows_match_gold() {
        let l = linearize(&page(PAGES[0]));
        let ls = lines(&l);
        assert!(ls.contains(&"| 行政许可 | 396 | 0 | 181 |"));
        assert!(ls.contains(&"| 政府集中采购 | 135 | 75394432.52元 |"));
        assert!(ls.contains(&"| 信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |"));
        assert!(ls.contains(&"| 一、本年新收政府信息公开申请数量 | 23 | 0 | 0 | 0 | 0 | 0 | 23 |"));
        let l = linearize(&page(PAGES[1]));
        assert!(lines(&l).contains(&"| 行政规范性文件 | 69 | 3 | 665 |"));
        assert!(lines(&l).contains(&"| 行政事业性收费 | 24252.311082 |"));
        let l = linearize(&page(PAGES[2]));
        assert!(lines(&l).contains(&"| 行政规范性文件 | 77 | 132 | 470 |"));
        // '商业</p><p>企业' joins with one space.
        assert!(
            lines(&l).contains(&"| 商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |")
        );
        assert!(
            lines(&l).contains(&"| 1 | 1 | 0 | 0 | 2 | 4 | 0 | 0 | 1 | 5 | 1 | 0 | 1 | 0 | 2 |")
        );
    }

    #[test]
    fn pages_have_meta_and_no_chrome_or_script() {
        let want = [
            ("2020-01-20", "2019"),
            ("2022-02-08", "2021"),
            ("2024-03-08", "2023"),
        ];
        for (f, (date, year)) in PAGES.iter().zip(want) {
            let l = linearize(&page(f));
            assert_eq!(l.published.as_deref(), Some(date));
            assert_eq!(
                l.title,
                Some(format!("平潭综合实验区{year}年度政府信息公开工作年度报告"))
            );
            for junk in [
                "function",
                "var ",
                "{",
                "首页",
                "省人大",
                "网站地图",
                "当前位置",
                "分享到",
                "长者模式",
                "ICP",
                "政府信息公开年报_",
            ] {
                assert!(!l.text.contains(junk), "{f}: {junk}");
            }
            assert_eq!(l.tables.len(), 3, "{f}");
            assert!(!l.text.contains("\n\n"));
        }
    }

    #[test]
    fn pages_map_every_character_back_exactly() {
        for f in PAGES {
            let input = page(f);
            let l = linearize(&input);
            assert_map_exact(&l, &input);
            // A value cell maps to exactly its digits in the page.
            let i = l.text.find("| 行政许可 | ").unwrap() + "| 行政许可 | ".len();
            let j = i + l.text[i..].find(' ').unwrap();
            let (s, e) = l.map.map_range(i, j);
            assert_eq!(&input[s..e], &l.text[i..j]);
            assert!(
                input[..s].ends_with('>'),
                "{f}: cell text starts right after a tag"
            );
            // Grid cells know their text range.
            for c in &l.tables[0].cells {
                if !c.text.is_empty() && l.text[c.text.clone()].bytes().all(|b| b.is_ascii_digit())
                {
                    assert_eq!(mapped(&l, &input, c.text.clone()), &l.text[c.text.clone()]);
                }
            }
        }
    }

    #[test]
    fn rowspan_labels_appear_once_and_grid_resolves_columns() {
        let l = linearize(&page(PAGES[2]));
        assert_eq!(l.text.matches("三、本年度办理结果").count(), 1);
        let t3 = &l.tables[1];
        let cell = |text: &str| {
            t3.cells
                .iter()
                .find(|c| &l.text[c.text.clone()] == text)
                .expect(text)
                .clone()
        };
        let label = cell("三、本年度办理结果");
        assert_eq!((label.col, label.rowspan), (0, 22));
        // 046: 自然人 spans two header columns, the data under it only one (Word's grid).
        let l = linearize(&page(PAGES[1]));
        let t3 = &l.tables[1];
        let at = |text: &str| {
            let c = t3
                .cells
                .iter()
                .find(|c| &l.text[c.text.clone()] == text)
                .expect(text);
            (c.row, c.col, c.colspan)
        };
        assert_eq!(at("自然人"), (1, 3, 2));
        assert_eq!(at("商业 企业"), (2, 4, 2));
        assert_eq!(at("64"), (3, 3, 1));
        assert_eq!(at("70"), (3, 10, 1));
        assert_eq!(t3.cols, 11);
        assert!(
            lines(&l).contains(&"| | 商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |")
        );
    }

    #[test]
    fn nbsp_cells_are_empty_and_breaks_join_labels() {
        let input = "<table><tr><td>&nbsp;</td><td><span>&nbsp;0</span></td><td> \u{a0} </td>\
                     <td>本年新<br>制作数量</td><td><p>商业</p><p>企业</p></td><td>a|b</td></tr></table>";
        let l = linearize(input);
        assert_eq!(l.text, "| | 0 | | 本年新 制作数量 | 商业 企业 | a｜b |\n");
        assert_map_exact(&l, input);
        let zero = l.text.find('0').unwrap();
        assert_eq!(mapped(&l, input, zero..zero + 1), "0");
        assert_eq!(l.tables[0].cells[0].text.len(), 0);
        assert_eq!(l.tables[0].cols, 6);
    }

    #[test]
    fn fragment_without_html_element() {
        let input = "<p>一、总体情况</p>\n<p>本年度&ldquo;公开&rdquo;情况</p><table>\
                     <tr><td rowspan=2>规章</td><td colspan=2>a</td></tr><tr><td>1</td><td>2</td></tr>\
                     </table>tail";
        assert!(looks_like_html(input));
        let l = linearize(input);
        assert_eq!(
            l.text,
            "一、总体情况\n本年度“公开”情况\n| 规章 | a |\n| 1 | 2 |\ntail\n"
        );
        assert_map_exact(&l, input);
        let t = &l.tables[0];
        assert_eq!((t.rows, t.cols), (2, 3));
        assert_eq!((t.cells[2].row, t.cells[2].col), (1, 1));
        assert_eq!((t.cells[3].row, t.cells[3].col), (1, 2));
    }

    #[test]
    fn chrome_and_hidden_content_dropped_but_report_kept() {
        let input = "<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>\
             <nav><a>首页</a><a>机构</a></nav><div class=\"share_box\">分享到微信</div>\
             <form><input><button>搜索</button></form><select><option>站群</option></select>\
             <!--[if !supportLists]--><!--[endif]--><noscript>开启脚本</noscript>\
             <div class=\"TRS_Editor\"><p>一、总体情况</p><p>正文很长的一段话。正文很长的一段话。</p>\
             <p class=\"MsoNormal\">二、主动公开<o:p></o:p></p></div>\
             <div id=\"footer\">版权所有</div><script>var a = '<p>x</p>';</script></body></html>";
        let l = linearize(input);
        assert_eq!(
            l.text,
            "一、总体情况\n正文很长的一段话。正文很长的一段话。\n二、主动公开\n"
        );
        assert_eq!(l.title.as_deref(), Some("t"));
        // A "menu" element holding the report (or a table) is kept.
        let input = "<div class=\"menu\"><p>一、总体情况</p></div>";
        assert_eq!(linearize(input).text, "一、总体情况\n");
        let input = "<p>很长的正文很长的正文很长的正文</p><div class=\"nav\"><table><tr><td>1</td></tr></table></div>";
        assert!(linearize(input).text.ends_with("| 1 |\n"));
    }

    /// Ruby annotations are dropped and their base text kept, with or without `<rp>`
    /// parentheses, an `<rt>` left open, or one `<rt>` ended by the next; the map stays exact.
    #[test]
    fn ruby_annotations_are_dropped() {
        for input in [
            "<p><ruby>領<rp>(</rp><rt>lǐng</rt><rp>)</rp></ruby><ruby>導<rt>dǎo</rt></ruby>小組</p>",
            "<p><ruby>領<rt>lǐng</ruby><ruby>導<rtc><rt>dǎo</rtc></ruby>小組</p>",
            "<p><ruby>領<rp>(<rt>lǐng<rp>)</ruby><ruby>導<rt>dǎo</rt></ruby>小組</p>",
            "<table><tr><td><ruby>領<rt>lǐng</rt></ruby><ruby>導<rt>dǎo</rt></ruby>小組</td><td>3</td></tr></table>\n<p>小組</p>",
        ] {
            let l = linearize(input);
            assert!(l.text.starts_with("領導小組") || l.text.starts_with("| 領導小組 | 3 |"), "{input}: {:?}", l.text);
            assert!(!l.text.contains('ǐ') && !l.text.contains('(') && !l.text.contains("dǎo"), "{input}: {:?}", l.text);
            assert_map_exact(&l, input);
        }
        // Text after the ruby is kept.
        assert_eq!(
            linearize("<p><ruby>漢<rt>hàn</rt></ruby>字</p><p>下一段</p>").text,
            "漢字\n下一段\n"
        );
        // An `<rp>` or `<rt>` outside a ruby annotates nothing: its text is kept, also when it
        // is never closed, and its end tag closes it.
        for (input, want) in [
            (
                "<div>4. <rp id=\"a\"><option></option></rp></div><p>长兴县2020年报告</p><p>一、总体情况</p>",
                "4.\n长兴县2020年报告\n一、总体情况\n",
            ),
            (
                "<div><rp>长兴县2020年报告<p>一、总体情况</p></div>",
                "长兴县2020年报告\n一、总体情况\n",
            ),
            ("<p>领<rt>导</rt>小组</p>", "领导小组\n"),
        ] {
            let l = linearize(input);
            assert_eq!(l.text, want, "{input}");
            assert_map_exact(&l, input);
        }
    }

    #[test]
    fn nested_tables_flatten() {
        // A layout table around the article renders as blocks; the inner table as pipe rows.
        let input =
            "<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table>\
                     <p>二、主动公开</p></td></tr></table>";
        let l = linearize(input);
        assert_eq!(l.text, "一、总体情况\n| 规章 | 0 |\n二、主动公开\n");
        assert_eq!(l.tables.len(), 1);
    }

    #[test]
    fn javascript_string_literal_is_unescaped() {
        let input = concat!(
            "<html><body><p>站点说明文字，站点说明文字。</p><nav>首页</nav><script>\n",
            "// <p>not this</p>\n",
            "var content = \"<p class=\\\"h\\\">一、总体情况<\\/p><table><tr><td>行政许可<\\/td>",
            "<td>396<\\/td><td>&nbsp;<\\/td><td>181<\\/td><\\/tr><\\/table>",
            "<p>\\u4e8c\\u3001\\u4e3b\\u52a8 &quot;x&quot; \\\"y\\\"<\\/p>\";\n",
            "document.getElementById('c').innerHTML = content;</script><div id=\"c\"></div></body></html>"
        );
        let l = linearize(input);
        assert_eq!(
            l.text,
            "站点说明文字，站点说明文字。\n一、总体情况\n| 行政许可 | 396 | | 181 |\n二、主动 \"x\" \"y\"\n"
        );
        let d = l.text.find("396").unwrap();
        assert_eq!(mapped(&l, input, d..d + 3), "396");
        let d = l.text.find('二').unwrap();
        assert_eq!(mapped(&l, input, d..d + 3), "\\u4e8c");
        let d = l.text.find("\"y").unwrap();
        assert_eq!(mapped(&l, input, d..d + 2), "\\\"y");
        let d = l.text.find("行政许可").unwrap();
        assert_eq!(mapped(&l, input, d..d + "行政许可".len()), "行政许可");
    }

    #[test]
    fn looks_like_html_on_the_corpus() {
        let mut seen = 0;
        for dir in ["/work/shared/corpus/seeds", REAL] {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                let name = p.to_string_lossy().into_owned();
                let want = match p.extension().and_then(|x| x.to_str()) {
                    Some("html") => true,
                    Some("txt" | "md") => false,
                    _ => continue,
                };
                let bytes = std::fs::read(&p).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                assert_eq!(looks_like_html(&text), want, "{name}");
                seen += 1;
            }
        }
        assert!(seen >= 25);
        assert!(!looks_like_html(
            "关于印发<推进健康青岛行动实施方案>的通知 ?!?/p> </p>"
        ));
        assert!(looks_like_html("  <p>一、总体情况</p>"));
        assert!(looks_like_html("<TABLE><TR><TD>1</TD></TR></TABLE>"));
        assert!(!looks_like_html("| a | b |\n| 1 | 2 |"));
    }

    #[test]
    fn dates_and_entities() {
        assert_eq!(iso_date("2020-01-20 15:22").as_deref(), Some("2020-01-20"));
        assert_eq!(iso_date("2020/1/2").as_deref(), Some("2020-01-02"));
        assert_eq!(iso_date("2020年1月2日").as_deref(), Some("2020-01-02"));
        assert_eq!(iso_date("20200120").as_deref(), Some("2020-01-20"));
        assert_eq!(iso_date("1/2/2020"), None);
        assert_eq!(iso_date("2020-13-01"), None);
        assert_eq!(
            decode_to_string("a&amp;b&#39;&#x4e00;&#150;&unknown;&nbsp&copy"),
            "a&b'一–&unknown; ©"
        );
    }

    #[test]
    fn hostile_inputs_stay_linear_and_panic_free() {
        let cases = [
            "<div>".repeat(100_000),
            "<tr><td rowspan=65534 colspan=9999>1".repeat(20_000),
            "<table>".repeat(20_000) + &"<td>x".repeat(1000),
            "&".repeat(200_000) + &"&#99999999999;".repeat(1000),
            "<script>var s = \"<p>".to_string() + &"\\u00".repeat(50_000),
            "<p><select>".to_string() + &"<option>x".repeat(10_000) + "<p>after",
            "</p></td></tr></table></br>".repeat(10_000),
        ];
        for input in &cases {
            let t = std::time::Instant::now();
            let l = linearize(input);
            assert_eq!(l.map.source_len(), input.len());
            assert_eq!(l.map.derived_len(), l.text.len());
            assert!(t.elapsed().as_secs() < 5);
        }
        assert!(linearize(&cases[5]).text.ends_with("after\n"));
    }

    proptest::proptest! {
        #[test]
        fn map_covers_arbitrary_markup(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<p>", "</p>", "<td>", "</td>", "<tr>", "<table>", "</table>", "<br>", "&nbsp;",
                "&amp;", "&#", "字", "a", " ", "\n", "<!--", "-->", "<script>", "</script>", "\"",
                "\\\"", "<\\/p>", "<td colspan=2 rowspan=3>", "<div class=nav>", "|", "<", ">",
            ]), 0..60)) {
            let input: String = parts.concat();
            let l = linearize(&input);
            proptest::prop_assert_eq!(l.map.source_len(), input.len());
            proptest::prop_assert_eq!(l.map.derived_len(), l.text.len());
            let mut last = 0;
            for (d, _) in l.text.char_indices() {
                let s = l.map.map_start(d);
                proptest::prop_assert!(s >= last && s <= input.len());
                last = s;
            }
        }
    }

    /// The sets html5gum's tokenizer searches for (each with the `\r` it adds), and some that
    /// test [`ByteSet::find`]'s branches.
    const NEEDLES: &[&[u8]] = &[
        b"\r",
        b"<\r",
        b"&<\0\r",
        b"<\0\r",
        b"\0\r",
        b"\"&\0\r",
        b"'&\0\r",
        b"\t\n\x0c />\0\r",
        b"\t\n\x0c />=\0\r",
        b"\t\n\x0c &>\r",
        b"\t\n\x0c >\0\r",
        b"-<\0\r",
        b"]\r",
        b"\t\n\x0c \"&'<=>`\0\r",
        b"\x97]`-\r",
        b"]`\r",
        b"]`",
    ];

    /// Pieces of pages the tokenizer proptests join at random: tags that switch html5gum's state,
    /// quotes, entities, `\r` and `\0`.
    const PAGE_PARTS: &[&str] = &[
        "<p class=\"a b\">",
        "</p>",
        "<td colspan='2'>",
        "<a href=x>",
        "&amp;",
        "&#21;",
        "字",
        "a",
        " ",
        "\r\n",
        "\r",
        "\0",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE html>",
        "<br/>",
        "=",
        "<",
        ">",
        "\"",
        "'",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
    ];

    /// Every chunk `PageReader` returns, as html5gum's `StringReader` returns them.
    fn chunks<R: Reader<Error = Infallible>>(mut r: R, needles: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut k = 0;
        loop {
            let needle = NEEDLES[usize::from(needles[k % needles.len()]) % NEEDLES.len()];
            k += 1;
            let mut buf = [0; 4];
            let Ok(Some(c)) = r.read_until(needle, &mut buf) else {
                break;
            };
            out.push(c.to_vec());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn page_reader_splits_like_html5gums_reader(
            bytes in proptest::collection::vec(proptest::sample::select(
                // `\xa0`, `\x9d` and `\xe0` share their low six bits with `` ` ``, `]` and ` `.
                b"ab \t\n\r\x0c\0<>&\"'/=-]`\xe5\xad\x97\xa0\x9d\xe0".to_vec()), 0..200),
            needles in proptest::collection::vec(0u8..255, 1..8),
        ) {
            use html5gum::Readable;
            let ours = chunks(PageReader::new(&bytes), &needles);
            let theirs = chunks(bytes.as_slice().to_reader(), &needles);
            proptest::prop_assert_eq!(ours, theirs);
        }

        /// The chrome names matched by their lowered bytes are those compared one by one,
        /// whatever the case, the separators and the names' neighbours.
        #[test]
        fn chrome_classes_are_told_as_first_written(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "nav", "NAV", "Navigation", "navi", "menu_bd", "share-box", "FOOTER", "head",
                "Header", "foot", "topbar", "breadcrumbs", "breadcrumbsx", "xnav", "copyright",
                "weather", "banner", "Qrcode", " ", "\t", "\n", "_", "-", "1", "a", "字",
                "navigationnavigation", "login", "sidebar", "toolbar", "crumb", "crumbs",
                "search", "bdshare", "submenu", "menus", "navbar", "share",
            ]), 0..8)) {
            let value: String = parts.concat();
            proptest::prop_assert_eq!(
                chrome_class(value.as_bytes()),
                chrome_class_ref(value.as_bytes()),
                "{:?}", value
            );
        }

        #[test]
        fn page_reader_tokenizes_like_html5gums_reader(parts in proptest::collection::vec(
            proptest::sample::select(PAGE_PARTS), 0..60)) {
            let input: String = parts.concat();
            let ours = events(PageReader::new(input.as_bytes()));
            let theirs = events(input.as_str());
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    /// The callback events and their spans for the page read by `r` (errors included).
    fn events<'a, R: Reader<Error = Infallible> + 'a>(
        r: impl html5gum::Readable<'a, Reader = R>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let mut emitter = CallbackEmitter::new(|ev: CallbackEvent<'_>, span: Span<usize>| {
            out.push(format!("{ev:?} {}..{}", span.start, span.end));
            None::<Infallible>
        });
        emitter.naively_switch_states(true);
        let _ = Tokenizer::new_with_emitter(r, emitter).finish();
        out
    }

    /// The tree as html5gum's `CallbackEmitter` (naive state switching, errors off) builds it
    /// through [`Builder::event`]: the reference for [`BuildEmitter`].
    fn build_reference(src: &str) -> Doc {
        let mut b = Builder::new(src);
        {
            let mut emitter = CallbackEmitter::new(|ev: CallbackEvent<'_>, span: Span<usize>| {
                b.event(ev, span);
                None::<Infallible>
            });
            emitter.naively_switch_states(true);
            let _ = Tokenizer::new_with_emitter(PageReader::new(src.as_bytes()), Quiet(emitter))
                .finish();
        }
        b.finish()
    }

    /// Everything a built tree holds, for comparison.
    fn doc_dump(d: &Doc) -> String {
        format!("{:?}\n{:?}", d.nodes, d.meta)
    }

    #[test]
    fn build_emitter_builds_like_the_callback_emitter_on_the_corpus() {
        let mut n = 0;
        for dir in ["../../tests/corpus", REAL] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_some_and(|x| x == "html" || x == "htm") {
                    let bytes = std::fs::read(&path).expect("page");
                    let src = String::from_utf8_lossy(&bytes);
                    assert_eq!(
                        doc_dump(&build(&src)),
                        doc_dump(&build_reference(&src)),
                        "{}",
                        path.display()
                    );
                    n += 1;
                }
            }
        }
        assert!(n >= 6, "{n} pages");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn build_emitter_builds_like_the_callback_emitter(parts in proptest::collection::vec(
            proptest::sample::select([PAGE_PARTS, &[
                "<plaintext>", "<noscript>", "</noscript>", "<iframe>", "</iframe>", "<xmp>",
                "</xmp>", "</SCRIPT>", "<SCRIPT>", "</", "/>", "<td rowspan=\"2&amp;\">",
                "<div class='nav&#0;'>", "<meta name=pubdate content=\"2021-01-0\0\">",
                "<meta name=\"ArticleTitle\" content='x&lt;y'>", "<div role=search id=\0>",
                "<td colspan=3 colspan=>", " x= ", "</br>", "<table>", "<tr>", "</td>", "<head>",
                "<span a b=c>", "</span x=1>", "<li/>", "<img/>", "<p/>", "<!---->", "<?x>",
                "</a >", "</TITLE>", "<Td ClAsS=Menu>",
            ]].concat()), 0..60)) {
            let input: String = parts.concat();
            proptest::prop_assert_eq!(
                doc_dump(&build(&input)),
                doc_dump(&build_reference(&input))
            );
        }
    }

    /// `cargo test --release -p ogi-report --lib html::tests::throughput -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn throughput() {
        for f in PAGES {
            let input = page(f);
            let n = 200;
            let t = std::time::Instant::now();
            let mut len = 0;
            for _ in 0..n {
                len += linearize(std::hint::black_box(&input)).text.len();
            }
            let secs = t.elapsed().as_secs_f64();
            let mbs = (input.len() * n) as f64 / secs / 1e6;
            eprintln!("{f}: {} bytes, {mbs:.1} MB/s ({len})", input.len());
        }
    }
}
