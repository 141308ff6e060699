"""The `sopgen` console script, and how its process uses the garbage collector.

Start-up imports typer, pydantic, PyYAML, babel and graphviz: tens of thousands of objects that
live as long as the process. Collecting while they are made finds nothing to free, so the
collector stays off until the command starts its own work (`command_starts`, called by the
app's command group). Then the start-up objects are frozen, out of the collector's sight (as the
gc documentation advises before forking, which `pack` does), and collection resumes. They are
still frozen at exit, so the collection Python runs at shutdown does not walk them once more.
"""

import gc


def main() -> None:
    import sys

    from sopgen.cli.signals import exit_code, leave_on_sigterm

    gc.disable()
    leave_on_sigterm()
    _replace_unprintable_characters()
    arguments = sys.argv[1:]
    if arguments in ([], ["--help"], ["--version"]):
        _answer_at_once(arguments)
    try:
        from sopgen.cli.app import app_for

        app_for(arguments[0])(prog_name="sopgen")
    except KeyboardInterrupt as interrupt:  # Ctrl-C before the command started: nothing was written, nothing to say
        sys.exit(exit_code(interrupt))


def _answer_at_once(arguments: list[str]) -> None:
    """The overview and the version, without loading the command framework (as the app prints them)."""
    import sys

    if arguments == ["--version"]:
        from sopgen import __version__

        print(f"sopgen {__version__}")
        sys.exit(0)
    from sopgen.cli.overview import overview

    print(overview(), file=sys.stdout if arguments else sys.stderr)
    sys.exit(0 if arguments else 2)  # no command at all is a usage error, as click has it


def _replace_unprintable_characters() -> None:
    """On a terminal or pipe whose encoding lacks a character (ASCII, say), print a replacement rather than fail."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", "strict") == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
