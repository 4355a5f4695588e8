"""``python -m powfacts`` runs the command line."""

from .cli import app

app(prog_name="powfacts")
