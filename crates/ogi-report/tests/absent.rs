//! What is not found is named: an absent table by its rows (T001), and a row of table 2 not
//! found, also in a block before the first one whose header or rows were found (T003).

use ogi_report::{Code, Diagnostic, TableKind};

fn diags(r: &ogi_report::Report, code: Code) -> Vec<&Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The messages of the diagnostics of `code`.
fn messages(r: &ogi_report::Report, code: Code) -> Vec<&str> {
    diags(r, code)
        .into_iter()
        .map(|d| d.message.as_str())
        .collect()
}

const TABLE2_LATER_BLOCKS: &str = "二、主动公开政府信息情况\n\
    第二十条第(五)项 |\n\
    信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
    行政许可 | 10 | 2 | 12 |\n\
    其他对外管理服务事项 | 0 | 0 | 0 |\n\
    第二十条第(六)项 |\n\
    信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
    行政处罚 | 5 | 1 | 6 |\n\
    行政强制 | 0 | 0 | 0 |\n\
    第二十条第(八)项 |\n\
    信息内容 | 上一年项目数量 | 本年增/减 |\n\
    行政事业性收费 | 0 | 0 |\n\
    第二十条第(九)项 |\n\
    信息内容 | 采购项目数量 | 采购总金额 |\n\
    政府集中采购 | 3 | 12.5 |\n";

#[test]
fn an_absent_table_is_named_with_its_rows() {
    // The report goes on after table 2 (its text does not end there, which would make the
    // later tables cut off, T015).
    let text = format!(
        "某某局2020年政府信息公开工作年度报告\n{TABLE2_LATER_BLOCKS}\
         五、存在的主要问题及改进情况\n我局政府信息公开工作仍存在一些不足,主要是公开内容不够全面,\
         解读形式较为单一。明年将继续改进。\n六、其他需要报告的事项\n无。\n"
    );
    let r = ogi_report::parse(&text);
    assert!(r.review_litigation.is_none());
    let t001 = diags(&r, Code::T001);
    let t4 = t001
        .iter()
        .find(|d| d.message.starts_with("table 4 "))
        .expect("T001 for table 4");
    assert_eq!(
        t4.message,
        "table 4 (政府信息公开行政复议、行政诉讼情况) is absent: none of its 3 rows was read \
         (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉)"
    );
    assert_eq!(
        t4.location.as_ref().map(|l| l.table),
        Some(Some(TableKind::ReviewLitigation.number()))
    );
    // Table 3 of the template told (2019: `上一年项目数量`, `采购项目数量`): its 23 rows.
    let t3 = t001
        .iter()
        .find(|d| d.message.starts_with("table 3 "))
        .expect("T001 for table 3");
    assert!(
        t3.message
            .contains("none of its 23 rows was read (一、本年新收政府信息公开申请数量, "),
        "{}",
        t3.message
    );
    assert!(
        t3.message.contains(", 三、本年度办理结果/（六）其他处理, "),
        "{}",
        t3.message
    );
}

