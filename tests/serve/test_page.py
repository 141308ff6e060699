"""The workshop page in a real browser (Debian's Chromium driven by Playwright): live saves, errors, what-if, the screenshot.

One server and one browser for the module; the tests run in order and each leaves the flow file
as it found it.
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib

import pytest
from playwright.sync_api import expect
from workshop_server import ROOT, WorkshopServer, save_by_rename

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = ROOT / "docs" / "workshop.png"
VIEWPORT = {"width": 1500, "height": 1000}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    running = WorkshopServer(tmp_path_factory.mktemp("page"))
    yield running
    assert "Traceback" not in running.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: WorkshopServer):
    opened = browser.new_page(viewport=VIEWPORT)
    opened.set_default_timeout(20_000)
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    opened.goto(server.url)
    expect(opened.locator("body")).to_have_attribute("data-version", re.compile(r"^[1-9]\d*$"))
    yield opened
    opened.close()
    assert problems == []


# The page's Content-Security-Policy forbids evaluating strings, so the tests wait with
# Playwright's own assertions (`expect`), which need no eval in the page.


def chart_text(page, which: str = "current") -> str:
    return page.locator(f"#{which}-chart svg").text_content() or ""


def wait_for_chart(page, text: str, which: str = "current") -> None:
    expect(page.locator(f"#{which}-chart svg")).to_contain_text(text)


def figure(page, key: str, column: str):
    return page.locator(f"#figures tr[data-figure={key}] td.{column}")


def test_the_page_follows_saves_in_place_and_by_rename(page, server: WorkshopServer):
    original = server.flow.read_text(encoding="utf-8")
    assert "Copy the address" in chart_text(page)
    assert page.inner_text("#live") == "Live: the page follows every save of the file"
    try:
        server.flow.write_text(original.replace("Copy the address", "Type the address"), encoding="utf-8")
        wait_for_chart(page, "Type the address")
        save_by_rename(server.flow, original.replace("Copy the address", "Paste the address"))
        wait_for_chart(page, "Paste the address")
        save_by_rename(server.flow, original.replace("6h", "2h"))  # a second rename: the watch follows the new file
        wait_for_chart(page, "Copy the address")
        expect(figure(page, "lead_time", "now")).to_have_text("4.2 hr")  # 491 − 240 minutes
    finally:
        server.flow.write_text(original, encoding="utf-8")
        expect(figure(page, "lead_time", "now")).to_have_text("8.2 hr")


def test_a_broken_save_shows_the_error_and_keeps_the_last_good_chart(page, server: WorkshopServer):
    original = server.flow.read_text(encoding="utf-8")
    try:
        server.flow.write_text(original.replace("\nedges:", "\nedges: {"), encoding="utf-8")
        expect(page.locator("#errors")).to_be_visible()
        assert page.inner_text("#error-text") == "order-flow.yaml:15: error: YAML syntax error: did not find expected node content"
        assert "last good version" in page.inner_text("#errors-heading")
        assert "Pick and pack" in chart_text(page)  # the last good chart stays
        assert page.get_attribute("#current-chart", "class") == "chart stale"

        server.flow.write_text(original.replace("Pick and pack", "Pack the parcel"), encoding="utf-8")
        expect(page.locator("#errors")).to_be_hidden()
        wait_for_chart(page, "Pack the parcel")
        assert page.get_attribute("#current-chart", "class") == "chart"
    finally:
        server.flow.write_text(original, encoding="utf-8")
        wait_for_chart(page, "Pick and pack")


def test_clicking_a_step_automates_it_and_the_future_state_can_be_saved(page, server: WorkshopServer):
    page.click("#current-chart g#step-copy")
    expect(page.locator("#future-pane")).to_be_visible()
    expect(figure(page, "lead_time", "future")).to_have_text("2.1 hr")  # 127 minutes
    expect(figure(page, "lead_time", "now")).to_have_text("8.2 hr")
    expect(figure(page, "lead_time", "change")).to_have_text("−6.1 hr")
    expect(figure(page, "lead_time", "change")).to_have_class("change better")
    expect(figure(page, "manual_handoffs", "future")).to_have_text("2")
    assert page.is_checked("#steps tr[data-step=copy] input[data-kind=automate]")
    assert "Changed in the" in chart_text(page, "future")

    page.fill("#steps tr[data-step=pack] input[data-kind=staff]", "2")
    page.press("#steps tr[data-step=pack] input[data-kind=staff]", "Enter")
    expect(figure(page, "bottleneck_utilization", "future")).to_have_text("40%")
    assert '"staff":{"pack":2}' in page.evaluate("decodeURIComponent(location.hash)")

    page.click("#save")
    expect(page.locator("#save-result")).to_have_text("Saved as order-flow.future.yaml")
    saved = server.flow.with_name("order-flow.future.yaml").read_text(encoding="utf-8")
    assert "sopgen whatif order-flow.yaml --automate copy --staff pack=2" in saved

    # Clicks in quick succession all count, whatever order the answers come back in.
    page.click("#current-chart g#step-pack")
    page.click("#current-chart g#step-mail")
    page.click("#current-chart g#step-pay")
    for step in ("pay", "copy", "pack", "mail"):
        expect(page.locator(f"#steps tr[data-step={step}] input[data-kind=automate]")).to_be_checked()
    expect(figure(page, "lead_time", "future")).to_have_text("0 min")
    expect(figure(page, "manual_handoffs", "future")).to_have_text("0")

    page.click("#reset")
    expect(page.locator("#future-pane")).to_be_hidden()
    expect(page.locator("#save")).to_be_disabled()


def test_the_language_switch_and_a_whatif_in_the_address(page, server: WorkshopServer):
    page.select_option("#language", "da")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(figure(page, "lead_time", "label")).to_have_text("Gennemløbstid")
    expect(figure(page, "lead_time", "now")).to_have_text("8,2 t.")
    page.select_option("#language", "zh-TW")
    expect(figure(page, "lead_time", "label")).to_have_text("前置時間")
    # The language and a what-if travel in the address, so a reload keeps both.
    page.goto(server.url + '?lang=id#{"automate":["pack"]}')
    expect(page.locator("#future-pane")).to_be_visible()
    expect(page.locator("#language")).to_have_value("id")
    expect(page.locator("#steps tr[data-step=pack] input[data-kind=automate]")).to_be_checked()


def test_screenshot_of_the_workshop_for_the_readme(page, server: WorkshopServer):
    page.click("#current-chart g#step-copy")
    expect(page.locator("#future-chart svg")).to_be_visible()
    expect(figure(page, "lead_time", "future")).to_have_text("2.1 hr")
    page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover outline in the picture
    picture = page.screenshot()
    width, height, pixels = read_png(picture)
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(set(pixels)) > 200  # not an empty or one-colour page

    def colours_in(selector: str) -> set[tuple[int, int, int]]:
        box = page.locator(selector).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100, selector
        assert box["y"] < height, f"{selector} is below the fold"
        left, top = int(box["x"]), int(box["y"])
        right, bottom = min(int(box["x"] + box["width"]), width), min(int(box["y"] + box["height"]), height)
        return {pixels[y * width + x] for y in range(top, bottom, 2) for x in range(left, right, 2)}

    current, future = colours_in("#current-chart svg"), colours_in("#future-chart svg")
    assert (0xFF, 0xB3, 0xB3) in current  # the bottleneck's fill: the chart is drawn, not blank
    assert (0xFF, 0xE8, 0xB3) in current  # a manual step's fill
    assert (0x2B, 0x8A, 0x3E) in future  # the changed step's green outline

    # The README shows this picture. It is written again when the page looks different, not for
    # the few anti-aliased pixels that differ from run to run.
    if not SCREENSHOT.is_file() or _pixels_differing(read_png(SCREENSHOT.read_bytes()), (width, height, pixels)) > 0.001:
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(picture)


def _pixels_differing(old, new) -> float:
    if old[:2] != new[:2]:
        return 1.0
    return sum(1 for a, b in zip(old[2], new[2]) if a != b) / len(new[2])


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _compression, _filter, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                distances = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
                line[i] = (line[i] + (left, up, corner)[distances.index(min(distances))]) & 0xFF
        rows.append(line)
        previous = line
    pixels = [tuple(row[x * channels : x * channels + 3]) for row in rows for x in range(width)]
    return width, height, pixels  # type: ignore[return-value]
