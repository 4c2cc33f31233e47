//! Renderers: write a typed table set out in each layout the parser reads, so property tests can
//! check `parse(render(x)) == x` through every layout, script and encoding.

use ogi_report::Template;

/// A value of table 2.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A count (signed for 2019 `本年增/减`).
    Int(i64),
    /// An amount as printed (`168.61`) and its unit (`万元`, `元`, or none).
    Amount(String, Option<&'static str>),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Int(i) => i.to_string(),
            Val::Amount(a, u) => format!("{a}{}", u.unwrap_or("")),
        }
    }
    /// The tidy-cell value as text (amounts without trailing zeros).
    pub fn canonical(&self) -> String {
        match self {
            Val::Int(i) => i.to_string(),
            Val::Amount(a, _) => a
                .parse::<rust_decimal::Decimal>()
                .map(|d| d.normalize().to_string())
                .unwrap_or(a.clone()),
        }
    }
}

/// An Article 20 block.
#[derive(Debug, Clone)]
pub struct Block {
    /// `一`, `五`, `六`, `八`, `九`.
    pub item: &'static str,
    /// Column labels as printed (canonical).
    pub cols: Vec<&'static str>,
    /// Rows: canonical path, printed label, values.
    pub rows: Vec<(&'static str, &'static str, Vec<Option<Val>>)>,
}

/// A table-3 row: canonical path, printed label, printed group label when it opens a group.
#[derive(Debug, Clone)]
pub struct T3Row {
    pub path: &'static str,
    pub label: &'static str,
    pub group: Option<&'static str>,
    pub values: [Option<i64>; 7],
}

/// The three tables of one report.
#[derive(Debug, Clone)]
pub struct TableSet {
    pub template: Template,
    pub t2: Vec<Block>,
    pub t3: Vec<T3Row>,
    pub t4: [Option<i64>; 15],
}

/// Table-3 data rows of a template: path, printed label, group label opening at this row.
pub fn t3_rows(t: Template) -> Vec<(&'static str, &'static str, Option<&'static str>)> {
    let mut v = vec![
        (
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府信息公开申请数量",
            None,
        ),
        (
            "二、上年结转政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            None,
        ),
        (
            "三、本年度办理结果/（一）予以公开",
            "（一）予以公开",
            Some("三、本年度办理结果"),
        ),
        (
            "三、本年度办理结果/（二）部分公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            "1.属于国家秘密",
            Some("（三）不予公开"),
        ),
        (
            "三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开",
            "2.其他法律行政法规禁止公开",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”",
            "3.危及“三安全一稳定”",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/4.保护第三方合法权益",
            "4.保护第三方合法权益",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息",
            "5.属于三类内部事务信息",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/6.属于四类过程性信息",
            "6.属于四类过程性信息",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/7.属于行政执法案卷",
            "7.属于行政执法案卷",
            None,
        ),
        (
            "三、本年度办理结果/（三）不予公开/8.属于行政查询事项",
            "8.属于行政查询事项",
            None,
        ),
        (
            "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
            "1.本机关不掌握相关政府信息",
            Some("（四）无法提供"),
        ),
        (
            "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
            "2.没有现成信息需要另行制作",
            None,
        ),
        (
            "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确",
            "3.补正后申请内容仍不明确",
            None,
        ),
        (
            "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请",
            "1.信访举报投诉类申请",
            Some("（五）不予处理"),
        ),
        (
            "三、本年度办理结果/（五）不予处理/2.重复申请",
            "2.重复申请",
            None,
        ),
        (
            "三、本年度办理结果/（五）不予处理/3.要求提供公开出版物",
            "3.要求提供公开出版物",
            None,
        ),
        (
            "三、本年度办理结果/（五）不予处理/4.无正当理由大量反复申请",
            "4.无正当理由大量反复申请",
            None,
        ),
        (
            "三、本年度办理结果/（五）不予处理/5.要求行政机关确认或重新出具已获取信息",
            "5.要求行政机关确认或重新出具已获取信息",
            None,
        ),
    ];
    match t {
        Template::V2019 => v.push(("三、本年度办理结果/（六）其他处理", "（六）其他处理", None)),
        Template::V2021 => {
            v.push((
                "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                Some("（六）其他处理"),
            ));
            v.push((
                "三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                None,
            ));
            v.push(("三、本年度办理结果/（六）其他处理/3.其他", "3.其他", None));
        }
    }
    v.push(("三、本年度办理结果/（七）总计", "（七）总计", None));
    v.push(("四、结转下年度继续办理", "四、结转下年度继续办理", None));
    v
}