/// A page cut off inside table 3's header: the table's rows were never on the page, and T015
/// says so, naming them (the 2021 template's 25; its optional `（六）其他处理` row is none of
/// them), instead of T001. The same table with the next section after it is absent (T001).
#[test]
fn a_page_cut_off_inside_a_tables_header_is_named_cut_off() {
    let head = "某某局2025年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
        规章 | 0 | 0 | 0 |\n行政规范性文件 | 3 | 0 | 12 |\n\
        三、收到和处理政府信息公开申请情况\n\
        (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |\n申请人情况 |\n自然人 |\n法人或其他";
    let r = ogi_report::parse(head);
    assert!(r.applications.is_none());
    let t015 = diags(&r, Code::T015);
    let t3 = t015
        .iter()
        .find(|d| d.message.starts_with("table 3 "))
        .expect("T015 for table 3");
    assert!(
        t3.message.starts_with(
            "table 3 (收到和处理政府信息公开申请情况): the text ends inside the table, after its header; \
             none of its 25 rows was read (一、本年新收政府信息公开申请数量, "
        ),
        "{}",
        t3.message
    );
    assert!(t3
        .message
        .ends_with("四、结转下年度继续办理): the page looks cut off"));
    assert!(!t3.message.contains("（六）其他处理, "), "{}", t3.message);
    let span = t3.span.expect("a span");
    assert!(head[span.start..span.end].starts_with("本列数据的勾稽关系"));
    // Table 4 comes after the end of the text.
    assert!(t015.iter().any(|d| d.message.starts_with(
        "table 4 (政府信息公开行政复议、行政诉讼情况): the text ends before it, inside table 3; none of its 3 rows was read"
    )));
    assert!(diags(&r, Code::T001)
        .iter()
        .all(|d| !d.message.starts_with("table 3 ")));
    // Followed by the next section, the header holds no rows: the table is absent.
    let whole = format!("{head}组织 |\n四、政府信息公开行政复议、行政诉讼情况\n无。\n");
    let r = ogi_report::parse(&whole);
    assert!(diags(&r, Code::T015)
        .iter()
        .all(|d| !d.message.starts_with("table 3 ")));
    assert!(diags(&r, Code::T001)
        .iter()
        .any(|d| d.message.starts_with("table 3 ")));
}

#[test]
fn rows_of_table_2_before_the_first_block_found_are_named() {
    // The first block (`第二十条第(一)项`, 规章, 规范性文件) is lost from a report that has its
    // title; the later blocks are read, with their headers or without (the first row found is
    // then in the second block).
    let title = "某某局2020年政府信息公开工作年度报告\n";
    for text in [
        format!("{title}{TABLE2_LATER_BLOCKS}"),
        TABLE2_LATER_BLOCKS
            .lines()
            .filter(|l| !l.starts_with("第二十条"))
            .fold(title.to_string(), |t, l| format!("{t}{l}\n")),
    ] {
        later_blocks_read(&text);
    }
}

/// A text that starts with the table's later blocks, nothing before them (not even the
/// section's heading): the page starts inside the table, and one T015 names the rows before the
/// first one read (no T003 a row).
#[test]
fn a_text_starting_inside_table_2_names_the_rows_before_it_once() {
    let (heading, blocks) = TABLE2_LATER_BLOCKS.split_once('\n').expect("two lines");
    assert_eq!(heading, "二、主动公开政府信息情况");
    let r = ogi_report::parse(blocks);
    assert!(messages(&r, Code::T003).is_empty());
    assert!(messages(&r, Code::T015).contains(
        &"table 2 (主动公开政府信息情况): the text starts inside the table, at row \
          `第二十条第（五）项/行政许可`; the 2 rows before it are missing \
          (`第二十条第（一）项/规章` … `第二十条第（一）项/规范性文件`): the page looks cut off at \
          its start"
    ));
}

fn later_blocks_read(text: &str) {
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    let licence = t2
        .rows
        .iter()
        .find(|row| row.row == "第二十条第（五）项/行政许可")
        .expect("行政许可");
    let values: Vec<Option<String>> = licence
        .cells
        .iter()
        .map(|c| c.value.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(
        values,
        [Some("10".into()), Some("2".into()), Some("12".into())]
    );
    let t003: Vec<&str> = messages(&r, Code::T003);
    assert_eq!(
        t003,
        [
            "table 2 (主动公开政府信息情况), row `第二十条第（一）项/规章`: label not found",
            "table 2 (主动公开政府信息情况), row `第二十条第（一）项/规范性文件`: label not found",
        ]
    );
    // In the order of the rows: before anything said of the later blocks.
    let first_t003 = r.diagnostics.iter().position(|d| d.code == Code::T003);
    let first_other_t = r
        .diagnostics
        .iter()
        .position(|d| d.code.as_str().starts_with('T') && d.code != Code::T003);
    if let (Some(a), Some(b)) = (first_t003, first_other_t) {
        assert!(a < b, "{:?}", r.diagnostics);
    }
}

/// A row whose cells are all written and all empty is told apart from a row with no cells: its
/// cells are blank at their places (each with its span), and T004 says every cell is empty.
#[test]
fn a_row_of_empty_cells_is_read_as_blank_cells_in_their_places() {
    let text = format!(
        "某某局2020年政府信息公开工作年度报告\n{}",
        TABLE2_LATER_BLOCKS.replace("行政事业性收费 | 0 | 0 |", "行政事业性收费 |  |  |")
    );
    let r = ogi_report::parse(&text);
    let row = r
        .active_disclosure
        .as_ref()
        .and_then(|t| t.rows.iter().find(|r| r.row.ends_with("行政事业性收费")))
        .expect("the row is read");
    assert_eq!(row.cells.len(), 2);
    for c in &row.cells {
        assert_eq!(c.value, None);
        let span = c.span.expect("an empty cell keeps its place");
        assert!(text[span.start..].starts_with(' '), "{span:?}");
    }
    let t004: Vec<&str> = messages(&r, Code::T004);
    assert_eq!(
        t004,
        ["table 2 (主动公开政府信息情况), row `第二十条第（八）项/行政事业性收费`: 0 of 2 cells; \
          every cell is empty (blank: 上一年项目数量、本年增/减)"]
    );
    // No cell written at all: nothing to place.
    let bare = text.replace("行政事业性收费 |  |  |", "行政事业性收费");
    let r = ogi_report::parse(&bare);
    let t004: Vec<&str> = messages(&r, Code::T004);
    assert_eq!(t004.len(), 1, "{t004:?}");
    assert!(
        t004[0].ends_with("no value was found (blank: 上一年项目数量、本年增/减)"),
        "{t004:?}"
    );
}

/// A row whose label spans two pipe cells (a `colspan` flattened) and whose own cells are
/// partly empty is read by position: the empty cell before its first value is the label's, and
/// closing pipes after its last are none of its cells.
#[test]
fn a_label_over_two_pipe_cells_leaves_the_rows_empty_cells_in_place() {
    let text = "三、收到和处理政府信息公开申请情况\n\
        | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | 申请人情况 | | | | | | |\n\
        | | | 自然人 | 法人或其他组织 | | | | | 总计 |\n\
        | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |\n\
        | 一、本年新收政府信息公开申请数量 | | 26 |  | | 0 | 0 | 0 | 26 |\n\
        | 二、上年结转政府信息公开申请数量 | | 1 | 0 | | 0 | 0 | 0 | 1 | ||\n";
    let r = ogi_report::parse(text);
    let t = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t, "一、本年新收政府信息公开申请数量"),
        [Some(26), None, None, Some(0), Some(0), Some(0), Some(26)]
    );
    assert_eq!(
        row_values(t, "二、上年结转政府信息公开申请数量"),
        [Some(1), Some(0), None, Some(0), Some(0), Some(0), Some(1)]
    );
    let t004 = messages(&r, Code::T004);
    assert_eq!(
        t004,
        [
            "table 3 (收到和处理政府信息公开申请情况), row `一、本年新收政府信息公开申请数量`: 5 of 7 cells; the empty cells are read as blank (blank: 法人或其他组织/商业企业、法人或其他组织/科研机构)",
            "table 3 (收到和处理政府信息公开申请情况), row `二、上年结转政府信息公开申请数量`: 6 of 7 cells; the empty cells are read as blank (blank: 法人或其他组织/科研机构)",
        ]
    );
}

/// An HTML table's empty cell (`<td></td>`, `<td><p> </p></td>`) has nothing written: its raw
/// text is empty, as its span is, at the cell.
#[cfg(feature = "html")]
#[test]
fn an_empty_html_cell_has_empty_raw_text_and_span() {
    let html = "<html><body><h1>某县某局2023年政府信息公开工作年度报告</h1>\
        <p>三、收到和处理政府信息公开申请情况</p><table>\
        <tr><td colspan=\"3\">一、本年新收政府信息公开申请数量</td><td>26</td><td><p> </p></td>\
        <td> </td><td></td><td>0</td><td>0</td><td>26</td></tr></table></body></html>";
    let r = ogi_report::parse_bytes(html.as_bytes());
    let t = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t, "一、本年新收政府信息公开申请数量"),
        [Some(26), None, None, None, Some(0), Some(0), Some(26)]
    );
    let row = &t.rows[0];
    for c in &row.cells[1..4] {
        let span = c.span.expect("a place");
        assert_eq!(
            (c.raw.as_deref(), span.start),
            (Some(""), span.end),
            "{c:?}"
        );
        assert!(html[span.start..].starts_with("<"), "{c:?}");
    }
    let raw: Vec<&str> = row
        .cells
        .iter()
        .filter_map(|c| c.span.map(|s| &html[s.start..s.end]))
        .collect();
    assert_eq!(raw, ["26", "", "", "", "0", "0", "26"]);
}

