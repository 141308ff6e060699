"""Which flows a shop's documents show: the shop's own order flow, never the demo shop's."""

from __future__ import annotations

from pathlib import Path

from sopgen.blueprints.model import FlowBlueprint, Library
from sopgen.blueprints.shop_profile import Profile
from sopgen.blueprints.yaml_loading import display_path
from sopgen.errors import InputError, Problem, Source
from sopgen.i18n.interface import _


def own_flow_path(profile: Profile, profile_path: Path) -> Path | None:
    """The file the profile's `flow:` names, relative to the profile's folder."""
    return profile_path.parent / profile.flow if profile.flow else None


def suggested_flow_path(profile_path: Path) -> Path:
    """Where `sopgen init` writes a shop's starting flow: next to the profile, named after it."""
    return profile_path.with_name(f"{profile_path.stem}-flow.yaml")


def load_own_flow(profile: Profile, profile_path: Path) -> FlowBlueprint:
    from sopgen.blueprints.library import load_library

    path = own_flow_path(profile, profile_path)
    assert path is not None and profile.source is not None
    if not path.is_file():
        raise InputError.single(
            profile.source.at("flow"),
            _("the order flow '{flow}' named here is not there").format(flow=profile.flow),
            _("put it back next to the profile, or write a new one: sopgen flow new --profile {profile} --out {path}").format(
                profile=display_path(profile_path), path=display_path(path)
            ),
        )
    flows = load_library([path]).flows
    if not flows:
        raise InputError.single(Source(display_path(path)), _("does not contain {what}").format(what=_("a flow blueprint")))
    return flows[0]


def with_shop_flows(library: Library, profile: Profile, profile_path: Path | None) -> tuple[Library, list[Problem]]:
    """The library as a shop's documents use it.

    Without a profile (the demo pack) nothing changes. With one, the built-in demo flows go: an
    SOP that embeds a flow embeds the shop's own (the profile's `flow:`), or a flow of the user's
    own blueprints that it names, or none; a profile without a flow of its own is told once.
    """
    if profile_path is None:
        return library, []
    from sopgen.blueprints.library import builtin_references

    demo_flows = {_identity(flow) for flow in builtin_references().flows}
    flows = [flow for flow in library.flows if _identity(flow) not in demo_flows]
    shop_flow = load_own_flow(profile, profile_path) if profile.flow else None
    if shop_flow is not None:
        flows = [shop_flow, *(flow for flow in flows if flow.id != shop_flow.id)]
    kept = {flow.id for flow in flows}
    replaced = [sop for sop in library.sops if sop.flow is not None and sop.flow not in kept]
    sops = tuple(
        sop.model_copy(update={"flow": shop_flow.id if shop_flow else None}) if sop in replaced else sop for sop in library.sops
    )
    problems = []
    if replaced and shop_flow is None:
        suggested = suggested_flow_path(profile_path)
        problems.append(
            Problem(
                Source(display_path(profile_path)),
                _("the profile names no order flow of its own, so the SOPs show no flowchart"),
                _("write one with 'sopgen flow new --profile {profile} --out {flow}', then add 'flow: {name}' to the profile").format(
                    profile=display_path(profile_path), flow=display_path(suggested), name=suggested.name
                ),
                severity="warning",
            )
        )
    return Library(sops, tuple(flows), library.roles, library.warnings, library.messages), problems


def _identity(flow: FlowBlueprint) -> str:
    """What a flow says, without where it was read from: shown paths depend on the folder sopgen ran in."""
    return flow.model_dump_json()
