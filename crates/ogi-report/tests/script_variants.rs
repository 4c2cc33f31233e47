//! Every report of `tests/corpus/` written in the other scripts people publish in reads to the
//! same table values: OpenCC's Traditional (`s2t`), Taiwan (`s2tw`), Taiwan with its vocabulary
//! (`s2twp`: `資訊` for `信息`, `檔案` for `文件`, `專案` for `项目`) and Hong Kong (`s2hk`)
//! conversions, and the Traditional text saved as Big5, where the tone-marked vowels of pinyin
//! glosses (`衛(wèi)`), which Big5 lacks, became `?` (`衛(w?i)`).
//!
//! The conversions are opencc-fmmseg's, the narrative converter of the `t2s` feature.
#![cfg(feature = "t2s")]

mod common;

fn corpus() -> Vec<(String, String)> {
    let out = common::corpus_texts(cfg!(feature = "html"));
    assert!(
        out.len() >= 30,
        "tests/corpus holds {} UTF-8 files",
        out.len()
    );
    out
}

/// `text` as Big5 bytes, each character Big5 lacks written `?` (what a lossy save makes of it).
fn big5_lossy(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut memo: std::collections::HashMap<char, Option<Vec<u8>>> = Default::default();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let bytes = memo.entry(c).or_insert_with(|| {
            let (b, _, unmappable) = encoding_rs::BIG5.encode(c.encode_utf8(&mut buf));
            (!unmappable).then(|| b.into_owned())
        });
        match bytes {
            Some(b) => out.extend_from_slice(b),
            None => out.push(b'?'),
        }
    }
    out
}

#[test]
fn other_scripts_read_to_the_same_values() {
    let cc = opencc_fmmseg::OpenCC::new();
    common::assert_variants_keep_values(&corpus(), 4000, |text| {
        let mut out = Vec::new();
        for config in ["s2t", "s2tw", "s2twp", "s2hk"] {
            let converted = cc.convert(text, config, false);
            // Figures padded with no-break spaces (a word processor's cells, `[0\u{a0}\u{a0}]`):
            // saved as Big5, each space is a `?`, a character the page lost, which is not
            // guessed away. Not saved so.
            let padded = text.as_bytes().windows(3).any(|w| {
                (w[0].is_ascii_digit() && w[1..] == [0xC2, 0xA0])
                    || (w[..2] == [0xC2, 0xA0] && w[2].is_ascii_digit())
            });
            if config == "s2t" && !padded {
                let big5 = ogi_report::parse_bytes(&big5_lossy(&converted));
                out.push(("s2t, Big5".to_string(), big5));
            }
            out.push((config.to_string(), ogi_report::parse(&converted)));
        }
        out
    });
}

#[test]
fn a_gloss_whose_tone_big5_lost_is_removed() {
    // 衛(wèi)生 saved as Big5: the gloss reads `(w?i)` and is removed for matching like `(wèi)`.
    let text = "青島市衛(w?i)生健康委員會2020年政府信息公開工作年度報告\n一、總(z?ng)體情況\n";
    let bytes = big5_lossy(text);
    let r = ogi_report::parse_bytes(&bytes);
    assert_eq!(r.meta.encoding, "Big5");
    assert_eq!(r.meta.repairs.pinyin_glosses, 2);
    assert_eq!(r.meta.agency.as_deref(), Some("青岛市卫生健康委员会"));
    assert_eq!(r.meta.year, Some(2020));
    // No lost lead byte is read into the `?` of a gloss.
    assert_eq!(r.meta.repairs.mojibake_repaired, 0);
    assert_eq!(r.meta.repairs.mojibake_unrecoverable, 0);
}

