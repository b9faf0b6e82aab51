"""``planner-cli``: headless commands over the same services the desktop app uses.

Each command module has ``register(subparsers)`` that adds its subcommands; a subcommand's
handler takes the parsed args and returns an exit code. Errors the planner expects print one
line on stderr and exit 1; usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from planner import __version__

#: Modules that contribute subcommands, in the order their help appears.
COMMAND_MODULES = [
    "planner.cli.core",
    "planner.cli.directory_cmds",
    "planner.cli.graph_cmds",
    "planner.cli.export_cmds",
    "planner.cli.exchange_cmds",
    "planner.cli.server_cmds",
    "planner.cli.day_cmds",
    "planner.cli.suggest_cmds",
    "planner.cli.history_cmds",
]


class CliError(Exception):
    """A failure to report in one line (exit 1)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner-cli",
        description="联合报道策划 · Joint-coverage planner (headless commands)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="message language / 提示语言")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help="database file or URL (default: the user's database) / 数据库文件或连接地址",
    )


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from planner.domain.errors import DiskFullError, PlannerError, error_text, one_line

    parser = build_parser()
    args = parser.parse_args(argv)
    lang = args.lang
    try:
        return int(args.handler(args) or 0)
    except PlannerError as err:
        print(f"planner-cli: {error_text(err, lang)}", file=sys.stderr)
        problems = getattr(err, "problems", None)
        for row, message in (problems or [])[:50]:
            print(f"  {row}: {one_line(str(message))}", file=sys.stderr)
        return 1
    except CliError as err:
        print(f"planner-cli: {one_line(str(err))}", file=sys.stderr)
        return 1
    except SQLAlchemyError as err:  # a database error no service turned into a sentence
        from planner.store.failures import classify

        label = str(getattr(args, "db", "") or "")
        print(f"planner-cli: {error_text(classify(err, label=label), lang)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("planner-cli: interrupted / 已中断", file=sys.stderr)
        return 130
    except OSError as err:
        from planner.atomic import is_no_space

        if is_no_space(err):
            print(f"planner-cli: {error_text(DiskFullError(path=err.filename or ''), lang)}", file=sys.stderr)
            return 1
        print(one_line(f"planner-cli: {err.strerror or err}: {err.filename or ''}".rstrip(": ")), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
