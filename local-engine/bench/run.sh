#!/usr/bin/env bash
# Benchmarks Ferry's local engine against aws-local-stepfunctions (tools/asl) on identical
# definitions and inputs, as whole-process wall time (JVM or Node start included), in one run:
#   map100k    one execution of a Map over 100,000 items with a Choice and Pass states inside
#   chain1000  a chain of 1,000 Pass states, run 1,000 times
#   migration1000  the shipped postgres-schema-upgrade migration, run 1,000 times, every Task (Lambda
#              and DynamoDB) answered in-process on both sides from its MockConfigFile (HappyPath)
#   start      one execution of a one-Pass machine: the fixed cost of starting the process (no target)
#   parked10k  10,000 executions parked on task tokens at once: heap held (engine only)
# Each workload runs ${BENCH_ROUNDS:-5} times per engine, alternating, and the medians are compared,
# so load from other processes on the machine hits both sides alike.
# Usage: local-engine/bench/run.sh   (prints one JSON line per process, then the ratios)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
. bin/select-jdk.sh
work="$root/local-engine/target/bench"
mkdir -p "$work"

echo "bench: compiling the engine and its test classes" >&2
mvn -B -q -ntp -o -pl local-engine -am -DskipTests test-compile >&2
mvn -B -q -ntp -o -pl local-engine dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/classpath" >&2
[ -d tools/asl/node_modules/aws-local-stepfunctions ] || npm ci --prefix tools/asl >&2
# The JVM's ahead-of-time cache (JDK 25 -XX:AOTCache; plain class-data sharing on JDK 21-24) only
# takes classes from jars, so the engine and the bench classes are packed into jars first.
jar cf "$work/ferry-local-engine.jar" -C local-engine/target/classes .
jar cf "$work/ferry-bench.jar" -C local-engine/target/test-classes dev/ferry/engine/bench
cp="$work/ferry-bench.jar:$work/ferry-local-engine.jar:$(cat "$work/classpath")"
java_heap="${BENCH_HEAP:--Xmx1g}"

"$JAVA_HOME/bin/java" -cp "$cp" -Dferry.root="$root" dev.ferry.engine.bench.Bench definitions "$work/defs"

# JVM flags for short runs of about a second on a small machine, chosen by measurement (median
# wall and CPU time of alternating runs, all three workloads): the serial collector, and the C1
# compiler only, as C2 compiling on the same two cores costs more than its faster code pays back.
java_flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
if [ -n "${BENCH_JVM_FLAGS:-}" ]; then
  read -r -a java_flags <<<"$BENCH_JVM_FLAGS"
fi
# JVM start-up: a training run at a small size records the classes the engine loads and links and
# their method profiles; the timed runs start from that cache (made here on each run, never
# committed). BENCH_AOT=0 times a JVM without it.
if [ "${BENCH_AOT:-1}" = 1 ]; then
  rm -f "$work/ferry.aot" "$work/ferry.jsa"
  if [ "$(ferry_java_major "$JAVA_HOME/bin/java")" -ge 25 ]; then
    "$JAVA_HOME/bin/java" "${java_flags[@]}" -XX:AOTCacheOutput="$work/ferry.aot" -Xlog:aot=warning -cp "$cp" dev.ferry.engine.bench.Bench train "$work/defs" >&2
    java_flags+=(-XX:AOTCache="$work/ferry.aot")
  else
    "$JAVA_HOME/bin/java" "${java_flags[@]}" -XX:ArchiveClassesAtExit="$work/ferry.jsa" -Xlog:cds=warning -cp "$cp" dev.ferry.engine.bench.Bench train "$work/defs" >&2
    java_flags+=(-XX:SharedArchiveFile="$work/ferry.jsa")
  fi
fi
java_flags+=("$java_heap")
echo "bench: JVM flags ${java_flags[*]}" >&2

wall() { # prints the wall milliseconds of a command; its stdout goes to stderr for the record
  local start end
  start=$(date +%s%N)
  "$@" >&2 || { echo "bench: '$*' failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rounds="${BENCH_ROUNDS:-5}"
summary=("load before: $(uptime)")
for w in ${BENCH_WORKLOADS:-map100k chain1000 migration1000 start}; do
  f=() p=()
  for ((i = 0; i < rounds; i++)); do
    f+=("$(wall "$JAVA_HOME/bin/java" "${java_flags[@]}" -cp "$cp" dev.ferry.engine.bench.Bench run "$w" "$work/defs")")
    p+=("$(wall env ASL_TOOLS="$root/tools/asl" node --max-old-space-size=4096 "$here/peer.mjs" "$w" "$work/defs")")
  done
  summary+=("$(awk -v w="$w" -v f="$(median "${f[@]}")" -v p="$(median "${p[@]}")" -v fs="${f[*]}" -v ps="${p[*]}" \
    'BEGIN { printf "%s: ferry %d ms (runs %s), aws-local-stepfunctions %d ms (runs %s): ferry is %.1fx faster", w, f, fs, p, ps, p / f }')")
done
"$JAVA_HOME/bin/java" "$java_heap" -cp "$cp" dev.ferry.engine.bench.Bench run parked10k "$work/defs"
summary+=("load after: $(uptime)")
printf '%s\n' "${summary[@]}"
