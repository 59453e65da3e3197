"""Presets: strict scenarios with stated assumptions; the long-context one is above the cliff."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.plan.presets import load_presets
from model.plan.scenario import ScenarioError
from tests.plan.conftest import PRESETS


def test_presets_load_with_assumptions(book) -> None:
    presets = load_presets(PRESETS)
    assert [p.id for p in presets] == [
        "ide-coding-agent",
        "rag-chatbot",
        "nightly-batch-summaries",
        "long-context-documents",
    ]
    for p in presets:
        assert p.description and p.assumptions
        for version in book.catalogs:
            ids = {m.model_id for m in version.models}
            assert {w.model for w in p.scenario.workloads} <= ids, (p.id, version.version)
    by_id = {p.id: p.scenario for p in presets}
    assert by_id["nightly-batch-summaries"].workloads[0].batch_share >= 0.5
    review = by_id["long-context-documents"].workloads[0]
    assert review.model == "gemini-3.1-pro-preview" and review.prompt_tokens > 200_000
    agent = by_id["ide-coding-agent"].workloads[0]
    assert agent.cache_read_tokens > 5 * agent.input_tokens


def test_unknown_key_in_index_is_an_error(tmp_path: Path) -> None:
    for f in PRESETS.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text())
    index = tmp_path / "index.yaml"
    index.write_text(index.read_text().replace("    title: RAG chatbot", "    titel: RAG chatbot"))
    with pytest.raises(ScenarioError, match=r"index\.yaml"):
        load_presets(tmp_path)
