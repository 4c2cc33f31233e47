//! The two template versions as data (CONVENTIONS §4): blocks, rows, columns, value kinds.
//!
//! Labels are written in *canonical matching form*: Simplified script, half-width punctuation
//! (`(一)` rather than `（一）`), ASCII `1.` numbering. The canonical labels users see in tidy
//! cells (full-width parentheses, template-spec.md §6) are derived from these by [`display`].

use crate::model::Template;

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// A non-negative count.
    Count,
    /// A signed count (2019 `本年增/减`).
    Signed,
    /// An amount with an optional unit (`168.61万元`).
    Amount,
    /// An amount whose unit the column header states (2021 `本年收费金额（单位：万元）`).
    AmountWanYuan,
}

/// A column of a row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Col {
    /// Canonical label, display form.
    pub label: &'static str,
    pub kind: ValueKind,
    /// The word by which a table-2 column is told in a block's printed header: the part of its
    /// label every printing keeps (`本年新\n制作数量`, `本年增（减）`, `本年收费金额(单位:万元)`).
    /// The columns of the two versions with one word are one column (`处理决定数量` of 2019
    /// and `本年处理决定数量` of 2021). Empty for the columns of tables 3 and 4.
    pub key: &'static str,
}

/// What role a row plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowRole {
    /// A data row with values.
    Data,
    /// A group label without values of its own (a printed subtotal is accepted).
    Group,
    /// A group label that, in some reports, is printed as a single data row instead of its
    /// sub-rows (2021 `（六）其他处理`, which many producers keep in the 2019 shape).
    GroupOrData,
}

/// One row of a table descriptor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowDesc {
    /// Canonical row path, display form (template-spec.md §6).
    pub path: &'static str,
    /// Matching keys in canonical matching form, best first. The first is the full label.
    pub keys: &'static [&'static str],
    /// Numbering printed before the label (`1`, `(三)`, `一`), used to extend a match backwards.
    pub number: Option<&'static str>,
    pub role: RowRole,
    /// Index of the parent group row in the same descriptor, for sub-rows.
    pub parent: Option<usize>,
    /// Columns (empty for groups: they use the table's columns when they carry values).
    pub cols: &'static [Col],
}

const fn c(label: &'static str, kind: ValueKind) -> Col {
    Col {
        label,
        kind,
        key: "",
    }
}

/// A table-2 column and its header word ([`Col::key`]).
const fn k(label: &'static str, kind: ValueKind, key: &'static str) -> Col {
    Col { label, kind, key }
}

use ValueKind::*;

/// Table 3 columns.
///
/// A `const` slice of a `static` array: the slice's length is known where it is named, and its
/// columns lie at one address. A `const` array would be copied into each codegen unit that names
/// it, so the label a parsed cell borrows from the parser's copy and the same label validation
/// reads from its own would lie at two addresses, and `same_label` would compare their bytes
/// instead of telling them equal by address.
pub(crate) const T3_COLS: &[Col] = &T3_COL_ARRAY;
static T3_COL_ARRAY: [Col; 7] = [
    c("自然人", Count),
    c("法人或其他组织/商业企业", Count),
    c("法人或其他组织/科研机构", Count),
    c("法人或其他组织/社会公益组织", Count),
    c("法人或其他组织/法律服务机构", Count),
    c("法人或其他组织/其他", Count),
    c("总计", Count),
];

/// Table 4 columns (per group), a `static` array for the reason [`T3_COLS`]'s is.
pub(crate) const T4_COLS: &[Col] = &T4_COL_ARRAY;
static T4_COL_ARRAY: [Col; 5] = [
    c("结果维持", Count),
    c("结果纠正", Count),
    c("其他结果", Count),
    c("尚未审结", Count),
    c("总计", Count),
];

const T2_2019_A: &[Col] = &[
    k("本年新制作数量", Count, "制作数"),
    k("本年新公开数量", Count, "公开数量"),
    k("对外公开总数量", Count, "公开总数"),
];
const T2_2019_B: &[Col] = &[
    k("上一年项目数量", Count, "上一年"),
    k("本年增/减", Signed, "增"),
    k("处理决定数量", Count, "处理决定"),
];
const T2_2019_C: &[Col] = &[
    k("上一年项目数量", Count, "上一年"),
    k("本年增/减", Signed, "增"),
];
const T2_2019_D: &[Col] = &[
    k("采购项目数量", Count, "采购项目"),
    k("采购总金额", Amount, "总金额"),
];
const T2_2021_A: &[Col] = &[
    k("本年制发件数", Count, "制发"),
    k("本年废止件数", Count, "废止"),
    k("现行有效件数", Count, "现行有效"),
];
const T2_2021_B: &[Col] = &[k("本年处理决定数量", Count, "处理决定")];
const T2_2021_C: &[Col] = &[k("本年收费金额（单位：万元）", AmountWanYuan, "收费金额")];

