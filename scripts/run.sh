#!/usr/bin/env bash
# Builds and starts the utter web app on the mock provider with an embedded SQLite database in ./data.
# Settings come from the environment (UTTER_PORT, UTTER_BIND, UTTER_DATA_DIR, UTTER_PROVIDER, ...);
# extra arguments are passed to the server.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests -pl samples -am package
exec java -jar samples/target/utter-server.jar "$@"
