"""The share-link codec: ``v1.<url-safe base64 of zlib-compressed JSON>``.

Why this shape: JSON is data, never code (no pickle, DESIGN §6); zlib keeps a typical
scenario to a few hundred characters, well under what chat tools keep intact (~2,000);
zlib's Adler-32 checksum turns a corrupted or truncated link into a refusal instead of a
different scenario; the ``v1.`` prefix lets a later format be told apart, so a link from a
newer Gatewise is refused by name rather than misread. Every limit is checked *before* the
expensive step it protects: the text length before decoding, the inflated size while
inflating (a small link cannot expand into a huge document), the nesting depth before
parsing. What the payload means (a scenario, the versions that priced each month) is for
the caller to validate: this module only guarantees a finite JSON object comes back.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import zlib
from typing import Any, Final

VERSION: Final = 1
PREFIX: Final = f"v{VERSION}."
#: A link longer than this is refused before decoding (a URL parameter, not a file).
MAX_LINK_CHARS: Final = 16_000
#: What a link may inflate to.
MAX_JSON_BYTES: Final = 256_000
#: Deepest nesting of objects and lists a payload may have (a scenario needs 4).
MAX_DEPTH: Final = 16
#: Links longer than this may be cut by chat tools and mail clients: callers say so.
SAFE_LINK_CHARS: Final = 2_000

_TOKEN = re.compile(r"[A-Za-z0-9_-]*")
_VERSIONED = re.compile(r"v(\d+)\.")


class ShareLinkError(ValueError):
    """The link cannot be opened; the message says why in one line."""


def encode(payload: dict[str, Any]) -> str:
    """``v1.…`` for a JSON-able mapping; refuses non-finite numbers."""
    try:
        text = json.dumps(payload, separators=(",", ":"), sort_keys=True, allow_nan=False)
    except ValueError as exc:
        raise ShareLinkError(f"cannot share a non-finite number ({exc})") from None
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9))
    return PREFIX + packed.rstrip(b"=").decode("ascii")


def decode(link: str) -> dict[str, Any]:
    """The mapping a link carries; :class:`ShareLinkError` for anything else."""
    link = link.strip()
    if len(link) > MAX_LINK_CHARS:
        raise ShareLinkError(
            f"the link is {len(link):,} characters long (at most {MAX_LINK_CHARS:,})"
        )
    version = _VERSIONED.match(link)
    if version is None:
        raise ShareLinkError("this is not a Gatewise share link (it should start with v1.)")
    if int(version.group(1)) != VERSION:
        newer = int(version.group(1)) > VERSION
        raise ShareLinkError(
            f"the link uses format v{version.group(1)}, "
            + ("made by a newer Gatewise" if newer else "which this Gatewise cannot read")
            + f"; this one reads v{VERSION}"
        )
    body = link[len(version.group(0)) :]
    if not _TOKEN.fullmatch(body):
        raise ShareLinkError("the link has characters no share link contains (cut or edited?)")
    data = _inflate(_unbase64(body))
    return _parse(data)


def _unbase64(body: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise ShareLinkError("the link is damaged (was it cut or edited?)") from None


def _inflate(packed: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(packed, MAX_JSON_BYTES + 1)
    except zlib.error:
        raise ShareLinkError("the link is damaged (was it cut or edited?)") from None
    if len(data) > MAX_JSON_BYTES or inflater.unconsumed_tail:
        raise ShareLinkError(f"the link holds more than {MAX_JSON_BYTES:,} bytes of scenario")
    if not inflater.eof:
        raise ShareLinkError("the link is incomplete (was it cut?)")
    return data


def _depth(text: str) -> int:
    """Deepest nesting of ``{``/``[`` outside strings (a scan, so a hostile link cannot make
    the JSON parser recurse)."""
    deepest = depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "}]":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> float:
    raise ShareLinkError(f"the link holds a non-finite number ({name})")


def _parse(data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ShareLinkError("the link is damaged (not text)") from None
    if _depth(text) > MAX_DEPTH:
        raise ShareLinkError(f"the link nests data more than {MAX_DEPTH} levels deep")
    try:
        payload = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError:
        raise ShareLinkError("the link is damaged (not a JSON document)") from None
    if not isinstance(payload, dict):
        raise ShareLinkError("the link does not hold a scenario (expected a mapping)")
    _check_finite(payload)
    return payload


def _check_finite(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):  # 1e999 parses as inf
        raise ShareLinkError("the link holds a non-finite number")
    if isinstance(value, dict):
        for item in value.values():
            _check_finite(item)
    elif isinstance(value, list):
        for item in value:
            _check_finite(item)
