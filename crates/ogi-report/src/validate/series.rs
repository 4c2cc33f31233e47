//! Rules across years of one agency: C6, C12, C13.

use std::collections::BTreeMap;

use super::table3::{CARRIED_IN, CARRIED_OUT};
use super::{Equation, Operand, Out, RuleInfo};
use crate::model::{Report, Table, TableKind};
use crate::template::T3_COLS;

/// At most this many reports of one agency and year take part (duplicates of one report, e.g.
/// two extractions of the same PDF, are compared pairwise; this bounds the pairs).
const MAX_PER_YEAR: usize = 4;

/// Administrative-division words a prefix of an agency name ends with (`淮安市`, `江苏省`).
const DIVISIONS: &[&str] = &["省", "市", "自治区", "自治州", "州", "盟", "地区"];

/// The agency names of a series mapped to the name they are compared under: spaces removed,
/// and a name that is another's suffix after a division prefix (`洪泽区人民政府` and
/// `淮安市洪泽区人民政府`) taken as that one — when exactly one longer name fits, so that
/// `朝阳区人民政府` joins neither `北京市朝阳区人民政府` nor `长春市朝阳区人民政府`.
fn agency_keys<'r>(names: &[&'r str]) -> BTreeMap<&'r str, String> {
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    // Neither sorted nor deduplicated: a name's key (the longest fitting name, or its own)
    // depends on which names fit, not on their order or repeats.
    let full: Vec<String> = names.iter().map(|n| squash(n)).collect();
    let mut keys = BTreeMap::new();
    for &name in names {
        let short = squash(name);
        let longer: Vec<&String> = full
            .iter()
            .filter(|l| {
                l.len() > short.len()
                    && l.ends_with(short.as_str())
                    && l.get(..l.len() - short.len())
                        .is_some_and(|prefix| DIVISIONS.iter().any(|d| prefix.ends_with(d)))
            })
            .collect();
        // The longest fitting name, when all fitting names are suffixes of it (a chain such as
        // 洪泽区… ⊂ 淮安市洪泽区… ⊂ 江苏省淮安市洪泽区…); several unrelated ones: ambiguous.
        let key = match longer.iter().max_by_key(|l| l.len()) {
            Some(top) if longer.iter().all(|l| top.ends_with(l.as_str())) => (*top).clone(),
            _ => short,
        };
        keys.insert(name, key);
    }
    keys
}

/// Every (last year, this year) pair of reports of the same agency ([`agency_keys`]) and
/// consecutive years, ordered by agency and year, whatever the input order. Reports without
/// agency or year are skipped.
pub(crate) fn consecutive_pairs(reports: &[Report]) -> Vec<(&Report, &Report)> {
    let named: Vec<(&str, u16, &Report)> = reports
        .iter()
        .filter_map(|r| {
            let agency = r.meta.agency.as_deref()?.trim();
            (!agency.is_empty()).then_some((agency, r.meta.year?, r))
        })
        .collect();
    let names: Vec<&str> = named.iter().map(|(a, _, _)| *a).collect();
    let keys = agency_keys(&names);
    let mut by_agency: BTreeMap<&str, BTreeMap<u16, Vec<&Report>>> = BTreeMap::new();
    for (agency, year, r) in named {
        let key = keys.get(agency).map_or(agency, String::as_str);
        let same_year = by_agency.entry(key).or_default().entry(year).or_default();
        if same_year.len() < MAX_PER_YEAR {
            same_year.push(r);
        }
    }
    let mut pairs = Vec::new();
    for years in by_agency.values() {
        for (year, this_year) in years {
            let Some(last_year) = year.checked_sub(1).and_then(|y| years.get(&y)) else {
                continue;
            };
            for prev in last_year {
                for this in this_year {
                    pairs.push((*prev, *this));
                }
            }
        }
    }
    pairs
}

/// `平潭综合实验区 2021 and 2022`.
fn between(prev: &Report, this: &Report) -> String {
    let agency = this.meta.agency.as_deref().unwrap_or_default().trim();
    let y = |r: &Report| r.meta.year.map(|y| y.to_string()).unwrap_or_default();
    format!("{agency} {} and {}", y(prev), y(this))
}

fn year(r: &Report) -> String {
    r.meta.year.map(|y| y.to_string()).unwrap_or_default()
}

