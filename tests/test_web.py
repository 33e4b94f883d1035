"""The HTTP API on both engines, in process (no model: the fake coder): filters, paging, the map's cells, an incident
with its claims and quotes, articles, events, streamed exports, coding and storing with the token, the limits and the
security headers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.web import create_app
from dateline.web.app import STATIC
from dateline.web.guards import MAX_BODY

from .test_store_support import article_text, store, store_url  # noqa: F401
from .test_web_support import TOKEN, fake_code, fill

API = "/api/v1"


@pytest.fixture
def client(store: Any) -> Iterator[TestClient]:  # noqa: F811
    fill(store)
    with TestClient(create_app(store, token=TOKEN, coder=fake_code)) as c:
        yield c


def test_health_says_whether_writes_are_taken(client: TestClient, store: Any) -> None:  # noqa: F811
    h = client.get(f"{API}/health").json()
    assert h["status"] == "ok" and h["read_only"] is False and h["incidents"] == 3 and h["articles"] == 4
    with TestClient(create_app(store, coder=fake_code)) as ro:
        assert ro.get(f"{API}/health").json()["read_only"] is True


def test_incidents_filtered_by_country_and_date_in_a_stable_order(client: TestClient) -> None:
    page = client.get(f"{API}/incidents", params={"country": "irq", "since": "2024-03-01",
                                                   "until": "2024-03-31"}).json()
    assert page["total"] == 2 and page["next_offset"] is None
    assert [i["date"]["start"] for i in page["items"]] == ["2024-03-05", "2024-03-01"]
    merged = page["items"][1]
    assert merged["members"] == 2 and merged["estimates"]["killed"] == {"low": 3, "best": 3, "high": 3}
    assert client.get(f"{API}/incidents", params={"country": "KEN"}).json()["total"] == 1
    assert client.get(f"{API}/incidents", params={"min_killed": 5}).json()["total"] == 1
    assert client.get(f"{API}/incidents", params={"type": "assault"}).json()["total"] == 3
    assert client.get(f"{API}/incidents", params={"bbox": "39,29,41.6,32"}).json()["total"] == 2
    assert client.get(f"{API}/incidents", params={"text": "Witness2"}).json()["total"] == 1


def test_pages_cover_every_incident_once(client: TestClient) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get(f"{API}/incidents", params={"limit": 1, "offset": offset}).json()
        seen += [i["id"] for i in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == 3
    assert client.get(f"{API}/incidents", params={"offset": 50}).json()["items"] == []


def test_cells_aggregate_the_map(client: TestClient) -> None:
    world = client.get(f"{API}/incidents/cells", params={"cell": 45}).json()
    assert world["incidents"] == 3
    assert sum(c["killed"] for c in world["cells"]) == 3 + 7 + 2
    fine = client.get(f"{API}/incidents/cells", params={"cell": 0.1}).json()
    assert len(fine["cells"]) == 3 and all(c["id"].startswith("inc-") for c in fine["cells"])
    grouped = [c for c in world["cells"] if c["count"] > 1]
    assert grouped and grouped[0]["id"] is None and grouped[0]["max_killed"] == 7


def test_an_incident_with_its_members_claims_and_quotes(client: TestClient) -> None:
    inc_id = client.get(f"{API}/incidents", params={"since": "2024-03-01", "until": "2024-03-01"}
                        ).json()["items"][0]["id"]
    detail = client.get(f"{API}/incidents/{inc_id}").json()
    inc = detail["incident"]
    assert len(inc["members"]) == 2 and len(inc["claims"]) == 2
    claim = inc["claims"][0]
    assert claim["source"]["name"] == "police" and claim["stance"] == "asserts"
    assert {q["speaker"]["name"] for q in detail["quotes"]} == {"Witness0", "Witness3"}
    # the claim's span indexes its article's text
    art = client.get(f"{API}/articles/{claim['article_id']}").json()
    s, e = claim["span"]
    assert art["coding"]["article"]["text"][s:e] == claim["text"]
    assert art["incidents"] == [inc_id]
    assert client.get(f"{API}/incidents/{inc_id[:12]}").json()["incident"]["id"] == inc_id   # a prefix


def test_errors_are_json_with_a_code(client: TestClient) -> None:
    for path, status, code in ((f"{API}/incidents/inc-0000000000000000", 404, "not-found"),
                               (f"{API}/articles/nope", 404, "not-found"),
                               (f"{API}/incidents?bbox=1,2,3", 422, "bad-request"),
                               (f"{API}/incidents?country=Iraq", 422, "bad-request"),
                               (f"{API}/incidents?since=yesterday", 422, "bad-request"),
                               (f"{API}/incidents/inc-%00", 400, "bad-request"),
                               (f"{API}/nothing", 404, "not-found")):
        r = client.get(path)
        assert r.status_code == status, path
        assert r.json()["code"] == code and r.json()["message"], path


def test_events_and_articles(client: TestClient) -> None:
    rows = client.get(f"{API}/events", params={"country": "IRQ", "source": "police"}).json()["items"]
    assert len(rows) == 3 and rows[0]["date_start"] == "2024-03-05"
    art = client.get(f"{API}/articles/a2").json()          # by input id
    assert art["coding"]["article"]["input_id"] == "a2" and "Witness2" in art["coding"]["article"]["text"]


def test_exports_stream(client: TestClient) -> None:
    r = client.get(f"{API}/export", params={"format": "jsonl", "country": "IRQ"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    assert len(r.text.splitlines()) == 3
    r = client.get(f"{API}/export", params={"format": "geojson", "level": "incidents"})
    assert len(json.loads(r.text)["features"]) == 3
    r = client.get(f"{API}/export", params={"format": "acled"})
    assert r.text.startswith("event_id_cnty,")
    assert client.get(f"{API}/export", params={"format": "parquet"}).status_code == 422


def test_code_and_store_need_the_token(client: TestClient, store: Any) -> None:  # noqa: F811
    text = article_text(9, country="NGA", date="2024-07-01", killed=4)
    coded = client.post(f"{API}/code", json={"text": text, "id": "mine"}).json()
    assert coded["stored"] is False and coded["coding"]["events"][0]["location"]["country"] == "NGA"
    assert coded["coding"]["article"]["input_id"] == "mine" and coded["coding"]["article"]["text"] == text
    assert client.post(f"{API}/code?store=true", json={"text": text}).status_code == 401
    bad = client.post(f"{API}/code?store=true", json={"text": text}, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401 and bad.json()["code"] == "unauthorized"
    assert client.get(f"{API}/incidents", params={"country": "NGA"}).json()["total"] == 0
    ok = client.post(f"{API}/code?store=true", json={"text": text, "outlet": "Wire"},
                     headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert ok["stored"] is True and len(ok["incidents"]) == 1
    assert client.get(f"{API}/incidents", params={"country": "NGA"}).json()["items"][0]["id"] == ok["incidents"][0]
    with TestClient(create_app(store, coder=fake_code)) as ro:
        r = ro.post(f"{API}/code?store=true", json={"text": text}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and r.json()["code"] == "read-only"


def test_unusable_articles_are_422_with_the_coders_code(client: TestClient) -> None:
    r = client.post(f"{API}/code", json={"text": "   "})
    assert r.status_code == 422 and r.json()["code"] == "empty-text"
    r = client.post(f"{API}/code", json={"text": "event x", "published": "2024-02-31"})
    assert r.status_code == 422 and r.json()["code"] == "bad-date"
    r = client.post(f"{API}/code", json={"text": "x", "unknown": 1})
    assert r.status_code == 422 and r.json()["code"] == "bad-request"


def test_bodies_over_2_mb_are_refused(client: TestClient) -> None:
    big = json.dumps({"text": "word " * (MAX_BODY // 5 + 10)})
    r = client.post(f"{API}/code", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "too-large"

    def chunks() -> Iterator[bytes]:      # no Content-Length: counted while it is read
        yield b'{"text": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    r = client.post(f"{API}/code", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "too-large"


def test_security_headers_and_no_cors_by_default(client: TestClient, store: Any) -> None:  # noqa: F811
    r = client.get("/", headers={"Origin": "https://elsewhere.example"})
    policy = r.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in r.headers
    api = client.get(f"{API}/health", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in api.headers
    with TestClient(create_app(store, coder=fake_code, cors_origins=("https://desk.example",))) as c:
        r = c.get(f"{API}/health", headers={"Origin": "https://desk.example"})
        assert r.headers["access-control-allow-origin"] == "https://desk.example"


def test_the_page_and_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    html = client.get("/").text
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(ref.startswith("/") for ref in refs), refs
    for ref in refs:
        assert client.get(ref).status_code == 200, ref
    docs = client.get("/docs").text
    assets = re.findall(r"'(/static-offline-docs/[^']+)'|\"(/static-offline-docs/[^\"]+)\"", docs)
    assert assets
    for pair in assets:
        assert client.get(pair[0] or pair[1]).status_code == 200
    assert "https://" not in docs.replace("https://fastapi.tiangolo.com", "")
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/incidents", "/api/v1/incidents/{incident_id}", "/api/v1/code", "/api/v1/export"} <= set(
        schema["paths"])


def test_the_page_puts_article_text_in_as_text_only() -> None:
    """Escaping: the page's script never parses data as HTML (the browser test posts a <script> and checks it)."""
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    assert "bindPopup(" not in script   # Leaflet popups and string tooltips take HTML; ours get DOM nodes
    assert not re.search(r"bindTooltip\(\s*[`'\"]", script)
