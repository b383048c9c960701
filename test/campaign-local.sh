#!/usr/bin/env bash
# ctest mip6-campaign-local: a tiny campaign on the local backend.
#   test/campaign-local.sh <mip6-campaign> <scratch dir>
# Checks the run count, the folder layout and campaign.json; that a rerun executes nothing, a
# deleted run is redone and a half run (<dir>.tmp) never counts; that a run failing at run time is
# reported with its command and log while the others finish; that bad campaign files exit 2
# before anything runs; and that a run's CSVs equal those of the scenario run by hand.
set -euo pipefail
campaign=$1
work=$2
fail() { echo "mip6-campaign-local: FAIL: $*" >&2; exit 1; }
csvs=(handovers.csv bootstrap.csv overhead.csv state.csv messages.csv)

rm -rf "$work"
mkdir -p "$work"
cd "$work"

# 2 designs x 2 points x 2 runs of mip6-compare, short.
cat > tiny.cfg <<'EOF'
# A tiny campaign: 8 runs of a few seconds.
name = tiny
seed = 2
runs = 1-2
[mip6-compare]
designs = none authopt
sim-time = 6
aps = 2
speed = 5 20
EOF

# --dry-run lists the 8 runs and creates nothing.
"$campaign" tiny.cfg --output out --dry-run > dry.txt || fail "--dry-run failed"
[ "$(grep -c '^pending ' dry.txt)" -eq 8 ] || fail "--dry-run does not list 8 pending runs: $(cat dry.txt)"
[ ! -e out ] || fail "--dry-run created the output folder"
# A section without keys: every design with the scenario's defaults, in the folder `default`.
printf '[mip6-compare]\n' > defaults.cfg
"$campaign" defaults.cfg --output dout --dry-run > ddry.txt || fail "--dry-run of defaults.cfg failed"
grep -q "^pending  runs/mip6-compare/default/none/run-1 .* --designs none --seed 1 --run 1 --output " ddry.txt ||
  fail "defaults.cfg: $(cat ddry.txt)"

"$campaign" tiny.cfg --output out --jobs 2 > first.txt 2> first.err || fail "first campaign failed: $(cat first.txt first.err)"
grep -q "8 runs: ran 8, skipped 0 (finished earlier), failed 0" first.txt || fail "first: $(cat first.txt)"
grep -q "8/8 done, 0 failed" first.err || fail "no progress line on stderr: $(cat first.err)"
mapfile -t manifests < <(find out/runs -name manifest.json | sort)
[ "${#manifests[@]}" -eq 8 ] || fail "expected 8 run folders, found ${#manifests[@]}"
for design in none authopt; do
  for point in speed=5 speed=20; do
    for run in 1 2; do
      d=out/runs/mip6-compare/$point/$design/run-$run
      for f in manifest.json log.txt "${csvs[@]}"; do
        [ -s "$d/$f" ] || fail "$d/$f missing"
      done
    done
  done
done
[ -z "$(find out -name '*.tmp' -o -name '*.failed')" ] || fail "temporary or failed folders left"
python3 - out/campaign.json <<'EOF' || fail "campaign.json"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["name"] == "tiny", c["name"]
assert c["campaign_file"].endswith("/tiny.cfg")
runs = c["runs"]
assert len(runs) == 8, len(runs)
assert len({r["id"] for r in runs}) == 8
for r in runs:
    assert r["scenario"] == "mip6-compare"
    assert r["design"] in ("none", "authopt")
    assert r["point"] == {"sim-time": "6", "aps": "2", "speed": r["point"]["speed"]}
    assert r["point"]["speed"] in ("5", "20")
    assert r["run"] in (1, 2) and r["seed"] == 2
    assert r["dir"] == "runs/" + r["id"]
    cmd = r["command"]
    assert cmd[0].endswith("/mip6-compare") and cmd[cmd.index("--designs") + 1] == r["design"]
    assert cmd[cmd.index("--run") + 1] == str(r["run"]) and cmd[-2:] == ["--output", cmd[-1]]
    assert cmd[-1].endswith("/" + r["dir"])
    m = json.load(open(sys.argv[1].replace("campaign.json", r["dir"] + "/manifest.json")))
    assert m["designs"] == [r["design"]] and m["run"] == r["run"] and m["seed"] == 2
    assert m["parameters"]["speed"] == r["point"]["speed"]
EOF

# A rerun executes nothing: every manifest keeps its modification time.
stamp() { for m in "${manifests[@]}"; do stat -c '%n %Y.%y' "$m"; done; }
before=$(stamp)
"$campaign" tiny.cfg --output out > again.txt 2>&1 || fail "rerun failed: $(cat again.txt)"
grep -q "ran 0, skipped 8" again.txt || fail "rerun: $(cat again.txt)"
[ "$(stamp)" = "$before" ] || fail "a finished run was executed again"

