"""``python -m model testcall``: measure one endpoint with a real request (DESIGN §5).

The key comes only from the environment variable named by ``--key-env`` (default
``TEST_CALL_API_KEY``), never from the command line. Exit 0 when every measured call
succeeded, 1 when an upstream error was measured (printed as a result), 2 on bad arguments,
a missing key or a refused endpoint (one line on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from model.cli.common import CliError, load_book, print_json

DEFAULT_KEY_ENV = "TEST_CALL_API_KEY"
EXIT_UPSTREAM_ERROR = 1
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")


def _bounded(low: int, high: int) -> Any:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value

    return parse


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number of seconds") from None
    if not 0.1 <= value <= 600:
        raise argparse.ArgumentTypeError(f"must be between 0.1 and 600 seconds, got {text}")
    return value


def register(sub: Any) -> None:
    from model.live.apis import API_FORMATS

    # No abbreviations: ``--key sk-…`` must not be taken for ``--key-env`` (and echoed).
    p = sub.add_parser(
        "testcall", help="measure an endpoint with real requests (key from env)", allow_abbrev=False
    )
    p.add_argument("--base-url", required=True, help="e.g. https://openrouter.ai/api/v1")
    p.add_argument("--api", required=True, choices=API_FORMATS, help="wire format")
    p.add_argument("--model", required=True, help="model id as this endpoint spells it")
    p.add_argument("--prompt", help="question to ask (a unique salt is put before it)")
    p.add_argument("--max-tokens", type=_bounded(1, 32000), default=200)
    p.add_argument("--runs", type=_bounded(1, 200), default=5, help="measured runs (default 5)")
    p.add_argument("--warmups", type=_bounded(0, 10), default=1, help="runs not counted")
    p.add_argument("--no-stream", action="store_true", help="one JSON answer: no TTFT")
    p.add_argument("--no-salt", action="store_true", help="send the prompt exactly as given")
    p.add_argument("--key-env", default=DEFAULT_KEY_ENV, help=f"default {DEFAULT_KEY_ENV}")
    p.add_argument("--label", help="name of this endpoint in the output")
    p.add_argument("--option", help="calculator option it stands for: direct, openrouter, pooled")
    p.add_argument("--cache-probe", action="store_true", help="same long prefix twice")
    p.add_argument("--probe-tokens", type=_bounded(1024, 100_000), default=None)
    p.add_argument("--cache-marker", choices=("auto", "on", "off"), default="auto")
    p.add_argument("--retries", type=_bounded(0, 5), default=0, help="default 0: no retries")
    p.add_argument("--read-timeout", type=_seconds, default=60.0)
    p.add_argument("--total-timeout", type=_seconds, default=180.0)
    p.add_argument("--evidence-out", help="also write the dated evidence JSON (file or folder)")
    p.add_argument("--vantage", default="", help="where the calls run from (for the evidence)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _config(args: argparse.Namespace) -> Any:
    from model.live.probe import PROBE_TOKENS
    from model.live.session import DEFAULT_PROMPT, RunConfig
    from model.live.transport import Limits

    return RunConfig(
        prompt=args.prompt or DEFAULT_PROMPT,
        max_tokens=args.max_tokens,
        runs=args.runs,
        warmups=args.warmups,
        stream=not args.no_stream,
        salt=not args.no_salt,
        retries=args.retries,
        cache_probe=args.cache_probe,
        probe_tokens=args.probe_tokens or PROBE_TOKENS,
        cache_marker=args.cache_marker,
        limits=Limits(read_s=args.read_timeout, total_s=max(args.total_timeout, args.read_timeout)),
    )


def _progress() -> Any:
    """Progress on stderr for a person at a terminal (never on stdout, never in a pipe)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, planned: int, what: str) -> None:
        end = "\n" if done == planned else ""
        print(f"\r{done}/{planned} calls — {what:<40}", end=end, file=sys.stderr, flush=True)

    return show


def result_json(session: Any) -> dict[str, Any]:
    """DESIGN §5's object for the one endpoint, more fields beside."""
    whole = session.to_json()
    (endpoint,) = whole["endpoints"]
    return {
        "status": whole["status"],
        "runs": endpoint["runs"],
        "summary": endpoint["summary"],
        "endpoint": endpoint["endpoint"],
        "pricing": endpoint["pricing"],
        "warmups": endpoint["warmups"],
        "cache_probe": endpoint["cache_probe"],
        "config": whole["config"],
        "started_at": whole["started_at"],
        "finished_at": whole["finished_at"],
    }


def run(args: argparse.Namespace) -> int:
    from model.live.call import Endpoint
    from model.live.evidence import evidence, file_name, write_evidence
    from model.live.guard import EndpointRefusedError, check_endpoint
    from model.live.session import run_session

    if not ENV_NAME.fullmatch(args.key_env):
        raise CliError("--key-env must name an environment variable (letters, digits, _)")
    key = os.environ.get(args.key_env, "").strip()
    if not key:
        raise CliError(
            f"environment variable {args.key_env} is not set: put the key there "
            "(it is never read from the command line)"
        )
    if not args.model.strip():
        raise CliError("--model is empty")
    try:
        target = check_endpoint(args.base_url)
    except EndpointRefusedError as exc:
        raise CliError(f"--base-url refused: {exc}") from None
    book = load_book(args)
    out_path = Path(args.evidence_out) if args.evidence_out else None
    if out_path is not None and not (out_path.is_dir() or out_path.parent.is_dir()):
        raise CliError(f"--evidence-out: folder {out_path.parent} does not exist")
    endpoint = Endpoint(
        label=args.label or target.host,
        api=args.api,
        base_url=args.base_url.strip(),
        model=args.model.strip(),
        option=args.option,
        preset="custom",
        baseline=args.option == "direct",
    )
    session = run_session(
        [endpoint], {endpoint.label: key}, _config(args), book=book, progress=_progress()
    )
    result = result_json(session)
    if out_path is not None:
        data = evidence(session, args.vantage)
        write_evidence(data, out_path / file_name(data) if out_path.is_dir() else out_path)
    if args.json:
        print_json(result)
    else:
        from model.cli.text import testcall_text

        print(testcall_text(result))
    return 0 if result["status"] == "ok" else EXIT_UPSTREAM_ERROR
