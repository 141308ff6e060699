"""The workshop server over real HTTP: its views, news of saves, the save, and what it refuses."""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse

import pytest
from workshop_server import WorkshopServer, save_by_rename

pytestmark = pytest.mark.xdist_group("workshop-server")  # one server for the module, in one worker


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    running = WorkshopServer(tmp_path_factory.mktemp("served"))
    yield running
    output = running.stop()
    assert "Traceback" not in output


def request(server: WorkshopServer, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None):
    """A raw request: the path goes out exactly as written (no client tidies up `..`)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in {"Host": server.host, **(headers or {})}.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def view(server: WorkshopServer, **query: str) -> dict:
    status, _headers, body = request(server, "GET", "/api/view?" + urllib.parse.urlencode(query))
    assert status == 200, body
    return json.loads(body)


def save(server: WorkshopServer, whatif: dict, **headers: str):
    origin = {"Origin": f"http://{server.host}", "Content-Type": "application/json"}
    return request(server, "POST", "/api/save", json.dumps({"whatif": whatif}).encode(), {**origin, **headers})


# ---------------------------------------------------------------- what it shows


def test_the_page_and_its_assets(server: WorkshopServer):
    status, headers, body = request(server, "GET", "/")
    assert status == 200 and b'<script src="/assets/workshop.js"' in body
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    for asset, kind in (("workshop.js", "text/javascript"), ("workshop.css", "text/css")):
        status, headers, body = request(server, "GET", f"/assets/{asset}")
        assert status == 200 and headers["content-type"].startswith(kind) and body


def test_the_view_has_the_chart_figures_and_findings(server: WorkshopServer):
    data = view(server, lang="en")
    assert data["title"] == "Worked example" and data["errors"] == [] and data["future"] is None
    assert data["current"]["svg"].startswith("<svg") and 'id="step&#45;copy"' in data["current"]["svg"]
    figures = {row["key"]: row["current"] for row in data["figures"]}
    assert figures == {
        "lead_time": "8.2 hr",
        "cycle_efficiency": "2.2%",
        "manual_handoffs": "4",
        "bottleneck": "Copy the address (critical)",
        "bottleneck_utilization": "88.9%",
    }
    assert "Bottleneck: Copy the address (Virtual assistant), 88.9% utilized (critical)." in data["current"]["findings"]
    assert [step["id"] for step in data["steps"]] == ["pay", "copy", "pack", "mail"]


def test_the_view_in_every_language(server: WorkshopServer):
    leads = {}
    for tag in ("da", "en", "zh-TW", "id"):
        data = view(server, lang=tag)
        assert data["lang"] == tag
        leads[tag] = (data["labels"]["save"], data["figures"][0]["label"])
    assert leads == {
        "da": ("Gem det fremtidige flow", "Gennemløbstid"),
        "en": ("Save the future state", "Lead time"),
        "zh-TW": ("儲存未來流程", "前置時間"),
        "id": ("Simpan alur masa depan", "Lead time proses"),
    }


def test_a_whatif_brings_the_future_state_and_the_deltas(server: WorkshopServer):
    data = view(server, lang="en", whatif=json.dumps({"automate": ["copy"]}))
    assert 'class="node step automated critical&#45;path changed"' in data["future"]["svg"]
    lead_time = data["figures"][0]
    assert (lead_time["current"], lead_time["future"], lead_time["change"], lead_time["better"]) == ("8.2 hr", "2.1 hr", "−6.1 hr", True)
    handoffs = data["figures"][2]
    assert (handoffs["current"], handoffs["future"], handoffs["change"]) == ("4", "2", "−2")
    assert data["whatif"] == {"automate": ["copy"], "staff": {}, "hours": {}, "handling": {}, "wait": {}}


def test_bad_whatif_values_and_languages_are_answered_with_their_problem(server: WorkshopServer):
    status, _headers, body = request(server, "GET", "/api/view?" + urllib.parse.urlencode({"whatif": json.dumps({"staff": {"pack": "0"}})}))
    assert status == 400
    assert json.loads(body)["errors"] == ["--staff: error: pack: '0' is not a number greater than 0 and at most 1000000"]
    status, _headers, body = request(server, "GET", "/api/view?lang=fr")
    assert (status, json.loads(body)["errors"]) == (400, ["unknown language 'fr'"])
    status, _headers, _body = request(server, "GET", "/api/view?whatif=%7Bnot-json")
    assert status == 400
    data = view(server, whatif=json.dumps({"staff": {"mail": 2}}))
    assert data["future"] is None
    assert data["whatif_errors"] == ["--staff: error: 'mail' has no hours per day: 'staff' and 'hours_per_day' come together\n  hint: give --hours mail=H too"]


# ---------------------------------------------------------------- what it refuses


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "127.0.0.2:{port}", "", "localhost.evil.example:{port}"])
def test_a_foreign_host_header_is_refused(server: WorkshopServer, host: str):
    for path in ("/", "/api/view", "/flow.yaml", "/api/events"):
        status, _headers, body = request(server, "GET", path, headers={"Host": host.format(port=server.port)})
        assert status == 403, (host, path)
        assert b"Worked example" not in body and b"kind: flow" not in body


def test_the_loopback_names_are_the_same_server(server: WorkshopServer):
    for host in (f"localhost:{server.port}", f"LOCALHOST:{server.port}", f"127.0.0.1:{server.port}"):
        assert request(server, "GET", "/", headers={"Host": host})[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../../pyproject.toml",
        "/assets/../order-flow.yaml",
        "/../../../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/assets/..%5c..%5cetc%5cpasswd",
        "/assets/%252e%252e%252fetc%252fpasswd",
        "/assets/workshop.js/../../serve.log",
        "/assets/%2e%2e",
        "/assets/index.html",
        "/flow.yaml/../serve.log",
        "/serve.log",
        "/order-flow.yaml",
        "//etc/passwd",
        "/assets//etc/passwd",
    ],
)
def test_no_path_leads_outside_the_assets_and_the_flow(server: WorkshopServer, path: str):
    status, _headers, body = request(server, "GET", path)
    assert status in (400, 404), (path, status)
    assert b"root:" not in body and b"kind: flow" not in body and b"[project]" not in body and b"workshop page" not in body


def test_the_flow_itself_can_be_read(server: WorkshopServer):
    status, headers, body = request(server, "GET", "/flow.yaml")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert body == server.flow.read_bytes()


def test_only_the_save_is_a_post_and_reading_routes_take_no_post(server: WorkshopServer):
    assert request(server, "GET", "/api/save")[0] == 405
    assert request(server, "POST", "/api/view", b"{}", {"Content-Type": "application/json", "Origin": f"http://{server.host}"})[0] == 405
    assert request(server, "POST", "/", b"{}")[0] == 405


def test_a_save_from_elsewhere_is_refused(server: WorkshopServer):
    before = sorted(path.name for path in server.flow.parent.iterdir())
    whatif = {"automate": ["copy"]}
    assert save(server, whatif, Origin="")[0] == 403
    assert save(server, whatif, Origin="http://evil.example")[0] == 403
    assert save(server, whatif, Origin=f"http://localhost.evil.example:{server.port}")[0] == 403
    assert save(server, whatif, Origin="null")[0] == 403
    assert save(server, whatif, **{"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert save(server, whatif, **{"Content-Type": "text/plain"})[0] == 415
    assert request(server, "POST", "/api/save", b"x" * 70_000, {"Origin": f"http://{server.host}", "Content-Type": "application/json"})[0] == 413
    assert save(server, {"automate": ["copy"], "evil": 1})[0] == 400
    assert sorted(path.name for path in server.flow.parent.iterdir()) == before


# ---------------------------------------------------------------- saving and following saves


def test_saving_writes_numbered_future_states_and_never_the_flow(server: WorkshopServer):
    original = server.flow.read_bytes()
    status, _headers, body = save(server, {"automate": ["copy"], "staff": {"pack": "2"}})
    assert (status, json.loads(body)) == (200, {"path": "order-flow.future.yaml"})
    status, _headers, body = save(server, {"automate": ["pack"]})
    assert (status, json.loads(body)) == (200, {"path": "order-flow.future-2.yaml"})
    assert server.flow.read_bytes() == original
    saved = (server.flow.parent / "order-flow.future.yaml").read_text(encoding="utf-8")
    assert "id: worked-example-future\n" in saved and "sopgen whatif order-flow.yaml --automate copy --staff pack=2" in saved
    status, _headers, body = save(server, {})
    assert status == 400 and "nothing is changed yet" in json.loads(body)["errors"][0]


class Events:
    """The page's event stream, read line by line."""

    def __init__(self, server: WorkshopServer):
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
        self.connection.request("GET", "/api/events", headers={"Host": server.host})
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("content-type").startswith("text/event-stream")

    def next_event(self) -> tuple[str, dict]:
        kind = "message"
        while True:
            line = self.response.fp.readline().decode()
            assert line, "the stream ended"
            if line.startswith("event: "):
                kind = line[len("event: ") :].strip()
            if line.startswith("data: "):
                return kind, json.loads(line[len("data: ") :])

    def next_version(self) -> int:
        return self.next_event()[1]["version"]

    def close(self) -> None:
        self.connection.close()


