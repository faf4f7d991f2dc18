import json
import os

from utter_modal.app_echo import create_echo_app
from utter_modal.app_qwen import create_qwen_app
from utter_modal.engines import FakeEngine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name):
    with open(os.path.join(ROOT, "openapi", f"{name}.json"), encoding="utf-8") as f:
        return json.load(f)


def test_qwen_openapi_checked_in():
    spec = load("qwen")
    assert spec == create_qwen_app(FakeEngine("qwen")).openapi(), "run scripts/gen_openapi.py"
    assert {"/health", "/languages", "/voices", "/clone", "/clone-batch"} == set(spec["paths"])


def test_echo_openapi_checked_in():
    spec = load("echo")
    assert spec == create_echo_app(FakeEngine("echo")).openapi(), "run scripts/gen_openapi.py"
    assert {"/health", "/voices", "/generate"} == set(spec["paths"])
