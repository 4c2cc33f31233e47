fn main() {
    let args: Vec<String> = std::env::args().collect();
    let cmd = args.get(1).cloned().unwrap_or_default();
    let path = args.get(2).cloned().unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let r = ogi_report::parse_bytes(&bytes);
    if cmd == "cells" {
        for c in r.cells() {
            println!("{}", serde_json::to_string(&c).unwrap_or_default());
        }
    } else {
        println!("{}", r.to_json_pretty());
    }
}
