"""The `ikeerr` command line: lookup, scan, list, validate, serve (exit codes are a contract)."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import __version__
from bot.config import load_settings
from bot.domain import ErrorEntry
from bot.knowledge import (
    KnowledgeBase,
    KnowledgeError,
    check_knowledge,
    default_knowledge_path,
    load_knowledge,
)

if TYPE_CHECKING:
    from bot.render.format import Format

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_BROKEN_KNOWLEDGE = 3

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except KnowledgeError as error:
        problems = "\n".join(str(problem) for problem in error.problems)
        print(f"ikeerr: cannot load the knowledge base:\n{problems}", file=sys.stderr)
        return EXIT_BROKEN_KNOWLEDGE
    except BrokenPipeError:
        sys.stderr.close()  # `ikeerr scan | head` is normal use, not an error
        return EXIT_OK
    except OSError as error:
        print(f"ikeerr: {error}", file=sys.stderr)
        return EXIT_USAGE


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ikeerr",
        description="Explain Windows VPN and IPsec errors (IPsec/IKE, RAS, certificate "
        "HRESULTs): 13801, 809, 0x800735E9, ERROR_IPSEC_IKE_AUTH_FAIL or the message text.",
        epilog="Exit codes: 0 found, 1 not found (or invalid knowledge for validate), "
        "2 usage error, 3 the knowledge base cannot be loaded.",
    )
    parser.add_argument("--version", action="version", version=f"ikeerr {__version__}")
    parser.add_argument(
        "--knowledge",
        type=Path,
        metavar="PATH",
        help="knowledge folder or file (default: $IKEERR_KNOWLEDGE, else the built-in one)",
    )
    parser.add_argument(
        "--overlay",
        type=Path,
        metavar="PATH",
        help="your team's overlay folder or file: runbook links, owners, notes and severity "
        "per code on top of the knowledge (default: $IKEERR_OVERLAY, else none)",
    )
    commands = parser.add_subparsers(metavar="COMMAND")
    lookup = commands.add_parser(
        "lookup",
        help="explain an error code, name, HRESULT or message",
        description="Explain one query. The words form one query; '-' reads one query per line.",
    )
    lookup.add_argument("query", nargs="+", help="e.g. 13899, 0x8007364B, AUTH_FAIL, 'no cert'")
    lookup.add_argument("--json", action="store_true", help="machine-readable output")
    lookup.set_defaults(handler=_lookup)
    scan = commands.add_parser(
        "scan",
        help="find VPN and IPsec error codes in text, one message per line",
        description="Find the VPN and IPsec codes each input line mentions. "
        "Exit 0 if any were found.",
    )
    scan.add_argument("file", nargs="?", default="-", help="file to scan (default: stdin)")
    scan.add_argument("--json", action="store_true", help="one JSON object per input line")
    scan.set_defaults(handler=_scan)
    listing = commands.add_parser("list", help="list every entry", description="List entries.")
    listing.add_argument("--json", action="store_true", help="a JSON array of full entries")
    listing.set_defaults(handler=_list)
    validate = commands.add_parser(
        "validate",
        help="check knowledge files",
        description="Check knowledge YAML, and the overlay of --overlay or $IKEERR_OVERLAY when "
        "one is given; print each problem as file:line. Exit 0 if valid.",
    )
    validate.add_argument("path", nargs="?", type=Path, help="file or folder to check")
    validate.set_defaults(handler=_validate)
    gaps = commands.add_parser(
        "gaps",
        help="what people asked that ikeerr could not answer (reads REDIS_URL)",
        description="The gap report the bot records in the Redis store named by REDIS_URL: "
        "lookups that found nothing, numbers ikeerr does not cover, answers that were only "
        "'did you mean', and 'not helpful' votes with their comments. Most frequent first.",
    )
    gaps.add_argument("--json", action="store_true", help="one JSON document")
    gaps.add_argument("--days", type=int, default=30, metavar="N", help="last N days (30)")
    gaps.add_argument("--limit", type=int, default=50, metavar="K", help="at most K gaps (50)")
    gaps.set_defaults(handler=_gaps)
    _add_serve(commands)
    return parser


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="run the Slack bot",
        description="Run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on "
        "$PORT (default 3000). Reads SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, "
        "SLACK_API_URL, PORT and IKEERR_CONFIG; see the README.",
    )
    serve.set_defaults(handler=_serve)


def _knowledge_path(args: argparse.Namespace) -> Path:
    path: Path | None = args.knowledge or load_settings().knowledge_path
    return path or default_knowledge_path()


def _overlay_path(args: argparse.Namespace) -> Path | None:
    return args.overlay or load_settings().overlay_path


def _open_knowledge(args: argparse.Namespace) -> KnowledgeBase:
    settings = load_settings()
    return load_knowledge(
        _knowledge_path(args), cache_dir=settings.cache_dir, overlay=_overlay_path(args)
    )


def _format(args: argparse.Namespace) -> Format:
    from bot.render.format import Format  # renderers load only for the command that prints

    return Format.JSON if args.json else Format.TEXT


def _lookup(args: argparse.Namespace) -> int:
    from bot.lookup import lookup
    from bot.render.format import Format, render_lookup

    kb = _open_knowledge(args)
    fmt = _format(args)
    queries = _stdin_lines() if args.query == ["-"] else [" ".join(args.query)]
    width = max(40, min(100, shutil.get_terminal_size((88, 24)).columns))
    gap = "\n\n" if fmt is Format.TEXT and len(queries) > 1 else "\n"
    found = False
    for query in queries:
        result = lookup(kb, query)
        found = found or result.found
        print(render_lookup(fmt, result, width), end=gap)
    return EXIT_OK if found else EXIT_NOT_FOUND


def _scan(args: argparse.Namespace) -> int:
    kb = _open_knowledge(args)
    if args.file == "-":
        return _write_scan(kb, _stdin(), _format(args))
    with open(args.file, encoding="utf-8", errors="replace", newline=None) as stream:
        return _write_scan(kb, stream, _format(args))


def _write_scan(kb: KnowledgeBase, lines: Iterable[str], fmt: Format) -> int:
    """Exit 0 when any line held a code, else 1 (like grep); output is written a block at a
    time."""
    from bot.detect.scan import scan_blocks
    from bot.render.format import scan_renderer

    render = scan_renderer(fmt, {entry.code: entry.name for entry in kb})
    found, blank = render.found, render.blank
    found_any = False
    for first, block in scan_blocks(kb, lines):
        numbered = enumerate(block, start=first)
        if blank is None:
            shown = [found(number, codes) for number, codes in numbered if codes]
        else:
            shown = [found(n, codes) if codes else blank(n) for n, codes in numbered]
        found_any = found_any or any(block)
        sys.stdout.writelines(shown)
    return EXIT_OK if found_any else EXIT_NOT_FOUND


def _list(args: argparse.Namespace) -> int:
    from bot.render.format import render_entries

    print(render_entries(_format(args), _open_knowledge(args).entries))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    path: Path = args.path or _knowledge_path(args)
    overlay = _overlay_path(args)
    entries, problems = check_knowledge(path, overlay)
    checked = f"{path} and the overlay {overlay}" if overlay is not None else str(path)
    for problem in sorted(problems):
        print(problem)
    _print_review_warnings(entries)
    if problems:
        print(f"{len(problems)} problem(s) in {checked}", file=sys.stderr)
        return EXIT_NOT_FOUND
    print(f"{checked}: {len(entries)} entries, all valid")
    return EXIT_OK


def _print_review_warnings(entries: Sequence[ErrorEntry]) -> None:
    """Stale or missing review dates: reported, never a failure."""
    from datetime import date

    from bot.knowledge.review import review_warnings

    for warning in sorted(review_warnings(entries, date.today())):
        print(warning, file=sys.stderr)


def _gaps(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from bot.config import ConfigError, gap_store_url
    from bot.runtime.gaps import GapLog
    from bot.runtime.redis_store import RedisStore  # only this command needs Redis
    from bot.runtime.store import StoreError

    if args.days < 1 or args.limit < 1:
        print("ikeerr gaps: --days and --limit must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    try:
        log = GapLog(RedisStore(gap_store_url(), timeout_seconds=5.0))
        gaps, comments = log.top(args.days, args.limit), log.comments(args.limit)
    except ConfigError as error:
        print(f"ikeerr gaps: {error}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        print(f"ikeerr gaps: cannot read the store at REDIS_URL: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        report = {
            "days": args.days,
            "gaps": [asdict(gap) for gap in gaps],
            "comments": [asdict(comment) for comment in comments],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Gaps of the last {args.days} days, most frequent first:")
    for gap in gaps:
        print(f"  {gap.count:>5}  {gap.kind.value:<13}  {gap.text}")
    if not gaps:
        print("  (none recorded)")
    if comments:
        print("\nLatest 'not helpful' comments:")
        for comment in comments:
            print(f"  {comment.day}  {comment.code}: {comment.text}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, load_slack_settings
    from bot.slack.transport.server import serve  # the only path that loads Slack's libraries

    try:
        settings = load_slack_settings()
        kb = _open_knowledge(args)
        return serve(settings, kb, _knowledge_path(args), _overlay_path(args))
    except ConfigError as error:
        print(f"ikeerr serve: {error}", file=sys.stderr)
        return EXIT_USAGE


def _stdin() -> TextIO:
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    return sys.stdin


def _stdin_lines() -> list[str]:
    return [line.rstrip("\r\n") for line in _stdin()]
