//! `ogi-report validate --series`: the cross-year rules over a folder of one agency's reports.

use std::process::Command;

#[test]
fn series_flags_a_carry_over_that_does_not_match_last_year() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seed = std::fs::read_to_string(root.join("tests/corpus/004_1d268c7f8e46725e.txt"))
        .expect("seed 004");
    let dir = std::env::temp_dir().join(format!("ogi-series-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    // The 2020 report as published (四、结转下年度继续办理: 自然人 1, 总计 1) …
    std::fs::write(dir.join("2020.txt"), &seed).expect("write");
    // … and a "2021" report of the same agency that carries 0 over instead of 1.
    let next = seed.replacen(
        "2020年政府信息公開工作年度報告",
        "2021年政府信息公開工作年度報告",
        1,
    );
    assert_ne!(next, seed);
    std::fs::write(dir.join("2021.txt"), &next).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_ogi-report"))
        .args(["validate", "--series", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    assert_eq!(v["reports"], 2);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    let c6: Vec<_> = diags.iter().filter(|d| d["code"] == "V006").collect();
    assert!(!c6.is_empty(), "{stdout}");
    assert!(
        c6.iter().any(|d| d["message"]
            .as_str()
            .is_some_and(|m| m.contains("2020") && m.contains("2021"))),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "series rules are warnings");
    let _ = std::fs::remove_dir_all(&dir);
}