/// A table 3 of which a document converter kept only its first row (a pipe row whose seven
/// columns are all figures, or fewer) is read for that row, its other rows named as not found;
/// the same row's label in a sentence is not a table.
#[test]
fn a_table_3_of_one_whole_row_is_read_and_a_sentence_naming_a_row_is_not() {
    let head = "宿迁市2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n";
    let tail = "\n四、政府信息公开行政复议、行政诉讼情况\n";
    let row = "| 一、本年新收政府信息公开申请数量 | 3746 | 63 | 0 | 0 | 19 | 2 | 3830 |";
    let r = ogi_report::parse(&format!("{head}{row}{tail}"));
    let t3 = r
        .applications
        .as_ref()
        .expect("table 3 read from its one row");
    assert_eq!(
        row_values(t3, "一、本年新收政府信息公开申请数量"),
        [3746, 63, 0, 0, 19, 2, 3830].map(Some).to_vec()
    );
    assert!(messages(&r, Code::T001)
        .iter()
        .all(|m| !m.starts_with("table 3 ")));
    let t003 = messages(&r, Code::T003);
    assert!(
        t003.iter()
            .any(|m| m.contains("row `二、上年结转政府信息公开申请数量`: label not found")),
        "{t003:?}"
    );
    // A pipe row of fewer figures (a table or a page cut short) is read too, its values in the
    // leading columns, and T004 says so; a page cut inside the row ends the table (T015).
    for (text, cut) in [
        ("| 一、本年新收政府信息公开申请数量 | 12 | 1 |", false),
        ("| 一、本年新收政府信息公开申请数量 | 12 | 0 | 1", true),
    ] {
        let input = if cut {
            format!("{head}{text}")
        } else {
            format!("{head}{text}{tail}")
        };
        let r = ogi_report::parse(&input);
        let t3 = r.applications.as_ref().expect(text);
        let figures: Vec<Option<i64>> = text
            .split('|')
            .skip(2)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| c.parse().ok())
            .collect();
        let mut got = row_values(t3, "一、本年新收政府信息公开申请数量");
        assert!(
            got.iter().skip(figures.len()).all(Option::is_none),
            "{got:?}"
        );
        got.truncate(figures.len());
        assert_eq!(got, figures, "{text}");
        assert!(
            messages(&r, Code::T004).iter().any(|m| m
                .contains("row `一、本年新收政府信息公开申请数量`")
                && m.contains(&format!("{} of 7 cells", figures.len()))
                && m.contains(if cut {
                    "the text ends in the row: the values are its leading cells"
                } else {
                    "which cell is missing cannot be told"
                })),
            "{text}"
        );
        assert_eq!(
            messages(&r, Code::T015)
                .iter()
                .any(|m| m.starts_with("table 3 ")),
            cut,
            "{text}"
        );
    }
    // The label in prose, or a row with a cell that is no figure, holds no table.
    for text in [
        "本年新收政府信息公开申请数量3830件，同比增长。",
        "| 一、本年新收政府信息公开申请数量 | 3746 | 63 | 0 | 0 | 19 | 2 | 共3830件 |",
    ] {
        let r = ogi_report::parse(&format!("{head}{text}{tail}"));
        assert!(r.applications.is_none(), "{text}");
        assert!(
            messages(&r, Code::T001)
                .iter()
                .any(|m| m.starts_with("table 3 ")),
            "{text}"
        );
    }
}

/// The values of a row of a table, each as an integer (`None` blank).
fn row_values(t: &ogi_report::Table, row: &str) -> Vec<Option<i64>> {
    t.rows
        .iter()
        .find(|x| x.row == row)
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.value.as_ref().and_then(|v| v.as_i64()))
                .collect()
        })
        .unwrap_or_default()
}

/// A table pasted with a tab between cells keeps its empty cells in their places (two tabs in
/// a row), where read as white space the numbers after them slid left.
#[test]
fn a_tab_separated_row_keeps_its_empty_cells() {
    let text = "某某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n\
        信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t4\t\t4\n\
        三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量\t56\t\t\t\t\t\t56\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/行政规范性文件"),
        [Some(4), None, Some(4)]
    );
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "一、本年新收政府信息公开申请数量"),
        [Some(56), None, None, None, None, None, Some(56)]
    );
    // Each value's span is its digits in the text as given (tabs and all).
    let c = t3
        .rows
        .iter()
        .find(|x| x.row == "一、本年新收政府信息公开申请数量")
        .and_then(|x| x.cells.last())
        .and_then(|c| c.span)
        .expect("a span");
    assert_eq!(&text[c.start..c.end], "56");
    // The section's text is as written, tabs kept.
    let s2 = r
        .sections
        .iter()
        .find(|s| s.number == 2)
        .expect("section 2");
    assert!(s2.text.contains("行政规范性文件\t4\t\t4"), "{}", s2.text);
}

/// `总计` and `3.其他` typed without their numbering are table 3's rows where they open a row
/// followed by its values; as a column's name in the header they are not.
#[test]
fn the_short_labels_of_table_3_are_read_without_their_numbering() {
    let mut text = String::from(
        "某某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
         | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n\
         | 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 1 | 6 |\n\
         | 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
         | （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n",
    );
    text.push_str("| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    text.push_str("| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
    text.push_str("| 其他 | 2 | 0 | 0 | 0 | 0 | 1 | 3 |\n| 总计 | 5 | 0 | 0 | 0 | 0 | 1 | 6 |\n");
    text.push_str("| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n四、政府信息公开行政复议、行政诉讼情况\n");
    let r = ogi_report::parse(&text);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "三、本年度办理结果/（六）其他处理/3.其他"),
        [
            Some(2),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(1),
            Some(3)
        ]
    );
    assert_eq!(
        row_values(t3, "三、本年度办理结果/（七）总计"),
        [
            Some(5),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(1),
            Some(6)
        ]
    );
    // A header printed again after a page break names no row: its `其他` and `总计` are
    // followed by a column's name and by the next row's label, not by values.
    let lines: Vec<&str> = text.lines().collect();
    let repeated = format!(
        "{}\n{}\n{}\n四、政府信息公开行政复议、行政诉讼情况\n",
        lines[..6].join("\n"),
        lines[2],
        lines[6]
    );
    let r = ogi_report::parse(&repeated);
    let t3 = r.applications.as_ref().expect("table 3");
    for row in [
        "三、本年度办理结果/（六）其他处理/3.其他",
        "三、本年度办理结果/（七）总计",
    ] {
        assert!(row_values(t3, row).iter().all(Option::is_none), "{row}");
    }
    assert_eq!(
        row_values(t3, "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        [Some(0); 7]
    );
}