/// Table-2 blocks of a template with all values absent.
pub fn t2_blocks(t: Template) -> Vec<Block> {
    let b = |item, cols: Vec<&'static str>, rows: Vec<(&'static str, &'static str)>| Block {
        item,
        rows: rows
            .into_iter()
            .map(|(p, l)| (p, l, vec![None; cols.len()]))
            .collect(),
        cols,
    };
    match t {
        Template::V2019 => vec![
            b(
                "一",
                vec!["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                vec![
                    ("第二十条第（一）项/规章", "规章"),
                    ("第二十条第（一）项/规范性文件", "规范性文件"),
                ],
            ),
            b(
                "五",
                vec!["上一年项目数量", "本年增/减", "处理决定数量"],
                vec![
                    ("第二十条第（五）项/行政许可", "行政许可"),
                    (
                        "第二十条第（五）项/其他对外管理服务事项",
                        "其他对外管理服务事项",
                    ),
                ],
            ),
            b(
                "六",
                vec!["上一年项目数量", "本年增/减", "处理决定数量"],
                vec![
                    ("第二十条第（六）项/行政处罚", "行政处罚"),
                    ("第二十条第（六）项/行政强制", "行政强制"),
                ],
            ),
            b(
                "八",
                vec!["上一年项目数量", "本年增/减"],
                vec![("第二十条第（八）项/行政事业性收费", "行政事业性收费")],
            ),
            b(
                "九",
                vec!["采购项目数量", "采购总金额"],
                vec![("第二十条第（九）项/政府集中采购", "政府集中采购")],
            ),
        ],
        Template::V2021 => vec![
            b(
                "一",
                vec!["本年制发件数", "本年废止件数", "现行有效件数"],
                vec![
                    ("第二十条第（一）项/规章", "规章"),
                    ("第二十条第（一）项/行政规范性文件", "行政规范性文件"),
                ],
            ),
            b(
                "五",
                vec!["本年处理决定数量"],
                vec![("第二十条第（五）项/行政许可", "行政许可")],
            ),
            b(
                "六",
                vec!["本年处理决定数量"],
                vec![
                    ("第二十条第（六）项/行政处罚", "行政处罚"),
                    ("第二十条第（六）项/行政强制", "行政强制"),
                ],
            ),
            b(
                "八",
                vec!["本年收费金额（单位：万元）"],
                vec![("第二十条第（八）项/行政事业性收费", "行政事业性收费")],
            ),
        ],
    }
}

/// Every expected tidy cell: (table, row, column, value as canonical text).
pub fn expected_cells(s: &TableSet) -> Vec<(u8, String, String, Option<String>)> {
    let mut out = Vec::new();
    for b in &s.t2 {
        for (path, _, vals) in &b.rows {
            for (c, v) in b.cols.iter().zip(vals) {
                out.push((
                    2,
                    path.to_string(),
                    c.to_string(),
                    v.as_ref().map(Val::canonical),
                ));
            }
        }
    }
    use super::T3_COLS as T3C;
    for r in &s.t3 {
        for (c, v) in T3C.iter().zip(r.values.iter()) {
            out.push((
                3,
                r.path.to_string(),
                c.to_string(),
                v.map(|x| x.to_string()),
            ));
        }
    }
    const T4R: [&str; 3] = [
        "行政复议",
        "行政诉讼/未经复议直接起诉",
        "行政诉讼/复议后起诉",
    ];
    const T4C: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    for (g, row) in T4R.iter().enumerate() {
        for (i, c) in T4C.iter().enumerate() {
            out.push((
                4,
                row.to_string(),
                c.to_string(),
                s.t4[g * 5 + i].map(|x| x.to_string()),
            ));
        }
    }
    out
}

