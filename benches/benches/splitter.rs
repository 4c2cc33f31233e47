//! The glued-digit splitter's worst cases, through the public API: a flattened report whose
//! table-3 row `（一）予以公开` is one run of 60 digits (rule C2: the 7th value is the sum of the
//! six others), and whose table-2 row `规章` is a 60-digit run with no rule (every split of three
//! values is a candidate). The time is the whole parse of that one-line report.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

fn flattened(row3: &str, row2: &str) -> String {
    let mut s = String::from("一、总体情况本年度无。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章");
    s.push_str(row2);
    s.push_str("行政规范性文件000三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量0000000二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开");
    s.push_str(row3);
    s.push_str("（二）部分公开0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000五、存在的主要问题及改进情况无。六、其他需要报告的事项无。");
    s
}

fn bench_splitter(c: &mut Criterion) {
    let mut g = c.benchmark_group("splitter");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    let cases = [
        (
            "60_digits_last_is_sum_12345",
            "12345".repeat(12),
            "000".to_string(),
        ),
        (
            "60_digits_last_is_sum_9s",
            "9".repeat(60),
            "000".to_string(),
        ),
        (
            "60_digits_free_3_values",
            "0000000".to_string(),
            "1234567890".repeat(6),
        ),
        ("real_row_6000017", "6000017".to_string(), "000".to_string()),
    ];
    for (name, row3, row2) in cases {
        let text = flattened(&row3, &row2);
        g.bench_function(name, |b| {
            b.iter(|| ogi_report::parse(black_box(&text)).diagnostics.len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench_splitter);
criterion_main!(benches);
