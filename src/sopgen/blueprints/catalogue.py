"""The built-in blueprint catalogue as rows for people and scripts; with a profile, what that shop gets and why."""

from __future__ import annotations

from typing import Any

from sopgen.blueprints.library import builtin_library, document_id
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.sop_model import all_steps
from sopgen.blueprints.tailoring import condition_in_words, tailor
from sopgen.blueprints.vocabulary import PHASES


def catalogue_rows(profile: Profile | None = None) -> dict[str, Any]:
    """Every SOP and flow; with `profile`, whether each SOP applies to that shop, why not, and how many of its steps it keeps."""
    library = builtin_library()
    sops = sorted(library.sops, key=lambda sop: (list(PHASES).index(sop.phase), document_id(sop, library)))
    rows = []
    for sop in sops:
        row: dict[str, Any] = {
            "id": sop.id,
            "document_id": document_id(sop, library),
            "phase": sop.phase,
            "title": sop.title,
            "flow": sop.flow,
            "steps": len(sop.steps),
        }
        if profile is not None:
            tailored = tailor(sop, profile)
            row["applies"] = tailored is not None
            row["left_out_because"] = None if tailored is not None else condition_in_words(sop.when) if sop.when else None
            row["steps_for_shop"] = sum(1 for _step in all_steps(tailored.steps)) if tailored is not None else 0
            row["steps_in_all"] = sum(1 for _step in all_steps(sop.steps))
        rows.append(row)
    return {
        "sops": rows,
        "flows": [
            {"id": flow.id, "title": flow.title, "steps": len(flow.steps), "lanes": len(flow.lanes)}
            for flow in library.flows
        ],
    }
