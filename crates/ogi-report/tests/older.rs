//! Reports in the format before the 2019 template (2008 条例) are told as such and not read into
//! the national tables, even where their prose names a label of one (`政府集中采购项目类信息55条`
//! in a 2018 report); a report of the 2019 template whose year reads earlier keeps its tables.

mod common;

use common::corpus;
use ogi_report::{Code, SectionKind};

fn check_older(name: &str, year: u16, sections: &[SectionKind]) {
    let r = ogi_report::parse_bytes(&corpus(name));
    assert!(r.meta.older_format, "{name}: not told as the older format");
    assert_eq!(r.meta.template, None, "{name}");
    assert_eq!(r.meta.year, Some(year), "{name}");
    assert!(r.active_disclosure.is_none(), "{name}: table 2 read");
    assert!(r.applications.is_none(), "{name}: table 3 read");
    assert!(r.review_litigation.is_none(), "{name}: table 4 read");
    assert!(r.cells().is_empty(), "{name}");
    let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::S002], "{name}: {:?}", r.diagnostics);
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, sections, "{name}");
    // Nothing for the rules to find in a report without the tables.
    assert!(r.validate().is_empty(), "{name}: {:?}", r.validate());
}

#[test]
fn a_2018_report_naming_a_2019_mark_in_its_prose_is_older() {
    check_older(
        "014_pingtan-2018-old-format.txt",
        2018,
        &[
            SectionKind::Overview,
            SectionKind::ActiveDisclosure,
            // `三、政府信息依申请公开工作情况`
            SectionKind::Applications,
            SectionKind::ReviewLitigation,
            SectionKind::Problems,
        ],
    );
}

#[test]
fn a_2013_report_is_older_rather_than_a_2019_one_by_its_year() {
    check_older(
        "015_pingtan-local-tax-bureau-2013-old-format.txt",
        2013,
        // On one line: `三、依申请公开、不予公开及咨询政府信息情况`, and `五、申请行政复议、
        // 提起行政诉讼和申诉的情况` after the older format's fourth section (审批事项).
        &[
            SectionKind::Overview,
            SectionKind::ActiveDisclosure,
            SectionKind::Applications,
            SectionKind::ReviewLitigation,
        ],
    );
}

#[test]
fn a_2019_template_report_whose_year_reads_2018_keeps_its_tables() {
    let text = String::from_utf8(corpus("004_1d268c7f8e46725e.txt")).expect("UTF-8");
    let original = ogi_report::parse(&text);
    assert_eq!(original.meta.year, Some(2020));
    let earlier = ogi_report::parse(&text.replace("2020年", "2018年"));
    assert_eq!(earlier.meta.year, Some(2018));
    assert!(!earlier.meta.older_format);
    assert_eq!(earlier.meta.template, original.meta.template);
    assert_eq!(earlier.cells(), original.cells());
    assert!(earlier.cells().iter().filter(|c| c.value.is_some()).count() > 150);
}

/// An older-format report's sections that are none of the template's six (the fees', the
/// consultations', the statistics table's) are named by an S004 each, with the section their
/// text is kept in; a sub-item numbered out of turn, and table 3's row `四、结转下年度继续办理`,
/// are none.
#[test]
fn older_sections_that_are_none_of_the_six_are_named() {
    let text = "某某局2009年政府信息公开工作年度报告\n一、概述\n本报告由某某局编制。\n\
        二、主动公开政府信息情况\n全年主动公开信息120条。\n一、加强领导\n\
        三、政府信息依申请公开办理情况\n全年受理申请3件。\n\
        四、政府信息公开的收费及减免情况\n未收取费用。\n\
        五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n\
        六、政府信息公开工作存在的主要问题及改进措施\n有待加强。\n\
        七、政府信息公开情况统计表\n略。\n";
    let r = ogi_report::parse(text);
    assert!(r.meta.older_format);
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Overview,
            SectionKind::ActiveDisclosure,
            SectionKind::Applications,
            SectionKind::ReviewLitigation,
            SectionKind::Problems,
        ]
    );
    let s004: Vec<(&str, Option<u8>, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::S004)
        .map(|d| {
            let span = d.span.expect("span");
            (
                d.message.as_str(),
                d.location.as_ref().and_then(|l| l.section),
                &text[span.start..span.end],
            )
        })
        .collect();
    assert_eq!(
        s004,
        [
            (
                "`四、政府信息公开的收费及减免情况` heads a section of the older format that is none of the template's six; its text is kept in section 3 (`三、政府信息依申请公开办理情况`)",
                Some(3),
                "四、政府信息公开的收费及减免情况"
            ),
            (
                "`七、政府信息公开情况统计表` heads a section of the older format that is none of the template's six; its text is kept in section 5 (`六、政府信息公开工作存在的主要问题及改进措施`)",
                Some(5),
                "七、政府信息公开情况统计表"
            ),
        ]
    );
    // The fees' section's text is in section 3's.
    assert!(r.sections[2].text.contains("未收取费用。"));
}

/// An older-format report whose first section is named by its work (`一、健全组织、强化领导`)
/// and whose review section names no lawsuit (`五、申请行政复议情况`): sections 1 and 4 in their
/// slots, and only the fees' section named by an S004.
#[test]
fn older_sections_named_by_their_work_keep_their_slots() {
    let text = "2015年政府信息公开工作年度报告\n现将2015年度信息公开工作情况总结如下:\n\
        一、健全组织、强化领导\n我局完善组织,加强领导。\n\
        二、政府信息主动公开情况\n2015年度主动公开政府信息62条。\n\
        三、政府信息依申请公开和不予公开情况\n2015年未收到信息公开的申请。\n\
        四、政府信息公开的收费及减免情况\n未收取费用。\n\
        五、申请行政复议情况\n2015年度未发生复议、诉讼和申诉。\n\
        六、存在的主要问题和下步工作措施\n信息公开的内容还需进一步规范。\n";
    let r = ogi_report::parse(text);
    assert!(r.meta.older_format);
    let got: Vec<(SectionKind, &str, &str)> = r
        .sections
        .iter()
        .map(|s| (s.kind, s.heading.as_str(), s.text.trim()))
        .collect();
    assert_eq!(
        got,
        [
            (
                SectionKind::Overview,
                "一、健全组织、强化领导",
                "我局完善组织,加强领导。"
            ),
            (
                SectionKind::ActiveDisclosure,
                "二、政府信息主动公开情况",
                "2015年度主动公开政府信息62条。"
            ),
            (
                SectionKind::Applications,
                "三、政府信息依申请公开和不予公开情况",
                "2015年未收到信息公开的申请。\n四、政府信息公开的收费及减免情况\n未收取费用。"
            ),
            (
                SectionKind::ReviewLitigation,
                "五、申请行政复议情况",
                "2015年度未发生复议、诉讼和申诉。"
            ),
            (
                SectionKind::Problems,
                "六、存在的主要问题和下步工作措施",
                "信息公开的内容还需进一步规范。"
            ),
        ]
    );
    let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).collect();
    assert!(!codes.contains(&Code::S001), "{codes:?}");
    let s004: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::S004)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        s004,
        ["`四、政府信息公开的收费及减免情况` heads a section of the older format that is none of the template's six; its text is kept in section 3 (`三、政府信息依申请公开和不予公开情况`)"]
    );
}
