"""The ``unmark`` command line: a thin layer that parses flags into the same
options objects the API takes, and turns coded errors into exit codes.

Each sub-command lives in ``unmark/commands/<name>.py`` and exposes
``add_parser(subparsers)`` and ``run(args) -> int``.
"""
from __future__ import annotations

import argparse
import logging
import sys

from . import __version__
from .errors import UnmarkError

COMMANDS = ("parse", "explain", "align", "terms", "check", "batch")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unmark",
        description="Extract, clean, segment, align and mine terms from UN documents.",
    )
    parser.add_argument("--version", action="version", version=f"unmark {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from .commands import align, batch, check, explain, parse, terms

    modules = {"parse": parse, "explain": explain, "align": align, "terms": terms, "check": check, "batch": batch}
    for name in COMMANDS:
        modules[name].add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except UnmarkError as exc:
        sys.stderr.write(f"unmark: error {exc.code}: {exc.message}" + (f" ({exc.path})" if exc.path else "") + "\n")
        return EXIT_ERROR
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
