"""Starting and stopping `sopgen serve`: the address it says, its warnings, a clean stop on Ctrl-C."""

from __future__ import annotations

import http.client
import json
import time
from pathlib import Path

from workshop_server import ROOT, WorkshopServer

from sopgen.serve.server import allowed_hosts, page_url


def test_starts_on_loopback_and_stops_on_ctrl_c_with_a_page_open(tmp_path: Path):
    server = WorkshopServer(tmp_path)
    assert server.url.startswith("http://127.0.0.1:")
    events = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    events.request("GET", "/api/events", headers={"Host": server.host})
    assert events.getresponse().status == 200
    started = time.monotonic()
    output = server.stop()
    assert time.monotonic() - started < 5  # the open event stream does not hold the server up
    events.close()
    assert server.process.returncode == 0
    assert output.splitlines() == [
        f"workshop page for order-flow.yaml: {server.url}",
        "press Ctrl-C to stop",
        "stopped",
    ]


def test_a_broken_file_at_start_is_reported_and_the_server_runs(tmp_path: Path):
    server = WorkshopServer(tmp_path, flow_text="kind: flow\nid: broken\n")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            connection.request("GET", "/api/view", headers={"Host": server.host})
            response = connection.getresponse()
            assert response.status == 200
            assert b"missing required field 'title'" in response.read()
        finally:
            connection.close()
    finally:
        output = server.stop()
    assert "order-flow.yaml:1: error: missing required field 'title'" in output
    assert "Traceback" not in output


def test_serving_beyond_this_computer_is_said_loudly(tmp_path: Path):
    server = WorkshopServer(tmp_path, "--host", "0.0.0.0")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            connection.request("GET", "/", headers={"Host": f"127.0.0.1:{server.port}"})
            assert connection.getresponse().status == 200
        finally:
            connection.close()
    finally:
        output = server.stop()
    assert f"WARNING: serving on 0.0.0.0, not only on this computer: anyone on the network who can reach 0.0.0.0:{server.port}" in output


def test_measured_figures_come_from_the_log_given(tmp_path: Path):
    log = ROOT / "examples" / "shopify-orders.csv"
    flow_text = (ROOT / "examples" / "shop-order-flow.yaml").read_text(encoding="utf-8")
    server = WorkshopServer(tmp_path / "served", "--measured", str(log), flow_text=flow_text)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            connection.request("GET", "/api/view", headers={"Host": server.host})
            view = json.loads(connection.getresponse().read())
        finally:
            connection.close()
    finally:
        output = server.stop()
    assert f"measuring {log}" in output
    labels = [row["label"] for row in view["measured"]["rows"]]
    assert labels[0] == "Orders per working day" and "Pick, pack and ship" in labels


def test_allowed_hosts_name_the_served_address_only():
    assert allowed_hosts("127.0.0.1", "127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert allowed_hosts("localhost", "127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert allowed_hosts("::1", "::1", 8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert allowed_hosts("192.168.1.20", "192.168.1.20", 8765) == {"192.168.1.20:8765"}
    assert allowed_hosts("127.0.0.1", "127.0.0.1", 80) == {"127.0.0.1:80", "localhost:80", "[::1]:80", "127.0.0.1", "localhost", "[::1]"}
    assert page_url("::1", 8765) == "http://[::1]:8765/"
