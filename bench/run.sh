#!/usr/bin/env bash
# Ferry's benchmark, in one run, as users meet it (whole processes through ./ferry, JVM start
# included), against aws-local-stepfunctions 3.0.0 (tools/asl) on the same definitions and inputs:
#   start-up      ./ferry exec of a one-Pass machine vs the peer's whole Node process; and the
#                 wall time of ./ferry --version, list, plan and compile of a shipped migration
#   map100k       one execution of a Map over 100,000 items (Choice and Pass states inside)
#   chain1000     a chain of 1,000 Pass states, run 1,000 times (ferry exec --repeat 1000)
#   migration1000 the shipped postgres-schema-upgrade machine run 1,000 times, every Task answered
#                 in-process from its MockConfigFile test case HappyPath on both sides
#   start         one execution of a one-Pass machine (the start-up ratio above)
#   compile       build + validate + compile CPU time per step at 10, 100, 1,000 and 10,000 steps
# Each timed command runs BENCH_ROUNDS (default 5) times, Ferry and the peer alternating so load
# from other processes hits both alike; medians are compared, and the load average is printed
# with them. Usage: bench/run.sh   (after npm ci --prefix tools/asl; BENCH_ROUNDS=N to change)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bin/select-jdk.sh
work="$root/target/bench"
mkdir -p "$work/defs" "$work/out"
rounds="${BENCH_ROUNDS:-5}"
# Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about on every build.
[ "$(ferry_java_major "$JAVA_HOME/bin/java")" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

echo "bench: building ferry (./ferry --version) and the benchmark classes" >&2
./ferry --version >&2
[ -d tools/asl/node_modules/aws-local-stepfunctions ] || npm ci --prefix tools/asl --no-audit --no-fund --loglevel=error >&2
mvn -B -q -ntp -o -pl workflow-dsl,local-engine -DskipTests test-compile 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2
mvn -B -q -ntp -o -pl local-engine dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/engine.classpath" >/dev/null 2>&1
mvn -B -q -ntp -o -pl workflow-dsl dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/dsl.classpath" >/dev/null 2>&1
"$JAVA_HOME/bin/java" -cp "local-engine/target/test-classes:local-engine/target/classes:$(cat "$work/engine.classpath")" \
  -Dferry.root="$root" dev.ferry.engine.bench.Bench definitions "$work/defs"
d="$work/defs"

# "wall cpu" seconds of a command (bash's own timer, so nothing to install); its output is dropped.
timed() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>"$work/last.err"; } 2>&1 ) || { echo "bench: '$*' failed:" >&2; cat "$work/last.err" >&2; exit 1; }
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$t"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

peer() { env ASL_TOOLS="$root/tools/asl" node --max-old-space-size=4096 local-engine/bench/peer.mjs "$1" "$d"; }
ferry_workload() {
  case "$1" in
    map100k | start) ./ferry exec --definition "$d/$1.asl.json" --input "@$d/$1.input.json" ;;
    chain1000) ./ferry exec --definition "$d/chain1000.asl.json" --input "@$d/chain1000.input.json" --repeat 1000 ;;
    migration1000) ./ferry exec --definition "$d/migration1000.asl.json" --input "@$d/migration1000.input.json" \
      --mocks "$d/migration1000.mocks.json" --state-machine postgres-schema-upgrade --test-case HappyPath --repeat 1000 ;;
  esac
}

lines=("load before: $(uptime | sed 's/.*load average/load average/')")
for w in start map100k chain1000 migration1000; do
  fw=() fc=() pw=() pc=()
  for ((i = 0; i < rounds; i++)); do
    read -r wall cpu < <(timed ferry_workload "$w"); fw+=("$wall") fc+=("$cpu")
    read -r wall cpu < <(timed peer "$w"); pw+=("$wall") pc+=("$cpu")
  done
  lines+=("$(awk -v w="$w" -v f="$(median "${fw[@]}")" -v p="$(median "${pw[@]}")" -v fc="$(median "${fc[@]}")" -v pc="$(median "${pc[@]}")" -v fs="${fw[*]}" -v ps="${pw[*]}" \
    'BEGIN { printf "%-14s ferry %6d ms (cpu %5d; runs %s)  peer %6d ms (cpu %5d; runs %s)  ratio %.1fx", w, f, fc, fs, p, pc, ps, p / f }')")
done

migration=postgres-schema-upgrade
for cmd in "--version" "list" "plan $migration" "compile $migration --out $work/out"; do
  ws=() cs=()
  for ((i = 0; i < rounds; i++)); do
    read -r -a args <<<"$cmd"
    read -r wall cpu < <(timed ./ferry "${args[@]}"); ws+=("$wall") cs+=("$cpu")
  done
  lines+=("$(printf 'ferry %-28s %5d ms (cpu %d; runs %s)' "${cmd%% --out*}" "$(median "${ws[@]}")" "$(median "${cs[@]}")" "${ws[*]}")")
done

while read -r line; do lines+=("$line"); done < <("$JAVA_HOME/bin/java" -Xss4m -Xmx2g -cp "workflow-dsl/target/test-classes:workflow-dsl/target/classes:$(cat "$work/dsl.classpath")" dev.ferry.dsl.bench.CompileCost)
lines+=("load after: $(uptime | sed 's/.*load average/load average/')")
lines+=("JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), node $(node --version), $(nproc) cores")
printf '%s\n' "${lines[@]}"
