#!/usr/bin/env bash
# Replaces the committed public-API baselines (MODULE/api-baseline/ARTIFACT.jar of every published module) with the
# API of the current tree, so `mvn verify` accepts it from now on. Run it only for a deliberate change
# of the public API, and commit the new baseline jars with the change that needed them.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(core:utter-core modal-transport:utter-modal-transport codecs:utter-codecs provider-mock:utter-provider-mock
  provider-qwen-modal:utter-provider-qwen-modal provider-echo-modal:utter-provider-echo-modal)
mvn -q -B -pl core,modal-transport,codecs,provider-mock,provider-qwen-modal,provider-echo-modal -am package \
  -DskipTests -Djapicmp.skip=true
for module in "${modules[@]}"; do
  dir=${module%%:*}
  artifact=${module##*:}
  jar=$(find "$dir/target" -maxdepth 1 -name "$artifact-*.jar" ! -name '*-tests.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar')
  mkdir -p "$dir/api-baseline"
  cp "$jar" "$dir/api-baseline/$artifact.jar"
  echo "$dir/api-baseline/$artifact.jar <- $jar"
done
