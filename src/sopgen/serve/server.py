"""`sopgen serve`: bind the address (127.0.0.1 unless told otherwise), then run the workshop page with uvicorn."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sopgen.errors import InputError, OutputError, Source
from sopgen.i18n.interface import _

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
SHUTDOWN_SECONDS = 2


@dataclass(frozen=True)
class ServeSettings:
    flow: Path
    locale: str
    profile: Path | None = None
    measured: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8765
    strict: bool = False

    @classmethod
    def create(
        cls, flow: Path, locale: str, profile: Path | None, measured: Path | None, host: str, port: int, strict: bool
    ) -> ServeSettings:
        from sopgen import resources
        from sopgen.blueprints.yaml_loading import display_path

        if flow.is_dir():
            raise InputError.single(Source(display_path(flow)), _("is a folder, not a file"), _("give the flow blueprint file to show"))
        if not flow.is_file():
            builtin = resources.blueprints_dir() / "flows" / f"{flow.name}.yaml"
            hint = (
                _("the page follows a file you edit; start from a copy of the built-in flow: cp {path} .").format(path=builtin)
                if builtin.is_file()
                else None
            )
            raise InputError.single(Source(display_path(flow)), _("no such flow blueprint file"), hint)
        if measured is not None and not measured.is_file():
            raise InputError.single(Source(display_path(measured)), _("no such file"), _("--measured needs an order export or event log"))
        return cls(flow.resolve(), locale, profile, measured, host.strip() or "127.0.0.1", port, strict)


def serve(settings: ServeSettings, say: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """Serve until Ctrl-C; say the address, and warn loudly when the page is open to more than this computer."""
    import uvicorn

    from sopgen.blueprints.profile import load_profile
    from sopgen.blueprints.yaml_loading import display_path
    from sopgen.serve.app import create_app
    from sopgen.serve.workshop import Workshop

    profile = load_profile(settings.profile) if settings.profile else None
    workshop = Workshop(settings.flow, profile, settings.strict, _measured_figures(settings, say, warn))
    version = workshop.reload()
    for problem in version.problems:
        warn(str(problem))
    listening, address = _bind(settings.host, settings.port)
    port = listening.getsockname()[1]
    allowed = allowed_hosts(settings.host, address, port)
    app = create_app(workshop, allowed, settings.locale)
    config = uvicorn.Config(app, log_level="warning", access_log=False, ws="none", lifespan="on", timeout_graceful_shutdown=SHUTDOWN_SECONDS)
    server = _uvicorn_server(config, on_exit=app.broadcaster.close_from_any_thread)
    say(_("workshop page for {flow}: {url}").format(flow=display_path(settings.flow), url=page_url(settings.host, port)))
    if not ipaddress.ip_address(address).is_loopback:
        warn(
            _("WARNING: serving on {host}, not only on this computer: anyone on the network who can reach {host}:{port} can see the flow and save future states next to it.").format(
                host=settings.host, port=port
            )
        )
    say(_("press Ctrl-C to stop"))
    try:
        server.run(sockets=[listening])
    except KeyboardInterrupt:
        pass
    finally:
        workshop.close()
        listening.close()
    say(_("stopped"))


def _uvicorn_server(config: Any, on_exit: Callable[[], None]) -> Any:
    """uvicorn's server, which on Ctrl-C first ends the pages' event streams, so that it stops at once."""
    import uvicorn

    class WorkshopServer(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            on_exit()
            super().handle_exit(sig, frame)

    return WorkshopServer(config)


def _measured_figures(settings: ServeSettings, say: Callable[[str], None], warn: Callable[[str], None]) -> Callable[[], dict[str, Any] | None] | None:
    if settings.measured is None:
        return None
    from sopgen.serve.measured import read_measured

    say(_("measuring {log} …").format(log=settings.measured))
    figures = read_measured(settings.measured, settings.flow)
    return lambda: figures


def _bind(host: str, port: int) -> tuple[socket.socket, str]:
    """A listening socket on the address, and the address as an IP; a taken port is a user error with a way out."""
    bare = host.strip("[]")
    try:
        family, kind, protocol, _name, address = socket.getaddrinfo(bare, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise InputError.single(Source("--host"), _("cannot serve on '{host}': {reason}").format(host=host, reason=error.strerror)) from None
    listening = socket.socket(family, kind, protocol)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind(address)
        listening.listen(64)
    except OSError as error:
        listening.close()
        raise OutputError.single(
            Source(f"{host}:{port}"),
            _("cannot serve here: {reason}").format(reason=error.strerror),
            _("choose another port with --port, or --port 0 for any free one"),
        ) from None
    listening.setblocking(False)
    return listening, address[0]


def allowed_hosts(host: str, address: str, port: int) -> frozenset[str]:
    """The Host header values that name this server: its address, and the loopback names when it is local."""
    names = {host.lower(), _url_host(address)}
    ip = ipaddress.ip_address(address)
    if ip.is_loopback:
        names.update(LOOPBACK_NAMES)
    if ip.is_unspecified:
        names.update(LOOPBACK_NAMES)
        machine = socket.gethostname()
        names.update({machine.lower(), socket.getfqdn().lower()})
        try:
            names.update(_url_host(info[4][0]) for info in socket.getaddrinfo(machine, None))
        except socket.gaierror:
            pass
    shown = {name if not (":" in name and not name.startswith("[")) else f"[{name}]" for name in names}
    with_port = {f"{name}:{port}" for name in shown}
    return frozenset(with_port | (shown if port == 80 else set()))


def _url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def page_url(host: str, port: int) -> str:
    shown = host if host not in ("0.0.0.0", "::") else socket.gethostname()
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"
