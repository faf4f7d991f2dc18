"""Import both Modal app files (no network) and check names and web-endpoint protection."""

import importlib
import os
import sys
import warnings

import pytest

modal = pytest.importorskip("modal")

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load(name):
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return importlib.import_module(name)


def _raw(obj):
    from modal._utils.async_utils import synchronizer

    return synchronizer._translate_in(obj)


def _partials(cls):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cls._get_partial_functions()


def _check_web(partial):
    from modal_proto import api_pb2

    cfg = _raw(partial).params.webhook_config
    assert cfg.type == api_pb2.WEBHOOK_TYPE_ASGI_APP
    assert cfg.requires_proxy_auth is True


def test_qwen_modal_app():
    m = _load("qwen3_tts_app")
    assert m.app.name == "qwen3-tts-voice-clone"
    assert m.Qwen3TTSService is not None
    pf = _partials(m.Qwen3TTSService)
    assert {"load", "generate_voice_clone", "generate_voice_clone_batch", "get_model_info", "web"} <= set(pf)
    _check_web(pf["web"])
    for name in ("generate_voice_clone", "generate_voice_clone_batch", "get_model_info"):
        assert _raw(pf[name]).params.webhook_config is None or not _raw(pf[name]).params.webhook_config.type
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        svc = m.app.registered_functions["Qwen3TTSService.*"]
    spec = _raw(svc)._spec
    assert spec.gpus == os.environ.get("QWEN_GPU", "A10G")
    assert "/models" in spec.volumes
    import inspect

    sig = inspect.signature(_raw(pf["generate_voice_clone"]).raw_f)
    assert list(sig.parameters) == ["self", "text", "language", "ref_audio", "ref_text", "max_new_tokens"]
    assert sig.parameters["max_new_tokens"].default == 2048
    sig = inspect.signature(_raw(pf["generate_voice_clone_batch"]).raw_f)
    assert list(sig.parameters) == ["self", "texts", "languages", "ref_audio", "ref_text", "max_new_tokens"]


def test_echo_modal_app():
    m = _load("echo_tts_app")
    assert m.app.name == "utter-tts"
    pf = _partials(m.EchoTTS)
    assert {"load", "generate", "web"} <= set(pf)
    _check_web(pf["web"])
    import inspect

    sig = inspect.signature(_raw(pf["generate"]).raw_f)
    assert list(sig.parameters)[:3] == ["self", "text", "reference_audio_bytes"]


def test_voice_design_modal_app():
    m = _load("voice_design_app")
    assert m.app.name == "qwen3-tts-voice-design"
    assert m.MODEL_ID == "Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign"
    pf = _partials(m.VoiceDesignService)
    assert {"load", "generate_voice_design", "web"} <= set(pf)
    _check_web(pf["web"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        svc = m.app.registered_functions["VoiceDesignService.*"]
    spec = _raw(svc)._spec
    assert spec.gpus == os.environ.get("DESIGN_GPU", "A10G")
    assert "/models" in spec.volumes
    import inspect

    sig = inspect.signature(_raw(pf["generate_voice_design"]).raw_f)
    assert list(sig.parameters) == ["self", "text", "language", "instruct"]


def test_download_weights_app():
    m = _load("download_weights")
    assert m.app.name == "qwen3-tts-download-weights"


def test_service_secret_is_attached_only_when_named(monkeypatch):
    import common_modal

    monkeypatch.delenv("UTTER_MODAL_SECRET", raising=False)
    assert common_modal.service_secrets() == []
    monkeypatch.setenv("UTTER_MODAL_SECRET", "utter-service")
    (secret,) = common_modal.service_secrets()
    assert isinstance(secret, modal.Secret)
