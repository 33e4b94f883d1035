"""The curated public API."""

from __future__ import annotations

import pytest

import dateline
from dateline.records import Coding, ErrorRecord


def test_all_is_curated() -> None:
    assert sorted(dateline.__all__) == sorted(
        ["Article", "Claim", "Coding", "DatelineError", "ErrorRecord", "Event", "InputError", "Quote",
         "__version__", "code", "code_article", "code_many", "load_pipeline", "open_store"])
    for name in dateline.__all__:
        assert hasattr(dateline, name)


@pytest.mark.slow
def test_code_returns_a_coding() -> None:
    c = dateline.code("Soldiers shot dead two protesters in the capital on Monday.", published="2022-06-08")
    assert isinstance(c, Coding)
    d = c.to_dict()
    assert d["schema"] == "dateline/1" and d["article"]["published"]["source"] == "argument"
    assert d["events"][0]["date"]["start"] == "2022-06-06"


def test_code_raises_for_bad_text() -> None:
    with pytest.raises(dateline.InputError) as info:
        dateline.code("")
    assert info.value.code == "empty-text"


@pytest.mark.slow
def test_code_many_streams_in_order_and_survives_bad_records() -> None:
    recs = [{"id": "1", "text": "Rebels abducted four aid workers on Sunday, officials said."},
            {"id": "2", "text": ""},
            {"id": "3", "text": 5},
            "not a record",
            {"id": "5", "text": "A bomb exploded at a bus station, killing six people."}]
    out = list(dateline.code_many(recs))  # type: ignore[arg-type]
    assert [type(o) for o in out] == [Coding, ErrorRecord, ErrorRecord, ErrorRecord, Coding]
    assert [o.to_dict()["article"]["input_id"] for o in out] == ["1", "2", "3", None, "5"]
