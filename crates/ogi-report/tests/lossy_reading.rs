//! Reports whose UTF-8 a scraper read as GB18030 or GBK, writing U+FFFD for each byte its
//! decoder could not read (Python's `errors='replace'`), and saved again as UTF-8: what such a
//! misreading leaves unknown does not make a value read wrong without a diagnostic naming its
//! row.

mod common;

use common::{differences, values};

/// A block header of table 2 whose numeral a misreading left unknown (`第二十條第(�)項`, where
/// `六` and `八` fit alike): its rows are looked for from the previous row's remark on, which
/// lists them (`…、行政處罰、行政強制、…`) and is passed over; the rows are read where they
/// are printed.
#[test]
fn rows_named_in_a_remarks_list_are_not_read_there() {
    let text = String::from_utf8(common::corpus(
        "016_pages-wuhan-eco-env-bureau-2020-trad-TRUNCATED.txt",
    ))
    .unwrap_or_default();
    assert!(text.contains("第二十條第(六)項") && text.contains("行政處罰、行政強制、"));
    let damaged = text.replace("第二十條第(六)項", "第二十條第(\u{FFFD})項");
    let want = values(&ogi_report::parse(&text));
    let got = values(&ogi_report::parse(&damaged));
    assert_eq!(differences(&want, &got), Vec::<String>::new());
    assert_eq!(
        got.get(&(
            2,
            "第二十条第（六）项/行政处罚".to_string(),
            "上一年项目数量".to_string()
        )),
        Some(&Some("90".to_string()))
    );
}

/// Where neither the labels nor the year tell the template, tables 2 and 3 are read with the
/// 2021 template's rows and columns: `T002` says so and names the rows of a 2019 table 2, whose
/// cells are not where those columns put them (a misread report's column headings lost).
#[test]
fn a_table_2_read_with_the_template_untold_names_the_2019_rows() {
    let text = "某某局政府信息公开工作年度报告\n一、总体情况\n本局依法公开。\n\
                二、主动公开政府信息情况\n第二十条第(一)项\n规章 | 1 | 2 | 3\n规范性文件 | 4 | 5 | 6\n\
                三、收到和处理政府信息公开申请情况\n无。\n";
    let r = ogi_report::parse(text);
    assert_eq!(r.meta.template, None);
    let t002: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == ogi_report::Code::T002)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(t002.len(), 1, "{t002:?}");
    assert!(
        t002[0].starts_with("the template version cannot be told from the labels or the year; tables 2 and 3 are read with the 2021 template's rows and columns"),
        "{}",
        t002[0]
    );
    for row in [
        "第二十条第（一）项/规范性文件",
        "第二十条第（五）项/其他对外管理服务事项",
        "第二十条第（九）项/政府集中采购",
    ] {
        assert!(t002[0].contains(row), "{row}: {}", t002[0]);
    }
}
