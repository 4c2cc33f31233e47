//! Traditional → Simplified: a built-in character table for matching, and narrative converters.
//!
//! Two jobs that look alike and are not:
//!
//! * **Label matching** needs to recognise `規範性文件` as `规范性文件`. That is a per-character
//!   question, asked for every character of every report, in every build (WASM with no features
//!   included). [`label_char`] answers it from a generated table ([`table::PAIRS`], 4,137 pairs)
//!   with no dictionary and no allocation. The table is the character-level part of OpenCC's
//!   `TSCharacters` as opencc-fmmseg applies it: every character of the CJK blocks whose
//!   conversion *on its own* yields exactly one different character. So it also covers agency
//!   names and prose well enough to find anchors, not only the template's words.
//! * **Narrative conversion** (returning prose in Simplified script, on request) needs the phrase
//!   dictionaries: `乾隆` keeps its `乾` while `乾燥` becomes `干燥`; `答覆` becomes `答复` although
//!   `覆` alone is a Simplified character too. That is the [`NarrativeConverter`] trait, with the
//!   pure-Rust opencc-fmmseg backend (feature `t2s`) and the OpenCC C++ library (feature
//!   `opencc`). Both are loaded once per process, lazily.
//!
//! Advice for whoever touches this:
//!
//! * The lookup is a rank bitmap, built at compile time from the readable pair list: one bit per
//!   code point of U+3400..U+A000 (Extension A and the URO, where 3,781 of the keys live), a
//!   running popcount per 64-bit word, and the Simplified values in key order. A hit costs two
//!   loads and a popcount; a miss one load. The 356 keys outside that range (Extension B and
//!   later) are binary-searched. Measured on 10 MB of seed text, per character: rank bitmap
//!   1.8–2.0 ns, a generated 4,137-arm `match` 1.9–3.1 ns, binary search over sorted keys
//!   4.5–4.9 ns.
//! * Mapping can change a character's UTF-8 length: 796 BMP keys have a Simplified form outside
//!   the BMP (`㑮` → `𫝈`, 3 → 4 bytes). Never assume `label_str(s).len() == s.len()`; offsets
//!   into converted text must go through an offset map, or be counted in characters (the
//!   character count is preserved: one character in, one character out).
//! * Character-level conversion is not phrase conversion. The template labels need exactly one
//!   phrase the table cannot give: `反覆` (in `4.無正當理由大量反覆申請`) → `反复`. Taiwan-style
//!   mirrors also swap vocabulary (`檔案` for `文件`, `資訊` for `信息`, `專案` for `项目`).
//!   The template's row keys (`crate::template`) hold those variants, so they are matched
//!   where a label is looked for and nowhere else (`市档案馆` is a real archive, and the
//!   canonical text also gives the agency's name). `tests/script_variants.rs` holds every
//!   corpus report to its values after OpenCC's `s2t`, `s2tw`, `s2twp` and `s2hk`.
//! * To regenerate the table after a converter upgrade, run
//!   `UPDATE_EXPECT=1 cargo test -p ogi-report --features t2s t2s::tests::table_is_current`
//!   and review the diff of `table.rs`; without the variable that test fails on any drift.
//! * opencc-rust panics on an interior NUL (it builds a `CString`) and needs its static
//!   dictionaries written to disk before `opencc_open`; both are handled here, not upstream.

// The parser calls into this module; until every entry point is wired up, unused ones are fine.
#![allow(dead_code)]

#[cfg(any(feature = "t2s", feature = "opencc"))]
use std::sync::OnceLock;

use crate::options::Converter;

mod table;

use table::PAIRS;

/// First code point of the densely indexed range (CJK Extension A).
const DENSE_LO: u32 = 0x3400;
/// One past the last code point of the densely indexed range (end of the URO).
const DENSE_HI: u32 = 0xA000;
/// 64-bit words of the bitmap over `DENSE_LO..DENSE_HI`.
const WORDS: usize = ((DENSE_HI - DENSE_LO) / 64) as usize;

/// Whether a key is looked up through the bitmap.
const fn is_dense(c: char) -> bool {
    let u = c as u32;
    u >= DENSE_LO && u < DENSE_HI
}

