#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ctest mip6-summary-check: `mip6-compare --runs 3` at reduced size (2 designs), then mip6-summary
# on its folder and on a hand-made campaign folder; every figure checked here is RECOMPUTED from
# the CSVs with awk (not through the summary library) and compared: means exactly to the printed
# 6 decimals, the 95 % CI half-width with the Student-t quantile from a t table (relative 1e-3).
# Also: malformed inputs and --runs usage errors exit 2.
#   summary-check.sh MIP6_COMPARE MIP6_SUMMARY MIP6_MCOA WORK_DIR
set -u
COMPARE=$1
SUMMARY=$2
MCOA=$3
WORK=$4

# A file, not a variable: fail() also runs in the subshells of pipelines.
fail() {
    echo "FAIL: $*" >&2
    : >"$WORK/FAILED"
}

rm -rf "$WORK"
mkdir -p "$WORK"

# --- usage errors -------------------------------------------------------------------------
expect_exit() {
    code=$1
    shift
    "$@" >"$WORK/out.txt" 2>"$WORK/err.txt"
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        fail "$* exited $rc, expected $code: $(cat "$WORK/err.txt")"
    elif [ "$code" -eq 2 ] && [ ! -s "$WORK/err.txt" ]; then
        fail "$* exited 2 without a message on stderr"
    else
        echo "ok: $* -> exit $rc"
    fi
}
expect_exit 2 "$COMPARE" --runs 0 --output "$WORK/x"
expect_exit 2 "$COMPARE" --runs x --output "$WORK/x"
expect_exit 2 "$COMPARE" --runs -1 --output "$WORK/x"
expect_exit 2 "$COMPARE" --runs 10001 --output "$WORK/x"
expect_exit 2 "$COMPARE" --runs 2 --run 18446744073709551615 --output "$WORK/x"
expect_exit 2 "$MCOA" --runs 2 --output "$WORK/x"
expect_exit 2 "$SUMMARY"
expect_exit 2 "$SUMMARY" --input "$WORK/does-not-exist"
expect_exit 2 "$SUMMARY" --input "$WORK" --no-such-option
mkdir -p "$WORK/empty"
expect_exit 2 "$SUMMARY" --input "$WORK/empty"

# --- three runs of two designs ------------------------------------------------------------
SIZE="--sim-time 25 --aps 2"
OUT=$WORK/runs3
# shellcheck disable=SC2086
if ! "$COMPARE" --designs none ipsec-ikev2 --runs 3 $SIZE --output "$OUT" >"$WORK/compare.txt" 2>"$WORK/compare.err"; then
    echo "FAIL: mip6-compare --runs 3 failed: $(cat "$WORK/compare.err")" >&2
    exit 1
fi
for f in summary.md summary.csv; do
    [ -s "$OUT/$f" ] || fail "mip6-compare --runs 3 wrote no $f"
done
grep -q '"runs": \[' "$OUT/manifest.json" || fail "manifest.json does not list the runs"
tr -d ' \n' <"$OUT/manifest.json" | grep -q '"runs":\[1,2,3\]' || fail "manifest.json runs are not [1,2,3]"
grep -q 'total_s' "$WORK/compare.txt" || fail "mip6-compare --runs 3 printed no CI line"
# Every design has rows of runs 1, 2 and 3.
for d in none ipsec-ikev2; do
    runs=$(awk -F, -v d="$d" 'NR > 1 && $3 == d { print $1 }' "$OUT/handovers.csv" | sort -u | tr '\n' ' ')
    [ "$runs" = "1 2 3 " ] || fail "handovers.csv: design $d has runs '$runs', expected 1 2 3"
done

if ! "$SUMMARY" --input "$OUT" --output "$WORK/sum" >/dev/null 2>"$WORK/summary.err"; then
    echo "FAIL: mip6-summary failed: $(cat "$WORK/summary.err")" >&2
    exit 1
fi
cmp -s "$OUT/summary.csv" "$WORK/sum/summary.csv" || fail "mip6-summary and mip6-compare --runs wrote different summary.csv"
for p in summary-handover summary-outage summary-signalling summary-bootstrap; do
    for e in png svg; do
        [ -s "$WORK/sum/$p.$e" ] || fail "no $p.$e"
    done
done