def _edited(server: WorkshopServer, old: str, new: str) -> str:
    return server.flow.read_text(encoding="utf-8").replace(old, new)


def test_each_save_in_place_or_by_rename_is_announced_and_shown(server: WorkshopServer):
    events = Events(server)
    try:
        first = events.next_version()
        time.sleep(0.3)  # the folder watch starts with the server; give it a moment on a busy machine
        server.flow.write_text(_edited(server, "Copy the address", "Type the address"), encoding="utf-8")
        second = events.next_version()
        assert second > first
        assert "Type the address" in view(server)["current"]["svg"]

        save_by_rename(server.flow, _edited(server, "Type the address", "Paste the address"))
        third = events.next_version()
        assert third > second
        assert "Paste the address" in view(server)["current"]["svg"]

        save_by_rename(server.flow, _edited(server, "Paste the address", "Key in the address"))
        assert events.next_version() > third
        assert "Key in the address" in view(server)["current"]["svg"]
    finally:
        events.close()


def test_a_broken_save_shows_its_errors_and_keeps_the_last_good_chart(server: WorkshopServer):
    good = server.flow.read_text(encoding="utf-8")
    events = Events(server)
    try:
        events.next_version()
        server.flow.write_text(good.replace("lane: va,", "lane: virtual,"), encoding="utf-8")
        events.next_version()
        data = view(server)
        assert data["errors"] == ["order-flow.yaml:11: error: step 'copy' is in unknown lane 'virtual'\n  hint: choose one of: shop, va, owner"]
        assert data["current"]["svg"].startswith("<svg")  # the last good chart
        server.flow.write_text(good, encoding="utf-8")
        events.next_version()
        assert view(server)["errors"] == []
    finally:
        events.close()


def test_a_page_that_showed_a_view_is_sent_the_new_one(server: WorkshopServer):
    good = server.flow.read_text(encoding="utf-8")
    events = Events(server)
    try:
        kind, hello = events.next_event()
        assert kind == "version" and hello["page"] >= 1
        whatif = json.dumps({"automate": ["copy"]})
        status, _headers, _body = request(server, "GET", "/api/view?" + urllib.parse.urlencode({"lang": "da", "whatif": whatif, "page": hello["page"]}))
        assert status == 200
        server.flow.write_text(good.replace("Pick and pack", "Pack the parcel"), encoding="utf-8")
        kind, view = events.next_event()
        assert kind == "view" and view["version"] > hello["version"]
        assert view["lang"] == "da" and view["whatif"]["automate"] == ["copy"]
        assert "Pack the parcel" in view["current"]["svg"] and "Pack the parcel" in view["future"]["svg"]
    finally:
        server.flow.write_text(good, encoding="utf-8")
        events.close()
