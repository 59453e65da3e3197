"""``python -m model``: the headless CLI (see model/cli/main.py)."""

import sys

from model.cli.main import main

sys.exit(main())