/// How many keys fall in the densely indexed range.
// Compile-time only: an out-of-bounds index here fails the build, it cannot fail a run.
#[allow(clippy::indexing_slicing)]
const fn count_dense() -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < PAIRS.len() {
        if is_dense(PAIRS[i].0) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Keys looked up through the bitmap.
const N_DENSE: usize = count_dense();
/// Keys looked up by binary search (outside the dense range).
const N_SPARSE: usize = PAIRS.len() - N_DENSE;

// The bitmap and the binary search both rely on strictly ascending keys; a hand edit of the
// table that breaks this fails the build instead of silently mis-mapping.
#[allow(clippy::indexing_slicing)]
const _: () = {
    let mut i = 1;
    while i < PAIRS.len() {
        assert!(
            (PAIRS[i - 1].0 as u32) < (PAIRS[i].0 as u32),
            "PAIRS must be sorted"
        );
        i += 1;
    }
};

/// The rank bitmap over `DENSE_LO..DENSE_HI`.
struct Dense {
    /// Bit `o % 64` of word `o / 64` is set when `DENSE_LO + o` has a Simplified form.
    bits: [u64; WORDS],
    /// Number of set bits in all earlier words.
    rank: [u16; WORDS],
    /// Simplified forms of the dense keys, in key order.
    values: [char; N_DENSE],
}

/// Builds the bitmap at compile time (indexing here can only fail the build, never a run).
#[allow(clippy::indexing_slicing)]
const fn build_dense() -> Dense {
    let mut d = Dense {
        bits: [0; WORDS],
        rank: [0; WORDS],
        values: ['\0'; N_DENSE],
    };
    let mut i = 0;
    let mut n = 0;
    while i < PAIRS.len() {
        let (k, v) = PAIRS[i];
        if is_dense(k) {
            let o = (k as u32 - DENSE_LO) as usize;
            d.bits[o / 64] |= 1 << (o % 64);
            d.values[n] = v;
            n += 1;
        }
        i += 1;
    }
    let mut acc = 0u32;
    let mut w = 0;
    while w < WORDS {
        d.rank[w] = acc as u16;
        acc += d.bits[w].count_ones();
        w += 1;
    }
    d
}

/// The keys outside the dense range and their Simplified forms, both in key order.
// Compile-time only: an out-of-bounds index here fails the build, it cannot fail a run.
#[allow(clippy::indexing_slicing)]
const fn build_sparse() -> ([char; N_SPARSE], [char; N_SPARSE]) {
    let mut keys = ['\0'; N_SPARSE];
    let mut values = ['\0'; N_SPARSE];
    let mut i = 0;
    let mut n = 0;
    while i < PAIRS.len() {
        let (k, v) = PAIRS[i];
        if !is_dense(k) {
            keys[n] = k;
            values[n] = v;
            n += 1;
        }
        i += 1;
    }
    (keys, values)
}

/// The bitmap index, built once by the compiler.
static DENSE: Dense = build_dense();
/// The sparse keys and values, built once by the compiler.
static SPARSE: ([char; N_SPARSE], [char; N_SPARSE]) = build_sparse();

/// Bytes of lookup data compiled into every build (bitmap, ranks, values, sparse pairs).
#[cfg(test)]
const TABLE_BYTES: usize =
    std::mem::size_of::<Dense>() + std::mem::size_of::<([char; N_SPARSE], [char; N_SPARSE])>();

/// The Simplified form of one character for label matching (identity when not Traditional).
#[inline]
pub(crate) fn label_char(c: char) -> char {
    let u = c as u32;
    if u < DENSE_LO {
        // ASCII, Latin, punctuation, CJK symbols, full-width forms below U+3400: never keys.
        return c;
    }
    if u < DENSE_HI {
        let o = (u - DENSE_LO) as usize;
        let (Some(&bits), Some(&rank)) = (DENSE.bits.get(o / 64), DENSE.rank.get(o / 64)) else {
            return c;
        };
        let bit = o % 64;
        if (bits >> bit) & 1 == 0 {
            return c;
        }
        let below = (bits & ((1u64 << bit) - 1)).count_ones() as usize;
        return DENSE
            .values
            .get(usize::from(rank) + below)
            .copied()
            .unwrap_or(c);
    }
    let (keys, values) = &SPARSE;
    match keys.first() {
        Some(&first) if c >= first => match keys.binary_search(&c) {
            Ok(i) => values.get(i).copied().unwrap_or(c),
            Err(_) => c,
        },
        _ => c,
    }
}

/// `s` with every character passed through [`label_char`] (same character count, maybe not bytes).
pub(crate) fn label_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    for (i, c) in s.char_indices() {
        let m = label_char(c);
        if m != c {
            out.push_str(s.get(copied..i).unwrap_or_default());
            out.push(m);
            copied = i + c.len_utf8();
        }
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    out
}

/// A Traditional → Simplified converter for narrative text (phrase-aware, dictionary-backed).
pub trait NarrativeConverter: Send + Sync {
    /// The backend's name, as reported in diagnostics (`"opencc-fmmseg"`, `"opencc"`).
    fn name(&self) -> &'static str;
    /// `text` in Simplified script; characters that need no conversion are kept as they are.
    fn convert(&self, text: &str) -> String;
}

/// A sample whose conversion proves a freshly loaded backend has its dictionaries.
#[cfg(any(feature = "t2s", feature = "opencc"))]
const PROBE: (&str, &str) = ("政府資訊公開條例，答覆", "政府资讯公开条例，答复");

/// The opencc-fmmseg backend with OpenCC's `t2s` configuration (no punctuation mapping).
#[cfg(feature = "t2s")]
struct Fmmseg(opencc_fmmseg::OpenCC);

#[cfg(feature = "t2s")]
impl Fmmseg {
    /// Decompresses the embedded dictionary; `None` when it did not load.
    fn load() -> Option<Self> {
        let mut cc = opencc_fmmseg::OpenCC::new();
        // The caller decides parallelism (a batch converts one report per thread); a library
        // call must not fan out into the global pool behind its back.
        cc.set_parallel(false);
        let backend = Fmmseg(cc);
        (backend.convert(PROBE.0) == PROBE.1).then_some(backend)
    }
}

#[cfg(feature = "t2s")]
impl NarrativeConverter for Fmmseg {
    fn name(&self) -> &'static str {
        "opencc-fmmseg"
    }
    fn convert(&self, text: &str) -> String {
        self.0.t2s(text, false)
    }
}