/// PDF text of a table whose cells are set at their top: a label wrapped after the row's
/// values (`7.属于行政执法案   4 …` / `卷`), and a remark wrapped around them
/// (`(二)部分公开(区分处理` / `的,只计这一情形,   6 …` / `不计其他情形)`), are read with
/// their values.
#[test]
fn labels_wrapped_after_or_around_their_values_in_pdf_text() {
    let text = "某某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量      7   0   0   0   0   0   7\n\
        二、上年结转政府信息公开申请数量      0   0   0   0   0   0   0\n\
        三、本年度办理结果  (一)予以公开        1   0   0   0   0   0   1\n\
        (二)部分公开(区分处理\n\
        的,只计这一情形,      6   1   0   0   0   0   7\n\
        不计其他情形)\n\
        (三)不予公开  1.属于国家秘密          0   0   0   0   0   0   0\n\
        7.属于行政执法案         4   0   0   0   0   0   4\n\
        卷\n\
        8.属于行政查询事项       0   0   0   0   0   0   0\n\
        (五)不予处理  3.要求提供公开出版       2   0   0   0   0   0   2\n\
        物\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    for (row, want) in [
        ("三、本年度办理结果/（二）部分公开", [6, 1, 0, 0, 0, 0, 7]),
        (
            "三、本年度办理结果/（三）不予公开/7.属于行政执法案卷",
            [4, 0, 0, 0, 0, 0, 4],
        ),
        (
            "三、本年度办理结果/（三）不予公开/8.属于行政查询事项",
            [0; 7],
        ),
        (
            "三、本年度办理结果/（五）不予处理/3.要求提供公开出版物",
            [2, 0, 0, 0, 0, 0, 2],
        ),
    ] {
        assert_eq!(row_values(t3, row), want.map(Some).to_vec(), "{row}");
    }
    // No row took another's values as a surplus.
    assert!(
        messages(&r, Code::T005).is_empty(),
        "{:?}",
        messages(&r, Code::T005)
    );
}

/// `pdftotext -layout` text of a table whose cells are set at their middle: a label's first
/// part on a line of its own (a group's label beside it), the row's values on the next line
/// alone, the label's rest below them at the label's column (`（三）不   1.属于国家秘` /
/// `0 … 0` / `予公开    密`). Each row is read with its values, and a rest at another column is
/// no rest. Read with the `html` feature (the small WebAssembly module has no room for it).
#[cfg(feature = "html")]
#[test]
fn labels_around_their_values_on_lines_of_their_own_in_pdf_text() {
    let text = "某某局2019年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量        23     0        0     0     0    0    23\n\n\
        二、上年结转政府信息公开申请数量        0          0    0     0     0    0    0\n\n\
        \x20      （一）予以公开          7          0    0     0     0    0    7\n\
        \x20      （三）不   1.属于国家秘\n\
        \x20                       4          0    0     0     0    0    4\n\
        \x20      予公开    密\n\
        \x20             6.属于四类过\n\
        \x20                       2          1    0     0     0    0    3\n\
        \x20             程性信息\n\
        \x20                   1.信访举报投\n\
        \x20                                    5        0       0     0       0   0   5\n\
        三、本年                诉类申请\n\
        \x20           （七）总计                    23       0       0     0       0   0   23\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    for (row, want) in [
        (
            "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            [4, 0, 0, 0, 0, 0, 4],
        ),
        (
            "三、本年度办理结果/（三）不予公开/6.属于四类过程性信息",
            [2, 1, 0, 0, 0, 0, 3],
        ),
        (
            "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请",
            [5, 0, 0, 0, 0, 0, 5],
        ),
    ] {
        assert_eq!(row_values(t3, row), want.map(Some).to_vec(), "{row}");
    }
    assert!(
        messages(&r, Code::T003)
            .iter()
            .all(|m| !m.contains("国家秘密") && !m.contains("过程性") && !m.contains("信访")),
        "{:?}",
        messages(&r, Code::T003)
    );
    // The rest two columns away from the label's: another cell's text, no rest of the label.
    let moved = text.replace("予公开    密", "予公开 密");
    let r = ogi_report::parse(&moved);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "三、本年度办理结果/（三）不予公开/1.属于国家秘密"),
        [None; 7].to_vec()
    );
    assert!(messages(&r, Code::T003)
        .iter()
        .any(|m| m.contains("1.属于国家秘密")));
}

/// Table 4 written as one pipe row of its fifteen values, followed by section 5's prose whose
/// heading a converter dropped: the prose's numbering is no surplus of the table.
#[test]
fn a_whole_table_4_row_ends_the_table_before_prose_without_a_heading() {
    let text = "某某街道2025年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n\
        | 0 | 1 | 0 | 3 | 4 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 1 | 2 |\n\n\
        1、公开形式的便捷性有待加强\n政策解读多以文字形式为主。\n2、公众参与的互动性有待深化\n";
    let r = ogi_report::parse(text);
    let t4 = r.review_litigation.as_ref().expect("table 4");
    assert_eq!(
        row_values(t4, "行政复议"),
        [0, 1, 0, 3, 4].map(Some).to_vec()
    );
    assert_eq!(
        row_values(t4, "行政诉讼/复议后起诉"),
        [1, 0, 0, 1, 2].map(Some).to_vec()
    );
    assert!(
        messages(&r, Code::T005).is_empty(),
        "{:?}",
        messages(&r, Code::T005)
    );
}

