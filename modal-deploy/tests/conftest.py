import os
import sys

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, os.path.dirname(__file__))

from utter_modal.app_echo import create_echo_app  # noqa: E402
from utter_modal.app_qwen import create_qwen_app  # noqa: E402
from utter_modal.engines import FakeEngine  # noqa: E402
from utter_modal.settings import Settings  # noqa: E402


@pytest.fixture
def make_qwen():
    def _make(**kw):
        engine = kw.pop("engine", None) or FakeEngine("qwen")
        app = create_qwen_app(engine, Settings(**kw))
        return TestClient(app, raise_server_exceptions=False)

    return _make


@pytest.fixture
def make_echo():
    def _make(**kw):
        engine = kw.pop("engine", None) or FakeEngine("echo")
        app = create_echo_app(engine, Settings(**kw))
        return TestClient(app, raise_server_exceptions=False)

    return _make


@pytest.fixture
def qwen(make_qwen):
    return make_qwen()


@pytest.fixture
def echo(make_echo):
    return make_echo()
