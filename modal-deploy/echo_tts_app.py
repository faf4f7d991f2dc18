"""Echo-TTS service on Modal (the "Echo era" app, plus one ASGI endpoint).

    modal deploy echo_tts_app.py   # prints https://<workspace>--utter-tts-echotts-web.modal.run

Python callers keep ``modal.Cls.from_name("utter-tts", "EchoTTS")().generate.remote(text, ref_bytes)``.
Echo-TTS code is MIT; the weights (jordand/echo-tts-base, jordand/fish-s1-dac-min) and the audio they
generate are CC-BY-NC-SA-4.0: non-commercial use only.
"""

from __future__ import annotations

import os

import modal

from common_modal import SERVICE_PACKAGES, env_int

APP_NAME = "utter-tts"
GPU = os.environ.get("ECHO_GPU", "A10G")
ECHO_REF = os.environ.get("ECHO_TTS_REF", "main")  # pin a commit for reproducible images
VOICE_DICT = os.environ.get("ECHO_VOICE_DICT", "utter-echo-voices")

app = modal.App(APP_NAME)

image = (
    modal.Image.debian_slim(python_version="3.12")
    .apt_install("git", "ffmpeg", "libsndfile1")
    .run_commands(
        "git clone https://github.com/jordandare/echo-tts /opt/echo-tts",
        f"cd /opt/echo-tts && git checkout {ECHO_REF}",
        "pip install -r /opt/echo-tts/requirements.txt",
    )
    .pip_install(*SERVICE_PACKAGES)
    .env({"PYTHONPATH": "/opt/echo-tts", "HF_HOME": "/hf-cache"})
    .add_local_python_source("utter_modal", "common_modal")
)

hf_cache = modal.Volume.from_name("echo-tts-hf-cache", create_if_missing=True)


@app.cls(
    image=image,
    gpu=GPU,
    scaledown_window=env_int("ECHO_SCALEDOWN_WINDOW", 300),
    min_containers=env_int("ECHO_MIN_CONTAINERS", 0),
    timeout=600,
    volumes={"/hf-cache": hf_cache},
)
@modal.concurrent(max_inputs=2)
class EchoTTS:
    @modal.enter()
    def load(self):
        from utter_modal.app_echo import create_echo_app
        from utter_modal.engines.echo import EchoEngine
        from utter_modal.settings import Settings

        self.engine = EchoEngine()
        self.engine.load()
        hf_cache.commit()  # keep downloaded weights for the next cold start
        shared = modal.Dict.from_name(VOICE_DICT, create_if_missing=True)
        self.settings = Settings.from_env(gpu=GPU, shared_cache=shared)
        self.web_app = create_echo_app(self.engine, self.settings)
        self.voices = self.web_app.state.voices

    @modal.method()
    def generate(self, text: str, reference_audio_bytes: bytes, output_format: str = "mp3") -> bytes:
        """Echo-era method: long text is split into <= 767-byte chunks, generated in turn and joined.
        Returns MP3 (as before) or WAV with ``output_format="wav"``."""
        import numpy as np

        from utter_modal.audio import encode_mp3, encode_wav
        from utter_modal.text import split_echo_text

        entry = self.voices.register(reference_audio_bytes, None) if reference_audio_bytes else None
        pieces = []
        gap = np.zeros(int(0.15 * self.engine.sample_rate), dtype=np.float32)
        for chunk in split_echo_text(text, self.settings.max_text_bytes):
            wav = self.engine.generate([chunk], entry.prompt if entry else None, seed=0)[0]
            pieces.extend([wav, gap])
        audio = np.concatenate(pieces[:-1]) if pieces else np.zeros(0, dtype=np.float32)
        if output_format == "wav":
            return encode_wav(audio, self.engine.sample_rate)
        return encode_mp3(audio, self.engine.sample_rate)

    @modal.asgi_app(requires_proxy_auth=True)
    def web(self):
        return self.web_app
