"""``python -m planner`` / ``planner``: the desktop app."""

from __future__ import annotations

import sys


def main() -> int:
    from planner.ui.app import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
