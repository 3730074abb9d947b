#!/bin/sh
# Runs every R2 fuzz target of DaemonFuzzTest in turn for a share of a total time, one Maven run per target (Jazzer
# fuzzes one target per JVM). Run from the repository root or anywhere inside it:
#
#   mock-daemon/fuzz/run.sh 1h                  # every target, 1 hour in all
#   mock-daemon/fuzz/run.sh 10m raw_requests    # one target for 10 minutes
#
# Durations: Ns, Nm or Nh. Findings never land in src/test/resources: each target's base directory is
# mock-daemon/target/fuzz/<target>/ (its generated corpus under .cifuzz-corpus/, its findings as crash-* files), and
# its log is mock-daemon/target/fuzz/<target>.log. A finding to keep is copied by hand into
# src/test/resources/io/mockdocker/reliability/DaemonFuzzTestInputs/<target>/ with a name saying what it is, where
# mvn verify runs it as a regression test. The summary at the end gives each target's executions and findings.
# Jazzer keeps going after a finding (up to 50 distinct ones a target), so a known bug does not end a session.
# Environment: MVN (default "mvn -B -o"), NICE (default "nice -n 19"; empty to run at normal priority).
set -eu

ALL="raw_requests json_bodies multipart_builds tar_imports modern_raw_requests modern_json_bodies modern_tar_bodies"
[ $# -ge 1 ] || { echo "usage: $0 TOTAL (e.g. 30m, 2h) [target...]; targets: $ALL" >&2; exit 2; }
total=$1
shift
targets=${*:-$ALL}

seconds() {
  case $1 in
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *[!0-9]*|'') echo "not a duration: $1" >&2; exit 2 ;;
    *) echo "$1" ;;
  esac
}
count=$(echo $targets | wc -w)
share=$(( $(seconds "$total") / count ))
[ "$share" -ge 10 ] || { echo "$total is less than 10 s a target" >&2; exit 2; }

root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/mock-daemon/target/fuzz
mkdir -p "$out"
summary=$out/summary.txt
: > "$summary"
for t in $targets; do
  case " $ALL " in *" $t "*) ;; *) echo "unknown target $t (one of: $ALL)" >&2; exit 2 ;; esac
  echo "fuzzing $t for ${share}s (log: $out/$t.log)"
  mkdir -p "$out/$t"
  # Coverage is measured in the daemon's own code; JAZZER_INSTRUMENT='io.mockdocker.**,io.undertow.**' adds
  # Undertow's parser (deeper but many times slower: JVM start alone takes minutes on two cores).
  (cd "$root" && JAZZER_FUZZ=1 ${NICE-nice -n 19} ${MVN:-mvn -B -o} -pl mock-daemon test \
      -Dtest="DaemonFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${share}s" -Djazzer.keep_going=50 \
      -Djazzer.instrument="${JAZZER_INSTRUMENT:-io.mockdocker.**}" \
      -Djazzer.internal.basedir="$out/$t") > "$out/$t.log" 2>&1 || true
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$out/$t.log" | tail -1)
  findings=$(find "$out/$t" -maxdepth 1 -name 'crash-*' | wc -l)
  echo "$t: ${runs:-no fuzzing run (see the log)}, $findings finding(s)" | tee -a "$summary"
done
total_runs=$(for t in $targets; do sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/$t.log"; done | awk '{s += $1} END {print s + 0}')
echo "total: $total_runs executions" | tee -a "$summary"