#[test]
fn a_title_is_given_as_the_section_text_is() {
    // The title follows `Options::prose` as section text does: as written, without its glosses,
    // or that converted to Simplified; the agency is always the Simplified name.
    let text = "1\n濟(jì)南市章丘區(qū)文化和旅游局\n2023 年政府信息公開(kāi)工作年度報(bào)告\n一、總體情況\n無。\n";
    let title = |prose| {
        let r = ogi_report::parse_with(text, &ogi_report::Options::default().with_prose(prose));
        assert_eq!(r.meta.agency.as_deref(), Some("济南市章丘区文化和旅游局"));
        r.meta.title.unwrap_or_default()
    };
    assert_eq!(
        title(ogi_report::Prose::AsWritten),
        "濟(jì)南市章丘區(qū)文化和旅游局2023年政府信息公開(kāi)工作年度報(bào)告"
    );
    assert_eq!(
        title(ogi_report::Prose::Clean),
        "濟南市章丘區文化和旅游局2023年政府信息公開工作年度報告"
    );
    assert_eq!(
        title(ogi_report::Prose::Simplified),
        "济南市章丘区文化和旅游局2023年政府信息公开工作年度报告"
    );
    // The gloss of the title's last character is the title's, as the others are.
    let text =
        "某(mǒu)某(mǒu)区2020年政(zhèng)府(fǔ)信息公开工作年度报(bào)告(gào)\n一、总体情况\n无。\n";
    let r = ogi_report::parse_with(
        text,
        &ogi_report::Options::default().with_prose(ogi_report::Prose::AsWritten),
    );
    assert_eq!(
        r.meta.title.as_deref(),
        Some("某(mǒu)某(mǒu)区2020年政(zhèng)府(fǔ)信息公开工作年度报(bào)告(gào)")
    );
    assert_eq!(r.meta.agency.as_deref(), Some("某某区"));
}

/// A heading is given as written, glosses and all, the gloss of its last character too; the
/// section's text starts after it.
#[test]
fn a_headings_last_gloss_is_the_headings() {
    let text = "某县2020年政府信息公开工作年度报告\n一、总(zǒng)体(tǐ)情(qíng)况(kuàng)\n全年公开100条。\n\
        二、主动公开政府信息情况\n略。\n";
    let r = ogi_report::parse(text);
    let got: Vec<(&str, &str)> = r
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("一、总(zǒng)体(tǐ)情(qíng)况(kuàng)", "全年公开100条。"),
            ("二、主动公开政府信息情况", "略。"),
        ]
    );
    let s = r.sections[0].span;
    assert_eq!(
        &text[s.start..s.end],
        "一、总(zǒng)体(tǐ)情(qíng)况(kuàng)\n全年公开100条。\n"
    );
}

/// Glosses without tone marks (`总(zong)体(ti)`), as a mirror glues them to every few characters,
/// are removed for matching as toned ones are: the title, the date's field, the headings and the
/// counts are read, and N001 counts them; given as written, the text keeps them.
#[test]
fn glosses_without_tone_marks_are_read_past() {
    let text = "某(mou)某(mou)区2020年政(zheng)府(fu)信息公开工作年度报(bao)告(gao)\n\
        发(fa)布时(shi)间(jian):2021-01-26\n\
        一、总(zong)体(ti)情(qing)况(kuang)\n全年公开100条。\n\
        二、主(zhu)动(dong)公(gong)开(kai)政府信息情况\n略。\n";
    let r = ogi_report::parse(text);
    assert_eq!(r.meta.agency.as_deref(), Some("某某区"));
    assert_eq!(r.meta.year, Some(2020));
    assert_eq!(r.meta.published.as_deref(), Some("2021-01-26"));
    assert_eq!(r.meta.repairs.pinyin_glosses, 17);
    let got: Vec<(u8, &str, &str)> = r
        .sections
        .iter()
        .map(|s| (s.number, s.heading.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "一、总(zong)体(ti)情(qing)况(kuang)", "全年公开100条。"),
            (2, "二、主(zhu)动(dong)公(gong)开(kai)政府信息情况", "略。"),
        ]
    );
    let n001: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == ogi_report::Code::N001)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        n001,
        ["17 pinyin annotations glued to characters were removed for matching"]
    );
    let clean = ogi_report::parse_with(
        text,
        &ogi_report::Options::default().with_prose(ogi_report::Prose::Clean),
    );
    assert_eq!(
        clean.meta.title.as_deref(),
        Some("某某区2020年政府信息公开工作年度报告")
    );
}