/// The layouts the renderers write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `label  | v  | v  | ||` rows with padding.
    Pipe,
    /// One cell per line ending in `|`, rows opened by `|`.
    CellPerLine,
    /// One cell per line, tab-indented, blank lines between rows.
    Tabs,
    /// Markdown tables with `|---|` rules.
    Markdown,
    /// Markdown shredded into one small table per row with `数据1…数据6` headers.
    MarkdownShredded,
    /// An HTML page with rowspan/colspan.
    Html,
    /// pypdf-style text: values separated by spaces, a page break inside a row label.
    PdfText,
    /// One line, digits of adjacent cells glued.
    Flattened,
    /// pdfminer-style column blocks: a run of row labels, then the numbers of those rows column
    /// by column, one per line; a page break starts a second run in table 3. Blank cells leave
    /// no trace.
    ColumnBlock,
    /// As [`Layout::ColumnBlock`], but the numbers after each run of labels come row by row.
    DetachedRows,
    /// pandoc's grid tables (`+----+`), labels wider than the column wrapped over several lines
    /// of their row.
    Grid,
    /// A text browser's box-drawn tables (`┌──┬──┐`, `│`), wrapped labels, each cell's text
    /// centred in its row.
    BoxDrawn,
}

/// All layouts.
pub const LAYOUTS: [Layout; 8] = [
    Layout::Pipe,
    Layout::CellPerLine,
    Layout::Tabs,
    Layout::Markdown,
    Layout::MarkdownShredded,
    Layout::Html,
    Layout::PdfText,
    Layout::Flattened,
];

const T3_HEADER: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];
const T4_HEADER1: [&str; 2] = ["行政复议", "行政诉讼"];
const T4_HEADER2: [&str; 7] = [
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
];
const T4_HEADER3: [&str; 10] = [
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
];

fn blank_text(layout: Layout) -> &'static str {
    match layout {
        Layout::Tabs | Layout::PdfText => "-",
        Layout::Html => "&nbsp;",
        _ => "",
    }
}

/// A generic table row: cells as printed.
fn row_cells(label: Vec<String>, values: Vec<String>) -> Vec<String> {
    label.into_iter().chain(values).collect()
}

fn emit_row(out: &mut String, layout: Layout, cells: &[String]) {
    match layout {
        // Grids are drawn over the pipe rows (`render`).
        Layout::Pipe | Layout::Grid | Layout::BoxDrawn => {
            for c in cells {
                out.push_str(c);
                out.push_str("  | ");
            }
            out.push_str("||\n");
        }
        Layout::CellPerLine => {
            out.push_str("|\n");
            for c in cells {
                out.push_str(c);
                out.push_str(" |\n");
            }
        }
        Layout::Tabs => {
            for c in cells {
                out.push('\t');
                out.push_str(c);
                out.push('\n');
            }
            out.push('\n');
        }
        Layout::Markdown | Layout::MarkdownShredded => {
            out.push_str("| ");
            out.push_str(&cells.join(" | "));
            out.push_str(" |\n");
        }
        Layout::Html => {
            out.push_str("<tr>");
            for c in cells {
                // `\u{1}N\u{1}label`: a label cell spanning N rows.
                match c.strip_prefix('\u{1}').and_then(|r| r.split_once('\u{1}')) {
                    Some((n, label)) => {
                        out.push_str(&format!("<td rowspan=\"{n}\"><p><span>"));
                        out.push_str(label);
                    }
                    None => {
                        out.push_str("<td><p><span>");
                        out.push_str(c);
                    }
                }
                out.push_str("</span></p></td>");
            }
            out.push_str("</tr>\n");
        }
        // Column blocks are written by `render_column_blocks`, never row by row.
        Layout::PdfText | Layout::ColumnBlock | Layout::DetachedRows => {
            out.push_str(&cells.join(" "));
            out.push('\n');
        }
        Layout::Flattened => {
            out.push_str(&cells.concat());
        }
    }
}

