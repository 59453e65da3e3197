"""Where a test call may go: the refusal table (IPv4, IPv6, names that resolve to private
addresses, checked after resolution), pinning, DNS rebinding, redirects and size bounds."""

from __future__ import annotations

import httpx
import pytest

from model.live.apis import Prompt
from model.live.call import Endpoint, call_once
from model.live.guard import (
    ALLOW_ENV,
    EndpointRefusedError,
    GuardedTransport,
    check_endpoint,
    system_resolver,
)
from model.live.transport import Limits, build_client

PUBLIC = "93.184.216.34"
DNS = {
    "api.openai.com": ["104.18.7.192", "2606:4700::6812:7c0"],
    "localhost": ["127.0.0.1", "::1"],
    "metadata.google.internal": ["169.254.169.254"],
    "rebind.example": [PUBLIC, "10.0.0.1"],
    "intranet.example": ["192.168.10.20"],
    "v6only.example": ["fd12:3456::1"],
}


def resolve(host: str, port: int) -> list[str]:
    return DNS.get(host, [])


OK, REFUSED = True, False
# (base URL, allowed without opt-in, allowed with GATEWISE_ALLOW_PRIVATE_ENDPOINTS=1, reason)
TABLE = [
    ("https://api.openai.com/v1", OK, OK, ""),
    ("http://api.openai.com/v1", REFUSED, REFUSED, "plain http"),
    ("https://127.0.0.1:8443", REFUSED, OK, "loopback"),
    ("http://127.0.0.1:4000/v1", REFUSED, OK, "loopback"),
    ("https://localhost/v1", REFUSED, OK, "loopback"),
    ("https://[::1]/v1", REFUSED, OK, "loopback"),
    ("https://10.1.2.3", REFUSED, OK, "private"),
    ("https://172.16.3.4", REFUSED, OK, "private"),
    ("https://192.168.1.1", REFUSED, OK, "private"),
    ("https://intranet.example/v1", REFUSED, OK, "private"),
    ("https://[fc00::1]", REFUSED, OK, "private"),
    ("https://v6only.example", REFUSED, OK, "private"),
    ("https://169.254.10.10", REFUSED, OK, "link-local"),
    ("https://[fe80::1]", REFUSED, OK, "link-local"),
    ("https://169.254.169.254/latest", REFUSED, REFUSED, "metadata"),
    ("http://169.254.169.254", REFUSED, REFUSED, "metadata"),
    ("https://metadata.google.internal", REFUSED, REFUSED, "metadata"),
    ("https://[fd00:ec2::254]", REFUSED, REFUSED, "metadata"),
    ("https://[64:ff9b::a9fe:a9fe]", REFUSED, REFUSED, "metadata"),  # NAT64 of 169.254.169.254
    ("https://[::ffff:127.0.0.1]", REFUSED, OK, "loopback"),  # IPv4-mapped
    ("https://[::ffff:a9fe:a9fe]", REFUSED, REFUSED, "metadata"),
    ("https://[2002:7f00:1::]", REFUSED, OK, "loopback"),  # 6to4 of 127.0.0.1
    ("https://0.0.0.0", REFUSED, OK, "unspecified"),
    ("https://100.64.1.1", REFUSED, OK, "non-public"),  # carrier-grade NAT
    ("https://224.0.0.1", REFUSED, OK, "multicast"),
    ("https://rebind.example", REFUSED, OK, "private"),  # one private answer is enough
    ("https://nowhere.example", REFUSED, REFUSED, "resolves to no address"),
    ("ftp://api.openai.com", REFUSED, REFUSED, "https://"),
    ("https://user:secret@api.openai.com/v1", REFUSED, REFUSED, "user name"),
    ("https://api.openai.com/v1?key=abc", REFUSED, REFUSED, "query"),
    ("https://api.openai.com/v1#frag", REFUSED, REFUSED, "fragment"),
    ("", REFUSED, REFUSED, "empty"),
    ("api.openai.com/v1", REFUSED, REFUSED, "https://"),
]