/// The OpenCC C++ library through opencc-rust, with its dictionaries compiled in.
#[cfg(feature = "opencc")]
struct OpenccCpp(opencc_rust::OpenCC);

#[cfg(feature = "opencc")]
impl OpenccCpp {
    /// Writes the static `t2s` dictionaries to a private temporary folder, opens them, and
    /// removes the folder (OpenCC reads the files while opening); `None` on any failure.
    fn load() -> Option<Self> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = (0..16u32).find_map(|attempt| {
            let dir = base.join(format!(
                "ogi-report-opencc-{}-{nanos}-{attempt}",
                std::process::id()
            ));
            std::fs::create_dir(&dir).ok().map(|()| dir)
        })?;
        let config = dir.join(opencc_rust::DefaultConfig::T2S.get_file_name());
        // opencc-rust unwraps the path as UTF-8 without NUL; refuse instead of panicking.
        let opened = match config.to_str() {
            Some(p) if !p.contains('\0') => {
                opencc_rust::generate_static_dictionary(&dir, opencc_rust::DefaultConfig::T2S)
                    .ok()
                    .and_then(|()| opencc_rust::OpenCC::new(p).ok())
            }
            _ => None,
        };
        // Best effort: a leftover folder in the temp dir is harmless.
        let _ = std::fs::remove_dir_all(&dir);
        let backend = OpenccCpp(opened?);
        (backend.convert(PROBE.0) == PROBE.1).then_some(backend)
    }
}