# A deleted run is redone; a half run (<dir>.tmp with a manifest) never counts as finished.
victim=out/runs/mip6-compare/speed=20/authopt/run-2
half=out/runs/mip6-compare/speed=5/none/run-1
rm -rf "$victim"
mv "$half" "$half.tmp"
"$campaign" tiny.cfg --output out > redo.txt 2>&1 || fail "redo failed: $(cat redo.txt)"
grep -q "ran 2, skipped 6" redo.txt || fail "redo: $(cat redo.txt)"
[ -f "$victim/manifest.json" ] && [ -f "$half/manifest.json" ] || fail "deleted run not redone"
[ ! -e "$half.tmp" ] || fail "the half run's .tmp folder was left"

# The same run by hand: byte-identical CSVs.
python3 - out/campaign.json "$work/by-hand" > hand.cmd <<'EOF'
import json, shlex, sys
r = json.load(open(sys.argv[1]))["runs"][5]
cmd = r["command"][:-1] + [sys.argv[2]]
print(r["dir"])
print(shlex.join(cmd))
EOF
handdir=$(sed -n 1p hand.cmd)
bash -c "$(sed -n 2p hand.cmd)" > /dev/null 2>&1 || fail "the run by hand failed"
for f in "${csvs[@]}"; do
  cmp -s "by-hand/$f" "out/$handdir/$f" || fail "$f of $handdir differs from the run by hand"
done

# A run that fails at run time (HomeAccessPoint 7 of 2 APs: the WLAN helper aborts) is reported
# with its command and log; the other runs finish; exit 1; not rerun without --retry-failed.
cat > fail.cfg <<'EOF'
name = fail
[mip6-compare]
designs = none authopt
sim-time = 4
aps = 2
ns3::Mip6WlanAccessHelper::HomeAccessPoint = 0 7
EOF
set +e
"$campaign" fail.cfg --output fout > fail.txt 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "a failed run: exit $rc, expected 1: $(cat fail.txt)"
grep -q "4 runs: ran 4, skipped 0 (finished earlier), failed 2" fail.txt || fail "fail: $(cat fail.txt)"
for design in none authopt; do
  d=$work/fout/runs/mip6-compare/Mip6WlanAccessHelper.HomeAccessPoint=7/$design/run-1
  grep -q "FAILED ${d#"$work/fout/"}: killed by signal 6" fail.txt || fail "$design failure not reported"
  grep -qF "command: $(dirname "$campaign")/mip6-compare --designs $design --sim-time=4 --aps=2 --ns3::Mip6WlanAccessHelper::HomeAccessPoint=7 --seed 1 --run 1 --output $d" fail.txt ||
    fail "$design: command not reported"
  grep -qF "log: $d.failed/log.txt" fail.txt || fail "$design: log not reported"
  grep -q "HomeAccessPoint 7 is not one of the 2 access points" "$d.failed/log.txt" || fail "log without the reason"
  [ -f "fout/runs/mip6-compare/Mip6WlanAccessHelper.HomeAccessPoint=0/$design/run-1/manifest.json" ] ||
    fail "the good $design run did not finish"
done
set +e
"$campaign" fail.cfg --output fout > fail2.txt 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q "ran 0, skipped 2 (finished earlier), failed 2" fail2.txt &&
  grep -q "not rerun without --retry-failed" fail2.txt || fail "second fail run: $(cat fail2.txt)"
set +e
"$campaign" fail.cfg --output fout --retry-failed > fail3.txt 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q "ran 2, skipped 2 (finished earlier), failed 2" fail3.txt ||
  fail "--retry-failed: $(cat fail3.txt)"

# Bad campaign files and options: exit 2 with a message, before any run.
bad() {
  printf '%b' "$2" > bad.cfg
  set +e
  "$campaign" bad.cfg --output bout > bad.txt 2>&1
  local rc=$?
  set -e
  [ "$rc" -eq 2 ] || fail "$1: exit $rc, expected 2: $(cat bad.txt)"
  grep -q "^mip6-campaign: " bad.txt || fail "$1: no message"
  [ ! -e bout/runs ] || fail "$1: a run started"
  echo "mip6-campaign-local: $1 -> exit 2: $(head -1 bad.txt)"
}
bad "unknown option in the grid" '[mip6-compare]\nspeeed = 5\n'
bad "bad value at one point" '[mip6-compare]\nsim-time = 4\nspeed = 5 -1\n'
bad "unknown scenario" '[mip6-nosuch]\nspeed = 5\n'
bad "unknown design" '[mip6-compare]\ndesigns = none nosuch\n'
bad "unknown attribute" '[mip6-compare]\nns3::Mip6HomeAgent::NoSuch = 1\n'
bad "reserved key" '[mip6-compare]\noutput = x\n'
bad "unknown top-level key" 'nmae = x\n[mip6-compare]\n'
bad "syntax error" '[mip6-compare\n'
bad "bad run range" 'runs = 3-1\n[mip6-compare]\n'
bad "no section" 'name = x\n'
for args in "missing.cfg" "tiny.cfg --no-such-option" "tiny.cfg --backend pbs" "tiny.cfg --jobs 0" ""; do
  set +e
  # shellcheck disable=SC2086
  "$campaign" $args > bad.txt 2>&1
  rc=$?
  set -e
  [ "$rc" -eq 2 ] || fail "mip6-campaign $args: exit $rc, expected 2"
done
echo "mip6-campaign-local: OK"