@pytest.mark.parametrize(("url", "plain", "opted_in", "reason"), TABLE)
def test_refusal_table(url: str, plain: bool, opted_in: bool, reason: str) -> None:
    for allow, expected in ((False, plain), (True, opted_in)):
        if expected:
            target = check_endpoint(url, resolve=resolve, allow=allow)
            assert target.private == (allow and not url.startswith("https://api.openai.com"))
        else:
            with pytest.raises(EndpointRefusedError, match=reason):
                check_endpoint(url, resolve=resolve, allow=allow)


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "0177.0.0.1"])
def test_numeric_spellings_of_loopback_are_resolved_then_refused(host: str) -> None:
    # getaddrinfo turns inet_aton spellings into 127.0.0.1 without DNS: checked after that
    # (httpx already refuses the octal one as an invalid URL).
    with pytest.raises(EndpointRefusedError, match=r"loopback|not a valid URL"):
        check_endpoint(f"https://{host}/v1", resolve=system_resolver, allow=False)


def test_opt_in_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    with pytest.raises(EndpointRefusedError, match=ALLOW_ENV):
        check_endpoint("http://127.0.0.1:9/v1")
    monkeypatch.setenv(ALLOW_ENV, "1")
    assert check_endpoint("http://127.0.0.1:9/v1").private


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, json={"id": "x", "choices": [], "usage": {"prompt_tokens": 1, "completion_tokens": 1}}
    )


def test_requests_are_pinned_to_the_checked_address() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _ok(request)

    with build_client(
        inner=httpx.MockTransport(handler), resolve=resolve, allow_private=False
    ) as client:
        client.post("https://api.openai.com/v1/chat/completions", json={})
    (request,) = seen
    assert request.url.host == "104.18.7.192"  # connects to the address it checked
    assert request.headers["host"] == "api.openai.com"  # the name stays in Host…
    assert request.extensions["sni_hostname"] == "api.openai.com"  # …and in TLS SNI


def test_dns_rebinding_is_refused_at_request_time() -> None:
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    calls: list[httpx.Request] = []

    def flip(host: str, port: int) -> list[str]:
        return next(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return _ok(request)

    check_endpoint("https://flip.example/v1", resolve=flip, allow=False)  # public when entered
    transport = GuardedTransport(httpx.MockTransport(handler), resolve=flip, allow=False)
    with (
        httpx.Client(transport=transport) as client,
        pytest.raises(EndpointRefusedError, match="loopback"),
    ):
        client.post("https://flip.example/v1/chat/completions", json={})
    assert calls == []  # nothing was sent, so no key either


ENDPOINT = Endpoint("gw", "openai", "https://api.openai.com/v1", "gpt-4o")
KEY = "sk-guard-test-0123456789"


def test_redirects_are_not_followed() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(307, headers={"location": "https://evil.example/steal"})

    with build_client(
        inner=httpx.MockTransport(handler), resolve=resolve, allow_private=False
    ) as client:
        result = call_once(client, ENDPOINT, KEY, Prompt("hi"))
    assert len(seen) == 1 and result.error is not None and result.error.type == "redirect"
    assert "evil.example" in result.error.message


def test_response_size_is_bounded() -> None:
    # Keep-alive comments without end: no event ever reaches the parser, the bound stops it.
    def endless() -> object:
        while True:
            yield b": " + b"x" * 10_000 + b"\n\n"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=endless())

    with build_client(
        Limits(max_bytes=100_000),
        inner=httpx.MockTransport(handler),
        resolve=resolve,
        allow_private=False,
    ) as client:
        result = call_once(client, ENDPOINT, KEY, Prompt("hi"), limits=Limits(max_bytes=100_000))
    assert result.error is not None and result.error.type == "too_large"


def test_a_refusal_at_call_time_is_a_result() -> None:
    def handler(request: httpx.Request) -> httpx.Response:  # pragma: no cover - never reached
        raise AssertionError("the request must not be sent")

    ep = Endpoint("local", "openai", "https://127.0.0.1/v1", "gpt-4o")
    with build_client(
        inner=httpx.MockTransport(handler), resolve=resolve, allow_private=False
    ) as client:
        result = call_once(client, ep, KEY, Prompt("hi"))
    assert result.error is not None and result.error.type == "refused"
