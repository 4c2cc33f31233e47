//! A report's year and the period it states are checked against each other (S005).

use ogi_report::Code;

fn s005(text: &str) -> Vec<String> {
    ogi_report::parse(text)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::S005)
        .map(|d| d.message)
        .collect()
}

/// A period of another year than the one reported on is named, and both are kept as written; a
/// school's year ending in the year, or a period of the year, is not.
#[test]
fn a_period_not_of_the_year_reported_on_is_named() {
    let text = "某局2022年政府信息公开工作年度报告\n\
        本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n\
        一、总体情况\n2022年,我局主动公开信息983条。\n";
    let r = ogi_report::parse(text);
    assert_eq!(r.meta.year, Some(2022));
    assert_eq!(
        (r.meta.period_start.as_deref(), r.meta.period_end.as_deref()),
        (Some("2021-01-01"), Some("2021-12-31"))
    );
    assert_eq!(
        s005(text),
        ["the statistics period 2021-01-01 – 2021-12-31 is not of the year 2022 the report is for: one of the two is a slip, such as a period kept from the year before"]
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::S005)
        .expect("S005");
    assert_eq!(d.severity, ogi_report::Severity::Warning);

    for fine in [
        text.replace(
            "2021年1月1日起至2021年12月31日",
            "2022年1月1日起至2022年12月31日",
        ),
        text.replace(
            "2021年1月1日起至2021年12月31日",
            "2021年9月1日起至2022年8月31日",
        ),
        text.replace(
            "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n",
            "",
        ),
    ] {
        assert!(s005(&fine).is_empty(), "{fine}");
    }
}

/// A saved page whose text's one title-like line names neither the agency nor the year nor the
/// disclosure (`年度报告`: the header a browser printed on a page, the page's `<title>` cut
/// short) is read for the title, the year and the agency its `<title>` names; a line that names
/// the year or the disclosure stays the title.
#[cfg(feature = "html")]
#[test]
fn a_pages_title_is_read_past_a_bare_title_line() {
    let page = |line: &str| {
        format!(
            "<html><head><meta charset=\"utf-8\"><title>测试市测试局2023年政府信息公开工作年度报告_某某市人民政府门户网站</title></head><body>\n<p>{line}</p>\n<p>12/7/26, 6:09 PM</p>\n<p>一、总体情况</p>\n<p>本局依法公开政府信息。</p>\n<p>二、主动公开政府信息情况</p>\n<p>三、收到和处理政府信息公开申请情况</p>\n<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<p>五、存在的主要问题及改进情况</p>\n<p>无。</p>\n<p>六、其他需要报告的事项</p>\n<p>无。</p>\n</body></html>\n"
        )
    };
    let r = ogi_report::parse(&page("年度报告"));
    assert_eq!(
        r.meta.title.as_deref(),
        Some("测试市测试局2023年政府信息公开工作年度报告")
    );
    assert_eq!(r.meta.agency.as_deref(), Some("测试市测试局"));
    assert_eq!(r.meta.year, Some(2023));
    assert!(!r.diagnostics.iter().any(|d| d.code == Code::S003));
    let r = ogi_report::parse(&page("2023年政府信息公开工作年度报告"));
    assert_eq!(
        r.meta.title.as_deref(),
        Some("2023年政府信息公开工作年度报告")
    );
    assert_eq!(r.meta.year, Some(2023));
}