fn table_open(out: &mut String, layout: Layout) {
    if layout == Layout::Html {
        out.push_str("<table border=\"1\"><tbody>\n");
    }
}

fn table_close(out: &mut String, layout: Layout) {
    if layout == Layout::Html {
        out.push_str("</tbody></table>\n");
    }
}

fn md_rule(out: &mut String, layout: Layout, n: usize) {
    if matches!(layout, Layout::Markdown | Layout::MarkdownShredded) {
        out.push('|');
        for _ in 0..n {
            out.push_str("---|");
        }
        out.push('\n');
    }
}

fn heading(out: &mut String, layout: Layout, h: &str) {
    match layout {
        Layout::Html => {
            out.push_str("<p><strong>");
            out.push_str(h);
            out.push_str("</strong></p>\n");
        }
        Layout::Markdown | Layout::MarkdownShredded => {
            out.push_str("## ");
            out.push_str(h);
            out.push_str("\n\n");
        }
        Layout::Flattened => out.push_str(h),
        _ => {
            out.push_str(h);
            out.push('\n');
        }
    }
}

fn para(out: &mut String, layout: Layout, p: &str) {
    match layout {
        Layout::Html => {
            out.push_str("<p>");
            out.push_str(p);
            out.push_str("</p>\n");
        }
        Layout::Flattened => out.push_str(p),
        Layout::Markdown | Layout::MarkdownShredded => {
            out.push_str(p);
            out.push_str("\n\n");
        }
        _ => {
            out.push_str(p);
            out.push('\n');
        }
    }
}

