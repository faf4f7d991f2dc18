#!/usr/bin/env bash
# Replaces the committed public-API baselines (core/api-baseline, provider-mock/api-baseline) with the
# API of the current tree, so `mvn verify` accepts it from now on. Run it only for a deliberate change
# of the public API, and commit the new baseline jars with the change that needed them.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(core:utter-core provider-mock:utter-provider-mock)
mvn -q -B -pl core,provider-mock -am package -DskipTests -Djapicmp.skip=true
for module in "${modules[@]}"; do
  dir=${module%%:*}
  artifact=${module##*:}
  jar=$(find "$dir/target" -maxdepth 1 -name "$artifact-*.jar" ! -name '*-tests.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar')
  mkdir -p "$dir/api-baseline"
  cp "$jar" "$dir/api-baseline/$artifact.jar"
  echo "$dir/api-baseline/$artifact.jar <- $jar"
done