#[cfg(feature = "opencc")]
impl NarrativeConverter for OpenccCpp {
    fn name(&self) -> &'static str {
        "opencc"
    }
    fn convert(&self, text: &str) -> String {
        if !text.contains('\0') {
            return self.0.convert(text);
        }
        // The C API takes NUL-terminated strings: convert between NULs and keep them.
        let mut out = String::with_capacity(text.len());
        for (i, part) in text.split('\0').enumerate() {
            if i > 0 {
                out.push('\0');
            }
            if !part.is_empty() {
                out.push_str(&self.0.convert(part));
            }
        }
        out
    }
}

/// The process-wide opencc-fmmseg backend, loaded on first use (`None` without feature `t2s`).
fn fmmseg() -> Option<&'static dyn NarrativeConverter> {
    #[cfg(feature = "t2s")]
    {
        static CELL: OnceLock<Option<Fmmseg>> = OnceLock::new();
        CELL.get_or_init(Fmmseg::load)
            .as_ref()
            .map(|b| b as &dyn NarrativeConverter)
    }
    #[cfg(not(feature = "t2s"))]
    {
        None
    }
}

/// The process-wide OpenCC backend, loaded on first use (`None` without feature `opencc`).
fn opencc_cpp() -> Option<&'static dyn NarrativeConverter> {
    #[cfg(feature = "opencc")]
    {
        static CELL: OnceLock<Option<OpenccCpp>> = OnceLock::new();
        CELL.get_or_init(OpenccCpp::load)
            .as_ref()
            .map(|b| b as &dyn NarrativeConverter)
    }
    #[cfg(not(feature = "opencc"))]
    {
        None
    }
}

