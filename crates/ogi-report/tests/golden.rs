//! Golden corpus: every file of `tests/corpus/` parses to exactly `tests/expected/<name>.json`,
//! and its rules' findings (`Report::validate`) are exactly `tests/expected/validate/<name>.json`.
//!
//! `UPDATE_EXPECT=1 cargo test -p ogi-report --test golden` rewrites the expected files; review
//! the JSON diff before committing. The same expected files are checked by the Python and the
//! JavaScript test suites, so the three surfaces agree byte for byte, on the report and on
//! what `validate` finds in it.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check(name: &str) {
    if cfg!(not(feature = "html")) && name.ends_with(".html") {
        eprintln!("{name}: skipped (an HTML page needs the `html` feature)");
        return;
    }
    if cfg!(not(feature = "html"))
        && name.contains("_derived-")
        && (name.contains("-pdf-") || name.contains("-antiword"))
    {
        eprintln!("{name}: skipped (its wrapped labels need the `html` feature's readers)");
        return;
    }
    if cfg!(not(feature = "html")) && name.contains("_derived-") && name.contains("-pandoc-") {
        eprintln!("{name}: skipped (pandoc's spans, `[23]{{.underline}}`, are read with the `html` feature)");
        return;
    }
    let input = root().join("tests/corpus").join(name);
    let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    let report = ogi_report::parse_bytes(&bytes);
    let mut got = serde_json::to_string_pretty(&report).expect("serialise");
    got.push('\n');
    compare(
        name,
        &got,
        &root().join("tests/expected").join(format!("{name}.json")),
    );
    let mut found = serde_json::to_string_pretty(&report.validate()).expect("serialise");
    found.push('\n');
    compare(
        name,
        &found,
        &root()
            .join("tests/expected/validate")
            .join(format!("{name}.json")),
    );
}

/// `got` is the expected file's text (or, with `UPDATE_EXPECT`, becomes it).
fn compare(name: &str, got: &str, expected_path: &Path) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if let Some(dir) = expected_path.parent() {
            std::fs::create_dir_all(dir).expect("create the expected folder");
        }
        std::fs::write(expected_path, got).expect("write expected");
        return;
    }
    let want = std::fs::read_to_string(expected_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_EXPECT=1 to create it)",
            expected_path.display()
        )
    });
    if got != want {
        let g: serde_json::Value = serde_json::from_str(got).expect("json");
        let w: serde_json::Value = serde_json::from_str(&want).expect("json");
        let mut first = String::new();
        diff(&g, &w, "$", &mut first);
        panic!(
            "{name}: output differs from {} — first difference at {first}",
            expected_path.display()
        );
    }
}

fn diff(a: &serde_json::Value, b: &serde_json::Value, path: &str, out: &mut String) {
    if !out.is_empty() {
        return;
    }
    use serde_json::Value::*;
    match (a, b) {
        (Object(x), Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => diff(v, w, &format!("{path}.{k}"), out),
                    None => *out = format!("{path}.{k}: unexpected key"),
                }
            }
            for k in y.keys() {
                if !x.contains_key(k) && out.is_empty() {
                    *out = format!("{path}.{k}: missing key");
                }
            }
        }
        (Array(x), Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(v, w, &format!("{path}[{i}]"), out);
            }
            if x.len() != y.len() && out.is_empty() {
                *out = format!("{path}: {} items, expected {}", x.len(), y.len());
            }
        }
        _ if a != b => *out = format!("{path}: got {a}, expected {b}"),
        _ => {}
    }
}

