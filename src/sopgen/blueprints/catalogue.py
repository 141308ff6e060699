"""The built-in blueprint catalogue as rows for people and scripts."""

from __future__ import annotations

from typing import Any

from sopgen.blueprints.library import builtin_library, document_id
from sopgen.blueprints.vocabulary import PHASES


def catalogue_rows() -> dict[str, Any]:
    library = builtin_library()
    sops = sorted(library.sops, key=lambda sop: (list(PHASES).index(sop.phase), document_id(sop, library)))
    return {
        "sops": [
            {
                "id": sop.id,
                "document_id": document_id(sop, library),
                "phase": sop.phase,
                "title": sop.title,
                "flow": sop.flow,
                "steps": len(sop.steps),
            }
            for sop in sops
        ],
        "flows": [
            {"id": flow.id, "title": flow.title, "steps": len(flow.steps), "lanes": len(flow.lanes)}
            for flow in library.flows
        ],
    }
