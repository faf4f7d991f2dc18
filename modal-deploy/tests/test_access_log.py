import json

from fixtures import b64, wav_bytes


def test_access_log_lines(make_qwen, tmp_path):
    log = tmp_path / "access.jsonl"
    c = make_qwen(access_log=str(log), token="tk")
    h = {"Authorization": "Bearer tk"}
    c.get("/health")
    body = {"text": "hi", "ref_audio_base64": b64(wav_bytes(0.2)), "ref_text": "r"}
    c.post("/clone", json=body, headers=h)
    c.post("/clone", json={"text": "hi", "voice_id": "qv_" + "1" * 32}, headers=h)
    c.post("/clone", json=body)  # unauthorized
    c.post("/clone", content=b"not json", headers=h)
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [set(x) for x in lines] == [
        {"method", "path", "status", "request_bytes", "has_reference_audio", "engine_calls"}] * 5
    assert lines[0] == {"method": "GET", "path": "/health", "status": 200, "request_bytes": 0,
                        "has_reference_audio": False, "engine_calls": 0}
    assert lines[1]["status"] == 200 and lines[1]["has_reference_audio"] is True
    assert [x["engine_calls"] for x in lines] == [0, 1, 0, 0, 0]
    assert lines[1]["request_bytes"] == len(json.dumps(body).encode()) or lines[1]["request_bytes"] > 1000
    assert lines[2]["status"] == 404 and lines[2]["has_reference_audio"] is False
    assert lines[3]["status"] == 401
    assert lines[4]["status"] == 422 and lines[4]["request_bytes"] == 8


def test_access_log_url_counts_as_reference(make_echo, tmp_path):
    log = tmp_path / "a.jsonl"
    c = make_echo(access_log=str(log), url_fetcher=lambda u, m, t: wav_bytes(0.2))
    assert c.post("/voices", json={"ref_audio_url": "https://x.test/a.wav"}).status_code == 200
    assert json.loads(log.read_text().splitlines()[0])["has_reference_audio"] is True
