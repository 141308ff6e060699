"""`python -m sopgen` runs the command line."""

from .cli import app

app(prog_name="sopgen")
