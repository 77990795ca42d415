"""Parse the command line, build the services, run one subcommand or the window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from huaibei_reader import __version__
from huaibei_reader.errors import KnownError
from huaibei_reader.textsafe import one_line


def build_parser() -> argparse.ArgumentParser:
    from huaibei_reader.cli import (
        discover_cmd,
        extract_cmd,
        library_cmd,
        marks_cmd,
        refresh_cmd,
        sources_cmd,
    )

    parser = argparse.ArgumentParser(
        prog="huaibei-reader",
        description="A desktop news reader for Chinese local news. Without a subcommand, "
        "opens the window.",
    )
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the library and settings live here (env HUAIBEI_READER_DATA)")
    parser.add_argument("--version", action="version", version=f"huaibei-reader {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="serve the bundled sample edition on loopback, in its own library")
    parser.add_argument("--self-test", action="store_true",
                        help="open the window offscreen on the sample edition, check it, exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (extract_cmd, discover_cmd, sources_cmd, refresh_cmd, library_cmd, marks_cmd):
        module.register(sub)
    return parser


def _data_dir(args: argparse.Namespace) -> Path:
    from huaibei_reader.paths import default_data_dir

    return args.data_dir if args.data_dir is not None else default_data_dir()


def _tell(message: str) -> None:
    print(f"huaibei-reader: {one_line(message)}", file=sys.stderr)


def _undecodable_text(exc: Exception) -> bool:
    """Text with bytes that are not UTF-8 (an argument cli.args does not check, such as a
    file name used as text) reached a place that must encode it: say so in one line."""
    if not (isinstance(exc, UnicodeEncodeError) and exc.reason == "surrogates not allowed"):
        return False
    from huaibei_reader.cli.args import shown

    _tell(f"an argument is not valid text: it holds bytes that are not UTF-8 "
          f"({shown(exc.object)}); check the terminal's character set")
    return True


def main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except KnownError as exc:  # a number or text checked by its type (cli.args)
        _tell(str(exc))
        return 1
    if args.command is None:
        from huaibei_reader.ui.application import run_gui  # Qt: only for the window

        return run_gui(data_dir=args.data_dir, demo=args.demo, self_test=args.self_test)

    from huaibei_reader.app.services import Services
    from huaibei_reader.logs import configure_logging

    data_dir = _data_dir(args)
    configure_logging(data_dir)
    services = Services(data_dir, notify=_tell)
    try:
        return int(args.func(args, services) or 0)
    except KnownError as exc:  # may quote a stranger's title or name: no escapes reach stderr
        _tell(str(exc))
        return 1
    except KeyboardInterrupt:
        print("huaibei-reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `huaibei-reader list | head`: the reader went away; not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug: one line unless debugging, details in the log
        if _undecodable_text(exc):
            return 1
        if os.environ.get("HUAIBEI_READER_DEBUG"):
            raise
        print(f"huaibei-reader: internal error: {type(exc).__name__}: {exc} "
              "(set HUAIBEI_READER_DEBUG=1 for details)", file=sys.stderr)
        return 70
    finally:
        services.close()
