"""``python -m utter_modal serve --service qwen|echo|design --engine fake|real --port N ...``"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence


def build_parser() -> argparse.ArgumentParser:
    """The ``serve`` command line (CONTRACT.md, "Local runner")."""
    p = argparse.ArgumentParser(prog="python -m utter_modal", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run a service with uvicorn")
    s.add_argument("--service", choices=["qwen", "echo", "design"], required=True)
    s.add_argument("--engine", choices=["fake", "real"], default="fake")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--token", default=None, help="bearer token (default: $UTTER_SERVICE_TOKEN; off when unset)")
    s.add_argument("--delay", type=float, default=0.0, help="fake engine: seconds to sleep per generation")
    s.add_argument("--access-log", default=None, help="append one JSON line per request to this file")
    s.add_argument("--max-body-bytes", type=int, default=None)
    s.add_argument("--model-path", default=None, help="real qwen or design engine: local weights directory")
    s.add_argument("--gpu", default=None, help="GPU name reported by /health (default: cpu)")
    return p


def make_app(args: argparse.Namespace):
    """Load the chosen engine and build its service app from parsed ``serve`` arguments."""
    from .engines import make_engine
    from .settings import Settings

    settings = Settings.from_env(
        token=args.token,
        access_log=args.access_log,
        max_body_bytes=args.max_body_bytes,
        gpu=args.gpu,
    )
    engine = make_engine(args.service, args.engine, delay=args.delay, model_path=args.model_path)
    engine.load()
    if args.engine == "real" and args.gpu is None and not os.environ.get("UTTER_GPU"):
        settings.gpu = engine.gpu_name()
    if args.service == "qwen":
        from .app_qwen import create_qwen_app

        return create_qwen_app(engine, settings)
    if args.service == "design":
        from .app_design import create_design_app

        return create_design_app(engine, settings)
    from .app_echo import create_echo_app

    return create_echo_app(engine, settings)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; ``serve`` blocks until uvicorn stops."""
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        import uvicorn

        app = make_app(args)
        uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False)
        return 0
    return 2  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
