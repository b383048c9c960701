#!/usr/bin/env bash
# ctest mip6-campaign-slurm: a small campaign through `mip6-campaign --backend slurm` on a
# one-node Slurm cluster, compared with the local backend.
#   test/campaign-slurm.sh <mip6-campaign> <scratch dir>
# Starts munged, slurmctld and slurmd (Debian 12's slurm-wlm and munge, as root) when no cluster
# answers, with a slurm.conf whose CPUs come from nproc, and stops the daemons it started by their
# PID files. It fails with a reason, never skips, when the cluster cannot start.
set -euo pipefail
campaign=$1
work=$2
fail() { echo "mip6-campaign-slurm: FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
started=()
stop_daemons() {
  # Reverse start order: slurmd, slurmctld, then munged.
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    pidfile=${started[$i]}
    if [ -s "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
}
trap stop_daemons EXIT

# Waits (bounded) until the command succeeds; $1 = tries of 0.1 s.
wait_for() {
  local tries=$1
  shift
  for _ in $(seq "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}
node_idle() { [ "$(sinfo -h -N -o %T 2>/dev/null | head -1)" = idle ]; }

if sinfo -h >/dev/null 2>&1 && node_idle; then
  echo "mip6-campaign-slurm: using the running cluster"
else
  [ "$(id -u)" -eq 0 ] || fail "no Slurm cluster answers and starting one needs root (run as root, or start slurmctld/slurmd first)"
  for p in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd /usr/bin/sbatch; do
    [ -x "$p" ] || fail "$p missing: install slurm-wlm and munge (tools/setup.sh does)"
  done
  [ -r /etc/munge/munge.key ] || fail "/etc/munge/munge.key missing (the munge package creates it)"
  install -d -o munge -g munge -m 0755 /run/munge
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    runuser -u munge -- /usr/sbin/munged || fail "munged did not start"
    started+=(/run/munge/munged.pid)
    wait_for 50 bash -c 'munge -n | unmunge' || fail "munge does not answer"
  fi
  install -d -m 0755 /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm
  conf=/etc/slurm/slurm.conf
  if [ -e "$conf" ] && ! grep -q "^# Written by mip6 test/campaign-slurm.sh" "$conf"; then
    fail "$conf exists and was not written by this test: not replaced (start that cluster first)"
  fi
  cat > "$conf" <<EOF
# Written by mip6 test/campaign-slurm.sh: a one-node cluster for the campaign test.
ClusterName=mip6ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
MaxArraySize=10001
MailProg=/bin/true
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0,default_queue_depth=100
NodeName=localhost NodeHostname=localhost CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  /usr/sbin/slurmctld || fail "slurmctld did not start (see /var/log/slurm/slurmctld.log)"
  started+=(/run/slurm/slurmctld.pid)
  /usr/sbin/slurmd -N localhost || fail "slurmd did not start (see /var/log/slurm/slurmd.log)"
  started+=(/run/slurm/slurmd.pid)
  wait_for 300 node_idle || fail "the node did not become idle: $(sinfo -N 2>&1)"
  echo "mip6-campaign-slurm: started a one-node cluster ($(nproc) CPUs)"
fi

# 2 designs x 2 points x 2 runs of mip6-compare, short.
cat > "$work/small.cfg" <<'EOF'
name = small
seed = 3
runs = 1-2
[mip6-compare]
designs = none authopt
sim-time = 6
aps = 2
speed = 5 20
EOF
start=$(date +%s.%N)
# MaxArraySize 3 splits the 8 runs into three arrays (chunking); the wait is bounded.
set +e
"$campaign" "$work/small.cfg" --output "$work/slurm" --backend slurm --max-array-size 3 \
  --poll-interval 0.5 --wait-timeout 600 > "$work/slurm.txt" 2> "$work/slurm.err"
rc=$?
set -e
cat "$work/slurm.txt" "$work/slurm.err"
[ "$rc" -eq 0 ] || fail "--backend slurm exited $rc"
grep -q "ran 8, skipped 0 (finished earlier), failed 0" "$work/slurm.txt" || fail "not 8 runs finished"
njobs=$(wc -l < "$work/slurm/slurm/jobs.txt")
[ "$njobs" -eq 3 ] || fail "expected 3 job arrays (8 runs, 3 per array), jobs.txt has $njobs"
[ -x "$work/slurm/slurm/campaign.sbatch" ] || fail "no sbatch script in OUT/slurm"
[ "$(wc -l < "$work/slurm/slurm/tasks.txt")" -eq 8 ] || fail "tasks.txt does not list 8 runs"
echo "mip6-campaign-slurm: slurm backend $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }") s"

"$campaign" "$work/small.cfg" --output "$work/local" --jobs 2 > "$work/local.txt" 2>&1 ||
  fail "local backend failed: $(cat "$work/local.txt")"
cmp "$work/slurm/campaign.json" <(sed "s|$work/local|$work/slurm|g" "$work/local/campaign.json") ||
  fail "campaign.json differs between the backends (beyond the output folder)"
n=0
while IFS= read -r manifest; do
  dir=$(dirname "$manifest")
  rel=${dir#"$work/local/"}
  [ -f "$work/slurm/$rel/manifest.json" ] || fail "$rel missing from the Slurm output"
  for f in handovers.csv bootstrap.csv overhead.csv state.csv messages.csv; do
    cmp -s "$dir/$f" "$work/slurm/$rel/$f" || fail "$rel/$f differs between local and Slurm"
  done
  n=$((n + 1))
done < <(find "$work/local/runs" -name manifest.json)
[ "$n" -eq 8 ] || fail "expected 8 local runs, found $n"
echo "mip6-campaign-slurm: 8 runs, CSVs byte-identical between the local and the Slurm backend"

# Again on Slurm: everything is finished, nothing is submitted.
"$campaign" "$work/small.cfg" --output "$work/slurm" --backend slurm > "$work/again.txt" 2>&1 ||
  fail "second Slurm invocation failed: $(cat "$work/again.txt")"
grep -q "ran 0, skipped 8" "$work/again.txt" || fail "the second invocation did not skip all: $(cat "$work/again.txt")"
[ ! -e "$work/slurm/slurm/jobs.txt" ] || fail "a job was submitted although every run was finished"

# A failing run on Slurm is reported with its command and log; the other runs finish.
cat > "$work/fail.cfg" <<'EOF'
name = fail
[mip6-compare]
designs = none
sim-time = 4
aps = 2
ns3::Mip6WlanAccessHelper::HomeAccessPoint = 0 7
EOF
set +e
"$campaign" "$work/fail.cfg" --output "$work/fail" --backend slurm --poll-interval 0.5 \
  --wait-timeout 600 > "$work/fail.txt" 2>&1
rc=$?
set -e
cat "$work/fail.txt"
[ "$rc" -eq 1 ] || fail "a failed Slurm task: exit $rc, expected 1"
grep -q "FAILED runs/mip6-compare/Mip6WlanAccessHelper.HomeAccessPoint=7/none/run-1: killed by signal 6" "$work/fail.txt" ||
  fail "the failed run is not reported"
grep -q "log: $work/fail/runs/mip6-compare/Mip6WlanAccessHelper.HomeAccessPoint=7/none/run-1.failed/log.txt" "$work/fail.txt" ||
  fail "the failed run's log is not reported"
[ -f "$work/fail/runs/mip6-compare/Mip6WlanAccessHelper.HomeAccessPoint=0/none/run-1/manifest.json" ] ||
  fail "the other run did not finish"
echo "mip6-campaign-slurm: OK"
