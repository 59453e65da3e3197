"""``python -m model``: the headless CLI (see model/cli.py)."""

import sys

from model.cli import main

sys.exit(main())
