"""The customer message templates a shop gets: tailored, localized and tied to the SOPs that send them."""

from __future__ import annotations

from sopgen.blueprints.library import Library, document_id
from sopgen.blueprints.sop_model import MessageSet
from sopgen.blueprints.tailoring import tailor_messages
from sopgen.blueprints.vocabulary import PHASES
from sopgen.docx.views import MessageEntry, MessageGroup, MessagesView
from sopgen.localize.localization import Localization, fill_in_markers


def applicable_message_sets(library: Library, localization: Localization) -> list[MessageSet]:
    """The library's message sets with only the messages that fit the shop; sets left empty are dropped."""
    return [tailored for message_set in library.messages if (tailored := tailor_messages(message_set, localization.shop))]


def messages_view(library: Library, localization: Localization) -> MessagesView | None:
    """The view the Word renderer writes; None when no message fits the shop."""
    from sopgen.build.sop_views import build_date

    shop = localization.shop
    sops = {sop.id: sop for sop in library.sops if shop.applies(sop.when)}
    groups = []
    for message_set in sorted(applicable_message_sets(library, localization), key=lambda found: _lifecycle_place(found, library)):
        localized = localization.record(message_set)
        entries = tuple(
            MessageEntry(
                message,
                tuple(
                    (document_id(sops[sop_id], library), localization.text(sops[sop_id].title, sops[sop_id].source, "title"))
                    for sop_id in message.used_in
                    if sop_id in sops
                ),
            )
            for message in localized.messages
        )
        groups.append(MessageGroup(localized.title, localized.description, entries))
    if not groups:
        return None
    markers = fill_in_markers(localization.localizer)
    return MessagesView(localization.localizer, shop, tuple(groups), build_date(localization), markers)


def _lifecycle_place(message_set: MessageSet, library: Library) -> tuple[int, str]:
    """Where the set's earliest SOP stands in the lifecycle, so that the groups follow the life of an order."""
    phases = list(PHASES)
    places = [
        (phases.index(sop.phase), document_id(sop, library))
        for message in message_set.messages
        for sop_id in message.used_in
        if (sop := library.sop(sop_id)) is not None
    ]
    return min(places, default=(len(phases), ""))
