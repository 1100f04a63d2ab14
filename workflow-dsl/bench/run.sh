#!/usr/bin/env bash
# Runs the compile benchmark (JMH): build + validate + compile generated linear migrations of
# 10, 100, 1,000 and 10,000 steps. Arguments replace the default JMH options, e.g.
#   workflow-dsl/bench/run.sh                       (1 fork, 3 x 2 s warm-up, 5 x 2 s measured)
#   workflow-dsl/bench/run.sh -f 1 -wi 1 -i 3 -p steps=1000
set -euo pipefail
cd "$(dirname "$0")/../.."
options="-f 1 -wi 3 -w 2s -i 5 -r 2s"
if [ "$#" -gt 0 ]; then options="$*"; fi
args="dev.ferry.dsl.bench.CompileBenchmark $options"
exec ./build -q -pl workflow-dsl -Pbench test-compile exec:exec "-Djmh.args=$args"
