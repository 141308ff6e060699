"""An SOP's view for the Word renderer: tailored, localized, and its tools table only with tools the shop has or its steps use."""

from __future__ import annotations

from shops import profile_path
from sopgen.blueprints.library import builtin_library
from sopgen.blueprints.profile import load_profile
from sopgen.build.sop_views import sop_view
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization


def _tools(shop: str, sop_id: str) -> dict[str, str]:
    library = builtin_library()
    localization = Localization(Localizer.for_locale("en"), load_profile(profile_path(shop)))
    view = sop_view(library.sop(sop_id), library, localization)
    assert view is not None
    return dict(view.tools)


def test_a_shop_without_a_store_gets_no_till_in_its_tools_table():
    assert "Point-of-sale system" not in {job.capitalize() for job in _tools("dk-webshop", "inventory-control")}


def test_a_shop_with_a_store_and_a_named_till_gets_it():
    assert _tools("shopify-store", "inventory-control")["point-of-sale system"] == "Shopify POS"