/// Rows of a table laid out by spaces (`pdftotext -layout`) whose blank cells left no mark: the
/// values stand under their columns, which a complete row nearby shows, and are read there;
/// `T004` says how. Positions are counted in characters, as `pdftotext` aligns them, or in
/// display columns (a wide character two), as text browsers do.
#[test]
fn values_of_rows_laid_out_by_spaces_are_read_under_their_columns() {
    let text = "某某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项\n\
        信息内容            本年制发件数    本年废止件数    现行有效件数\n\
        规章                      1               0               3\n\
        行政规范性文件            4                               9\n\
        三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量                             21    3      1     0   0   0     25\n\
        二、上年结转政府信息公开申请数量                              7                                7\n\
        \x20                 （一）予以公开                     5          1                      6\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "二、上年结转政府信息公开申请数量"),
        [Some(7), None, None, None, None, None, Some(7)]
    );
    assert_eq!(
        row_values(t3, "三、本年度办理结果/（一）予以公开"),
        [Some(5), None, Some(1), None, None, None, Some(6)]
    );
    // Table 2's rows are aligned by display columns: the label 行政规范性文件 is as wide as
    // 规章 and ten spaces.
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/行政规范性文件"),
        [Some(4), None, Some(9)]
    );
    let m = messages(&r, Code::T004);
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m.iter()
            .all(|m| m.contains("placed under the columns they stand under")),
        "{m:?}"
    );
    // Rows without a complete row near them are read as before: their values leading.
    let alone = "某某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量                             21                               21\n\
        二、上年结转政府信息公开申请数量                              7                                7\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(alone);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "二、上年结转政府信息公开申请数量")[..2],
        [Some(7), Some(7)]
    );
    assert!(messages(&r, Code::T004)
        .iter()
        .any(|m| m.contains("which cell is missing cannot be told")));
}

/// A markdown conversion that pushed row labels out of their pipe rows: labels stand stacked
/// before (or after) rows of figures without a label. Between two rows written whole, the rows
/// of figures go in order to the template's rows between those two, when there are as many of
/// each; each such row is named by `T010`, and a page number among them by `T005`.
#[test]
fn rows_of_figures_pushed_apart_from_their_labels_are_given_in_order() {
    let text = "某某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        | 一、本年新收政府信息公开申请数量 | 35 | 2 | 0 | 0 | 0 | 0 | 37 |\n\
        | 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
        | 三、 | （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n\
        | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n\
        |---|---|---|---|---|---|---|\n\
        （二）部分公开（区分处理的，只\n\
        计这一情形，不计其他情形）\n\
        2.其他法律行政法规禁\n\
        止公开\n\
        | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        5.属于三类内部事务信\n\
        息\n\
        1.本机关不掌握相关政\n\
        府信息\n\
        | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
        | 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
        | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n\
        （四）无2.没有现成信息需要另\n\
        法提供行制作\n\
        3.补正后申请内容仍不\n\
        明确\n\
        | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n\
        | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        （五）不\n\
        予处理4.无正当理由大量反复\n\
        申请\n\
        5.要求行政机关确认或\n\
        重新出具已获取信息\n\
        1.申请人无正当理由逾\n\
        期不补正、行政机关不\n\
        再处理其政府信息公开申请\n\
        | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 8 | 2 | 0 | 0 | 0 | 0 | 10 |\n\
        （六）其\n\
        他处理\n\
        2.申请人逾期未按收费\n\
        通知要求缴纳费用、行\n\
        政机关不再处理其政府信息公开申请\n\
        7\n\
        | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 3.其他 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n\
        | （七）总计 | 36 | 2 | 0 | 0 | 0 | 0 | 38 |\n\
        | 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    let row = |p: &str| row_values(t3, &format!("三、本年度办理结果/{p}"));
    let ones = |a: i64, b: i64, t: i64| [a, b, 0, 0, 0, 0, t].map(Some).to_vec();
    assert_eq!(row("（二）部分公开"), ones(3, 0, 3));
    assert_eq!(
        row("（三）不予公开/2.其他法律行政法规禁止公开"),
        ones(0, 0, 0)
    );
    assert_eq!(row("（三）不予公开/5.属于三类内部事务信息"), ones(1, 0, 1));
    assert_eq!(
        row("（四）无法提供/1.本机关不掌握相关政府信息"),
        ones(4, 0, 4)
    );
    assert_eq!(
        row("（四）无法提供/2.没有现成信息需要另行制作"),
        ones(6, 0, 6)
    );
    assert_eq!(
        row("（四）无法提供/3.补正后申请内容仍不明确"),
        ones(0, 0, 0)
    );
    assert_eq!(
        row("（五）不予处理/4.无正当理由大量反复申请"),
        ones(0, 0, 0)
    );
    assert_eq!(
        row("（五）不予处理/5.要求行政机关确认或重新出具已获取信息"),
        ones(0, 0, 0)
    );
    assert_eq!(
        row("（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ones(8, 2, 10)
    );
    assert_eq!(
        row("（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ones(0, 0, 0)
    );
    assert_eq!(row("（一）予以公开"), ones(9, 0, 9));
    // The rows the figures were given to by position are named; the page number is not used.
    let t010 = messages(&r, Code::T010);
    assert_eq!(t010.len(), 6, "{t010:?}");
    assert!(t010
        .iter()
        .any(|m| m.contains("（二）部分公开`: its label stands apart from its values")));
    let t005 = messages(&r, Code::T005);
    assert_eq!(t005.len(), 1, "{t005:?}");
    assert!(t005[0].contains("`7` stands alone on its line"), "{t005:?}");
    // The report's sums hold: nothing went to a wrong row.
    let v = r.validate();
    assert!(
        !v.iter().any(|d| d.severity == ogi_report::Severity::Error),
        "{v:?}"
    );

    // One row of figures more than the rows between: nothing is given by this rule.
    let extra = text.replace(
        "| 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n",
        "| 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n| 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n",
    );
    let r = ogi_report::parse(&extra);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_ne!(
        row_values(
            t3,
            "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确"
        ),
        ones(0, 0, 0)
    );
}

/// A converter that left `第二十条第（一）项` alone at the top of table 2 and moved its rows to
/// the table's end, after the other blocks: the rows are read there, and the last block's row
/// does not take them as its surplus.
#[test]
fn rows_of_the_first_block_moved_after_the_last_block_are_read() {
    let text = "某某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项\n第二十条第（五）项\n信息内容本年处理决定数量\n行政许可 97\n\
        第二十条第（六）项\n信息内容本年处理决定数量\n行政处罚 3\n行政强制 0\n\
        第二十条第（八）项\n信息内容本年收费金额（单位：万元）\n行政事业性收费 0\n\
        ## 表二：主动公开政府信息情况\n\
        | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n\
        | 规章 | 1 | 2 | 30 |\n| 规范性文件 | 13 | 4 | 55 |\n\n\
        三、收到和处理政府信息公开申请情况\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规章"),
        [Some(1), Some(2), Some(30)]
    );
    assert_eq!(
        row_values(t2, "第二十条第（一）项/行政规范性文件"),
        [Some(13), Some(4), Some(55)]
    );
    assert_eq!(row_values(t2, "第二十条第（六）项/行政处罚"), [Some(3)]);
    assert_eq!(
        row_values(t2, "第二十条第（八）项/行政事业性收费"),
        [Some(0)]
    );
    let found: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("table 2"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

/// A row of figures after a row's own values, with no row missing its label to take it, is said
/// (`T005`), not dropped.
#[test]
fn a_row_of_figures_no_row_takes_is_said() {
    let text = "某某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        | 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
        | 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 三、 | （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n\
        | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
        | （二）部分公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "三、本年度办理结果/（一）予以公开"),
        [9, 0, 0, 0, 0, 0, 9].map(Some).to_vec()
    );
    let d = diags(&r, Code::T005);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message.contains(
            "（一）予以公开`: 7 values after the row's own are given to no row (5 0 0 0 0 0 5)"
        ),
        "{}",
        d[0].message
    );
    let span = d[0].span.expect("a span");
    assert_eq!(&text[span.start..span.end], "5");
}

