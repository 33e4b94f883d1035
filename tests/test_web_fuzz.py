"""Schemathesis fuzzes the API from its own OpenAPI schema (a few hundred cases in all): no answer is a 500, every
status and body is one the schema declares. In process over an SQLite store of fake-coded articles (no model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from dateline.store import open_store
from dateline.web import create_app

from .test_store_support import fake_code_many
from .test_web_support import TOKEN, fake_code, fill

# cases per operation (eight operations)
EXAMPLES = 30
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


def test_api_conforms_to_its_schema(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "store.sqlite"), coder=fake_code_many, version="1.0.0")
    fill(store)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store, token=TOKEN, coder=fake_code))
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 8
    ran: list[int] = []
    try:
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def fuzz(case: Any) -> None:
                case.call_and_validate(checks=CHECKS)
                ran.append(1)

            fuzz()
    finally:
        store.close()
    assert len(ran) >= 100, len(ran)