# Per-run samples of a metric, recomputed from the CSVs: prints "design value" per run.
# The t quantiles t(0.975, dof) for dof 1..10 from a printed table (e.g. NIST/SEMATECH 1.3.6.7.2).
TTABLE="12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228"
# stats: reads "group value" lines; prints "group n mean half" (%.6f; half NA for n = 1).
stats() {
    awk -v ttable="$TTABLE" '
    { n[$1]++; v[$1, n[$1]] = $2; if (!($1 in seen)) { seen[$1] = 1; order[++g] = $1 } }
    END {
        split(ttable, t, " ")
        for (i = 1; i <= g; i++) {
            k = order[i]; s = 0
            for (j = 1; j <= n[k]; j++) s += v[k, j]
            m = s / n[k]
            if (n[k] < 2) { printf "%s %d %.6f NA\n", k, n[k], m; continue }
            q = 0
            for (j = 1; j <= n[k]; j++) q += (v[k, j] - m) ^ 2
            sd = sqrt(q / (n[k] - 1))
            printf "%s %d %.6f %.9f\n", k, n[k], m, t[n[k] - 1] * sd / sqrt(n[k])
        }
    }'
}
# Column index of a name in a CSV header.
col() {
    head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1
}
# handovers.csv: per (design, run, seed) the mean of the non-NA cells of a column.
handover_samples() {
    c=$(col "$1" "$2")
    awk -F, -v c="$c" 'NR > 1 && $c != "NA" { k = $3 " " $1 "-" $2; s[k] += $c; n[k]++; if (!(k in o)) { o[k] = 1; ord[++m] = k } }
        END { for (i = 1; i <= m; i++) { split(ord[i], p, " "); printf "%s %.17g\n", p[1], s[ord[i]] / n[ord[i]] } }' "$1"
}
# overhead.csv: per run, signalling (mip6, ike, tls) IP bytes at mn-air in the handover phase,
# divided by that run's handovers.csv rows with bu_sent > 0 (the handovers that registered).
signalling_samples() {
    awk -F, 'FNR == 1 { f++; if (f == 1) for (i = 1; i <= NF; i++) if ($i == "bu_sent") bs = i; next }
        f == 1 && $bs != "NA" && $bs + 0 > 0 { h[$3 " " $1 "-" $2]++ }
        f == 2 && $5 == "mn-air" && $7 == "handover" && ($6 == "mip6" || $6 == "ike" || $6 == "tls") { b[$3 " " $1 "-" $2] += $10 }
        END { for (k in h) { split(k, p, " "); printf "%s %.17g\n", p[1], b[k] / h[k] } }' "$1/handovers.csv" "$1/overhead.csv" | sort
}
# bootstrap.csv: bytes_up of reason initial, per run.
bootstrap_samples() {
    c=$(col "$1" "$2")
    awk -F, -v c="$c" 'NR > 1 && $NF == "initial" { print $3, $c }' "$1"
}
# state.csv: the last snapshot of each MN (not "all"), per run.
state_samples() {
    c=$(col "$1" "$2")
    awk -F, -v c="$c" 'NR > 1 && $5 != "all" { k = $3 " " $1 "-" $2; last[k] = $c }
        END { for (k in last) { split(k, p, " "); print p[1], last[k] } }' "$1" | sort
}
# Compares recomputed "group n mean half" lines with summary.csv rows of section/metric.
compare() {
    section=$1
    metric=$2
    csv=$3
    lines=0
    while read -r grp n mean half; do
        lines=$((lines + 1))
        row=$(awk -F, -v d="$grp" -v s="$section" -v m="$metric" '$3 == d && $4 == "" && $5 == s && $6 == m' "$csv")
        if [ -z "$row" ]; then
            fail "$section/$metric of $grp: no row in $csv"
            continue
        fi
        got_n=$(echo "$row" | cut -d, -f9)
        got_mean=$(echo "$row" | cut -d, -f11)
        got_half=$(echo "$row" | cut -d, -f13)
        [ "$got_n" = "$n" ] || fail "$section/$metric of $grp: n $got_n, recomputed $n"
        [ "$got_mean" = "$mean" ] || fail "$section/$metric of $grp: mean $got_mean, recomputed $mean"
        if [ "$half" = "NA" ]; then
            [ "$got_half" = "NA" ] || fail "$section/$metric of $grp: half-width $got_half for one run"
        elif ! awk -v a="$got_half" -v b="$half" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-3 * (b < 0 ? -b : b) + 1e-6) }'; then
            fail "$section/$metric of $grp: CI half-width $got_half, recomputed $half"
        else
            echo "ok: $section/$metric $grp n=$n mean=$mean half=$got_half (t table: $half)"
        fi
    done
    [ "$lines" -gt 0 ] || fail "$section/$metric: nothing recomputed from the CSVs"
}
check_folder() {
    dir=$1
    csv=$2
    for m in total_s outage_s probes_lost l2_detect_s reg_s; do
        handover_samples "$dir/handovers.csv" "$m" | stats | compare handover "$m" "$csv"
    done
    signalling_samples "$dir" | stats | compare signalling ip_bytes_per_handover "$csv"
    for m in bytes_up bytes_down round_trips messages; do
        bootstrap_samples "$dir/bootstrap.csv" "$m" | stats | compare bootstrap "$m" "$csv"
    done
    for m in sa_count key_bytes state_bytes; do
        state_samples "$dir/state.csv" "$m" | stats | compare ha-state "$m" "$csv"
    done
}
check_folder "$OUT" "$WORK/sum/summary.csv"
# The check must be able to fail: a changed cell changes the recomputed mean.
n_none=$(awk -F, '$3 == "none" && $5 == "handover" && $6 == "total_s" { print $9 }' "$WORK/sum/summary.csv")
[ "$n_none" = "3" ] || fail "handover/total_s of none: n $n_none, expected 3"

