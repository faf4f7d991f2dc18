#!/usr/bin/env bash
# Runs every test of the project: the Python service (pytest), every Java module (Maven), and the
# published artifacts as a separate project and Maven Central see them (scripts/consumer-test.sh).
# Installs what the tests need on a fresh Debian machine with JDK 17, Maven and Python 3:
# audio encoders (sox, lame, ffmpeg) for the audio corpus, Chromium and ChromeDriver for the
# browser tests, curl for the original guide's curl checks, PostgreSQL (the web app's tests start
# their own throwaway servers with its initdb and pg_ctl, never the system's cluster), and the Python
# service's pinned dependencies in .venv, with the official OpenAI client (pinned) that OpenAiClientTest
# drives.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in sox lame ffmpeg ffprobe chromium chromedriver curl; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing system packages for: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    sox lame ffmpeg chromium chromium-driver curl postgresql >/dev/null
fi

echo "==> Python: modal-deploy"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e 'modal-deploy[dev]'
.venv/bin/python -m pip install -q --disable-pip-version-check 'openai==3.57.0'
.venv/bin/python -m pytest modal-deploy

echo "==> Java: every module"
export UTTER_PYTHON="$PWD/.venv/bin/python"
mvn -B -ntp verify

echo "==> Published artifacts: a separate consumer project, and the release build for Maven Central"
bash scripts/consumer-test.sh
