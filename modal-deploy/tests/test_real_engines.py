"""QwenEngine and EchoEngine without a GPU: lazy imports, and the calls they make into
``qwen_tts`` / Echo-TTS ``inference`` (recorded by stand-in modules shaped like the real APIs)."""

import os
import subprocess
import sys
import types
from functools import partial

import numpy as np
import pytest

from utter_modal.engines import make_engine
from utter_modal.engines.echo import DEFAULT_SAMPLER, EchoEngine
from utter_modal.engines.qwen import QwenEngine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_package_imports_without_modal_torch_or_model_libraries():
    code = ("import sys, utter_modal.app_qwen, utter_modal.app_echo, utter_modal.app_design, utter_modal.cli, "
            "utter_modal.engines.qwen, utter_modal.engines.echo; "
            "print([m in sys.modules for m in ('torch', 'modal', 'qwen_tts', 'inference')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[False, False, False, False]"


def test_make_engine_builds_real_engines_without_loading_them():
    q = make_engine("qwen", "real")
    e = make_engine("echo", "real")
    assert (q.name, q.model, q.sample_rate) == ("qwen", None, 24000)
    assert (e.name, e.model, e.sample_rate) == ("echo", None, 44100)


def test_make_engine_rejects_an_unknown_kind():
    with pytest.raises(ValueError):
        make_engine("qwen", "bogus")


def test_real_engine_used_before_load_fails_clearly():
    with pytest.raises(RuntimeError, match="not loaded"):
        QwenEngine().build_voice(np.zeros(10, dtype=np.float32), 16000, "x")


# ------------------------------------------------------------------ stand-ins
@pytest.fixture
def fake_torch(monkeypatch):
    seeds = []
    torch = types.ModuleType("torch")
    torch.bfloat16 = "bfloat16"
    torch.float32 = "float32"
    torch.manual_seed = seeds.append
    torch.cuda = types.SimpleNamespace(is_available=lambda: False, manual_seed_all=seeds.append)
    torch.seeds = seeds
    monkeypatch.setitem(sys.modules, "torch", torch)
    return torch


@pytest.fixture
def qwen_calls(monkeypatch, fake_torch):
    calls = []

    class Qwen3TTSModel:
        @classmethod
        def from_pretrained(cls, path, **kw):
            calls.append(("from_pretrained", path, kw))
            return cls()

        def create_voice_clone_prompt(self, ref_audio=None, ref_text=None, x_vector_only_mode=False):
            calls.append(("create_voice_clone_prompt", ref_audio, ref_text))
            return [types.SimpleNamespace(ref_spk_embedding=np.zeros(8, dtype=np.float32), ref_text=ref_text)]

        def generate_voice_clone(self, text, language=None, ref_audio=None, ref_text=None,
                                 x_vector_only_mode=False, voice_clone_prompt=None, **kw):
            calls.append(("generate_voice_clone", text, language, ref_audio, voice_clone_prompt, kw))
            return [np.full(2400, 0.1, dtype=np.float32) for _ in text], 24000

    monkeypatch.setitem(sys.modules, "qwen_tts", types.SimpleNamespace(Qwen3TTSModel=Qwen3TTSModel))
    return calls


def loaded_qwen(tmp_path):
    engine = QwenEngine(model_path=str(tmp_path / "no-weights-here"))
    engine.load()
    return engine


def test_qwen_loads_bf16_with_sdpa_when_flash_attention_is_absent(qwen_calls, tmp_path):
    engine = loaded_qwen(tmp_path)
    name, path, kw = qwen_calls[0]
    assert path == "Qwen/Qwen3-TTS-12Hz-0.6B-Base"  # no local weights: the Hub id
    assert kw == {"device_map": "cuda:0", "dtype": "bfloat16", "attn_implementation": "sdpa"}
    assert engine.attention_implementation == "sdpa"


def test_qwen_loads_local_weights_when_the_volume_holds_them(qwen_calls, tmp_path):
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "config.json").write_text("{}")
    QwenEngine(model_path=str(tmp_path / "w")).load()
    assert qwen_calls[0][1] == str(tmp_path / "w")


