"""Drives the utter server's /v1 API with the official `openai` client, changed only in base URL and key.

Usage: openai_client_check.py BASE_URL API_KEY VOICE OUT_DIR

Writes speech.{mp3,opus,wav,pcm}, streamed.mp3 and sse.wav into OUT_DIR for the Java test to probe, and
prints one JSON object: what the client saw (models, errors field by field, streaming order).
Exits non-zero on the first check that fails here.
"""

import base64
import json
import sys
import urllib.request
from pathlib import Path

import openai
from openai import OpenAI

TEXT = (
    "Alpha is the first sentence of this little test text. "
    "Bravo is the second sentence, and it is not short either. "
    "Charlie follows with a third sentence to make it longer. "
    "Delta is the fourth sentence in this somewhat longer text. "
    "Echo comes fifth, and the stream should be well under way. "
    "Foxtrot is the sixth and the last sentence of the text."
)


def history_total(base_url: str, key: str) -> int:
    root = base_url.rsplit("/v1", 1)[0]
    request = urllib.request.Request(root + "/api/generations?limit=1", headers={"X-API-Key": key})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["total"]


def error_fields(call) -> dict:
    try:
        call()
    except openai.APIStatusError as e:
        return {"class": type(e).__name__, "status": e.status_code, "type": e.type, "param": e.param,
                "code": e.code, "message": e.message, "body_keys": sorted(e.body.keys()) if isinstance(e.body, dict) else None}
    raise AssertionError("no error raised")


def main() -> None:
    base_url, key, voice, out = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    client = OpenAI(base_url=base_url, api_key=key, max_retries=0, timeout=60)
    report: dict = {"models": [m.id for m in client.models.list()]}

    for fmt in ("mp3", "opus", "wav", "pcm"):
        speech = client.audio.speech.create(model="tts-1", voice=voice, input=TEXT, response_format=fmt)
        speech.write_to_file(out / f"speech.{fmt}")
        report[f"content_type_{fmt}"] = speech.response.headers.get("content-type")

    # The README's example, as written there but for the base URL, key and file name.
    with client.audio.speech.with_streaming_response.create(
            model="tts-1", voice=voice, input="Hello from a cloned voice.") as response:
        response.stream_to_file(out / "readme.mp3")

    before = history_total(base_url, key)
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice=voice, input=TEXT, response_format="mp3", stream_format="audio"
    ) as response:
        pieces = response.iter_bytes()
        first = next(pieces)
        report["history_when_first_bytes_arrived"] = history_total(base_url, key) - before
        with open(out / "streamed.mp3", "wb") as f:
            f.write(first)
            for piece in pieces:
                f.write(piece)
    report["history_after_stream"] = history_total(base_url, key) - before

    events = []
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice=voice, input=TEXT, response_format="wav", stream_format="sse"
    ) as response:
        report["content_type_sse"] = response.headers.get("content-type")
        audio = bytearray()
        for line in response.iter_lines():
            if line.startswith("data: "):
                event = json.loads(line[len("data: "):])
                events.append(event["type"])
                if event["type"] == "speech.audio.delta":
                    audio += base64.b64decode(event["audio"])
        (out / "sse.wav").write_bytes(bytes(audio))
    report["sse_events"] = events

    report["errors"] = {
        "unknown_voice": error_fields(lambda: client.audio.speech.create(model="tts-1", voice="Nobody", input="Hi")),
        "aac": error_fields(lambda: client.audio.speech.create(
            model="tts-1", voice=voice, input="Hi", response_format="aac")),
        "too_long": error_fields(lambda: client.audio.speech.create(model="tts-1", voice=voice, input="a" * 5001)),
        "speed": error_fields(lambda: client.audio.speech.create(model="tts-1", voice=voice, input="Hi", speed=9)),
        "model": error_fields(lambda: client.audio.speech.create(model="whisper-1", voice=voice, input="Hi")),
        "wrong_key": error_fields(lambda: OpenAI(base_url=base_url, api_key="sk-wrong", max_retries=0)
                                  .audio.speech.create(model="tts-1", voice=voice, input="Hi")),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
