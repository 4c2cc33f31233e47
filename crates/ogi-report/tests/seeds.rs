//! The five seed reports: the values, metadata and diagnostics the project was founded on.

mod common;

use common::{assert_amount, assert_cell, assert_diag, corpus};
use ogi_report::{
    parse_bytes, parse_bytes_with, Code, Options, Prose, SectionKind, Severity, Template,
};

const SEED_000: &str = "000_b9348fb859717f63.txt";
const SEED_001: &str = "001_56fe7089f0ef1d8a.txt";
const SEED_002: &str = "002_4a9178fd99f7f697.txt";
const SEED_003: &str = "003_c5f879456b805937.txt";
const SEED_004: &str = "004_1d268c7f8e46725e.txt";

#[test]
fn seed_004_traditional_cell_per_line() {
    let r = parse_bytes(&corpus(SEED_004));
    assert_eq!(r.meta.template, Some(Template::V2019));
    assert_eq!(r.meta.agency.as_deref(), Some("青岛市卫生健康委员会"));
    assert_eq!(r.meta.year, Some(2020));
    assert_eq!(r.meta.published.as_deref(), Some("2021-01-31"));
    for (col, v) in [
        ("上一年项目数量", 0),
        ("本年增/减", 3),
        ("处理决定数量", 42),
    ] {
        assert_cell(&r, "第二十条第（五）项/行政许可", col, Some(v));
    }
    for (col, v) in [
        ("上一年项目数量", 81),
        ("本年增/减", 4),
        ("处理决定数量", 845),
    ] {
        assert_cell(&r, "第二十条第（六）项/行政处罚", col, Some(v));
    }
    assert_cell(
        &r,
        "第二十条第（九）项/政府集中采购",
        "采购项目数量",
        Some(57),
    );
    assert_amount(
        &r,
        "第二十条第（九）项/政府集中采购",
        "采购总金额",
        "168.61",
        Some("万元"),
    );
    assert_cell(&r, "一、本年新收政府信息公开申请数量", "自然人", Some(22));
    assert_cell(
        &r,
        "一、本年新收政府信息公开申请数量",
        "法人或其他组织/商业企业",
        Some(2),
    );
    assert_cell(&r, "一、本年新收政府信息公开申请数量", "总计", Some(24));
    assert_cell(&r, "三、本年度办理结果/（七）总计", "自然人", Some(21));
    assert_cell(&r, "三、本年度办理结果/（七）总计", "总计", Some(23));
    assert_cell(&r, "四、结转下年度继续办理", "总计", Some(1));
    for (col, v) in [
        ("结果维持", 1),
        ("结果纠正", 0),
        ("其他结果", 0),
        ("尚未审结", 3),
        ("总计", 4),
    ] {
        assert_cell(&r, "行政复议", col, Some(v));
    }
    assert_eq!(r.sections.len(), 6);
    assert_eq!(
        r.section(SectionKind::Problems).map(|s| s.heading.as_str()),
        Some("五、存在的問題及下步打算")
    );
    // The three damaged runs, each reported with its span.
    let moji: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::N002 | Code::N003))
        .collect();
    assert_eq!(moji.len(), 3, "{moji:#?}");
    let input = corpus(SEED_004);
    for d in &moji {
        let sp = d.span.expect("span");
        let raw = String::from_utf8_lossy(&input[sp.start..sp.end]).into_owned();
        assert!(raw.contains('?'), "{raw}");
    }
    // C1 (22+0 = 21+1, 24+0 = 23+1), C2, C3, C8 hold: no rule failure.
    let v = r.validate();
    assert!(v.iter().all(|d| d.severity != Severity::Error), "{v:#?}");
}

