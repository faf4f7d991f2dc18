import json
import os

import pytest

from utter_modal.app_design import create_design_app
from utter_modal.app_echo import create_echo_app
from utter_modal.app_qwen import create_qwen_app
from utter_modal.engines import FakeDesignEngine, FakeEngine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

APPS = {
    "qwen": (lambda: create_qwen_app(FakeEngine("qwen")), {"/health", "/languages", "/voices", "/clone", "/clone-batch"}),
    "echo": (lambda: create_echo_app(FakeEngine("echo")), {"/health", "/voices", "/generate"}),
    "design": (lambda: create_design_app(FakeDesignEngine()), {"/health", "/languages", "/design"}),
}


def load(name):
    with open(os.path.join(ROOT, "openapi", f"{name}.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.parametrize("name", sorted(APPS))
def test_openapi_file_is_the_apps_current_schema(name):
    make, paths = APPS[name]
    spec = load(name)
    assert spec == make().openapi(), "run scripts/gen_openapi.py"
    assert set(spec["paths"]) == paths


@pytest.mark.parametrize("name", sorted(APPS))
def test_health_is_described_by_a_schema_named_health_response(name):
    spec = load(name)
    ref = spec["paths"]["/health"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/HealthResponse"
    props = spec["components"]["schemas"]["HealthResponse"]["properties"]
    assert {"status", "model", "gpu", "supported_languages", "idempotency_keys", "engine_calls", "limits"} <= set(props)
    if "/languages" in spec["paths"]:
        ref = spec["paths"]["/languages"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/LanguagesResponse"
