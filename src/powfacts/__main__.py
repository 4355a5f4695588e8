"""``python -m powfacts`` runs the command line."""

from powfacts.cli import app

app(prog_name="powfacts")