# --- a campaign folder (the layout mip6-campaign writes), one design per run ---------------
CAMP=$WORK/campaign
mkdir -p "$CAMP/runs"
entries=""
for r in 1 2 3; do
    dir=runs/none-speed5-run$r
    # shellcheck disable=SC2086
    "$COMPARE" --designs none --run "$r" $SIZE --speed 5 --output "$CAMP/$dir" >"$CAMP/$dir.log" 2>&1 ||
        fail "campaign run $r failed"
    entries="$entries{\"id\": \"none-speed5-run$r\", \"scenario\": \"mip6-compare\", \"design\": \"none\", \"point\": {\"speed\": \"5\"}, \"run\": $r, \"seed\": 1, \"dir\": \"$dir\", \"command\": [\"mip6-compare\"]},"
done
# A run listed but not finished (no manifest.json): reported, not counted.
mkdir -p "$CAMP/runs/none-speed5-run4"
entries="$entries{\"id\": \"none-speed5-run4\", \"scenario\": \"mip6-compare\", \"design\": \"none\", \"point\": {\"speed\": \"5\"}, \"run\": 4, \"seed\": 1, \"dir\": \"runs/none-speed5-run4\", \"command\": [\"mip6-compare\"]}"
printf '{"name": "check", "campaign_file": "check.json", "runs": [%s]}\n' "$entries" >"$CAMP/campaign.json"
if ! "$SUMMARY" --input "$CAMP" --no-plots >/dev/null 2>"$WORK/campaign.err"; then
    fail "mip6-summary on the campaign failed: $(cat "$WORK/campaign.err")"
else
    grep -q "none-speed5-run4" "$WORK/campaign.err" || fail "the unfinished campaign run is not reported"
    row=$(awk -F, '$1 == "mip6-compare" && $2 == "speed=5" && $3 == "none" && $6 == "total_s" && $5 == "handover"' "$CAMP/summary.csv")
    [ -n "$row" ] || fail "campaign summary: no mip6-compare/speed=5/none total_s row"
    # The same runs as --runs 3 (fresh simulation each): the same figures.
    want=$(awk -F, '$3 == "none" && $5 == "handover" && $6 == "total_s" { print $9, $11, $13 }' "$WORK/sum/summary.csv")
    got=$(echo "$row" | awk -F, '{ print $9, $11, $13 }')
    [ "$got" = "$want" ] || fail "campaign total_s of none ($got) differs from --runs 3 ($want)"
    # Recomputed from the run folders' CSVs concatenated.
    cat_csv() {
        head -1 "$CAMP/runs/none-speed5-run1/$1"
        for r in 1 2 3; do tail -n +2 "$CAMP/runs/none-speed5-run$r/$1"; done
    }
    mkdir -p "$WORK/cat"
    for f in handovers.csv overhead.csv bootstrap.csv state.csv; do cat_csv "$f" >"$WORK/cat/$f"; done
    check_folder "$WORK/cat" "$CAMP/summary.csv"
fi
# A run of --runs 3 equals the same run on its own.
awk -F, 'NR == 1 || ($1 == 2 && $3 == "none")' "$OUT/handovers.csv" >"$WORK/run2-of-3.csv"
cmp -s "$WORK/run2-of-3.csv" "$CAMP/runs/none-speed5-run2/handovers.csv" ||
    fail "run 2 of --runs 3 differs from --run 2 alone (handovers.csv)"

# --- malformed inputs ---------------------------------------------------------------------
bad() {
    name=$1
    mkdir -p "$WORK/bad/$name"
    cat >"$WORK/bad/$name/handovers.csv"
    expect_exit 2 "$SUMMARY" --input "$WORK/bad/$name" --no-plots
}
head -1 "$OUT/handovers.csv" | sed 's/total_s,/total,/' >"$WORK/hdr"
{ cat "$WORK/hdr"; tail -n +2 "$OUT/handovers.csv"; } | bad missing-column
{ head -2 "$OUT/handovers.csv"; echo "1,1,none,4"; } | bad short-row
c=$(col "$OUT/handovers.csv" probes_lost)
awk -F, -v OFS=, -v c="$c" 'NR == 2 { $c = "lots" } NR <= 2' "$OUT/handovers.csv" | bad bad-number
{ head -1 "$OUT/handovers.csv"; printf '1,1,"none\n'; } | bad open-quote
mkdir -p "$WORK/bad/json"
echo '{"runs": [ {"scenario": "mip6-compare"' >"$WORK/bad/json/campaign.json"
expect_exit 2 "$SUMMARY" --input "$WORK/bad/json" --no-plots
mkdir -p "$WORK/bad/json2"
echo '{"runs": [ {"scenario": "mip6-compare", "dir": "x"} ]}' >"$WORK/bad/json2/campaign.json"
expect_exit 2 "$SUMMARY" --input "$WORK/bad/json2" --no-plots

if [ -e "$WORK/FAILED" ]; then
    echo "summary-check: FAILED" >&2
    exit 1
fi
echo "summary-check: all checks passed"
