//! Reports cut off inside a table (pages truncated when saved or crawled): the rows after the
//! last one read are named by one T015, and each later table by a T015 of its own (the text
//! ends before it); the rows read keep their values, and a table that merely lacks labels in
//! text that goes on still gets a T003 per row.

mod common;

use common::corpus;
use ogi_report::{parse_bytes, Code, Report, TableKind};

const SEEDS: [&str; 5] = [
    "000_b9348fb859717f63.txt",
    "001_56fe7089f0ef1d8a.txt",
    "002_4a9178fd99f7f697.txt",
    "003_c5f879456b805937.txt",
    "004_1d268c7f8e46725e.txt",
];

const GRANTED: &str = "三、本年度办理结果/（一）予以公开";
const PARTLY: &str = "三、本年度办理结果/（二）部分公开";
const CARRIED: &str = "四、结转下年度继续办理";

/// The input cut a few characters into the label of `row` (found in the full report): the
/// label begun, nothing after it.
fn cut_into_label(input: &[u8], full: &Report, kind: TableKind, row: &str) -> Option<Vec<u8>> {
    let span = full.table(kind)?.row(row)?.span?;
    let text = std::str::from_utf8(input).ok()?;
    let label = text.get(span.start..span.end)?;
    let keep: usize = label.chars().take(3).map(char::len_utf8).sum();
    Some(input.get(..span.start + keep)?.to_vec())
}

