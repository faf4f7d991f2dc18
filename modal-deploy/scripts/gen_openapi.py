"""Regenerate openapi/qwen.json, openapi/echo.json and openapi/design.json from the apps (fake engines).

    python modal-deploy/scripts/gen_openapi.py          # write
    python modal-deploy/scripts/gen_openapi.py --check  # exit 1 when stale
"""

from __future__ import annotations

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from utter_modal.app_design import create_design_app  # noqa: E402
from utter_modal.app_echo import create_echo_app  # noqa: E402
from utter_modal.app_qwen import create_qwen_app  # noqa: E402
from utter_modal.engines import FakeDesignEngine, FakeEngine  # noqa: E402


def specs() -> dict:
    """The OpenAPI document of each service, by file name."""
    return {
        "qwen": create_qwen_app(FakeEngine("qwen")).openapi(),
        "echo": create_echo_app(FakeEngine("echo")).openapi(),
        "design": create_design_app(FakeDesignEngine()).openapi(),
    }


def render(spec: dict) -> str:
    return json.dumps(spec, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    stale = []
    for name, spec in specs().items():
        path = os.path.join(ROOT, "openapi", f"{name}.json")
        text = render(spec)
        if "--check" in argv:
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
                stale.append(path)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote", path)
    for p in stale:
        print("stale:", p)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
