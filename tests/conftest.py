"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    import dateline.pipeline as nlp

    return nlp.load()


@pytest.fixture(scope="session")
def example_path() -> Path:
    return ROOT / "examples" / "riverside-market.txt"


@pytest.fixture(scope="session")
def camp_ashraf() -> Path:
    path = SHARED / "examples" / "camp-ashraf.txt"
    if not path.exists():
        pytest.skip("../shared/examples is not present")
    return path
