"""FakeEngine: deterministic CPU audio at the real models' rates and lengths."""

import numpy as np
import pytest

from utter_modal.engines import FakeEngine


def voice(engine, seed=1):
    rng = np.random.default_rng(seed)
    return engine.build_voice(rng.standard_normal(1600).astype(np.float32) * 0.1, 16000, "ref")


TEXT = "Hello there, friend."


def test_same_inputs_same_samples():
    e = FakeEngine("qwen")
    v = voice(e)
    assert np.array_equal(e.generate([TEXT], v, seed=1)[0], e.generate([TEXT], v, seed=1)[0])


def test_seed_changes_the_samples():
    e = FakeEngine("qwen")
    v = voice(e)
    assert not np.array_equal(e.generate([TEXT], v, seed=1)[0], e.generate([TEXT], v, seed=2)[0])


def test_voice_changes_the_samples():
    e = FakeEngine("qwen")
    assert not np.array_equal(e.generate([TEXT], voice(e, 1), seed=1)[0], e.generate([TEXT], voice(e, 2), seed=1)[0])


def test_samples_are_float32_within_half_scale():
    e = FakeEngine("qwen")
    a = e.generate([TEXT], voice(e))[0]
    assert a.dtype == np.float32 and np.abs(a).max() <= 0.5 + 1e-6


def test_qwen_duration_follows_text_at_24khz():
    e = FakeEngine("qwen")
    assert e.sample_rate == 24000
    assert len(e.generate(["x" * 140], voice(e))[0]) == 24000 * 10


def test_short_text_gets_the_minimum_duration():
    e = FakeEngine("qwen")
    assert len(e.generate(["a"], voice(e))[0]) == int(0.3 * 24000)


def test_qwen_token_budget_caps_the_length():
    e = FakeEngine("qwen")  # 12.5 codec frames per second: 25 tokens -> 2 s
    assert len(e.generate(["x" * 140], voice(e), max_new_tokens=25)[0]) == 24000 * 2


def test_echo_caps_at_the_sequence_length():
    e = FakeEngine("echo")
    assert e.sample_rate == 44100
    assert len(e.generate(["x" * 767], None)[0]) == int(round(29.7 * 44100))
    assert abs(len(e.generate(["x" * 767], None, sampler={"sequence_length": 64})[0]) - 64 * 2048) <= 1


def test_one_waveform_per_text():
    e = FakeEngine("qwen")
    assert len(e.generate(["a", "b", "c"], voice(e), languages=["Auto"] * 3)) == 3


def test_delay_is_slept_per_call():
    import time

    e = FakeEngine("qwen", delay=0.05)
    t0 = time.monotonic()
    e.generate(["hi"], voice(e))
    assert time.monotonic() - t0 >= 0.05


def test_unknown_service_is_rejected():
    with pytest.raises(ValueError):
        FakeEngine("nope")
