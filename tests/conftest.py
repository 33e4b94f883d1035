"""Shared fixtures, the ``../shared`` helper and the guard that keeps ``pytest -m "not slow"`` model-free.

A test is ``slow`` when it needs the spaCy model (``dateline.code``, ``code_many``, the pipeline, any stage on
a Doc, the CLI ``code`` / ``evaluate`` commands) or the files of ``../shared``. The guard below makes a test
that is not marked ``slow`` fail as soon as it loads the model or asks :func:`shared_path` for a file, stops
the run when collecting the tests loaded the model (a module-level ``load()``), and fails a run of fast tests
only that ended with the model loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# the packages of the English pipeline (dateline.pipeline.MODEL_NAMES): imported only when the model loads
MODEL_PACKAGE_PREFIX = "en_core_web_"


# the node id of the running test when it is not marked slow: it may neither load the model nor read ../shared
_fast_test: str | None = None


def shared_path(*parts: str) -> Path:
    """``../shared/<parts>``; the calling test fails (never skips) when it is missing."""
    if _fast_test is not None:
        pytest.fail(f"{_fast_test} reads ../shared but is not marked slow", pytrace=False)
    path = SHARED.joinpath(*parts)
    if not path.exists():
        shown = "/".join(("../shared", *parts))
        pytest.fail(f"{shown} is missing: the shared folder must sit beside the checkout (looked for {path})",
                    pytrace=False)
    return path


def model_loaded() -> bool:
    return any(name.startswith(MODEL_PACKAGE_PREFIX) for name in sys.modules)


def pytest_collection_finish(session: pytest.Session) -> None:
    if model_loaded():
        pytest.exit("collecting the tests loaded the spaCy model: a test module loads it at import time; "
                    "load it inside the (slow) tests instead", returncode=1)
    import spacy
    from spacy.language import Language

    def guard(owner: Any, name: str, doing: str) -> None:
        real = getattr(owner, name)

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if _fast_test is not None:
                pytest.fail(f"{_fast_test} {doing} but is not marked slow", pytrace=False)
            return real(*args, **kwargs)

        setattr(owner, name, guarded)
        session.config.add_cleanup(lambda: setattr(owner, name, real))

    guard(spacy, "load", "loads the spaCy model")
    # a pipeline loaded by an earlier slow test is cached: using it must fail as well
    guard(Language, "make_doc", "runs the spaCy pipeline")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _fast_test
    _fast_test = None if item.get_closest_marker("slow") else item.nodeid


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    global _fast_test
    _fast_test = None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    items = getattr(session, "items", [])
    if items and not any(item.get_closest_marker("slow") for item in items) and model_loaded():
        print("\nERROR: the spaCy model was loaded although no slow test ran", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    import dateline.pipeline as nlp

    return nlp.load()


@pytest.fixture(scope="session")
def example_path() -> Path:
    return ROOT / "examples" / "riverside-market.txt"


@pytest.fixture(scope="session")
def camp_ashraf() -> Path:
    return shared_path("examples", "camp-ashraf.txt")