fn codes(r: &Report, code: Code) -> Vec<&ogi_report::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The messages of the diagnostics of `code`.
fn messages(r: &Report, code: Code) -> Vec<&str> {
    codes(r, code)
        .into_iter()
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn complete_seeds_have_no_cut_off_table() {
    for name in SEEDS {
        let r = parse_bytes(&corpus(name));
        assert!(codes(&r, Code::T015).is_empty(), "{name}");
    }
}

#[test]
fn a_report_cut_inside_table_3_names_the_lost_rows_once() {
    let mut cut_seeds = 0;
    let mut nonzero = 0;
    for name in SEEDS {
        let input = corpus(name);
        let full = parse_bytes(&input);
        let Some(cut) = cut_into_label(&input, &full, TableKind::Applications, PARTLY) else {
            continue;
        };
        cut_seeds += 1;
        let r = parse_bytes(&cut);
        let t015 = codes(&r, Code::T015);
        // One for table 3, and one for table 4, which the text ends before.
        assert_eq!(t015.len(), 2, "{name}: {:#?}", r.diagnostics);
        let d = t015[0];
        assert_eq!(d.location.as_ref().and_then(|l| l.table), Some(3), "{name}");
        assert_eq!(
            t015[1].location.as_ref().and_then(|l| l.table),
            Some(4),
            "{name}"
        );
        assert!(
            t015[1].message.starts_with(
                "table 4 (政府信息公开行政复议、行政诉讼情况): the text ends before it, inside table 3; none of its 3 rows was read"
            ),
            "{name}: {}",
            t015[1].message
        );
        assert!(
            d.message.contains(&format!("after row `{GRANTED}`")),
            "{name}: {}",
            d.message
        );
        assert!(
            d.message.contains(&format!("(`{PARTLY}` … `{CARRIED}`)")),
            "{name}: {}",
            d.message
        );
        let span = d.span.expect("T015 points at the end of the text");
        assert_eq!(span.end, cut.len(), "{name}");
        // The lost rows get no T003 of their own.
        let t003: Vec<_> = codes(&r, Code::T003)
            .into_iter()
            .filter(|d| d.location.as_ref().and_then(|l| l.table) == Some(3))
            .collect();
        assert!(t003.is_empty(), "{name}: {t003:#?}");
        // The table after the cut is not said to be absent (T001): the text ends before it.
        assert!(
            !codes(&r, Code::T001)
                .iter()
                .any(|d| d.location.as_ref().and_then(|l| l.table) == Some(4)),
            "{name}"
        );
        // Rows read before the cut keep the values the whole report gives them.
        let (t_full, t_cut) = (
            full.table(TableKind::Applications).expect("table 3"),
            r.table(TableKind::Applications)
                .expect("table 3 read up to the cut"),
        );
        for row in t_full.rows.iter().take_while(|x| x.row != PARTLY) {
            let got = t_cut.row(&row.row).expect("row kept");
            for c in &row.cells {
                let g = got.cell(&c.column).expect("cell kept");
                assert_eq!(g.value, c.value, "{name}: {} / {}", row.row, c.column);
                nonzero += usize::from(c.value.and_then(|v| v.as_i64()).is_some_and(|v| v != 0));
            }
        }
        // And the lost rows are empty.
        for row in [PARTLY, CARRIED] {
            let lost = t_cut.row(row).expect("template row present");
            assert!(
                lost.cells.iter().all(|c| c.value.is_none()),
                "{name}: {row}"
            );
        }
    }
    assert!(cut_seeds >= 3, "only {cut_seeds} seeds have the row");
    assert!(nonzero > 0, "the rows kept hold no value to compare");
}

#[test]
fn a_report_cut_inside_table_2_names_its_lost_rows() {
    let mut checked = 0;
    for name in SEEDS {
        let input = corpus(name);
        let full = parse_bytes(&input);
        let row = "第二十条第（五）项/行政许可";
        let Some(cut) = cut_into_label(&input, &full, TableKind::ActiveDisclosure, row) else {
            continue;
        };
        checked += 1;
        let r = parse_bytes(&cut);
        let t015 = codes(&r, Code::T015);
        // Table 2's, then tables 3 and 4, which the text ends before.
        let tables: Vec<Option<u8>> = t015
            .iter()
            .map(|d| d.location.as_ref().and_then(|l| l.table))
            .collect();
        assert_eq!(
            tables,
            [Some(2), Some(3), Some(4)],
            "{name}: {:#?}",
            r.diagnostics
        );
        assert!(t015[1..].iter().all(|d| d
            .message
            .contains("the text ends before it, inside table 2;")));
        assert!(codes(&r, Code::T001).is_empty(), "{name}");
        assert!(
            t015[0].message.contains(&format!("`{row}` …")),
            "{name}: {}",
            t015[0].message
        );
        assert!(
            !codes(&r, Code::T003)
                .iter()
                .any(|d| d.location.as_ref().and_then(|l| l.table) == Some(2)),
            "{name}"
        );
    }
    assert!(checked >= 3, "only {checked} seeds have the row");
}

#[test]
fn text_that_goes_on_after_the_last_row_keeps_a_t003_per_row() {
    // The same cut, followed by a paragraph: the table did not reach the end of the text, so
    // its missing rows are missing labels, not a cut.
    let tail = "\n本年度本机关未收到其他需要说明的事项，以上数据统计期限自一月一日起至十二月三十一日止，特此说明。\n";
    let mut checked = 0;
    for name in SEEDS {
        let input = corpus(name);
        let full = parse_bytes(&input);
        let Some(mut cut) = cut_into_label(&input, &full, TableKind::Applications, PARTLY) else {
            continue;
        };
        checked += 1;
        cut.extend_from_slice(tail.as_bytes());
        let r = parse_bytes(&cut);
        assert!(codes(&r, Code::T015).is_empty(), "{name}");
        assert!(
            codes(&r, Code::T003).iter().any(|d| d
                .location
                .as_ref()
                .and_then(|l| l.row.as_deref())
                == Some(CARRIED)),
            "{name}: {:#?}",
            r.diagnostics
        );
    }
    assert!(checked >= 3);
}

/// A page that printed table 3 blank (its labels, no numbers) and was cut inside it: the rows
/// after the last label are named by one T015 (not a T003 each), table 4 by a T015 of its own,
/// and the labels with no numbers are not taken for numbers printed apart (no T013), so the
/// values table 2 prints under its labels are kept.
#[test]
fn a_blank_table_3_cut_off_is_cut_off_and_leaves_table_2_read() {
    let mut text = String::from(
        "二、主动公开政府信息情况\n第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n\
         规章\n0\n规范性文件\n第二十条第(五)项\n本年处理决定数量\n行政许可\n270\n\
         第二十条第(六)项\n行政处罚\n2\n行政强制\n第二十条第(八)项\n本年收费金额(单位:万元)\n行政事业性收费\n\
         三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n\
         商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n",
    );
    for label in [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "(一)予以公开",
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        "(三)不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
    ] {
        text.push_str(label);
        text.push('\n');
    }
    let r = parse_bytes(text.as_bytes());
    let t2 = r.table(TableKind::ActiveDisclosure).expect("table 2");
    let value = |row: &str| {
        t2.row(row)
            .and_then(|r| r.cells.first())
            .and_then(|c| c.value.as_ref().and_then(|v| v.as_i64()))
    };
    assert_eq!(value("第二十条第（一）项/规章"), Some(0));
    assert_eq!(value("第二十条第（五）项/行政许可"), Some(270));
    assert_eq!(value("第二十条第（六）项/行政处罚"), Some(2));
    assert!(codes(&r, Code::T013).is_empty());
    assert!(codes(&r, Code::T003).is_empty());
    assert!(codes(&r, Code::T001).is_empty());
    let t015 = codes(&r, Code::T015);
    assert_eq!(t015.len(), 2, "{t015:#?}");
    assert!(t015[0].message.contains(
        "the text ends inside the table, after row `三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开`; the 19 rows after it are missing"
    ), "{}", t015[0].message);
    assert!(
        t015[1].message.starts_with("table 4 ("),
        "{}",
        t015[1].message
    );
}

/// A page cut off just after the heading of section 2 (the heading itself cut, a fragment at
/// most after it): table 2 gets a T015 that says so, and tables 3 and 4 one each naming the
/// section the text ends in, not a T001 ("absent").
#[test]
fn a_report_cut_just_after_a_tables_section_heading_names_its_tables_as_cut() {
    for text in [
        "一、总体情况\n我局2024年度未收到申请。\n二、行政机关主动公开政府",
        "一、总体情况\n我局2024年度未收到申请。\n二、主动公开政府信息情况\n单位: 某某局 2023年度\n第二",
    ] {
        let r = parse_bytes(text.as_bytes());
        assert!(codes(&r, Code::T001).is_empty(), "{text}");
        let t015 = codes(&r, Code::T015);
        assert_eq!(t015.len(), 3, "{text}: {t015:#?}");
        assert!(t015[0].message.starts_with(
            "table 2 (主动公开政府信息情况): the text ends just after its section's heading; none of its"
        ), "{}", t015[0].message);
        for d in &t015[1..] {
            assert!(d.message.contains("the text ends before it, inside section 2"), "{}", d.message);
        }
    }
    // Section 2 with more than a fragment after its heading and no table: absent (T001).
    let text = format!(
        "一、总体情况\n略。\n二、主动公开政府信息情况\n{}",
        "本年度我局主动公开政府信息共计若干条，涵盖机构职能、政策文件、财政预决算等内容。"
            .repeat(2)
    );
    let r = parse_bytes(text.as_bytes());
    assert_eq!(codes(&r, Code::T001).len(), 3);
    assert!(codes(&r, Code::T015).is_empty());
}

/// A page that starts inside table 2 and ends inside table 3: table 4, which the text never
/// reaches, lies after the table the text ends in (3), not the one it starts in (2).
#[test]
fn a_table_after_the_cut_names_the_table_the_text_ends_in() {
    let text = "二、主动公开政府信息情况\n第二十条第（六）项\n信息内容 本年处理决定数量\n\
        行政处罚 3985758\n行政强制 88283\n三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119\n\
        二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34\n";
    let r = ogi_report::parse(text);
    let t015 = messages(&r, Code::T015);
    assert_eq!(t015.len(), 3, "{t015:?}");
    assert!(
        t015[0].starts_with(
            "table 2 (主动公开政府信息情况): the text starts inside the table, at row \
             `第二十条第（六）项/行政处罚`"
        ),
        "{}",
        t015[0]
    );
    assert!(
        t015[1].starts_with(
            "table 3 (收到和处理政府信息公开申请情况): the text ends inside the table, after row \
             `二、上年结转政府信息公开申请数量`"
        ),
        "{}",
        t015[1]
    );
    assert!(
        t015[2].starts_with(
            "table 4 (政府信息公开行政复议、行政诉讼情况): the text ends before it, inside table 3;"
        ),
        "{}",
        t015[2]
    );
    let t3 = r.table(TableKind::Applications).expect("table 3");
    let carried = t3.row("二、上年结转政府信息公开申请数量").expect("row");
    assert_eq!(carried.cells[0].value.and_then(|v| v.as_i64()), Some(34));
}

/// A page cut off after a row the template does not have (`其他主动公开文件…`, its long remark
/// and its values one a line): the text ends inside table 2 after it, and the lost rows are one
/// T015, not a T003 each and tables 3 and 4 absent.
#[test]
fn a_page_cut_after_a_row_the_template_does_not_have_is_cut_off() {
    let text = "二、行政机关主动公开政府信息情况\n\n第二十条第(一)项\n\n信息内容\n\n本年新\n\n制作数量\n\n\
        本年新\n\n公开数量\n\n对外公开总数量\n\n规章\n\n0\n\n0\n\n0\n\n规范性文件\n\n34\n\n4\n\n47\n\n\
        其他主动公开文件(含以本单位或本单位办公室名义正式签发的、除规范性文件以外的主动公开文件,\
        可参考本单位政府信息公开平台“其他主动公开文件”栏目数据)\n\n0\n\n0\n\n0\n\n第二十条第(五)项\n\n信息";
    let r = ogi_report::parse(text);
    assert!(codes(&r, Code::T003).is_empty(), "{:?}", r.diagnostics);
    assert!(codes(&r, Code::T001).is_empty(), "{:?}", r.diagnostics);
    let t015 = messages(&r, Code::T015);
    assert_eq!(t015.len(), 3, "{t015:?}");
    assert!(
        t015[0].starts_with(
            "table 2 (主动公开政府信息情况): the text ends inside the table, after row \
             `第二十条第（一）项/规范性文件`; the 6 rows after it are missing"
        ),
        "{}",
        t015[0]
    );
    assert_eq!(codes(&r, Code::T011).len(), 1);
    let t2 = r.table(TableKind::ActiveDisclosure).expect("table 2");
    let row = t2.row("第二十条第（一）项/规范性文件").expect("row");
    let values: Vec<Option<i64>> = row
        .cells
        .iter()
        .map(|c| c.value.and_then(|v| v.as_i64()))
        .collect();
    assert_eq!(values, [Some(34), Some(4), Some(47)]);
}

/// A page cut off right after table 2's last row, a fragment of the next heading after it
/// (`三、收到`): no row of table 2 is lost, and tables 3 and 4 lie after the text (T015), not
/// absent (T001).
#[test]
fn tables_after_a_page_cut_right_after_table_2_are_cut_off() {
    let text = "某某乡2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第(一)项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n\
        规章 | 0 | 0 | 0 |\n规范性文件 | 2 | 2 | 5 |\n第二十条第(五)项 |\n\
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n行政许可 | 1 | 0 | 3 |\n\
        其他对外管理服务事项 | 0 | 0 | 0 |\n第二十条第(六)项 |\n\
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n行政处罚 | 0 | 0 | 0 |\n\
        行政强制 | 0 | 0 | 0 |\n第二十条第(八)项 |\n信息内容 | 上一年项目数量 | 本年增/减 |\n\
        行政事业性收费 | 0 | 0 |\n第二十条第(九)项 |\n信息内容 | 采购项目数量 | 采购总金额 |\n\
        政府集中采购 | 1 | 8040 |\n三、收到";
    let r = ogi_report::parse(text);
    assert!(codes(&r, Code::T001).is_empty(), "{:?}", r.diagnostics);
    let t015 = messages(&r, Code::T015);
    assert_eq!(t015.len(), 2, "{t015:?}");
    assert!(t015[0].starts_with(
        "table 3 (收到和处理政府信息公开申请情况): the text ends before it, inside table 2;"
    ));
    assert!(t015[1].starts_with(
        "table 4 (政府信息公开行政复议、行政诉讼情况): the text ends before it, inside table 2;"
    ));
}