def test_qwen_voice_prompt_is_built_from_decoded_audio(qwen_calls, tmp_path):
    engine = loaded_qwen(tmp_path)
    wav = np.zeros(1600, dtype=np.float32)
    prompt = engine.build_voice(wav, 16000, "the transcript")
    _, ref_audio, ref_text = qwen_calls[1]
    assert isinstance(ref_audio, tuple) and ref_audio[1] == 16000 and isinstance(ref_audio[0], np.ndarray)
    assert ref_text == "the transcript" and prompt.nbytes == 32


def test_qwen_batch_is_one_call_with_lists_and_the_prompt_reused(qwen_calls, tmp_path):
    engine = loaded_qwen(tmp_path)
    prompt = engine.build_voice(np.zeros(1600, dtype=np.float32), 16000, "t")
    out = engine.generate(["a", "b"], prompt, languages=["English", "Auto"], max_new_tokens=512)
    gen = [c for c in qwen_calls if c[0] == "generate_voice_clone"]
    assert len(gen) == 1
    _, text, language, ref_audio, voice_clone_prompt, kw = gen[0]
    assert text == ["a", "b"] and language == ["English", "Auto"] and ref_audio is None
    assert len(voice_clone_prompt) == 2 and voice_clone_prompt[0] is voice_clone_prompt[1] is prompt.data[0]
    assert kw == {"max_new_tokens": 512}
    assert [len(w) for w in out] == [2400, 2400]


def test_qwen_always_sends_max_new_tokens(qwen_calls, tmp_path):
    engine = loaded_qwen(tmp_path)
    engine.generate(["a"], engine.build_voice(np.zeros(160, dtype=np.float32), 16000, "t"))
    assert qwen_calls[-1][-1] == {"max_new_tokens": 2048}


def test_qwen_seed_seeds_torch(qwen_calls, fake_torch, tmp_path):
    engine = loaded_qwen(tmp_path)
    engine.generate(["a"], engine.build_voice(np.zeros(160, dtype=np.float32), 16000, "t"), seed=42)
    assert fake_torch.seeds == [42]