#[test]
fn seed_003_tab_cells_bare_amount() {
    let r = parse_bytes(&corpus(SEED_003));
    assert_eq!(r.meta.template, Some(Template::V2019));
    assert_eq!(r.meta.agency.as_deref(), Some("梅州市梅县区医疗保障局"));
    assert_cell(
        &r,
        "第二十条第（九）项/政府集中采购",
        "采购项目数量",
        Some(16),
    );
    assert_amount(
        &r,
        "第二十条第（九）项/政府集中采购",
        "采购总金额",
        "109123",
        None,
    );
    assert!(r.validate().iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn seed_002_short_rows_are_diagnosed_not_shifted() {
    let r = parse_bytes(&corpus(SEED_002));
    assert_eq!(r.meta.template, Some(Template::V2021));
    assert_eq!(r.meta.agency.as_deref(), Some("临河区医疗保障局"));
    assert_eq!(r.meta.published.as_deref(), Some("2024-01-19"));
    for row in [
        "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息",
        "四、结转下年度继续办理",
    ] {
        assert_diag(&r, Code::T004, Some(row));
        // Six of seven values, read into the leading columns; the seventh stays blank.
        assert_cell(&r, row, "自然人", Some(0));
        assert_cell(&r, row, "总计", None);
    }
    assert!(r.validate().iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn seed_001_tables_lost_sections_found() {
    let r = parse_bytes(&corpus(SEED_001));
    assert_eq!(r.sections.len(), 6);
    assert_eq!(r.meta.agency.as_deref(), Some("台山市医疗保障局"));
    assert_eq!(r.meta.published.as_deref(), Some("2022-01-19"));
    assert!(
        r.active_disclosure.is_none() && r.applications.is_none() && r.review_litigation.is_none()
    );
    let absent: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::T001)
        .collect();
    assert_eq!(absent.len(), 3);
    let six = r.section(SectionKind::Other).expect("section 6");
    assert!(
        !six.text.contains("版權") && !six.text.contains("凡本網"),
        "{}",
        six.text
    );
    // Only notes about the absent tables: no rule failures.
    assert!(r.validate().iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn seed_000_pinyin_glosses_removed_in_clean_prose() {
    let r = parse_bytes(&corpus(SEED_000));
    assert_eq!(r.meta.template, Some(Template::V2019));
    for (col, v) in [("上一年项目数量", 0), ("本年增/减", 6), ("处理决定数量", 0)]
    {
        assert_cell(&r, "第二十条第（六）项/行政处罚", col, Some(v));
    }
    assert!(r.meta.repairs.pinyin_glosses > 0);
    let clean = parse_bytes_with(
        &corpus(SEED_000),
        &Options::default().with_prose(Prose::Clean),
    );
    for s in &clean.sections {
        assert!(
            !s.text.contains("(lǐng)") && !s.text.contains("(wù)"),
            "section {} keeps a gloss",
            s.number
        );
    }
    // `?,F(xiàn)將`: one damaged run, reported with its span.
    assert_eq!(
        r.diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::N002 | Code::N003))
            .count(),
        1
    );
    assert!(r.validate().iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn gbk_and_big5_bytes_parse_like_their_text() {
    for name in [SEED_002, SEED_003] {
        let text = String::from_utf8(corpus(name)).expect("utf-8");
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let a = ogi_report::parse(&text);
        let b = parse_bytes(&gbk);
        assert_eq!(b.meta.encoding, "GBK");
        assert_eq!(
            a.cells().iter().map(|c| c.value).collect::<Vec<_>>(),
            b.cells().iter().map(|c| c.value).collect::<Vec<_>>()
        );
    }
}

#[test]
fn utf16_without_bom_is_detected_even_with_many_u_xx00_characters() {
    // The flattened Pingtan report is CJK-heavy and full of 一 (U+4E00), whose UTF-16 holds a NUL
    // on the "wrong" parity.
    let text = String::from_utf8(corpus("004_pingtan-2021.txt")).expect("utf-8");
    let want = ogi_report::parse(&text);
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [("UTF-16LE", le), ("UTF-16BE", be)] {
        let r = parse_bytes(&bytes);
        assert_eq!(r.meta.encoding, name);
        assert_eq!(r.meta.template, Some(Template::V2021));
        let vals =
            |r: &ogi_report::Report| r.cells().into_iter().map(|c| c.value).collect::<Vec<_>>();
        assert_eq!(vals(&r), vals(&want), "{name}");
    }
}
