"""`python -m sopgen` runs the command line."""

from sopgen.cli.console import main

main()
