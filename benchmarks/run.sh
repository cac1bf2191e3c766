#!/usr/bin/env bash
# The performance suite: this SDK side by side with the official Sentry Java SDK.
#
#   benchmarks/run.sh             full run (9 to 14 minutes on a shared 2-core machine, less on a quiet one); writes docs/PERFORMANCE.md
#   benchmarks/run.sh --smoke     CI: every benchmark once, briefly; asserts no timing;
#                                 writes benchmarks/target/bench-results/PERFORMANCE-smoke.md
#   add --no-build to reuse benchmarks/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
build=yes
for arg in "$@"; do
  case "$arg" in
    --smoke) args+=(--smoke) ;;
    --no-build) build=no ;;
    *) echo "usage: benchmarks/run.sh [--smoke] [--no-build]" >&2; exit 2 ;;
  esac
done

if [ "$build" = yes ]; then
  ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests
fi
exec java -jar benchmarks/target/benchmarks.jar "${args[@]}"
