.PHONY: test demo fmt bench bench-pgo pgo fuzz schema wasm python
test:        ## every test (installs what is missing)
	bash scripts/test-all.sh
demo:        ## the main job on a bundled seed
	cargo run --release -p ogi-report-cli -- parse tests/corpus/004_1d268c7f8e46725e.txt
fmt:
	cargo fmt --all
bench:       ## criterion benches (MB/s, reports/s)
	cargo bench -p ogi-report-benches
pgo:         ## profile-guided build of the CLI -> target/<host>/release/ogi-report
	bash scripts/pgo.sh
bench-pgo:   ## the throughput benches built with a profile of their own (other reports)
	bash scripts/pgo.sh bench
fuzz:        ## long fuzz runs: FUZZ_SECONDS per target (default 1200)
	FUZZ_SECONDS=$${FUZZ_SECONDS:-1200} bash scripts/fuzz-smoke.sh
schema:      ## regenerate schema/report.schema.json
	UPDATE_EXPECT=1 cargo test -p ogi-report --test schema
wasm:
	bash bindings/wasm/build.sh
python:
	bash bindings/python/run-tests.sh