/// The narrative converter for `choice`, or `None` when that backend is not compiled in (or
/// failed to load); `Auto` takes opencc-fmmseg first, then OpenCC.
pub(crate) fn converter(choice: Converter) -> Option<&'static dyn NarrativeConverter> {
    match choice {
        Converter::Auto => fmmseg().or_else(opencc_cpp),
        Converter::Fmmseg => fmmseg(),
        Converter::Opencc => opencc_cpp(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every heading, row label and column label of the template (template-spec §2–§6), with
    /// the heading variants seen in real reports, in Simplified script as printed.
    const LABELS: &[&str] = &[
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "二、行政机关主动公开政府信息情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "四、政府信息公开行政法复议、行政诉讼情况",
        "五、存在的问题及下步打算",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "五、存在问题及改进情况",
        "五、存在的主要问题和改进措施",
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
        "第二十条第项",
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "规章",
        "规范性文件",
        "行政规范性文件",
        "上一年项目数量",
        "本年增/减",
        "处理决定数量",
        "行政许可",
        "其他对外管理服务事项",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
        "采购项目数量",
        "采购总金额",
        "政府集中采购",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
        "四、结转下年度继续办理",
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "未经复议直接起诉",
        "复议后起诉",
        "年度报告",
        "政府信息公开",
        "政府信息公开工作年度报告",
    ];

    /// An independent lookup (binary search over the pair list) to check the bitmap against.
    fn reference(c: char) -> char {
        PAIRS
            .binary_search_by_key(&c, |p| p.0)
            .map_or(c, |i| PAIRS[i].1)
    }

    #[test]
    fn t2s_label_char_matches_pair_list_on_every_code_point() {
        assert_eq!(PAIRS.len(), 4137);
        assert_eq!(N_DENSE, 3781);
        let mut changed = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let m = label_char(c);
            assert_eq!(m, reference(c), "U+{:04X}", c as u32);
            changed += usize::from(m != c);
        }
        assert_eq!(changed, PAIRS.len());
    }

    #[test]
    fn t2s_label_char_known_pairs() {
        for (t, s) in [
            ('規', '规'),
            ('範', '范'),
            ('條', '条'),
            ('項', '项'),
            ('數', '数'),
            ('處', '处'),
            ('罰', '罚'),
            ('復', '复'),
            ('議', '议'),
            ('訟', '讼'),
            ('臺', '台'),
            ('乾', '干'), // character level only; 乾隆 needs the phrase dictionary
            ('㑮', '𫝈'), // BMP key, Simplified form outside the BMP
            ('𠁞', '𠀾'), // key outside the dense range
        ] {
            assert_eq!(label_char(t), s, "{t}");
        }
        for c in [
            'a',
            '1',
            '（',
            '、',
            '：',
            '“',
            '规',
            '覆',
            '\u{3000}',
            '🙂',
            '\u{10FFFF}',
        ] {
            assert_eq!(label_char(c), c, "{c}");
        }
    }

    #[test]
    fn t2s_table_size() {
        // bitmap 3,456 + ranks 864 + values 15,124 (+4 padding) + sparse pairs 2,848
        assert_eq!(TABLE_BYTES, 22_296);
    }

    #[test]
    fn t2s_label_str_seed_000_labels() {
        // seed/000, pinyin glosses removed as the parser does before matching.
        assert_eq!(label_str("第二十條第(一)項 |"), "第二十条第(一)项 |");
        assert_eq!(
            label_str("信息內容 | 本年新 制作數量 | 本年新 公開數量 | 對外公開總數量 |"),
            "信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |"
        );
        assert_eq!(
            label_str("2.沒有現成信息需要另行制作"),
            "2.没有现成信息需要另行制作"
        );
        assert_eq!(label_str("結果糾正 | 尚未審結"), "结果纠正 | 尚未审结");
        assert_eq!(label_str(""), "");
        assert_eq!(label_str("plain ASCII | 0 |"), "plain ASCII | 0 |");
        // One character in, one character out, even when the UTF-8 length grows.
        assert_eq!(label_str("㑮a"), "𫝈a");
    }

    #[test]
    fn t2s_converter_choice() {
        let auto = converter(Converter::Auto).map(|c| c.name());
        if cfg!(feature = "t2s") {
            assert_eq!(auto, Some("opencc-fmmseg"));
        } else if cfg!(feature = "opencc") {
            assert_eq!(auto, Some("opencc"));
        } else {
            assert_eq!(auto, None);
        }
        assert_eq!(
            converter(Converter::Fmmseg).is_some(),
            cfg!(feature = "t2s")
        );
        assert_eq!(
            converter(Converter::Opencc).is_some(),
            cfg!(feature = "opencc")
        );
    }

    /// Pinyin glosses (`領(lǐng)`) as the parser removes them; only used to prepare test text.
    #[cfg(any(feature = "t2s", feature = "opencc"))]
    fn strip_glosses(s: &str) -> String {
        const PINYIN: &str = "abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ";
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('(') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            match after.find(')') {
                Some(j)
                    if (1..=24).contains(&j) && after[..j].chars().all(|c| PINYIN.contains(c)) =>
                {
                    rest = &after[j + 1..];
                }
                _ => {
                    out.push('(');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A seed of the corpus, from the repository's copy (`tests/corpus/`, where the seeds keep
    /// their names), pinyin glosses removed.
    #[cfg(any(feature = "t2s", feature = "opencc"))]
    fn seed(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/corpus")
            .join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("seed {}: {e}", path.display()));
        strip_glosses(&text)
    }

    /// One conversion table for every backend: seed prose and the words cheap converters miss.
    #[cfg(any(feature = "t2s", feature = "opencc"))]
    const CONVERSIONS: &[(&str, &str)] = &[
        // seed/000
        (
            "2019年以來,在市委、市政府的堅強領導下,在市政務公開辦的精心指導下,",
            "2019年以来,在市委、市政府的坚强领导下,在市政务公开办的精心指导下,",
        ),
        (
            "學習貫徹《中華人民共和國政府信息公開條例》,認真謀劃、狠抓落實,",
            "学习贯彻《中华人民共和国政府信息公开条例》,认真谋划、狠抓落实,",
        ),
        (
            "堅決落實網站、微信等新媒體內容發布“三審制”,嚴格信息審核程序、規范信息發布流程,",
            "坚决落实网站、微信等新媒体内容发布“三审制”,严格信息审核程序、规范信息发布流程,",
        ),
        (
            "形成“主要領導親自抓,分管領導具體抓”的工作落實機制。",
            "形成“主要领导亲自抓,分管领导具体抓”的工作落实机制。",
        ),
        (
            "主要是局門戶網站的建設和新媒體的運用有待進一步完善。",
            "主要是局门户网站的建设和新媒体的运用有待进一步完善。",
        ),
        // seed/004
        ("青島市衛生健康委員會", "青岛市卫生健康委员会"),
        (
            "將政務公開作為一項重要職責和常態性工作抓好,理順公開流程,",
            "将政务公开作为一项重要职责和常态性工作抓好,理顺公开流程,",
        ),
        (
            "依法保障人民群眾知情權、參與權、監督權。",
            "依法保障人民群众知情权、参与权、监督权。",
        ),
        (
            "回復市民意見建議咨詢共130余件,“三線一網”群眾滿意率達到90%以上。",
            "回复市民意见建议咨询共130余件,“三线一网”群众满意率达到90%以上。",
        ),
        (
            "不斷規范依申請公開的受理、審查、處理、答復等各環節的工作流程,",
            "不断规范依申请公开的受理、审查、处理、答复等各环节的工作流程,",
        ),
        // Phrase-level words that character tables and weaker converters get wrong.
        ("徵收", "征收"),
        ("象徵", "象征"),
        ("乾燥", "干燥"),
        ("答覆", "答复"),
        ("藉口", "借口"),
        ("瀋陽", "沈阳"),
        // Already Simplified, ASCII and empty input pass through.
        ("政府信息公开 | 0 |", "政府信息公开 | 0 |"),
        ("", ""),
    ];

    #[cfg(any(feature = "t2s", feature = "opencc"))]
    fn check_backend(backend: &dyn NarrativeConverter) {
        for &(t, s) in CONVERSIONS {
            assert_eq!(backend.convert(t), s, "{}: {t}", backend.name());
        }
        // The seed sentences are real text: check they are in the seeds as written.
        let seeds = ["000_b9348fb859717f63.txt", "004_1d268c7f8e46725e.txt"].map(seed);
        for &(t, _) in CONVERSIONS.iter().take(10) {
            assert!(seeds.iter().any(|s| s.contains(t)), "not in the seeds: {t}");
        }
    }

    #[cfg(feature = "t2s")]
    #[test]
    fn t2s_fmmseg_conversion_table() {
        check_backend(converter(Converter::Fmmseg).expect("fmmseg backend"));
    }

    #[cfg(feature = "opencc")]
    #[test]
    fn t2s_opencc_conversion_table() {
        let backend = converter(Converter::Opencc).expect("opencc backend");
        check_backend(backend);
        assert_eq!(backend.convert("臺灣\0資訊\0"), "台湾\0资讯\0");
    }

    /// Character-level t2s of one character by the full converter.
    #[cfg(feature = "t2s")]
    fn full_char(cc: &opencc_fmmseg::OpenCC, c: char) -> String {
        cc.t2s(c.encode_utf8(&mut [0; 4]), false)
    }

    #[cfg(feature = "t2s")]
    #[test]
    fn t2s_labels_agree_with_full_converter() {
        let cc = opencc_fmmseg::OpenCC::new();
        for &label in LABELS {
            for config in ["s2t", "s2tw", "s2hk", "s2twp"] {
                let traditional = cc.convert(label, config, false);
                for c in traditional.chars().chain(label.chars()) {
                    assert_eq!(
                        label_char(c).to_string(),
                        full_char(&cc, c),
                        "{c} in {label}"
                    );
                }
                // Character conversion gives the label back but for the phrase variants,
                // which the template's keys hold (tests/script_variants.rs parses them).
                let matched = VARIANTS
                    .iter()
                    .fold(label_str(&traditional), |t, (from, to)| t.replace(from, to));
                assert_eq!(matched, label, "{config}: {traditional}");
                if config != "s2twp" {
                    // Taiwan phrasing is beyond t2s; the plain scripts convert back exactly.
                    assert_eq!(
                        cc.t2s(&traditional, false),
                        label,
                        "{config}: {traditional}"
                    );
                }
            }
            assert_eq!(label_str(label), label);
        }
    }

    /// The phrases OpenCC's Traditional conversions write in the labels that character
    /// conversion cannot undo, as (variant after [`label_str`], template form).
    #[cfg(feature = "t2s")]
    const VARIANTS: &[(&str, &str)] = &[
        ("反覆", "反复"),
        ("档案", "文件"),
        ("资讯", "信息"),
        ("专案", "项目"),
    ];

    /// Code point ranges the table is built from: CJK radicals, symbols, Extension A, the URO,
    /// compatibility ideographs, and Extensions B–H.
    #[cfg(feature = "t2s")]
    const GENERATOR_RANGES: &[(u32, u32)] = &[
        (0x2E80, 0x2FDF),
        (0x3000, 0x303F),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF),
        (0x20000, 0x323AF),
    ];

    /// The generator: `table.rs` as opencc-fmmseg's character-level t2s gives it.
    #[cfg(feature = "t2s")]
    fn generate_table() -> String {
        use std::fmt::Write;
        let cc = opencc_fmmseg::OpenCC::new();
        let mut pairs = Vec::new();
        for &(lo, hi) in GENERATOR_RANGES {
            for c in (lo..=hi).filter_map(char::from_u32) {
                let out = full_char(&cc, c);
                let mut it = out.chars();
                if let (Some(s), None) = (it.next(), it.next()) {
                    if s != c {
                        pairs.push((c, s));
                    }
                }
            }
        }
        let mut src = String::new();
        src.push_str(
            "//! Generated by `UPDATE_EXPECT=1 cargo test -p ogi-report --features t2s \
             t2s::tests::table_is_current`:\n\
             //! do not edit. Every character of the CJK blocks whose Traditional → Simplified \
             conversion\n\
             //! alone (opencc-fmmseg 0.13, OpenCC `t2s`) is exactly one different character.\n\n",
        );
        let _ = writeln!(
            src,
            "/// (Traditional, Simplified) pairs, sorted by the Traditional character ({} pairs).",
            pairs.len()
        );
        src.push_str("#[rustfmt::skip]\npub(super) const PAIRS: &[(char, char)] = &[\n");
        for line in pairs.chunks(8) {
            src.push_str("   ");
            for (t, s) in line {
                let _ = write!(src, " ('{t}', '{s}'),");
            }
            src.push('\n');
        }
        src.push_str("];\n");
        src
    }

    #[cfg(feature = "t2s")]
    #[test]
    fn table_is_current() {
        let generated = generate_table();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/t2s/table.rs");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(path, &generated).expect("write table.rs");
            return;
        }
        assert!(
            generated == include_str!("table.rs"),
            "table.rs is stale: rerun with UPDATE_EXPECT=1 and review the diff"
        );
    }

    /// `cargo test --release -p ogi-report --features opencc t2s_throughput -- --ignored --nocapture`
    #[cfg(any(feature = "t2s", feature = "opencc"))]
    #[test]
    #[ignore]
    fn t2s_throughput() {
        let seed: String = [
            "000_b9348fb859717f63.txt",
            "001_56fe7089f0ef1d8a.txt",
            "004_1d268c7f8e46725e.txt",
        ]
        .map(seed)
        .concat();
        let mut text = String::new();
        while text.len() < 10 << 20 {
            text.push_str(&seed);
        }
        let mb = text.len() as f64 / 1e6;
        let time = |name: &str, f: &dyn Fn(&str) -> usize| {
            // Best of three: the machine is shared, and the slowest runs measure the neighbours.
            let mut s = f64::MAX;
            let mut n = 0;
            for _ in 0..3 {
                let t = std::time::Instant::now();
                n = f(&text);
                s = s.min(t.elapsed().as_secs_f64());
            }
            println!("{name}: {:.0} MB/s ({mb:.1} MB, {n} bytes out)", mb / s);
        };
        time("label_str", &|s| label_str(s).len());
        #[cfg(feature = "t2s")]
        {
            let parallel = opencc_fmmseg::OpenCC::new();
            time("opencc-fmmseg (parallel)", &|s| {
                parallel.t2s(s, false).len()
            });
        }
        for choice in [Converter::Fmmseg, Converter::Opencc] {
            if let Some(b) = converter(choice) {
                time(b.name(), &|s| b.convert(s).len());
            }
        }
    }
}