/// Render a whole report (title, six sections, three tables) in a layout, Simplified script.
pub fn render(s: &TableSet, layout: Layout) -> String {
    match layout {
        Layout::Grid => return grid_tables(&render(s, Layout::Pipe), 16, false, false),
        Layout::BoxDrawn => return grid_tables(&render(s, Layout::Pipe), 12, true, true),
        _ => {}
    }
    if matches!(layout, Layout::ColumnBlock | Layout::DetachedRows) {
        return render_column_blocks(s, layout == Layout::DetachedRows);
    }
    let mut out = String::new();
    if layout == Layout::Html {
        out.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title><script>var nav = \"一、总体情况\";</script></head><body><div class=\"nav\">首页 政务公开</div><div class=\"article\">\n");
    }
    let year = if s.template == Template::V2019 {
        2020
    } else {
        2023
    };
    para(
        &mut out,
        layout,
        &format!("测试市测试局{year}年政府信息公开工作年度报告"),
    );
    heading(&mut out, layout, "一、总体情况");
    para(
        &mut out,
        layout,
        &format!(
            "{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，现将有关情况报告如下。"
        ),
    );
    heading(&mut out, layout, "二、主动公开政府信息情况");
    let blank = blank_text(layout);
    let v2 = |v: &Option<Val>| v.as_ref().map_or(blank.to_string(), Val::text);
    for b in &s.t2 {
        table_open(&mut out, layout);
        if layout == Layout::MarkdownShredded || layout == Layout::Markdown {
            out.push_str(&format!("### 第二十条第（{}）项\n", b.item));
            let mut head = vec!["信息内容".to_string()];
            head.extend(b.cols.iter().map(|c| c.to_string()));
            emit_row(&mut out, layout, &head);
            md_rule(&mut out, layout, head.len());
        } else {
            emit_row(&mut out, layout, &[format!("第二十条第（{}）项", b.item)]);
            let mut head = vec!["信息内容".to_string()];
            head.extend(b.cols.iter().map(|c| c.to_string()));
            emit_row(&mut out, layout, &head);
        }
        for (_, label, vals) in &b.rows {
            emit_row(
                &mut out,
                layout,
                &row_cells(vec![label.to_string()], vals.iter().map(v2).collect()),
            );
        }
        table_close(&mut out, layout);
        if matches!(layout, Layout::Markdown | Layout::MarkdownShredded) {
            out.push('\n');
        }
    }
    heading(&mut out, layout, "三、收到和处理政府信息公开申请情况");
    table_open(&mut out, layout);
    let v3 = |v: &Option<i64>| v.map_or(blank.to_string(), |x| x.to_string());
    match layout {
        Layout::MarkdownShredded => {}
        Layout::Markdown => {
            let mut head = vec!["项目".to_string()];
            head.extend(T3_HEADER.iter().map(|c| c.to_string()));
            emit_row(&mut out, layout, &head);
            md_rule(&mut out, layout, head.len());
        }
        _ => {
            emit_row(
                &mut out,
                layout,
                &[
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into(),
                    "申请人情况".into(),
                ],
            );
            emit_row(
                &mut out,
                layout,
                &["自然人".into(), "法人或其他组织".into(), "总计".into()],
            );
            emit_row(
                &mut out,
                layout,
                &T3_HEADER[1..6]
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>(),
            );
        }
    }
    let pdf_break_row =
        s.t3.iter()
            .position(|r| r.label.starts_with("5.要求行政机关"));
    for (i, r) in s.t3.iter().enumerate() {
        let mut label = vec![];
        if let Some(g) = r.group {
            if layout == Layout::Html {
                let span = 1 + s
                    .t3
                    .iter()
                    .skip(i + 1)
                    .take_while(|x| {
                        x.group.is_none() && x.path.contains('/') && !x.path.ends_with("（七）总计")
                    })
                    .count();
                label.push(format!("\u{1}{span}\u{1}{g}"));
            } else if layout != Layout::MarkdownShredded && layout != Layout::Markdown {
                label.push(g.to_string());
            } else if layout == Layout::MarkdownShredded {
                out.push_str(&format!("### {g}\n"));
            }
        }
        let mut l = r.label.to_string();
        if layout == Layout::PdfText && Some(i) == pdf_break_row {
            l = "5.要求行政机关确认或重新出\n- 3 -\n具已获取信息".to_string();
        }
        label.push(l);
        if layout == Layout::MarkdownShredded {
            let mut head = vec!["类别".to_string()];
            head.extend((1..=6).map(|k| format!("数据{k}")));
            head.push("总计".into());
            emit_row(&mut out, layout, &head);
            md_rule(&mut out, layout, head.len());
        }
        emit_row(
            &mut out,
            layout,
            &row_cells(label, r.values.iter().map(v3).collect()),
        );
        if layout == Layout::MarkdownShredded {
            out.push('\n');
        }
    }
    table_close(&mut out, layout);
    heading(&mut out, layout, "四、政府信息公开行政复议、行政诉讼情况");
    table_open(&mut out, layout);
    if matches!(layout, Layout::Markdown | Layout::MarkdownShredded) {
        let head: Vec<String> = T4_HEADER3
            .iter()
            .chain(T4_HEADER2[..5].iter())
            .map(|c| c.to_string())
            .collect();
        emit_row(&mut out, layout, &head);
        md_rule(&mut out, layout, 15);
    } else {
        emit_row(
            &mut out,
            layout,
            &T4_HEADER1.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        );
        emit_row(
            &mut out,
            layout,
            &T4_HEADER2.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        );
        emit_row(
            &mut out,
            layout,
            &T4_HEADER3.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        );
    }
    emit_row(&mut out, layout, &s.t4.iter().map(v3).collect::<Vec<_>>());
    table_close(&mut out, layout);
    heading(&mut out, layout, "五、存在的主要问题及改进情况");
    para(&mut out, layout, "信息公开的及时性有待提高。");
    heading(&mut out, layout, "六、其他需要报告的事项");
    para(&mut out, layout, "无。");
    if layout == Layout::Html {
        out.push_str("</div><div class=\"footer\">版权所有</div></body></html>\n");
    }
    out
}

