"""Share links on the calculator, scorecard and report pages: opening ``?s=v1.…`` and the
"Copy share link" block.

Opening a link replaces the session's scenario by the link's, and prices it with the
versions the link recorded (``scenario_state.SHARE_PINS``), so a colleague sees the author's
numbers; a note says which months today's data would price differently and by how much. A
link that cannot be opened — damaged, cut, tampered, too long, from a newer Gatewise, or a
scenario this price data cannot price — gets one line and the page keeps its defaults. Link
text is data: it reaches the page only as a quoted, escaped fragment of a message.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

import streamlit as st

from model.plan.calendar import pricing_calendar
from model.plan.projection import Projection, check_scenario, project
from model.plan.scenario import Scenario, ScenarioError
from model.share.link import MAX_LINK_CHARS, SAFE_LINK_CHARS, ShareLinkError
from model.share.payload import PARAM, make_link, open_link, shared_rate
from model.share.pins import TOLERANCE_USD, drift, pin, pinned_book
from pages.ui import fx, loaders, safe
from pages.ui import scenario_state as ss
from pricing import CatalogError, PriceBook

APPLIED: Final = "share_applied"  # the link text already opened in this session
REFUSED: Final = "share_refused"  # the one-line reason a link was refused
NOTES: Final = ss.SHARE_NOTES  # what could not be honoured when it was opened


def open_from_url() -> None:
    """Apply the page's ``?s=`` link once per session (a rerun keeps the user's edits)."""
    text = st.query_params.get(PARAM)
    if not text or st.session_state.get(APPLIED) == text:
        return
    st.session_state[APPLIED] = text
    st.session_state.pop(REFUSED, None)
    try:
        shared = open_link(text)
        book = loaders.price_book()
        pinned = pin(shared.priced_by, book)
        check_scenario(shared.scenario, pricing_calendar(shared.scenario, pinned.book))
    except (ShareLinkError, ScenarioError, CatalogError) as exc:
        st.session_state[REFUSED] = " ".join(str(exc).split())
        return
    ss.load_scenario_dict(shared.scenario.model_dump(mode="json"))
    if pinned.today is not None:
        st.session_state[ss.SHARE_PINS] = [list(m) for m in shared.priced_by or ()]
    st.session_state[NOTES] = list(pinned.notes)
    reference = fx.rate_table().rate(shared.scenario.currency)
    rate = shared_rate(shared, reference)
    fx.use_rate(rate.currency, None if rate is reference else rate.per_usd)


def messages() -> None:
    """The refusal of a bad link (with the defaults shown), or what an opened one could not
    honour."""
    if st.session_state.get(APPLIED) != st.query_params.get(PARAM):
        return
    refused = st.session_state.get(REFUSED)
    if refused:
        st.error(
            f"This share link cannot be opened: {safe.md(refused, limit=240)}. Showing the "
            "default scenario instead.",
            icon=":material/link_off:",
        )
    for note in st.session_state.get(NOTES, []):
        st.warning(safe.md(note, limit=300), icon=":material/link:")


@st.cache_resource(show_spinner=False, max_entries=8)
def _pinned(book_id: int, _book: PriceBook, versions: tuple[str, ...]) -> PriceBook:  # noqa: ARG001
    return pinned_book(_book, versions)


def price_book() -> PriceBook:
    """The prices the scenario in use is computed with: a link's versions while it is the
    link's scenario, else every version (today's data)."""
    book = loaders.price_book_or_stop()
    pins = st.session_state.get(ss.SHARE_PINS)
    if not pins:
        return book
    try:
        return _pinned(id(book), book, tuple(sorted({v for m in pins for v in m})))
    except ShareLinkError as exc:  # the price data changed under a running session
        st.session_state.pop(ss.SHARE_PINS, None)
        st.session_state[NOTES] = [f"{exc}; priced with today's data instead."]
        return book


@st.cache_resource(show_spinner=False, max_entries=16)
def _project(text: str, book_id: int, _book: PriceBook) -> Projection:  # noqa: ARG001
    return project(Scenario.model_validate_json(text), _book)


def _unpin() -> None:
    st.session_state.pop(ss.SHARE_PINS, None)


def pinned_note(scenario: Scenario) -> None:
    """While a link's versions price the scenario: say so, and what today's data changes."""
    if not st.session_state.get(ss.SHARE_PINS):
        return
    pinned, today = price_book(), loaders.price_book_or_stop()
    if pinned is today:
        return
    text = scenario.model_dump_json()
    try:
        moved = drift(_project(text, id(pinned), pinned), _project(text, id(today), today))
    except ScenarioError as exc:
        st.warning(safe.md(exc, limit=300))
        return
    versions = ", ".join(pinned.versions)
    line = (
        f"Priced as the share link recorded (version {versions}), so these are the author's "
        "numbers. "
    )
    if not moved:
        line += "Today's price data prices every month the same way."
    else:
        names = {o.id: o.name for o in today.latest.options}
        parts = []
        for d in moved[:6]:
            deltas = (
                ", ".join(
                    f"{names.get(o, o)} {'+' if v >= 0 else '−'}{_money(abs(v))}"
                    for o, v in d.delta_usd.items()
                    if abs(v) >= TOLERANCE_USD
                )
                or "same totals"
            )
            how = f"by {', '.join(d.today)} instead of {', '.join(d.linked)}"
            parts.append(f"{d.month} ({how}: {deltas})")
        more = f" and {len(moved) - 6} more" if len(moved) > 6 else ""
        line += (
            f"Today's price data would price {len(moved)} month(s) differently: "
            + "; ".join(parts)
            + more
            + "."
        )
    with st.container(key="share_pinned"):
        st.info(safe.money(line), icon=":material/push_pin:")
        st.button("Price with today's data instead", on_click=_unpin, key="share_unpin")


def _money(usd: float) -> str:
    from model.plan.currency import money

    return money(usd, fx.current_rate())


def _base_url(page: str) -> str:
    """This page's address without its query (relative when the browser's is unknown)."""
    url = st.context.url
    if not url:
        return f"/{page}"
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path.endswith(f"/{page}"):
        path = f"{path}/{page}"
    return f"{parts.scheme}://{parts.netloc}{path}"


def share_url(scenario: Scenario, book: PriceBook, page: str) -> str:
    """The page's address with the scenario's link; :class:`ShareLinkError` (one line) when
    the scenario is too large for one."""
    link = make_link(scenario, pricing_calendar(scenario, book), fx.current_rate())
    if len(link) > MAX_LINK_CHARS:
        raise ShareLinkError(
            f"this scenario is too large for a link ({len(link):,} characters; at most "
            f"{MAX_LINK_CHARS:,}): share the scenario file (YAML) instead"
        )
    return f"{_base_url(page)}?{PARAM}={link}"


def link_block(scenario: Scenario, book: PriceBook, page: str) -> None:
    """ "Copy share link": the full address in a code block (its copy button copies it)."""
    st.markdown("**Copy share link**")
    try:
        url = share_url(scenario, book, page)
    except (ScenarioError, ShareLinkError) as exc:
        st.warning(safe.md(f"No share link: {exc}.", limit=300))
        return
    with st.container(key=f"share_link_{page}"):
        st.code(url, language=None, wrap_lines=True)
    note = (
        f"{len(url):,} characters. Opens this scenario with the same numbers: it records the "
        "pricing versions of each month. It holds the scenario only — never a key."
    )
    if len(url) > SAFE_LINK_CHARS:
        st.warning(
            f"{note} Links above {SAFE_LINK_CHARS:,} characters may be cut by chat tools and "
            "mail clients (a cut link is refused, not misread): if it arrives cut, share the "
            "scenario file (YAML) instead."
        )
    else:
        st.caption(note)
