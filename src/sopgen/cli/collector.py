"""The moment a command starts its own work: the garbage collector, off during start-up, resumes."""

import gc


def command_starts() -> None:
    """Freeze the start-up objects and collect again; a no-op where the collector was never turned off."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