/// The (row, column) cells of a block of `rows` × `cols` in the order they are printed.
fn print_order(rows: usize, cols: usize, by_rows: bool) -> Vec<(usize, usize)> {
    if by_rows {
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .collect()
    } else {
        (0..cols)
            .flat_map(|c| (0..rows).map(move |r| (r, c)))
            .collect()
    }
}

/// [`Layout::ColumnBlock`]: what pdfminer's default layout makes of the tables (`by_rows`:
/// [`Layout::DetachedRows`]).
fn render_column_blocks(s: &TableSet, by_rows: bool) -> String {
    let year = if s.template == Template::V2019 {
        2020
    } else {
        2023
    };
    let mut out = String::new();
    let mut line = |t: &str| {
        out.push_str(t);
        out.push_str("\n\n");
    };
    line(&format!("测试市测试局{year}年政府信息公开工作年度报告"));
    line("一、总体情况");
    line(&format!(
        "{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，现将有关情况报告如下。"
    ));
    line("二、主动公开政府信息情况");
    for b in &s.t2 {
        line(&format!("第二十条 第（{}）项", b.item));
        line("信息内容");
        for (_, label, _) in &b.rows {
            line(label);
        }
        for c in &b.cols {
            line(c);
        }
        for (r, c) in print_order(b.rows.len(), b.cols.len(), by_rows) {
            if let Some(Some(v)) = b.rows.get(r).and_then(|row| row.2.get(c)) {
                line(&v.text());
            }
        }
    }
    line("三、收到和处理政府信息公开申请情况");
    line("（本列数据的勾稽关系为：第一项加第二项之和，");
    line("法人或其他组织");
    line("申请人情况");
    line("等于第三项加第四项之和）");
    let cut = s.t3.len().min(13);
    for (n, rows) in [&s.t3[..cut], &s.t3[cut..]].into_iter().enumerate() {
        for r in rows {
            if let Some(g) = r.group {
                line(g);
            }
            line(r.label);
        }
        if n == 0 {
            line("- 4 -");
            for h in [
                "自然人",
                "商 业 企",
                "科研机",
                "社 会 公 益",
                "法 律 服 务",
                "业",
                "构",
                "组织",
                "机构",
                "总计",
                "其他",
            ] {
                line(h);
            }
        }
        for (r, c) in print_order(rows.len(), 7, by_rows) {
            if let Some(v) = rows[r].values[c] {
                line(&v.to_string());
            }
        }
    }
    line("四、政府信息公开行政复议、行政诉讼情况");
    for h in T4_HEADER1
        .iter()
        .chain(T4_HEADER2.iter())
        .chain(T4_HEADER3.iter())
    {
        line(h);
    }
    for v in s.t4.iter().flatten() {
        line(&v.to_string());
    }
    line("五、存在的主要问题及改进情况");
    line("信息公开的及时性有待提高。");
    line("六、其他需要报告的事项");
    line("无。");
    out
}

/// Display columns of a character: two for CJK and full-width forms, one for the rest.
fn display_width(c: char) -> usize {
    if c >= '\u{1100}' {
        2
    } else {
        1
    }
}

/// `s` cut into pieces of at most `width` display columns (at least one character each).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let (mut cur, mut w) = (String::new(), 0);
    for c in s.chars() {
        let cw = display_width(c);
        if w + cw > width && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            w = 0;
        }
        cur.push(c);
        w += cw;
    }
    out.push(cur);
    out
}

