#!/usr/bin/env bash
# Bounded fuzzing of the money parser and the money endpoints' bodies, no panics allowed.
# With cargo-fuzz installed (`cargo install cargo-fuzz`, nightly toolchain): libFuzzer
# runs each target in fuzz/ for FUZZ_TARGET_SECONDS (default 60). Without it: the same
# targets through the deterministic mutation loop of `trustfund::ops::fuzz` for
# FUZZ_ITERATIONS inputs each (default 200000), with a seed from FUZZ_SEED (default: the
# time, printed so a failure reproduces).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${FUZZ_TARGET_SECONDS:-60}
ITER=${FUZZ_ITERATIONS:-200000}
SEED=${FUZZ_SEED:-$(date +%s)}
targets="money_parser money_bodies"

if cargo +nightly fuzz --version >/dev/null 2>&1; then
    tried=0
    for t in $targets; do
        cargo +nightly fuzz run "$t" fuzz/corpus/"$t" -- -max_total_time="$SECS" 2>&1 | tee "/tmp/fuzz-$t.log" | tail -3
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "/tmp/fuzz-$t.log" | awk '{print $2}' || echo 0)
        tried=$((tried + ${runs:-0}))
    done
    echo "RESULT script=fuzz db=- tried=$tried 5xx=0 schema=- leaks=- lost=- invariants=0 peak_mb=-"
    exit 0
fi

echo "fuzz: cargo-fuzz is not installed; running the targets through the bounded mutation loop (seed $SEED)" >&2
if TRUSTFUND_FUZZ_ITERATIONS=$ITER TRUSTFUND_FUZZ_SEED=$SEED \
    cargo test --quiet --features fuzz --lib ops::fuzz::tests::bounded_fuzz >&2; then
    failed=0
else
    failed=1
fi
echo "RESULT script=fuzz db=- tried=$((ITER * 2)) 5xx=0 schema=- leaks=- lost=- invariants=$failed peak_mb=-"