macro_rules! golden {
    ($($test:ident => $file:literal,)*) => {
        $( #[test] fn $test() { check($file); } )*
        /// Every corpus file has a golden test.
        #[test]
        fn every_corpus_file_has_a_golden_test() {
            let listed = [$($file),*];
            let mut files: Vec<String> = std::fs::read_dir(root().join("tests/corpus")).expect("corpus")
                .filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            files.sort();
            for f in &files {
                assert!(listed.contains(&f.as_str()), "tests/corpus/{f} has no golden test in golden.rs");
            }
        }
    };
}

golden! {
    seed_000_traditional_pinyin_pipe_rows => "000_b9348fb859717f63.txt",
    seed_001_tables_lost => "001_56fe7089f0ef1d8a.txt",
    seed_002_pipe_rows_2021 => "002_4a9178fd99f7f697.txt",
    seed_003_tab_cells_2019 => "003_c5f879456b805937.txt",
    seed_004_cell_per_line_traditional => "004_1d268c7f8e46725e.txt",
    real_001_markdown_shredded => "001_shuyang-county-gov-2025.md",
    real_002_flattened_2019 => "002_pingtan-2019.txt",
    real_004_flattened_2021 => "004_pingtan-2021.txt",
    real_006_flattened_2023 => "006_pingtan-2023.txt",
    real_014_older_format_2018 => "014_pingtan-2018-old-format.txt",
    real_015_older_format_2013 => "015_pingtan-local-tax-bureau-2013-old-format.txt",
    real_016_traditional_taiwan_vocabulary => "016_pages-wuhan-eco-env-bureau-2020-trad-TRUNCATED.txt",
    real_018_signed_deltas => "018_pages-wuhai-industry-it-bureau-2020-TRUNCATED.txt",
    real_020_cell_per_line_blank_cell => "020_pages-wuhan-hanyang-district-office-2022-TRUNCATED.txt",
    real_022_label_typos => "022_pages-changchun-erdao-housing-expropriation-2022-TRUNCATED.txt",
    real_024_pipe_rows => "024_pages-chongqing-jiulongpo-erlang-street-2022-TRUNCATED.txt",
    real_026_pipe_prefixed_cells => "026_pages-suining-anju-law-enforcement-2022-TRUNCATED.txt",
    real_028_markdown_like_rows => "028_pages-changchun-municipal-dept-2023-TRUNCATED.txt",
    real_030_unlabelled_rows => "030_pages-mirror-bureau-2023-2019template-unlabelled-rows-TRUNCATED.txt",
    real_032_split_pipe => "032_pages-datong-petitions-bureau-2021-TRUNCATED.txt",
    real_045_html_2019 => "045_pingtan-2019-page.html",
    real_046_html_2021_word_markup => "046_pingtan-2021-page.html",
    real_047_html_2023 => "047_pingtan-2023-page.html",
    constructed_101_seed004_html_rowspan => "101_constructed-seed004-html-rowspan.html",
    constructed_102_seed003_html_rowspan => "102_constructed-seed003-html-rowspan.html",
    constructed_103_seed002_html_rowspan => "103_constructed-seed002-html-rowspan.html",
    constructed_104_seed002_markdown_shredded => "104_constructed-seed002-markdown-shredded.md",
    constructed_105_seed004_markdown_shredded => "105_constructed-seed004-markdown-shredded.md",
    constructed_106_seed003_markdown_shredded => "106_constructed-seed003-markdown-shredded.md",
    constructed_107_seed003_pypdf_page_break => "107_constructed-seed003-pypdf-page-break.txt",
    constructed_108_seed004_pypdf_page_break => "108_constructed-seed004-pypdf-page-break.txt",
    constructed_109_seed002_pypdf_page_break => "109_constructed-seed002-pypdf-page-break.txt",
    constructed_110_seed003_pdfminer_column_blocks => "110_constructed-seed003-pdfminer-column-blocks.txt",
    constructed_111_seed004_pdfminer_column_blocks => "111_constructed-seed004-pdfminer-column-blocks.txt",
    constructed_112_seed000_pdfminer_column_blocks => "112_constructed-seed000-pdfminer-column-blocks.txt",
    constructed_113_seed002_pandoc_grid_wrapped => "113_constructed-seed002-pandoc-grid-wrapped.txt",
    constructed_114_seed004_box_drawn_centred => "114_constructed-seed004-box-drawn-centred.txt",
    derived_115_page_2019_chromium_pdftotext_layout => "115_derived-pingtan-2019-page-chromium-pdf-pdftotext-layout.txt",
    derived_116_page_2021_chromium_pdftotext_layout => "116_derived-pingtan-2021-page-chromium-pdf-pdftotext-layout.txt",
    derived_117_page_2023_chromium_pdftotext_layout => "117_derived-pingtan-2023-page-chromium-pdf-pdftotext-layout.txt",
    derived_118_page_2019_chromium_pypdf_layout => "118_derived-pingtan-2019-page-chromium-pdf-pypdf-layout.txt",
    derived_119_page_2021_chromium_pypdf_layout => "119_derived-pingtan-2021-page-chromium-pdf-pypdf-layout.txt",
    derived_120_constructed_101_chromium_pdftotext_layout => "120_derived-constructed-101-chromium-pdf-pdftotext-layout.txt",
    derived_121_page_2021_chromium_a4_pypdf_layout => "121_derived-pingtan-2021-page-chromium-pdf-a4-pypdf-layout.txt",
    derived_122_page_2021_chromium_a4_landscape_pdftotext_layout => "122_derived-pingtan-2021-page-chromium-pdf-a4-landscape-pdftotext-layout.txt",
    derived_123_constructed_102_chromium_pdftotext => "123_derived-constructed-102-chromium-pdf-pdftotext.txt",
    derived_124_constructed_103_chromium_pdftotext => "124_derived-constructed-103-chromium-pdf-pdftotext.txt",
    derived_125_constructed_101_word_doc_antiword => "125_derived-constructed-101-word-doc-antiword.txt",
    derived_126_constructed_101_libreoffice_pdftotext_layout => "126_derived-constructed-101-libreoffice-pdf-pdftotext-layout.txt",
    derived_127_page_2023_libreoffice_pdftotext_layout => "127_derived-pingtan-2023-page-libreoffice-pdf-pdftotext-layout.txt",
    derived_128_page_2019_libreoffice_docx_pandoc_markdown => "128_derived-pingtan-2019-page-libreoffice-docx-pandoc-markdown.txt",
}
