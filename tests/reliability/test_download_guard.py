"""The download guard: which addresses a central job's URL may reach, and that the address checked is the
address connected to (resolved once, pinned; no second lookup a rebinding DNS could answer differently)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core.sync import addresses
from core.sync.inputs import InputRefused, download

REFUSED = [
    ("10.0.0.1", "private"), ("10.255.255.255", "private"), ("172.16.5.4", "private"), ("172.31.255.255", "private"),
    ("192.168.1.10", "private"), ("100.64.0.1", "carrier-grade NAT"), ("100.127.255.254", "carrier-grade NAT"),
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("169.254.169.254", "link-local"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"), ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"), ("240.0.0.1", "reserved"), ("255.255.255.255", "reserved"),
    ("198.18.0.1", "benchmarking"), ("192.0.2.1", "documentation"), ("203.0.113.7", "documentation"),
    ("192.0.0.8", "IETF protocol"), ("192.88.99.1", "6to4 relay"),
    ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fe80::1%eth0", "link-local"),
    ("fc00::1", "unique local"), ("fd12:3456:789a::1", "unique local"), ("ff02::1", "multicast"),
    ("ff0e::1", "multicast"), ("fec0::1", "site-local"), ("2001:db8::1", "documentation"),
    ("100::1", "discard-only"), ("64:ff9b:1::a", "local NAT64"), ("4000::1", "reserved"), ("::2:1", "unspecified (embedded"), ("1::1", "reserved"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "IETF protocol"),  # Teredo
    # IPv6 forms that lead to an IPv4 address are judged by that address.
    ("::ffff:10.0.0.1", "private (embedded"), ("::ffff:127.0.0.1", "loopback (embedded"),
    ("::ffff:169.254.169.254", "link-local (embedded"), ("::ffff:0:7f00:1", "loopback (embedded"),
    ("::7f00:1", "loopback (embedded"), ("2002:a00:1::1", "private (embedded"),
    ("2002:7f00:1::", "loopback (embedded"), ("64:ff9b::a9fe:a9fe", "link-local (embedded"),
    ("64:ff9b::192.168.0.1", "private (embedded"), ("::ffff:100.64.0.1", "carrier-grade NAT (embedded"),
]
ALLOWED = [
    "8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.1",
    "192.167.255.255", "192.169.0.0", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e",
    "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808",
]


@pytest.mark.parametrize(("address", "why"), REFUSED)
def test_addresses_that_are_not_globally_routable_are_refused(address: str, why: str) -> None:
    refusal = addresses.refusal(address)
    assert refusal is not None and refusal.startswith(why), refusal


@pytest.mark.parametrize("address", ALLOWED)
def test_globally_routable_addresses_are_allowed(address: str) -> None:
    assert addresses.refusal(address) is None


@pytest.mark.parametrize(("address", "why"), REFUSED[:6] + REFUSED[20:24])
def test_a_url_whose_host_resolves_there_is_refused_before_any_request(tmp_path: Path, address: str, why: str) -> None:
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, content=b"x")

    client = httpx.Client(transport=httpx.MockTransport(answer))
    with pytest.raises(InputRefused, match=f"resolves to .*a {why.split(' (')[0]}"):
        download("http://files.example/a.png", tmp_path, key="image_url", max_bytes=100, http=client,
                 resolver=lambda host: [address])
    assert asked == []
    # The explicit escape hatch: a desk that allows private downloads fetches it.
    assert download("http://files.example/a.png", tmp_path, key="image_url", max_bytes=100, http=client,
                    allow_private=True, resolver=lambda host: [address]).read_bytes() == b"x"


def test_a_host_with_one_private_address_among_public_ones_is_refused(tmp_path: Path) -> None:
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"x")))
    with pytest.raises(InputRefused, match=r"10\.1\.2\.3, a private address"):
        download("http://files.example/a.png", tmp_path, key="image_url", max_bytes=100, http=client,
                 resolver=lambda host: ["8.8.8.8", "10.1.2.3"])


def test_the_resolved_address_is_pinned_for_the_connection(tmp_path: Path) -> None:
    """A rebinding DNS answers public for the check and loopback after it: the second answer is never
    asked for, the request goes to the first address, with the name in Host and in TLS (SNI)."""
    answers = iter([["8.8.4.4"], ["127.0.0.1"]])
    lookups: list[str] = []

    def rebinding(host: str) -> list[str]:
        lookups.append(host)
        return next(answers)

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"scan")

    client = httpx.Client(transport=httpx.MockTransport(answer))
    path = download("https://files.example:8443/p/a.png", tmp_path, key="image_url", max_bytes=100, http=client,
                    resolver=rebinding)
    assert path.read_bytes() == b"scan"
    assert lookups == ["files.example"]
    [request] = seen
    assert request.url.host == "8.8.4.4" and request.url.port == 8443 and request.url.path == "/p/a.png"
    assert request.headers["host"] == "files.example:8443"
    assert request.extensions["sni_hostname"] == "files.example"


def test_each_redirect_hop_is_resolved_checked_and_pinned_on_its_own(tmp_path: Path) -> None:
    where = {"files.example": ["8.8.4.4"], "cdn.example": ["9.9.9.9"], "inside.example": ["192.168.0.5"]}
    seen: list[tuple[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers["host"]))
        if request.headers["host"] == "files.example":
            return httpx.Response(302, headers={"Location": "https://cdn.example/x.png"})
        if request.url.path == "/x.png":
            return httpx.Response(302, headers={"Location": "/y.png"})  # relative: stays on cdn.example
        if request.url.path == "/y.png":
            return httpx.Response(302, headers={"Location": "http://inside.example/admin"})
        return httpx.Response(200, content=b"secret")

    client = httpx.Client(transport=httpx.MockTransport(answer))
    with pytest.raises(InputRefused, match=r"192\.168\.0\.5, a private address"):
        download("http://files.example/a.png", tmp_path, key="image_url", max_bytes=100, http=client,
                 resolver=lambda host: where[host])
    assert seen == [("8.8.4.4", "files.example"), ("9.9.9.9", "cdn.example"), ("9.9.9.9", "cdn.example")]


@pytest.fixture
def local_server() -> Iterator[tuple[int, list[str]]]:
    hosts: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            body = b"from the pinned address"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hosts
    server.shutdown()
    server.server_close()


def test_a_real_connection_goes_to_the_pinned_address_with_the_name_as_host(
    tmp_path: Path, local_server: tuple[int, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over real sockets: `files.invalid` does not resolve anywhere, so reaching the server at all proves
    the connection used the pinned address (loopback is allowed here only for this test)."""
    port, hosts = local_server
    monkeypatch.setattr(addresses, "refusal", lambda raw: None)
    with httpx.Client(limits=httpx.Limits(max_keepalive_connections=0), trust_env=False) as client:
        path = download(f"http://files.invalid:{port}/a.png", tmp_path, key="image_url", max_bytes=100,
                        http=client, resolver=lambda host: ["127.0.0.1"])
    assert path.read_bytes() == b"from the pinned address"
    assert hosts == [f"files.invalid:{port}"]