/// Table 2's row words in an excerpt's prose are no table: a word goes on after the key
/// (`行政处罚等内容`), a count with its unit and the sentence goes on (`行政规范性文件17件，`,
/// `规章13件(含新制定5件…)`), or the key ends a list's item (`行政许可、`). The table is absent and no value is read from prose;
/// a real row after such a sentence is still read.
#[test]
fn table_2_keys_in_prose_are_no_table() {
    let prose = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n\
        2023年，以县政府和县政府办公室名义印发并公开的行政规范性文件17件，其他政策文件35件。\
        围绕行政许可、行政处罚、行政强制及公共服务事项，集中公开预决算及“三公”经费和行政处罚等内容。\
        累计主动公开政府规章0件、规范性文件0件；我局无制作规章的职责权限。\n\
        主动公开市政府规章13件(含新制定5件,修改4件,废止4件)，全年作出行政处罚9件（含简易程序3件）。\n";
    let r = ogi_report::parse(prose);
    assert!(r.active_disclosure.is_none(), "{:?}", r.active_disclosure);
    assert_eq!(r.meta.template, None);
    assert!(
        !r.diagnostics.iter().any(|d| d.code == Code::T004),
        "{:?}",
        r.diagnostics
    );
    let with_table = format!(
        "{prose}二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n\
         规章 0 0 0\n行政规范性文件 17 2 98\n三、收到和处理政府信息公开申请情况\n"
    );
    let r = ogi_report::parse(&with_table);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/行政规范性文件"),
        [Some(17), Some(2), Some(98)]
    );
}

/// A year after a row's word (`制发3份规范性文件。` / `2024年,我办…`, `行政许可2022年处理决定
/// 数量450项`) is no cell, and figures with their count words in a sentence (`本年新收33件,
/// 上年结转0件`, `行政强制0项,行政事业性收费0元。`) are no table's: each excerpt below is prose
/// and gives no table, no template, and no `T015` calling it cut inside a table.
#[test]
fn years_and_counted_figures_in_prose_make_no_table() {
    for prose in [
        "一、总体情况\n制发3份规范性文件。\n2024年,我办认真完善门户网站。\n",
        "一、总体情况\n本年出台行政规范性文件:制发件数2件,废止件数1件,现行有效件数22件。行政许可2022年处理决定数量450项,行政处罚2项、行政强制0项,行政事业性收费0元。\n",
        "一、总体情况\n(二)依申请公开方面。2023年共受理依申请公开33件,其中本年新收33件,上年结转0件,结转至下年办理0件。\n",
        "一、总体情况\n(一)推进行政执法信息公开,实施行政处罚25起,罚款64.20万元,行政强制2起。\n",
    ] {
        let r = ogi_report::parse(prose);
        assert!(r.active_disclosure.is_none(), "{prose}: {:?}", r.active_disclosure);
        assert!(r.applications.is_none(), "{prose}: {:?}", r.applications);
        assert!(r.cells().iter().all(|c| c.value.is_none()), "{prose}");
        assert!(
            !r.diagnostics.iter().any(|d| d.code == Code::T015),
            "{prose}: {:?}",
            r.diagnostics
        );
    }
    // A year after a table's last cell is no surplus of its row.
    let text = "二、主动公开政府信息情况\n\n第二十条第(八)项\n\n信息内容\n\n本年收费金额(单位:万元)\n\n行政事业性收费\n\n0\n\n2025年\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（八）项/行政事业性收费"),
        [Some(0)]
    );
    assert!(
        !r.diagnostics.iter().any(|d| d.code == Code::T005),
        "{:?}",
        r.diagnostics
    );
    // Figures with a count word in a table's row, apart by white space, are still its cells.
    let text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n\
        规章 0件 0件 0件\n行政规范性文件 3件 1件 22件\n三、收到和处理政府信息公开申请情况\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/行政规范性文件"),
        [Some(3), Some(1), Some(22)]
    );
}