const fn row(path: &'static str, keys: &'static [&'static str], cols: &'static [Col]) -> RowDesc {
    RowDesc {
        path,
        keys,
        number: None,
        role: RowRole::Data,
        parent: None,
        cols,
    }
}

/// An Article 20 block of table 2.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    /// The block's header in canonical matching form: `第二十条第(一)项`.
    pub header: &'static str,
    /// The header's short form, looked for when the header is not found: `第(一)项`.
    pub short: &'static str,
    pub rows: &'static [RowDesc],
}

/// The Article 20 block of item `$item` (`一`, `五`, …): its header `第二十条第(一)项` and the
/// header's short form `第(一)项` spelled from the numeral.
macro_rules! block {
    ($item:literal, $rows:expr) => {
        Block {
            header: concat!("第二十条第(", $item, ")项"),
            short: concat!("第(", $item, ")项"),
            rows: $rows,
        }
    };
}

/// Table 2 of 2019.
///
/// The descriptors of tables 2, 3 and 4 are `static`, not `const`: a `const` is copied into each
/// codegen unit that names it (through an inlined [`table3`], say), so the path a parsed row
/// borrows from the parser's copy and the same path validation reads from its own would lie at
/// two addresses, and [`crate::validate::same_path`] would compare their bytes instead of telling
/// them equal by address. A `static` is one copy.
pub(crate) static T2_2019: &[Block] = &[
    block!(
        "一",
        &[
            row("第二十条第（一）项/规章", &["规章"], T2_2019_A),
            row(
                "第二十条第（一）项/规范性文件",
                &[
                    "行政规范性文件",
                    "行政规范性档案",
                    "规范性文件",
                    "规范性档案"
                ],
                T2_2019_A,
            ),
        ]
    ),
    block!(
        "五",
        &[
            row("第二十条第（五）项/行政许可", &["行政许可"], T2_2019_B),
            row(
                "第二十条第（五）项/其他对外管理服务事项",
                &["其他对外管理服务事项", "其他对外管理"],
                T2_2019_B,
            ),
        ]
    ),
    block!(
        "六",
        &[
            row("第二十条第（六）项/行政处罚", &["行政处罚"], T2_2019_B),
            row("第二十条第（六）项/行政强制", &["行政强制"], T2_2019_B),
        ]
    ),
    block!(
        "八",
        &[row(
            "第二十条第（八）项/行政事业性收费",
            &["行政事业性收费"],
            T2_2019_C,
        )]
    ),
    block!(
        "九",
        &[row(
            "第二十条第（九）项/政府集中采购",
            &["政府集中采购"],
            T2_2019_D,
        )]
    ),
];

/// Table 2 of 2021.
pub(crate) static T2_2021: &[Block] = &[
    block!(
        "一",
        &[
            row("第二十条第（一）项/规章", &["规章"], T2_2021_A),
            row(
                "第二十条第（一）项/行政规范性文件",
                &[
                    "行政规范性文件",
                    "行政规范性档案",
                    "规范性文件",
                    "规范性档案"
                ],
                T2_2021_A,
            ),
        ]
    ),
    block!(
        "五",
        &[row("第二十条第（五）项/行政许可", &["行政许可"], T2_2021_B)]
    ),
    block!(
        "六",
        &[
            row("第二十条第（六）项/行政处罚", &["行政处罚"], T2_2021_B),
            row("第二十条第（六）项/行政强制", &["行政强制"], T2_2021_B),
        ]
    ),
    block!(
        "八",
        &[row(
            "第二十条第（八）项/行政事业性收费",
            &["行政事业性收费"],
            T2_2021_C,
        )]
    ),
];

