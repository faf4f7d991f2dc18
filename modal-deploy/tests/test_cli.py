import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("service, rate", [("qwen", 24000), ("echo", 44100), ("design", 24000)])
def test_serve_fake_answers_health(service, rate, tmp_path):
    port = free_port()
    log = tmp_path / "access.jsonl"
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("UTTER_SERVICE_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "utter_modal", "serve", "--service", service, "--engine", "fake",
         "--port", str(port), "--token", "tok", "--access-log", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 10
        body = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
                    body = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "server did not answer /health in time"
        assert body["engine"] == "fake" and body["sample_rate"] == rate
        post_path = "/design" if service == "design" else "/voices"
        req = urllib.request.Request(f"http://127.0.0.1:{port}{post_path}", data=b"{}", method="POST",
                                     headers={"content-type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=5)
        assert e.value.code == 401
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"Uvicorn running on http://127.0.0.1:{port}" in out
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert lines[-1]["path"] == post_path and lines[-1]["status"] == 401


def test_cli_rejects_bad_args():
    r = subprocess.run([sys.executable, "-m", "utter_modal", "serve", "--service", "nope"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 2
