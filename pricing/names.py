"""Map the model names found in usage logs onto catalog model ids (DESIGN §3,
research/usage-formats.md §9).

Logs spell one model many ways: dated snapshots (``claude-sonnet-4-5-20250929``),
provider prefixes (``openai/…``, ``gemini/…``, ``bedrock/…``), Bedrock and Vertex ids
(``us.anthropic.…-v1:0``, ``…@20250929``), OpenRouter slugs and permaslugs
(``anthropic/claude-4.6-opus-20260205``), variants (``:free``), display names
(``Claude Sonnet 4.5``) and tool suffixes (Cursor's ``-high-thinking``).

Order matters for money: an exact id or alias is tried first, so a dated snapshot priced
differently from its family (``gpt-4o-2024-05-13``) resolves to its own entry, or to
*unknown* when the catalog records it as a distinct snapshot — never to the family price.
Only then are wrappers stripped and the name canonicalized. A "fast" variant is never
folded into the base model: fast modes cost more, so without its own entry it is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pricing.schema import Catalog, ModelPrice, UnpricedModel
from pricing.versions import PriceBook

_AMBIGUOUS = "\x00ambiguous"

# OpenRouter / LiteLLM style provider prefixes that only say how the model was reached.
_ROUTE_PREFIXES = (
    "openrouter/",
    "bedrock/converse/",
    "bedrock/",
    "vertex_ai_beta/",
    "vertex_ai/",
    "gemini/",
    "azure_ai/",
    "azure/",
    "together_ai/",
    "groq/",
    "fireworks_ai/",
    "deepinfra/",
    "litellm_proxy/",
)
_VENDOR_PREFIXES = {
    "anthropic": "anthropic",
    "openai": "openai",
    "google": "google",
    "meta-llama": "meta",
    "mistralai": "mistral",
    "x-ai": "xai",
    "z-ai": "zhipu",
    "deepseek": "deepseek",
    "qwen": "qwen",
    "moonshotai": "moonshotai",
}
_FAMILY_PROVIDER = (
    (re.compile(r"^claude"), "anthropic"),
    (re.compile(r"^(gpt|o\d|chatgpt|codex|text-embedding|dall-e|whisper|tts)"), "openai"),
    (re.compile(r"^(gemini|gemma)"), "google"),
    (re.compile(r"^grok"), "xai"),
    (re.compile(r"^glm"), "zhipu"),
    (re.compile(r"^(llama|meta-llama)"), "meta"),
    (re.compile(r"^(mistral|mixtral|codestral|magistral|devstral)"), "mistral"),
    (re.compile(r"^deepseek"), "deepseek"),
    (re.compile(r"^(qwen|qwq)"), "qwen"),
    (re.compile(r"^kimi"), "moonshotai"),
)

_VARIANT = re.compile(r":([a-z][a-z-]*)$")  # OpenRouter :free, :thinking … (not Bedrock :0)
_DISPLAY_VENDOR = re.compile(r"^[a-z][a-z .-]*:\s+")  # "Anthropic: Claude Opus 4.7"
_PARENS = re.compile(r"\s*\(([^)]*)\)")  # "(Fast)" → "-fast"
_TOOL_SUFFIX = re.compile(r"-((?:x?high|medium|low|minimal)(?:-thinking)?|thinking)$")
_BEDROCK_REGION = re.compile(r"^(?:us|eu|apac|au|jp|ca|sa|global|us-gov)\.")
_BEDROCK_VENDOR = re.compile(r"^(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|openai)\.")
_BEDROCK_VERSION = re.compile(r"-v\d+(?::\d+)?$")
_VERTEX_DATE = re.compile(r"@(\d{8})$")
_DATE = re.compile(r"-(?:\d{8}|\d{4}-\d{2}-\d{2})$")
_GEMINI_SNAPSHOT = re.compile(r"^(gemini-.*)-00\d$")
_LATEST = re.compile(r"-latest$")
_CLAUDE_ZERO_MINOR = re.compile(r"^(claude-[a-z]+-\d+)-0$")  # Anthropic's claude-sonnet-4-0
_CLAUDE_PERMASLUG = re.compile(r"^claude-(\d+)(?:-(\d+))?-(opus|sonnet|haiku|fable|mythos)(-.*)?$")


@dataclass(frozen=True)
class ResolvedName:
    """Outcome of resolving one raw name. ``model_id`` None means unknown (unpriced)."""

    model_id: str | None
    provider: str | None
    variant: str | None = None
    free: bool = False


def _clean(raw: str) -> str:
    """Trim, lowercase, drop quotes, router ``~`` and display-name vendor prefixes."""
    text = " ".join(raw.strip().strip("'\"").split()).lower()
    text = text.lstrip("~")
    text = _DISPLAY_VENDOR.sub("", text)
    return _PARENS.sub(lambda m: "-" + m.group(1).strip().replace(" ", "-"), text)


def _split_variant(name: str) -> tuple[str, str | None]:
    match = _VARIANT.search(name)
    if not match:
        return name, None
    return name[: match.start()], match.group(1)


def _unwrap(name: str) -> Iterator[str]:
    """Successively shorter spellings: paths, route prefixes, Bedrock/Vertex wrappers."""
    yield name
    if "/models/" in name or name.startswith(("models/", "arn:")):
        name = name.rsplit("/", 1)[-1]
        yield name
    name = name.removesuffix("::premium")
    changed = True
    while changed:
        changed = False
        for prefix in _ROUTE_PREFIXES:
            if name.startswith(prefix):
                name = name.removeprefix(prefix)
                changed = True
        yield name
    bedrock = _BEDROCK_VENDOR.sub("", _BEDROCK_REGION.sub("", name))
    if bedrock != name:
        name = _BEDROCK_VERSION.sub("", bedrock)
        yield name
    if _VERTEX_DATE.search(name):
        name = _VERTEX_DATE.sub(r"-\1", name)
        yield name
    if "/" in name:
        yield name.rsplit("/", 1)[-1]


def canonical(name: str) -> str:
    """Aggressive spelling-insensitive key: no vendor prefix, date, ``-latest``, and
    Claude versions as ``claude-<family>-<major>-<minor>`` (dots and word order unified)."""
    text = _clean(name)
    text, _ = _split_variant(text)
    text = text.rsplit("/", 1)[-1]
    text = _BEDROCK_VENDOR.sub("", _BEDROCK_REGION.sub("", text))
    text = _BEDROCK_VERSION.sub("", text)
    text = _VERTEX_DATE.sub(r"-\1", text)
    text = re.sub(r"[\s_]+", "-", text)
    text = _LATEST.sub("", text)
    text = _DATE.sub("", text)
    text = _GEMINI_SNAPSHOT.sub(r"\1", text)
    if text.startswith("claude"):
        text = _CLAUDE_ZERO_MINOR.sub(r"\1", text.replace(".", "-"))
        match = _CLAUDE_PERMASLUG.match(text)
        if match and int(match.group(1)) >= 4:
            major, minor, family, rest = match.groups()
            text = f"claude-{family}-{major}" + (f"-{minor}" if minor else "") + (rest or "")
            text = _DATE.sub("", text)
    return text


def infer_provider(name: str) -> str | None:
    """Vendor of an unknown name from its prefix or family (usage-formats §9 rule 5)."""
    text = _clean(name)
    for prefix in _ROUTE_PREFIXES:
        text = text.removeprefix(prefix)
    if "/" in text:
        head = text.split("/", 1)[0]
        return _VENDOR_PREFIXES.get(head, head)
    bare = canonical(text)
    for pattern, provider in _FAMILY_PROVIDER:
        if pattern.match(bare):
            return provider
    return None


def _names_of(model: ModelPrice | UnpricedModel) -> Iterator[str]:
    yield model.model_id
    yield from model.aliases
    extras = (model.display_name,)
    if isinstance(model, ModelPrice):
        extras = (model.vendor_model_id, model.openrouter_slug, model.display_name)
    for extra in extras:
        if extra:
            yield extra


class NameResolver:
    """Resolve raw model names against every id, alias and slug a :class:`PriceBook` knows.

    Built once per price book; lookups are memoized because logs repeat a few names
    millions of times (callers pass unique names, but pages call repeatedly).
    """

    def __init__(self, catalogs: Iterable[Catalog]) -> None:
        self._exact: dict[str, tuple[str | None, str]] = {}
        self._canon: dict[str, tuple[str, str] | str] = {}
        self._cache: dict[str, ResolvedName] = {}
        catalogs = tuple(catalogs)
        direct = [m for c in reversed(catalogs) for m in c.models]
        sold_by_options = [m for c in reversed(catalogs) for o in c.options for m in o.models]
        # Known by name without a published price: resolved to its id, then reported unpriced
        # with the reason (never mistaken for a differently priced family member).
        unpublished = [m for c in reversed(catalogs) for m in c.unpriced]
        for model in (*direct, *sold_by_options, *unpublished):
            for name in _names_of(model):
                self._exact.setdefault(name.strip().lower(), (model.model_id, model.provider))
        for model in direct:
            for snapshot in model.distinct_snapshots:
                self._exact.setdefault(snapshot.lower(), (None, model.provider))
        # Every version repeats most names: each distinct spelling is canonicalized once.
        keys: dict[str, str] = {}
        for model in (*direct, *sold_by_options, *unpublished):
            for name in _names_of(model):
                key = keys.get(name)
                if key is None:
                    key = keys[name] = canonical(name)
                self._add_canonical(key, model)

    @classmethod
    def from_book(cls, book: PriceBook) -> NameResolver:
        return cls(book.catalogs)

    def _add_canonical(self, key: str, model: ModelPrice | UnpricedModel) -> None:
        current = self._canon.get(key)
        if current is None:
            self._canon[key] = (model.model_id, model.provider)
        elif current != _AMBIGUOUS and current[0] != model.model_id:
            self._canon[key] = _AMBIGUOUS  # two models share the spelling: exact ids only

    def known_ids(self) -> set[str]:
        return {mid for mid, _ in self._exact.values() if mid is not None}

    def resolve(self, raw: str) -> ResolvedName:
        """Catalog id for ``raw`` (see module docstring for the order of rules)."""
        cached = self._cache.get(raw)
        if cached is None:
            cached = self._cache[raw] = self._resolve(raw)
        return cached

    def resolve_many(self, raws: Iterable[str]) -> dict[str, ResolvedName]:
        return {raw: self.resolve(raw) for raw in raws}

    def _lookup(self, name: str) -> tuple[str | None, str] | None:
        hit = self._exact.get(name)
        if hit is not None:
            return hit
        canon = self._canon.get(canonical(name))
        return None if canon is None or canon == _AMBIGUOUS else canon  # type: ignore[return-value]

    def _resolve(self, raw: str) -> ResolvedName:
        if not isinstance(raw, str) or not raw.strip():
            return ResolvedName(None, None)
        text = _clean(raw)
        hit = self._exact.get(text)
        if hit is not None:
            return ResolvedName(hit[0], hit[1])
        name, variant = _split_variant(text)
        free = variant == "free"
        candidates = list(_unwrap(name))
        for candidate in candidates:  # exact spellings first: snapshots keep their own price
            hit = self._exact.get(candidate)
            if hit is not None:
                return ResolvedName(hit[0], hit[1], variant, free)
        for candidate in candidates:
            hit = self._lookup(candidate)
            if hit is not None:
                return ResolvedName(hit[0], hit[1], variant, free)
        base = canonical(candidates[-1])
        tool = _TOOL_SUFFIX.search(base)
        if tool is not None:
            hit = self._lookup(base[: tool.start()])
            variant = tool.group(1) if variant is None else f"{variant},{tool.group(1)}"
            if hit is not None:
                return ResolvedName(hit[0], hit[1], variant, free)
        if variant is None and re.search(r"-fast$|-fast-", base):
            variant = "fast"
        return ResolvedName(None, infer_provider(text), variant, free)