/// An excerpt that starts inside table 3 with its last row written whole, figures apart by
/// white space: the row is read; the rows before it are named by one T015 that says the page
/// starts inside the table, and table 2, before it, by a T015 too (no T001, no T003 a row).
#[test]
fn an_excerpt_starting_at_table_3s_last_row_reads_it() {
    let text = "Page 9 - 2020年报_审计局\nP. 9\n四、结转下年度继续办理 0 2 0 0 0 0 2\n\
        四、政府信息公开行政复议、行政诉讼情况\n2020 年,我单位未出现申请行政复议、提起行政诉讼的情况。\n";
    let r = ogi_report::parse(text);
    let t3 = r.applications.as_ref().expect("table 3");
    assert_eq!(
        row_values(t3, "四、结转下年度继续办理"),
        [0, 2, 0, 0, 0, 0, 2].map(Some).to_vec()
    );
    assert!(messages(&r, Code::T003).is_empty());
    assert!(messages(&r, Code::T001).is_empty());
    let t015 = messages(&r, Code::T015);
    assert!(
        t015.contains(
            &"table 3 (收到和处理政府信息公开申请情况): the text starts inside the table, at row \
          `四、结转下年度继续办理`; the 22 rows before it are missing \
          (`一、本年新收政府信息公开申请数量` … `三、本年度办理结果/（七）总计`): the page \
          looks cut off at its start"
        ),
        "{t015:#?}"
    );
    assert!(t015.iter().any(|m| m
        .starts_with("table 2 (主动公开政府信息情况): the text starts after it, inside table 3;")));
    // A sentence naming the row is no table.
    let prose = "2020年政府信息公开工作年度报告\n本年度无结转下年度继续办理的申请。\n\
        四、政府信息公开行政复议、行政诉讼情况\n无。\n";
    assert!(ogi_report::parse(prose).applications.is_none());
}

/// A table flattened with nothing between its cells, each row on a line of its own
/// (`规章1520`): the digits glued to the label are split as a glued run, not read as one value
/// in the first column. A run of zeros splits one way; `1520` under three columns admits three
/// splits, so its cells are left blank and `T008` names the row.
#[test]
fn figures_glued_to_their_label_on_a_line_of_their_own_are_split() {
    let text = "二、主动公开政府信息情况\n信息内容本年新制作数量本年新公开数量对外公开总数量\n\
        规章1520\n规范性文件000\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规章"),
        [None, None, None]
    );
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规范性文件"),
        [Some(0), Some(0), Some(0)]
    );
    assert!(messages(&r, Code::T008)
        .iter()
        .any(|m| m.contains("row `第二十条第（一）项/规章`: glued digits admit 3 splits")));
    assert!(messages(&r, Code::T007)
        .iter()
        .any(|m| m.contains("`第二十条第（一）项/规范性文件`: glued digits split as 0 | 0 | 0")));
    // With white space between the label and its figure, the figure is one value.
    let apart = "二、主动公开政府信息情况\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n\
        规章 1520\n";
    let r = ogi_report::parse(apart);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规章"),
        [Some(1520), None, None]
    );
}

#[test]
fn a_stray_number_before_the_first_row_found_leaves_the_rows_as_printed() {
    // A vertical table (one cell a line) whose `规章` label was lost, leaving its `0` above
    // `规范性文件`: the rows are read as printed, and the lost row's T003 names the number.
    let text =
        "二、主动公开政府信息情况\n第二十条第(一)项\n信息内容\n本年新制作数量\n本年新公开数量\n\
        对外公开总数量\n0\n规范性文件\n第二十条第(五)项\n上一年项目数量\n本年增/减\n处理决定数量\n\
        行政许可\n6\n减3\n3\n其他对外管理服务事项\n第二十条第(六)项\n行政处罚\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（五）项/行政许可"),
        [Some(6), Some(-3), Some(3)]
    );
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规范性文件"),
        [None, None, None]
    );
    assert_eq!(
        messages(&r, Code::T003),
        ["table 2 (主动公开政府信息情况), row `第二十条第（一）项/规章`: label not found; `0`, printed before row `第二十条第（一）项/规范性文件`, may be its values and is not read"]
    );
    assert!(messages(&r, Code::T013).is_empty());
    // Three numbers there are not a stray: the table is taken as printed apart (T013).
    let three = text.replace("\n0\n规范性文件", "\n0\n0\n0\n规范性文件");
    assert_eq!(messages(&ogi_report::parse(&three), Code::T013).len(), 1);
}

#[test]
fn a_cell_with_a_lost_characters_mark_before_its_number_keeps_its_place() {
    // A mirror site's copy writes a cell `? 2`: the `?` an encoding left for a character it
    // could not hold. The cell is left blank and named; the clean cells after it keep theirs.
    let text = "二、主动公开政府信息情况\n第二十条第(一)项 | |||\n\
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 1 | ? 2 | 3 |\n\
        行政规范性文件 | 4 | 5 | 6 |\n";
    let r = ogi_report::parse(text);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规章"),
        [Some(1), None, Some(3)]
    );
    assert_eq!(
        messages(&r, Code::T006),
        ["table 2 (主动公开政府信息情况), row `第二十条第（一）项/规章`, column 本年废止件数: `? 2` is not a number: the `?` before `2` marks a character the page lost (an encoding that could not hold it), which may have changed it; the cell is left blank"]
    );
    assert!(messages(&r, Code::T004).is_empty());
    // One cell a line, as the mirror prints it: the same.
    let per_line = text
        .replace("规章 | 1 | ? 2 | 3 |", "规章 |\n1 |\n? 2 |\n3 |")
        .replace(
            "行政规范性文件 | 4 | 5 | 6 |",
            "行政规范性文件 |\n4 |\n5 |\n6 |",
        );
    let r = ogi_report::parse(&per_line);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(
        row_values(t2, "第二十条第（一）项/规章"),
        [Some(1), None, Some(3)]
    );
    assert_eq!(messages(&r, Code::T006).len(), 1);
    // Without the bars (a Big5 or GBK copy of a word processor's cells, their no-break space
    // lost: `?2`), one cell a line or by spaces, with the `html` feature: the same, where the
    // mark had been read as text and the row's figures moved into the columns before.
    if cfg!(feature = "html") {
        for (i, marked) in [
            per_line.replace(" |\n", "\n").replace("? 2", "?2"),
            text.replace(" | ", "  ")
                .replace(" |\n", "\n")
                .replace("? 2", "?2"),
        ]
        .iter()
        .enumerate()
        {
            let r = ogi_report::parse(marked);
            let t2 = r.active_disclosure.as_ref().expect("table 2");
            assert_eq!(
                row_values(t2, "第二十条第（一）项/规章"),
                [Some(1), None, Some(3)],
                "{i}: {marked}"
            );
            assert_eq!(
                messages(&r, Code::T006),
                ["table 2 (主动公开政府信息情况), row `第二十条第（一）项/规章`, column 本年废止件数: `?2` is not a number: the `?` before `2` marks a character the page lost (an encoding that could not hold it), which may have changed it; the cell is left blank"],
                "{i}"
            );
        }
    }
    // A `?` after a number, or alone, is no such mark: text, which ends the row as before.
    let after = text.replace("? 2", "2?");
    let r = ogi_report::parse(&after);
    assert!(messages(&r, Code::T006).is_empty());
}

