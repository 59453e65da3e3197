"""The headless CLI, ``python -m model …`` (DESIGN §5): one module per command
(:mod:`~model.cli.reprice`, :mod:`~model.cli.project`, …), registered in
:data:`model.cli.main.COMMANDS`; :mod:`~model.cli.text` renders results for people.
The CLI may import every capability package; none imports the CLI."""
