"""The path an order takes on each kind of channel: a marketplace, a web shop, a chat, a physical store."""


from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sopgen.blueprints.vocabulary import CHANNELS
from sopgen.knowledge import flow_fragments as fragments

if TYPE_CHECKING:
    pass





class ChannelPaths:
    """The channel-kind steps of a starting flow; the assembly they are mixed into supplies lanes, steps and links."""

    def marketplace(self, channel: str, share: float) -> None:
        notes = [self.words(fragments.CHANNEL_NOTES.get(channel, fragments.OTHER_MARKETPLACE_NOTE))]
        if "cod" in self.profile.payment_methods and self.profile.shop.country == "ID":
            notes.append(self.words(fragments.MARKETPLACE_COD_NOTE))
        order = self.add(fragments.MARKETPLACE_ORDER, share, channel, channel, notes=notes)
        waits = self.add(fragments.MARKETPLACE_WAITS, share, channel, channel)
        self.link(order, waits)
        if channel in fragments.PLATFORM_LOGISTICS:
            arrange = self.add(fragments.MARKETPLACE_ARRANGE, share, channel, channel)
            self.link(waits, arrange, "manual")
            self.ready.append((arrange, "paper"))
            self.tracking.append((channel, "platform", share))
        else:
            self.ready.append(self.label_by_hand(waits, "manual", share, channel))
            self.tracking.append((channel, "confirm", share))

    def webshop(self, channel: str, share: float) -> None:
        note = fragments.CHANNEL_NOTES.get(channel, fragments.OTHER_WEBSHOP_NOTE)
        order = self.add(fragments.WEBSHOP_ORDER, share, channel, channel, notes=[self.words(note)])
        confirmation = self.add(fragments.WEBSHOP_CONFIRMATION, share, channel, channel)
        self.link(order, confirmation)
        check = self.add(fragments.WEBSHOP_CHECK, share, channel, channel)
        self.link(confirmation, check, "email")
        if self.profile.tools.get("accounting"):
            invoice = self.add(fragments.INVOICE_SYNCED, share, channel, channel, tool=self.tool("accounting"))
            self.link(confirmation, invoice)
        if self.labels_from_tool:
            imported = self.add(fragments.LABEL_IMPORTED, share, channel, channel, tool=self.tool("shipping"))
            self.link(confirmation, imported)
            printed = self.add(fragments.LABEL_PRINTED, share, channel, channel, tool=self.tool("shipping"))
            self.link(imported, printed)
            self.link(check, printed)
            self.ready.append((printed, "paper"))
            tracking = self.add(fragments.TRACKING_FROM_TOOL, share, channel, channel)
            self.link(printed, tracking)
            mail = self.add(fragments.WEBSHOP_SHIPPED_MAIL, share, channel, channel)
            self.link(tracking, mail)
            if self.captures_at_dispatch():
                capture = self.add(fragments.WEBSHOP_CAPTURE_BY_TOOL, share, channel, channel)
                self.link(tracking, capture)
        else:
            copy = self.add(fragments.LABEL_BY_HAND, share, channel, channel)
            self.link(check, copy)
            self.ready.append((copy, "paper"))
            self.tracking.append((channel, "webshop", share))

    def chat(self, channel: str, share: float) -> None:
        notes = [self.words(fragments.CHANNEL_NOTES[channel])] if channel in fragments.CHANNEL_NOTES else []
        order = self.add(fragments.CHAT_ORDER, share, channel, channel, notes=notes)
        inbox = self.add(fragments.CHAT_INBOX, share, channel, channel)
        self.link(order, inbox, "chat")
        confirm = self.add(fragments.CHAT_CONFIRM, share, channel, channel)
        self.link(inbox, confirm, "manual")
        branches = _payment_branches(self.profile.payment_methods)
        part = share / len(branches)
        paid: list[tuple[str, str]] = []
        for branch in branches:
            if branch == "transfer":
                sent = self.add(fragments.TRANSFER_SENT, part, channel, channel)
                self.link(confirm, sent, "chat")
                custom = fragments.TRANSFER_NOTES.get(self.profile.shop.country)
                checked = self.add(fragments.TRANSFER_CHECK, part, channel, channel, notes=[self.words(custom)] if custom else [])
                self.link(sent, checked, "chat")
                paid.append((checked, "chat"))
            elif branch == "cod":
                checked = self.add(fragments.COD_CHECK, part, channel, channel)
                self.link(confirm, checked, "chat")
                paid.append((checked, "chat"))
                self.cod_share += part
            elif branch == "link":
                sent = self.add(fragments.LINK_SENT, part, channel, channel)
                self.link(confirm, sent, "chat")
                done = self.add(fragments.LINK_PAID, part, channel, channel)
                self.link(sent, done, "chat")
                paid.append((done, "email"))
            else:  # paid at the pick-up store
                paid.append((confirm, "chat"))
        record = self.add(fragments.CHAT_RECORD, share, channel, channel)
        for step, how in paid:
            self.link(step, record, how)
        if self.profile.tools.get("accounting"):
            typed = self.add(fragments.SALE_TYPED, share, channel, channel, tool=self.tool("accounting"))
            self.link(record, typed, "spreadsheet")
            self.link(typed, self.booked_step())
        self.ready.append(self.label_by_hand(record, "system", share, channel))
        self.tracking.append((channel, "chat", share))

    def store(self, channel: str, share: float) -> None:
        sale = self.add(fragments.STORE_SALE, share, channel, channel)
        pos = self.profile.tools.get("pos")
        recorded = self.add(fragments.STORE_RECORDED_IN_POS if pos else fragments.STORE_RECORDED, share, channel, channel, tool=pos)
        self.link(sale, recorded)
        online = any(CHANNELS[other][1] != "store" for other in self.profile.channels)
        if online and not pos:
            stock = self.add(fragments.STORE_STOCK_BY_HAND, share, channel, channel)
            self.link(recorded, stock, "paper")


def _payment_branches(methods: Iterable[str]) -> list[str]:
    """How chat orders get paid, one branch per kind of payment the shop accepts."""
    accepted = set(methods)
    branches = [branch for branch, members in fragments.PAYMENT_BRANCHES.items() if accepted & set(members)]
    return branches or ["link"]
