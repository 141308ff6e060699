"""What the Word renderer is given: localized, tailored SOPs with their document control data."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.sop_model import Message, SopBlueprint
from sopgen.blueprints.vocabulary import PHASES, TOOLS
from sopgen.i18n.localizer import Localizer

DEFAULT_EAST_ASIAN_FONT = "Microsoft JhengHei"


@dataclass(frozen=True)
class PagePicture:
    """One picture of a chart as SVG with a PNG for older readers, and its size on paper in points."""

    svg: bytes
    png: bytes
    width: float
    height: float


@dataclass(frozen=True)
class PagePictures:
    """A chart's pictures in order, each for a page of its own, and the scale they print at (paper ÷ drawn size)."""

    pictures: tuple[PagePicture, ...]
    scale: float


@dataclass(frozen=True)
class ChartPicture:
    """A chart with its caption and the findings below it in words (all localized).

    A flow chart comes with `pages`: given the room on a page (width, height in points), its
    pictures folded to fit (see sopgen.charts.folding). Other charts are one picture: `svg` with
    `png` for older readers, or `png` alone.
    """

    png: bytes
    caption: str
    findings: tuple[str, ...] = ()
    width_px: int | None = None
    height_px: int | None = None
    svg: bytes | None = None
    pages: Callable[[float, float], PagePictures] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SopView:
    sop: SopBlueprint  # localized; steps that do not apply to the shop removed
    document_id: str
    localizer: Localizer
    profile: Profile
    role_titles: Mapping[str, str]  # role id -> localized title, every role the SOP names
    role_descriptions: Mapping[str, str]
    tools: tuple[tuple[str, str], ...]  # (localized job, the shop's tool or "")
    effective: dt.date
    next_review: dt.date
    chart: ChartPicture | None = None

    @property
    def phase_title(self) -> str:
        return self.localizer._(PHASES[self.sop.phase])


@dataclass(frozen=True)
class MessageEntry:
    message: Message  # localized, its fill-ins shown as markers
    used_in: tuple[tuple[str, str], ...]  # (document ID, localized title) of the shop's SOPs that send it


@dataclass(frozen=True)
class MessageGroup:
    title: str
    description: str | None
    entries: tuple[MessageEntry, ...]


@dataclass(frozen=True)
class MessagesView:
    """The customer message templates that fit the shop, localized, grouped as their files group them."""

    localizer: Localizer
    profile: Profile
    groups: tuple[MessageGroup, ...]
    effective: dt.date
    markers: Mapping[str, str]  # fill-in name -> its localized marker, which the document sets off from the text


@dataclass(frozen=True)
class HandbookView:
    localizer: Localizer
    profile: Profile
    sops: tuple[SopView, ...]
    effective: dt.date
    lifecycle_chart: ChartPicture | None = None
    messages: MessagesView | None = None  # an appendix of customer message templates


@dataclass(frozen=True)
class DocxOptions:
    template: Path | None = None
    east_asian_font: str = DEFAULT_EAST_ASIAN_FONT


def tool_rows(sop: SopBlueprint, profile: Profile, localizer: Localizer, used: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The SOP's tools that the shop names or that the steps it keeps refer to: no row for a till a shop without a store lacks."""
    return tuple((localizer._(TOOLS[key]), profile.tools.get(key, "")) for key in sop.tools if key in profile.tools or key in used)


def add_months(day: dt.date, months: float) -> dt.date:
    whole = int(months)
    if whole != months:
        return day + dt.timedelta(days=round(months * 30))
    month_index = day.month - 1 + whole
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
