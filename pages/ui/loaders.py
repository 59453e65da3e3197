"""Cached loaders over the pricing and model layers, keyed by plain strings.

``DATA_DIR`` is the repository's ``data/`` folder, resolved from this file's location so the
app works from any working directory; ``GATEWISE_DATA_DIR`` overrides it (tests point it at a
temporary folder). Catalogs are immutable, so one shared copy is cached per process.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from model.catalog import options as catalog_options
from model.catalog import view as catalog_view
from model.catalog.news import PriceNews, price_news
from pricing import CatalogError, PriceBook
from pricing.versions import today
from pricing.versions import today as today_utc

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "GATEWISE_DATA_DIR"


def data_dir() -> Path:
    """The data folder in use (read at call time so tests can switch it)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else DATA_DIR


def pricing_dir() -> Path:
    return data_dir() / "pricing"


def _fingerprint(root: Path) -> str:
    """Changes when a catalog file is added, removed or edited, so a running server picks up
    a new pricing version without a restart (the file watcher is off)."""
    if not root.is_dir():
        return "missing"
    stats = sorted((str(p), p.stat().st_mtime_ns) for p in root.rglob("*.yaml"))
    return str(hash(tuple(stats)))


@st.cache_resource(show_spinner=False, max_entries=4)
def _price_book(root: str, fingerprint: str) -> PriceBook:  # noqa: ARG001 - cache key only
    return PriceBook.load(Path(root))


def price_book() -> PriceBook:
    """Every pricing version under the data folder; raises ``CatalogError``."""
    root = pricing_dir()
    return _price_book(str(root), _fingerprint(root))


def price_book_or_stop() -> PriceBook:
    """:func:`price_book`, or an error box naming the problem and the end of the page."""
    try:
        return price_book()
    except CatalogError as exc:
        # The message quotes file names and YAML: plain text, never markdown (DESIGN §6).
        st.error("Cannot load the price catalogs.")
        st.code(str(exc), language=None, wrap_lines=True)
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers happy


@st.cache_data(show_spinner=False, max_entries=16)
def _models_frame(root: str, fingerprint: str, version: str, today: str) -> pd.DataFrame:
    book = _price_book(root, fingerprint)
    return catalog_view.models_frame(book.get(version), dt.date.fromisoformat(today))


def models_frame(version: str) -> pd.DataFrame:
    """The models table of one version, status and provenance as of today (see
    :func:`model.catalog.view.models_frame`)."""
    root = pricing_dir()
    return _models_frame(str(root), _fingerprint(root), version, today_utc().isoformat())


@st.cache_data(show_spinner=False, max_entries=16)
def _diff_frame(root: str, fingerprint: str, old: str, new: str) -> pd.DataFrame:
    book = _price_book(root, fingerprint)
    return catalog_view.diff_frame(book.get(old), book.get(new))


def diff_frame(old: str, new: str) -> pd.DataFrame:
    """Price changes between two versions (see :func:`model.catalog.view.diff_frame`)."""
    root = pricing_dir()
    return _diff_frame(str(root), _fingerprint(root), old, new)


@st.cache_data(show_spinner=False, max_entries=16)
def _option_diff_frame(root: str, fingerprint: str, old: str, new: str) -> pd.DataFrame:
    book = _price_book(root, fingerprint)
    return catalog_options.option_diff_frame(book.get(old), book.get(new))


def option_diff_frame(old: str, new: str) -> pd.DataFrame:
    """Changed buying terms between two versions."""
    root = pricing_dir()
    return _option_diff_frame(str(root), _fingerprint(root), old, new)


@st.cache_data(show_spinner=False, max_entries=4)
def _price_news(root: str, fingerprint: str, day: str) -> PriceNews:
    return price_news(_price_book(root, fingerprint), dt.date.fromisoformat(day))


def price_news_today() -> PriceNews:
    """The version in force today and the latest changes (see :mod:`model.catalog.news`)."""
    root = pricing_dir()
    return _price_news(str(root), _fingerprint(root), today().isoformat())


def clear_caches() -> None:
    """Forget every cached catalog and frame (tests call this between apps)."""
    st.cache_data.clear()
    st.cache_resource.clear()