class _Tensor:
    def __init__(self, a):
        self.a = a

    def __getitem__(self, i):
        return _Tensor(self.a[i])

    def float(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self.a


@pytest.fixture
def echo_calls(monkeypatch, fake_torch):
    calls = []
    inference = types.ModuleType("inference")
    inference.load_model_from_hf = lambda repo, **kw: calls.append(("model", repo, kw)) or "dit"
    inference.load_fish_ae_from_hf = lambda repo, **kw: calls.append(("fish_ae", repo, kw)) or "ae"
    inference.load_pca_state_from_hf = lambda repo, **kw: calls.append(("pca", repo, kw)) or "pca"

    def sample_euler_cfg_independent_guidances(**kw):  # never called by the stand-in pipeline
        raise AssertionError

    def sample_pipeline(**kw):
        calls.append(("sample_pipeline", kw))
        return _Tensor(np.zeros((1, 1, 4410), dtype=np.float32)), kw["text_prompt"]

    inference.sample_euler_cfg_independent_guidances = sample_euler_cfg_independent_guidances
    inference.sample_pipeline = sample_pipeline
    monkeypatch.setitem(sys.modules, "inference", inference)
    return calls


def test_echo_loads_the_readme_models(echo_calls):
    EchoEngine().load()
    assert echo_calls[0] == ("model", "jordand/echo-tts-base",
                             {"device": "cuda", "dtype": "bfloat16", "delete_blockwise_modules": True})
    assert echo_calls[1] == ("fish_ae", "jordand/fish-s1-dac-min", {"device": "cuda", "dtype": "float32"})
    assert echo_calls[2] == ("pca", "jordand/echo-tts-base", {"device": "cuda"})


def test_echo_generates_with_readme_sampler_defaults_and_our_normalized_text(echo_calls):
    engine = EchoEngine()
    engine.load()
    out = engine.generate(["[S1] Hello."], None, seed=7, sampler={"num_steps": 20})
    kw = echo_calls[-1][1]
    assert kw["text_prompt"] == "[S1] Hello." and kw["normalize_text"] is False
    assert kw["rng_seed"] == 7 and kw["speaker_audio"] is None
    fn = kw["sample_fn"]
    assert isinstance(fn, partial) and fn.keywords == dict(DEFAULT_SAMPLER, num_steps=20)
    assert out[0].shape == (4410,) and out[0].dtype == np.float32


def test_echo_readme_sampler_defaults():
    assert DEFAULT_SAMPLER == {
        "num_steps": 40, "cfg_scale_text": 3.0, "cfg_scale_speaker": 8.0, "cfg_min_t": 0.5, "cfg_max_t": 1.0,
        "truncation_factor": 0.8, "rescale_k": None, "rescale_sigma": None, "speaker_kv_scale": None,
        "speaker_kv_max_layers": None, "speaker_kv_min_t": None, "sequence_length": 640,
    }


# ------------------------------------------------------------------ voice design
#: qwen_tts 0.1.1 Qwen3TTSModel._merge_generate_kwargs: the generation arguments it knows
QWEN_GENERATE_KWARGS = {"do_sample", "top_k", "top_p", "temperature", "repetition_penalty", "subtalker_dosample",
                        "subtalker_top_k", "subtalker_top_p", "subtalker_temperature", "max_new_tokens"}


@pytest.fixture
def design_calls(monkeypatch, fake_torch):
    """A stand-in ``qwen_tts`` whose ``generate_voice_design`` has the real signature
    (qwen_tts/inference/qwen3_tts_model.py) and refuses what the real one would not take."""
    calls = []

    class Qwen3TTSModel:
        @classmethod
        def from_pretrained(cls, pretrained_model_name_or_path, **kwargs):
            calls.append(("from_pretrained", pretrained_model_name_or_path, kwargs))
            return cls()

        def generate_voice_design(self, text, instruct, language=None, non_streaming_mode=True, **kwargs):
            unknown = set(kwargs) - QWEN_GENERATE_KWARGS
            assert not unknown, f"not a qwen_tts generation argument: {unknown}"
            assert isinstance(text, str) and isinstance(instruct, str) and isinstance(language, str)
            calls.append(("generate_voice_design", dict(text=text, instruct=instruct, language=language,
                                                        non_streaming_mode=non_streaming_mode, **kwargs)))
            return [np.full(4800, 0.2, dtype=np.float32)], 24000

    monkeypatch.setitem(sys.modules, "qwen_tts", types.SimpleNamespace(Qwen3TTSModel=Qwen3TTSModel))
    return calls


def test_design_engine_loads_the_voicedesign_model(design_calls, tmp_path):
    from utter_modal.engines.qwen import QwenDesignEngine

    engine = QwenDesignEngine(model_path=str(tmp_path / "empty"))
    engine.load()
    assert design_calls[0] == ("from_pretrained", "Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign",
                               {"device_map": "cuda:0", "dtype": "bfloat16", "attn_implementation": "sdpa"})
    assert (engine.name, engine.sample_rate) == ("qwen-design", 24000)


def test_design_engine_calls_generate_voice_design_with_the_packages_keywords(design_calls, fake_torch, tmp_path):
    from utter_modal.engines.qwen import QwenDesignEngine

    engine = QwenDesignEngine(model_path=str(tmp_path / "empty"))
    engine.load()
    wav = engine.design("Ahoy.", "English", "An old sailor.", seed=9)
    assert design_calls[-1] == ("generate_voice_design", {
        "text": "Ahoy.", "instruct": "An old sailor.", "language": "English", "non_streaming_mode": True,
        "max_new_tokens": 2048})
    assert fake_torch.seeds == [9]
    assert wav.shape == (4800,) and wav.dtype == np.float32


def test_design_engine_through_the_service(design_calls, tmp_path):
    from fastapi.testclient import TestClient

    from utter_modal.app_design import create_design_app
    from utter_modal.engines.qwen import QwenDesignEngine

    engine = QwenDesignEngine(model_path=str(tmp_path / "empty"))
    engine.load()
    r = TestClient(create_design_app(engine)).post(
        "/design", json={"text": "Hello.", "language": "french", "instruct": "A calm narrator."})
    assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
    assert design_calls[-1][1]["language"] == "French"


def test_make_engine_builds_the_design_engines():
    from utter_modal.engines import FakeDesignEngine
    from utter_modal.engines.qwen import QwenDesignEngine

    assert isinstance(make_engine("design", "fake"), FakeDesignEngine)
    real = make_engine("design", "real", model_path="/nowhere")
    assert isinstance(real, QwenDesignEngine) and real.model is None and real.model_path == "/nowhere"
    with pytest.raises(ValueError):
        make_engine("designer", "fake")
