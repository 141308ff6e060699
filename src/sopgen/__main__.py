"""`python -m sopgen` runs the command line."""

from .console import main

main()