/// The tables of both reports when both have them with a template the rule applies to.
fn both<'r>(
    rule: &RuleInfo,
    prev: &'r Report,
    this: &'r Report,
    kind: TableKind,
) -> Option<(&'r Table, &'r Table)> {
    Some((rule.table(prev, kind)?, rule.table(this, kind)?))
}

/// C6: per column, this year's 二、上年结转 = last year's 四、结转下年度继续办理.
pub(crate) fn c6(rule: &RuleInfo, prev: &Report, this: &Report, out: &mut Out) {
    let Some((p, t)) = both(rule, prev, this, TableKind::Applications) else {
        return;
    };
    for col in T3_COLS {
        out.equation(
            rule,
            Equation {
                place: format!(
                    "between {}, table 3, column {}",
                    between(prev, this),
                    col.label
                ),
                lhs: vec![Operand::at(
                    t,
                    CARRIED_IN,
                    col.label,
                    false,
                    format!("{} {CARRIED_IN}", year(this)),
                )],
                rhs: vec![Operand::at(
                    p,
                    CARRIED_OUT,
                    col.label,
                    false,
                    format!("{} {CARRIED_OUT}", year(prev)),
                )],
            },
        );
    }
}

/// Table 2 row paths of 第二十条第（一）项 under C12; 2021 reports often keep the 2019 label
/// 规范性文件, which the second path covers.
const C12_ROWS: &[&[&str]] = &[
    &["第二十条第（一）项/规章"],
    &[
        "第二十条第（一）项/行政规范性文件",
        "第二十条第（一）项/规范性文件",
    ],
];

/// The first of `paths` that `t` has as a row.
fn path_in<'a>(t: &Table, paths: &[&'a str]) -> &'a str {
    paths
        .iter()
        .copied()
        .find(|p| t.row(p).is_some())
        .or_else(|| paths.first().copied())
        .unwrap_or_default()
}

/// C12 (2021): 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数.
pub(crate) fn c12(rule: &RuleInfo, prev: &Report, this: &Report, out: &mut Out) {
    let Some((p, t)) = both(rule, prev, this, TableKind::ActiveDisclosure) else {
        return;
    };
    for paths in C12_ROWS {
        let (tr, pr) = (path_in(t, paths), path_in(p, paths));
        let (ty, py) = (year(this), year(prev));
        out.equation(
            rule,
            Equation {
                place: format!("between {}, table 2, row {tr}", between(prev, this)),
                lhs: vec![Operand::at(
                    t,
                    tr,
                    "现行有效件数",
                    false,
                    format!("{ty} 现行有效件数"),
                )],
                rhs: vec![
                    Operand::at(p, pr, "现行有效件数", false, format!("{py} 现行有效件数")),
                    Operand::at(t, tr, "本年制发件数", false, format!("{ty} 本年制发件数")),
                    Operand::at(t, tr, "本年废止件数", false, format!("{ty} 本年废止件数")).minus(),
                ],
            },
        );
    }
}

/// Table 2 rows of 第二十条第（五）（六）（八）项 (2019), which carry 上一年项目数量 and 本年增/减.
const C13_ROWS: &[&str] = &[
    "第二十条第（五）项/行政许可",
    "第二十条第（五）项/其他对外管理服务事项",
    "第二十条第（六）项/行政处罚",
    "第二十条第（六）项/行政强制",
    "第二十条第（八）项/行政事业性收费",
];

/// C13 (2019): this year's 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减.
pub(crate) fn c13(rule: &RuleInfo, prev: &Report, this: &Report, out: &mut Out) {
    let Some((p, t)) = both(rule, prev, this, TableKind::ActiveDisclosure) else {
        return;
    };
    let (ty, py) = (year(this), year(prev));
    for row in C13_ROWS {
        out.equation(
            rule,
            Equation {
                place: format!("between {}, table 2, row {row}", between(prev, this)),
                lhs: vec![Operand::at(
                    t,
                    row,
                    "上一年项目数量",
                    false,
                    format!("{ty} 上一年项目数量"),
                )],
                rhs: vec![
                    Operand::at(
                        p,
                        row,
                        "上一年项目数量",
                        false,
                        format!("{py} 上一年项目数量"),
                    ),
                    Operand::at(p, row, "本年增/减", false, format!("{py} 本年增/减")),
                ],
            },
        );
    }
}