#[test]
fn a_table_3_of_its_first_row_one_cell_a_line_is_read_and_named_cut_off() {
    // Only the first row, its label and its seven figures a line each, the text ending there:
    // the row is read, and the rows after it are named missing, as in any table cut off.
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n1\n0\n0\n0\n0\n0\n1\n";
    // The same with a `|` after each cell, as a mirror prints it.
    let piped = text.replace('\n', " |\n");
    for text in [text, piped.as_str()] {
        let r = ogi_report::parse(text);
        let t3 = r.applications.as_ref().expect("table 3");
        assert_eq!(
            row_values(t3, "一、本年新收政府信息公开申请数量"),
            [1, 0, 0, 0, 0, 0, 1].map(Some),
            "{text}"
        );
        assert_eq!(
            messages(&r, Code::T015).first().copied(),
            Some("table 3 (收到和处理政府信息公开申请情况): the text ends inside the table, after row `一、本年新收政府信息公开申请数量`; the 24 rows after it are missing (`二、上年结转政府信息公开申请数量` … `四、结转下年度继续办理`): the page looks cut off"),
            "{text}"
        );
    }
}

#[test]
fn row_names_printed_side_by_side_as_a_header_take_no_figures_of_the_line_under_them() {
    // `行政处罚 | 行政强制` side by side over one line of figures: the figures are not read
    // into 行政强制 (which the first, 40, belongs to under another header is not told).
    let text = "二、主动公开政府信息情况\n申请事项 | 行政处罚 | 行政强制 | 工伤认定 |\n数量 | 40件 | 7件 | 0件 |\n";
    let r = ogi_report::parse(text);
    let values: Vec<Option<i64>> = r
        .active_disclosure
        .iter()
        .flat_map(|t| t.rows.iter())
        .flat_map(|row| {
            row.cells
                .iter()
                .map(|c| c.value.as_ref().and_then(|v| v.as_i64()))
        })
        .collect();
    assert!(values.iter().all(Option::is_none), "{values:?}");
    // One label a line, the figures after it on the next line, is still read.
    let rows = "二、主动公开政府信息情况\n信息内容 | 本年处理决定数量\n行政处罚 |\n40 |\n行政强制 |\n7 |\n";
    let r = ogi_report::parse(rows);
    let t2 = r.active_disclosure.as_ref().expect("table 2");
    assert_eq!(row_values(t2, "第二十条第（六）项/行政处罚"), [Some(40)]);
    assert_eq!(row_values(t2, "第二十条第（六）项/行政强制"), [Some(7)]);
}

/// A row the template does not have (`其他主动公开文件`, a province's addition to block (一)),
/// printed after the block's last row: its values are named by a T011 that quotes them, in a
/// pipe row and one cell a line, and the rows around it keep theirs.
#[test]
fn a_row_the_template_does_not_have_is_named_with_its_values() {
    let head = "某某区卫生健康局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第(一)项 | |||\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
        规章 | 2 | 2 | 3 |\n规范性文件 | 11 | 11 | 119 |\n";
    let block5 = "第二十条第(五)项 | |||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
        行政许可 | 1 | 2 | 3 |\n";
    for (extra, quoted) in [
        ("其他主动公开文件 | 56 | 45\n", "56 45"),
        (
            "其他主动公开文件(含以本单位名义正式签发的、除规范性文件以外的主动公开文件) |\n3 |\n4 |\n5 |\n",
            "3 4 5",
        ),
    ] {
        let r = ogi_report::parse(&format!("{head}{extra}{block5}"));
        assert_eq!(
            messages(&r, Code::T011),
            [format!(
                "table 2 (主动公开政府信息情况), row `其他主动公开文件` after \
                 `第二十条第（一）项/规范性文件`: a row the template does not have; its values \
                 ({quoted}) are recognised and left out"
            )
            .as_str()],
        );
        let d = diags(&r, Code::T011)[0];
        assert_eq!(
            d.location.as_ref().and_then(|l| l.row.as_deref()),
            Some("其他主动公开文件")
        );
        let t2 = r.table(TableKind::ActiveDisclosure).expect("table 2");
        let values = |row: &str| -> Vec<Option<i64>> {
            t2.row(row)
                .expect("row")
                .cells
                .iter()
                .map(|c| c.value.and_then(|v| v.as_i64()))
                .collect()
        };
        assert_eq!(values("第二十条第（一）项/规范性文件"), [Some(11), Some(11), Some(119)]);
        assert_eq!(values("第二十条第（五）项/行政许可"), [Some(1), Some(2), Some(3)]);
        assert!(messages(&r, Code::T005).is_empty());
    }
    // A block header whose `第` was lost (`第二十条(六)项`) after a row is no row.
    let r = ogi_report::parse(&format!(
        "{head}{block5}第二十条(六)项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
         行政处罚 | 0 | 0 | 0 |\n"
    ));
    assert!(messages(&r, Code::T011).is_empty());
}

/// A row's word in prose (`发布行政规范性文件4篇。`) with a list's numbering on the next line
/// (`2、依申请公开`): the numbering is no value, and no table is made of the prose.
#[test]
fn a_lists_numbering_after_a_rows_word_in_prose_is_no_value() {
    let text = "某局2022年政府信息公开工作年度报告\n一、总体情况\n1、主动公开\n\
        2022年我局主动公开政府信息960条,发布行政规范性文件4篇,政策解读4篇。\n\
        2、依申请公开\n2022年我局共受理依申请政府信息公开事项17例。\n";
    let r = ogi_report::parse(text);
    assert!(r.active_disclosure.is_none(), "{:?}", r.active_disclosure);
    assert!(messages(&r, Code::T004).is_empty());
}