macro_rules! t3 {
    ($($tail:tt)*) => {
        &[
            // 0
            RowDesc { path: "一、本年新收政府信息公开申请数量", keys: &["本年新收政府信息公开申请数量", "本年新收政府资讯公开申请数量", "本年新收"], number: Some("一"), role: RowRole::Data, parent: None, cols: T3_COLS },
            // 1
            RowDesc { path: "二、上年结转政府信息公开申请数量", keys: &["上年结转政府信息公开申请数量", "上年结转政府资讯公开申请数量", "上年结转"], number: Some("二"), role: RowRole::Data, parent: None, cols: T3_COLS },
            // 2
            RowDesc { path: "三、本年度办理结果", keys: &["本年度办理结果"], number: Some("三"), role: RowRole::Group, parent: None, cols: &[] },
            // 3
            RowDesc { path: "三、本年度办理结果/（一）予以公开", keys: &["予以公开"], number: Some("(一)"), role: RowRole::Data, parent: Some(2), cols: T3_COLS },
            // 4
            RowDesc { path: "三、本年度办理结果/（二）部分公开", keys: &["部分公开"], number: Some("(二)"), role: RowRole::Data, parent: Some(2), cols: T3_COLS },
            // 5
            RowDesc { path: "三、本年度办理结果/（三）不予公开", keys: &["不予公开"], number: Some("(三)"), role: RowRole::Group, parent: Some(2), cols: &[] },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/1.属于国家秘密", keys: &["属于国家秘密", "国家秘密"], number: Some("1"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开", keys: &["其他法律行政法规禁止公开", "其他法律行政止公开", "其他法律行政"], number: Some("2"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”", keys: &["危及“三安全一稳定”", "危及\"三安全一稳定\"", "危及三安全一稳定", "危及"], number: Some("3"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/4.保护第三方合法权益", keys: &["保护第三方合法权益", "保护第三方"], number: Some("4"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息", keys: &["属于三类内部事务信息", "属于三类内容事务信息", "属于三类内部事务资讯", "三类内部事务", "三类内容事务", "三类内"], number: Some("5"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/6.属于四类过程性信息", keys: &["属于四类过程性信息", "属于四类过程性资讯", "四类过程性"], number: Some("6"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/7.属于行政执法案卷", keys: &["属于行政执法案卷", "行政执法案卷"], number: Some("7"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（三）不予公开/8.属于行政查询事项", keys: &["属于行政查询事项", "行政查询事项"], number: Some("8"), role: RowRole::Data, parent: Some(5), cols: T3_COLS },
            // 14
            RowDesc { path: "三、本年度办理结果/（四）无法提供", keys: &["无法提供"], number: Some("(四)"), role: RowRole::Group, parent: Some(2), cols: &[] },
            RowDesc { path: "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息", keys: &["本机关不掌握相关政府信息", "本机关不掌握相关政府资讯", "不掌握相关政府信息", "不掌握相关政府资讯", "不掌握"], number: Some("1"), role: RowRole::Data, parent: Some(14), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作", keys: &["没有现成信息需要另行制作", "没有现成资讯需要另行制作", "没有现成信息", "没有现成资讯"], number: Some("2"), role: RowRole::Data, parent: Some(14), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确", keys: &["补正后申请内容仍不明确", "补正后申请内容"], number: Some("3"), role: RowRole::Data, parent: Some(14), cols: T3_COLS },
            // 18
            RowDesc { path: "三、本年度办理结果/（五）不予处理", keys: &["不予处理"], number: Some("(五)"), role: RowRole::Group, parent: Some(2), cols: &[] },
            RowDesc { path: "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请", keys: &["信访举报投诉类申请", "信访举报投诉"], number: Some("1"), role: RowRole::Data, parent: Some(18), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（五）不予处理/2.重复申请", keys: &["重复申请"], number: Some("2"), role: RowRole::Data, parent: Some(18), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（五）不予处理/3.要求提供公开出版物", keys: &["要求提供公开出版物", "公开出版物"], number: Some("3"), role: RowRole::Data, parent: Some(18), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（五）不予处理/4.无正当理由大量反复申请", keys: &["无正当理由大量反复申请", "无正当理由大量反覆申请", "大量反复申请", "大量反覆申请", "无正当理由大量"], number: Some("4"), role: RowRole::Data, parent: Some(18), cols: T3_COLS },
            RowDesc { path: "三、本年度办理结果/（五）不予处理/5.要求行政机关确认或重新出具已获取信息", keys: &["要求行政机关确认或重新出具已获取信息", "要求行政机关确认或重新出具已获取资讯", "重新出具已获取信息", "重新出具已获取资讯", "要求行政机关确认"], number: Some("5"), role: RowRole::Data, parent: Some(18), cols: T3_COLS },
            $($tail)*
        ]
    };
}

/// Table 3 of 2019 (23 data rows).
pub(crate) static T3_2019: &[RowDesc] = t3![
    RowDesc {
        path: "三、本年度办理结果/（六）其他处理",
        keys: &["其他处理"],
        number: Some("(六)"),
        role: RowRole::Data,
        parent: Some(2),
        cols: T3_COLS
    },
    RowDesc {
        path: "三、本年度办理结果/（七）总计",
        keys: &["总计", "合计"],
        number: Some("(七)"),
        role: RowRole::Data,
        parent: Some(2),
        cols: T3_COLS
    },
    RowDesc {
        path: "四、结转下年度继续办理",
        keys: &["结转下年度继续办理", "结转下年度"],
        number: Some("四"),
        role: RowRole::Data,
        parent: None,
        cols: T3_COLS
    },
];

/// Table 3 of 2021 (25 data rows; `（六）其他处理` may be printed 2019-style as one row).
pub(crate) static T3_2021: &[RowDesc] = t3![
    RowDesc { path: "三、本年度办理结果/（六）其他处理", keys: &["其他处理"], number: Some("(六)"), role: RowRole::GroupOrData, parent: Some(2), cols: T3_COLS },
    RowDesc { path: "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", keys: &["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正、行政机关不再处理其政府资讯公开申请", "申请人无正当理由逾期不补正", "逾期不补正"], number: Some("1"), role: RowRole::Data, parent: Some(24), cols: T3_COLS },
    RowDesc { path: "三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", keys: &["申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府资讯公开申请", "申请人逾期未按收费通知要求缴纳费用", "未按收费通知"], number: Some("2"), role: RowRole::Data, parent: Some(24), cols: T3_COLS },
    RowDesc { path: "三、本年度办理结果/（六）其他处理/3.其他", keys: &["其他"], number: Some("3"), role: RowRole::Data, parent: Some(24), cols: T3_COLS },
    RowDesc { path: "三、本年度办理结果/（七）总计", keys: &["总计", "合计"], number: Some("(七)"), role: RowRole::Data, parent: Some(2), cols: T3_COLS },
    RowDesc { path: "四、结转下年度继续办理", keys: &["结转下年度继续办理", "结转下年度"], number: Some("四"), role: RowRole::Data, parent: None, cols: T3_COLS },
];

/// Table 4 rows (both versions): three groups of five.
pub(crate) static T4_ROWS: &[&str] = &[
    "行政复议",
    "行政诉讼/未经复议直接起诉",
    "行政诉讼/复议后起诉",
];

/// The table 2 descriptor of a template.
pub(crate) fn table2(t: Template) -> &'static [Block] {
    match t {
        Template::V2019 => T2_2019,
        Template::V2021 => T2_2021,
    }
}

/// The table 3 descriptor of a template.
pub(crate) fn table3(t: Template) -> &'static [RowDesc] {
    match t {
        Template::V2019 => T3_2019,
        Template::V2021 => T3_2021,
    }
}

/// Labels whose presence tells the template version, in canonical matching form.
pub(crate) const MARKS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "第二十条第(九)项",
    "政府集中采购",
    "采购项目数量",
];
/// Labels whose presence tells the 2021 version.
pub(crate) const MARKS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "未按收费通知",
];

/// Blank-cell markers (template-spec.md §8), canonical form.
pub(crate) const BLANKS: &[&str] = &["-", "/", "无", "—", "--", "——", "－", "\\", "–", "空"];

/// Every word the parser looks for in the tables, in canonical matching form: the blocks'
/// headers, the rows' keys and paths, the columns' labels and the marks of each version (the
/// evidence by which a character that lost a byte to a misreading is guessed, see
/// `crate::mojibake`).
pub(crate) fn words() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for blocks in [T2_2019, T2_2021] {
        for b in blocks.iter() {
            out.extend([b.header, b.short]);
            for r in b.rows {
                out.push(r.path);
                out.extend(r.keys.iter().copied());
                out.extend(r.cols.iter().map(|c| c.label));
            }
        }
    }
    for rows in [T3_2019, T3_2021] {
        for r in rows.iter() {
            out.push(r.path);
            out.extend(r.keys.iter().copied());
        }
    }
    out.extend(T3_COLS.iter().chain(T4_COLS).map(|c| c.label));
    out.extend(T4_ROWS.iter().copied());
    out.extend(MARKS_2019.iter().chain(MARKS_2021).copied());
    out
}
