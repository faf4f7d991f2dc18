#!/usr/bin/env bash
# What a user of the published artifacts gets, checked from outside the build:
#  1. `mvn install` of every published module into a scratch local repository;
#  2. a separate Maven project (scripts/consumer/pom.xml + the README's "Add to your build" snippet:
#     utter-bom imported, utter-core and utter-provider-mock) compiles and runs the README's quick start
#     against a sox-made 12 s ada.wav; hello.wav must be a WAV of the duration it printed;
#  3. the release build, `mvn -Prelease -Dgpg.skip install` into the same scratch repository (verify,
#     then what would be deployed, so no stale file counts; tests skipped: scripts/test.sh has just run
#     them), must give every published module its main, sources and Javadoc jars (doclint on, warnings
#     fail) and a POM with Maven Central's required metadata (scripts/publish_check.py reads the
#     effective and the installed POMs).
# Needs JDK 17, Maven, python3 and sox. The scratch repository takes what it can from the user's
# ~/.m2/repository (read only) before Maven Central, so nothing of this branch leaks into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d "${TMPDIR:-/tmp}/utter-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
repo="$work/repository"
settings="$work/settings.xml"
user_repo="$HOME/.m2/repository"
help_plugin="org.apache.maven.plugins:maven-help-plugin:3.5.2"
published="!samples,!benchmarks"

# The user's repository as a read-only remote ahead of Central (its snapshots are other builds'; skip them).
cache=""
if [ -d "$user_repo" ]; then
  cache="<repository><id>user-m2</id><url>file://$user_repo</url>
    <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots></repository>"
fi
cat > "$settings" <<EOF
<settings>
  <profiles><profile><id>user-m2</id>
    <repositories>$cache</repositories>
    <pluginRepositories>${cache//repository>/pluginRepository>}</pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>user-m2</activeProfile></activeProfiles>
</settings>
EOF
mvn_scratch() {
  mvn -B -ntp -gs "$settings" -Dmaven.repo.local="$repo" "$@"
}

version="$(python3 -c 'import sys, xml.etree.ElementTree as ET
print(ET.parse("pom.xml").getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)')"

echo "==> Consumer: install utter-java $version into a scratch repository"
mvn_scratch -q -DskipTests -pl "$published" install

echo "==> Consumer: a separate Maven project runs the README's quick start"
python3 scripts/publish_check.py consumer "$work/consumer" "$version"
sox -n -r 24000 -c 1 -b 16 "$work/consumer/run/ada.wav" synth 12 sine 180 tremolo 5 60
mvn_scratch -q -f "$work/consumer/pom.xml" compile exec:exec | tee "$work/consumer/run/output.txt"
python3 scripts/publish_check.py speech "$work/consumer/run/hello.wav" "$work/consumer/run/output.txt"

echo "==> Release: mvn -Prelease -Dgpg.skip install, then the artifacts and POMs Central would get"
# Not quiet: Maven prints Javadoc's warnings at WARNING level.
if ! mvn_scratch -Prelease -Dgpg.skip -DskipTests -pl "$published" install; then
  echo "FAILED: the release build (Javadoc warnings fail it: doclint is on, see the warnings above)" >&2
  exit 1
fi
mvn_scratch -q -Prelease "$help_plugin:effective-pom" -Doutput="$work/effective-pom.xml"
python3 scripts/publish_check.py release "$work/effective-pom.xml" "$repo" "$version"
echo "Consumer and release checks passed"
