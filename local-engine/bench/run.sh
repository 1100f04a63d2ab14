#!/usr/bin/env bash
# Benchmarks Ferry's local engine against aws-local-stepfunctions (tools/asl) on identical
# definitions and inputs, as whole-process wall time (JVM or Node start included), in one run:
#   map100k    one execution of a Map over 100,000 items with a Choice and Pass states inside
#   chain1000  a chain of 1,000 Pass states, run 1,000 times
#   migration1000  the shipped postgres-schema-upgrade migration, run 1,000 times, every Task (Lambda
#              and DynamoDB) answered in-process on both sides from its MockConfigFile (HappyPath)
#   parked10k  10,000 executions parked on task tokens at once: heap held (engine only)
# Each workload runs ${BENCH_ROUNDS:-3} times per engine, alternating, and the medians are compared,
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
cp="$root/local-engine/target/test-classes:$root/local-engine/target/classes:$(cat "$work/classpath")"
java_heap="${BENCH_HEAP:--Xmx1g}"

"$JAVA_HOME/bin/java" -cp "$cp" -Dferry.root="$root" dev.ferry.engine.bench.Bench definitions "$work/defs"

wall() { # prints the wall milliseconds of a command; its stdout goes to stderr for the record
  local start end
  start=$(date +%s%N)
  "$@" >&2 || { echo "bench: '$*' failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

rounds="${BENCH_ROUNDS:-3}"
summary=()
for w in ${BENCH_WORKLOADS:-map100k chain1000 migration1000}; do
  f=() p=()
  for ((i = 0; i < rounds; i++)); do
    f+=("$(wall "$JAVA_HOME/bin/java" "$java_heap" -cp "$cp" dev.ferry.engine.bench.Bench run "$w" "$work/defs")")
    p+=("$(wall env ASL_TOOLS="$root/tools/asl" node --max-old-space-size=4096 "$here/peer.mjs" "$w" "$work/defs")")
  done
  summary+=("$(awk -v w="$w" -v f="$(median "${f[@]}")" -v p="$(median "${p[@]}")" -v fs="${f[*]}" -v ps="${p[*]}" \
    'BEGIN { printf "%s: ferry %d ms (runs %s), aws-local-stepfunctions %d ms (runs %s): ferry is %.1fx faster", w, f, fs, p, ps, p / f }')")
done
"$JAVA_HOME/bin/java" "$java_heap" -cp "$cp" dev.ferry.engine.bench.Bench run parked10k "$work/defs"
printf '%s\n' "${summary[@]}"