/// The cells of a pipe row: a trailing `||` and the empty piece after the last `|` (and before
/// a `|` that opens the line) dropped, each cell trimmed.
fn pipe_cells(line: &str) -> Vec<String> {
    let t = line.trim_end();
    let t = t.strip_suffix("||").unwrap_or(t);
    let mut cells: Vec<String> = t.split('|').map(|c| c.trim().to_string()).collect();
    // `| a | b |` opens with a bar; `  | 0 |` opens with a blank cell.
    if t.trim_start_matches(['\t', '\u{3000}']).starts_with('|')
        && cells.first().is_some_and(String::is_empty)
    {
        cells.remove(0);
    }
    if cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// Every block of pipe rows (lines holding `|`) of `text` redrawn as a grid table: pandoc's
/// `+---+` borders and `|` bars, or with `boxed` the box-drawing characters text browsers
/// draw. A cell wider than `width` display columns is wrapped over several lines of its row,
/// at the row's top, or with `middle` centred in it. Rows of fewer cells are padded; a block of
/// one cell a line (cell-per-line text) is kept as it is.
pub fn grid_tables(text: &str, width: usize, boxed: bool, middle: bool) -> String {
    let mut out = String::new();
    let mut block: Vec<(&str, Vec<String>)> = Vec::new();
    let flush = |block: &mut Vec<(&str, Vec<String>)>, out: &mut String| {
        if block.is_empty() {
            return;
        }
        // One cell a line (`行政处罚  |`, `|`) is no table a grid is drawn from: kept.
        if block
            .iter()
            .all(|(_, r)| r.iter().filter(|c| !c.is_empty()).count() <= 1)
        {
            for (line, _) in block.drain(..) {
                out.push_str(line);
            }
            return;
        }
        let n = block.iter().map(|(_, r)| r.len()).max().unwrap_or(0).max(1);
        let rows: Vec<Vec<Vec<String>>> = block
            .drain(..)
            .map(|(_, mut r)| {
                r.resize(n, String::new());
                r.iter().map(|c| wrap(c, width)).collect()
            })
            .collect();
        let widths: Vec<usize> = (0..n)
            .map(|j| {
                rows.iter()
                    .flat_map(|r| r[j].iter())
                    .map(|p| p.chars().map(display_width).sum::<usize>())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let (bar, rule, head_rule) = if boxed {
            ('│', '─', '═')
        } else {
            ('|', '-', '=')
        };
        let border = |rule: char, left: char, mid: char, right: char| {
            let mut l = String::new();
            l.push(left);
            for (j, w) in widths.iter().enumerate() {
                l.extend(std::iter::repeat_n(rule, w + 2));
                l.push(if j + 1 == n { right } else { mid });
            }
            l.push('\n');
            l
        };
        let (top, sep, head, bottom) = if boxed {
            (
                border(rule, '┌', '┬', '┐'),
                border(rule, '├', '┼', '┤'),
                border(head_rule, '╞', '╪', '╡'),
                border(rule, '└', '┴', '┘'),
            )
        } else {
            (
                border(rule, '+', '+', '+'),
                border(rule, '+', '+', '+'),
                border(head_rule, '+', '+', '+'),
                border(rule, '+', '+', '+'),
            )
        };
        out.push_str(&top);
        for (k, r) in rows.iter().enumerate() {
            let h = r.iter().map(Vec::len).max().unwrap_or(1);
            for i in 0..h {
                out.push(bar);
                for (j, pieces) in r.iter().enumerate() {
                    let off = if middle { (h - pieces.len()) / 2 } else { 0 };
                    let p = i.checked_sub(off).and_then(|x| pieces.get(x));
                    let p = p.map_or("", String::as_str);
                    let pad = widths[j] - p.chars().map(display_width).sum::<usize>();
                    out.push(' ');
                    out.push_str(p);
                    out.extend(std::iter::repeat_n(' ', pad + 1));
                    out.push(bar);
                }
                out.push('\n');
            }
            out.push_str(if k + 1 == rows.len() {
                &bottom
            } else if k == 0 {
                &head
            } else {
                &sep
            });
        }
    };
    for line in text.split_inclusive('\n') {
        if line.contains('|') {
            block.push((line, pipe_cells(line)));
        } else {
            flush(&mut block, &mut out);
            out.push_str(line);
        }
    }
    flush(&mut block, &mut out);
    out
}
