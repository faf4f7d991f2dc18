#!/usr/bin/env bash
# Runs every benchmark (JMH and end-to-end) in one run, about 14 minutes on 2 cores, prints the table and
# writes it to benchmarks/target/results.md. Not part of the tests. Arguments pick row groups to run
# alone, e.g. `bash scripts/bench.sh 3` for the per-call overhead (see RunAll).
# Needs lame and ffmpeg for the MP3 probe benchmark (scripts/test.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests -pl benchmarks -am package
exec java -jar benchmarks/target/benchmarks.jar benchmarks/target/results.md "$@"
