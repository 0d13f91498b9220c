#!/bin/sh
# Bounded fuzzing: build the libFuzzer targets with clang and
# -fsanitize=fuzzer,address,undefined in their own build directory (the main
# build may use gcc), run each for FUZZ_SECONDS, and fail on any crash, leak
# or timeout, printing the reproducer. See fuzz/README.md.
#
# Environment:
#   top_srcdir      source tree (default: the directory above this script)
#   FUZZ_TARGETS    targets to run (default: all)
#   FUZZ_SECONDS    seconds per target (default 60)
#   FUZZ_BUILD_DIR  build directory (default: $PWD/fuzz-build)
#   FUZZ_CC         compiler (default clang)
#   FUZZ_JOBS       make -j (default 2)
#   FUZZ_MAX_LEN    longest input libFuzzer generates (default 4096)
#   FUZZ_TIMEOUT    seconds one input may take before it is a timeout (default 10)
#   FUZZ_CFLAGS     extra compiler flags of the fuzz build, e.g.
#                   -fno-sanitize=nonnull-attribute to fuzz past a known bug
#                   (use its own FUZZ_BUILD_DIR: flags apply when configuring)
set -u

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(dirname "$here")}
top_srcdir=$(cd "$top_srcdir" && pwd)
targets=${FUZZ_TARGETS:-"sql sql_plan connstr utf16 convert json_rows p1_error"}
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD_DIR:-$PWD/fuzz-build}
cc=${FUZZ_CC:-clang}
jobs=${FUZZ_JOBS:-2}
max_len=${FUZZ_MAX_LEN:-4096}
timeout=${FUZZ_TIMEOUT:-10}

if ! command -v "$cc" >/dev/null 2>&1; then
    echo "fuzz: $cc not found; install the Debian packages clang and libclang-rt-14-dev" >&2
    exit 1
fi

mkdir -p "$build" || exit 1
cd "$build" || exit 1
if [ ! -f Makefile ]; then
    echo "fuzz: configuring $build with $cc and sanitizers"
    "$top_srcdir/configure" -q CC="$cc" --enable-sanitizers \
        CFLAGS="-g -O1 -fsanitize=fuzzer-no-link ${FUZZ_CFLAGS:-}" || {
        echo "fuzz: configure failed (see $build/config.log)" >&2
        exit 1
    }
fi
progs=""
for t in $targets; do progs="$progs fuzz/fuzz_$t"; done
echo "fuzz: building$progs"
make -s -j"$jobs" $progs > build.log 2>&1 || { tail -30 build.log >&2; echo "fuzz: build failed (see $build/build.log)" >&2; exit 1; }

mkdir -p corpus artifacts logs
failed=""
summary=""
for t in $targets; do
    mkdir -p "corpus/$t" "artifacts/$t"
    rm -f "artifacts/$t"/*
    dict=""
    [ -f "$top_srcdir/fuzz/dict/$t.dict" ] && dict="-dict=$top_srcdir/fuzz/dict/$t.dict"
    seeds="$top_srcdir/fuzz/corpus/$t"
    regs=""
    [ -d "$top_srcdir/fuzz/regressions/$t" ] && regs="$top_srcdir/fuzz/regressions/$t"
    echo "fuzz: $t for ${seconds}s (log: $build/logs/$t.log)"
    # New inputs go to the first directory (the working corpus, kept between
    # runs); the committed seeds and regressions are only read.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "./fuzz/fuzz_$t" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
        -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
        $dict "corpus/$t" "$seeds" $regs > "logs/$t.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$t.log" | tail -1)
    line=$(printf '%-10s %12s execs %8s exec/s' "$t" "${execs:-?}" "${speed:-?}")
    if [ $rc -ne 0 ]; then
        failed="$failed $t"
        line="$line  FAILED (exit $rc)"
        echo "fuzz: $t FAILED (exit $rc); the end of its log:" >&2
        grep -E 'ERROR: |runtime error: |SUMMARY: |fuzz invariant failed|^    #[0-9] ' "logs/$t.log" \
            | grep -v ' in fuzzer::\| in main \| in __libc\| in _start' | head -20 >&2
        for a in "artifacts/$t"/*; do
            [ -f "$a" ] || continue
            echo "fuzz: reproducer: $build/$a" >&2
            echo "fuzz:   replay it with: $build/fuzz/fuzz_$t $build/$a" >&2
        done
    fi
    summary="$summary$line
"
done
echo "fuzz: summary"
printf '%s' "$summary"
if [ -n "$failed" ]; then
    echo "fuzz: FAILED:$failed (reproducers above; commit one under fuzz/regressions/<target>/)" >&2
    exit 1
fi
echo "fuzz: no crash, leak or timeout"
