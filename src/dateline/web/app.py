"""The FastAPI app: the JSON API under /api/v1 over the store's calls, the page at /, the Swagger UI at /docs.

Every answer that is not a success is ``{"code", "message"}`` with its status: 400 a malformed request (a NUL in
the URL), 401 / 403 a write without the token or on a read-only server, 404 nothing by that id, 413 a body over
2 MB, 422 a parameter or an article that cannot be used (the coder's error code: ``empty-text``, ``bad-date``,
...), 503 the store cannot answer.
"""

from __future__ import annotations

import dataclasses
import hmac
import importlib.metadata
import math
import threading
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import IO, Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline import code as code_article_text
from dateline import export
from dateline.errors import InputError
from dateline.export.sources import items_from_store
from dateline.records import Coding as CodingRecord
from dateline.store import Filters, NotFound, Store, StoreError
from dateline.web import models
from dateline.web.guards import MAX_BODY, Guards
from dateline.web.streaming import stream

API = "/api/v1"
TOKEN_ENV = "DATELINE_API_TOKEN"
STATIC = Path(str(resources.files("dateline.web").joinpath("static")))

# codes one article: dateline.code's signature (tests give a fake)
Coder = Callable[..., CodingRecord]

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_FIGURE = 1_000_000_000
EXPORT_FORMATS = tuple(f for f in export.FORMATS if f not in export.FILE_ONLY)
MEDIA = {"acled": "text/csv; charset=utf-8", "ucdp": "text/csv; charset=utf-8",
         "plover": "application/x-ndjson", "jsonl": "application/x-ndjson", "geojson": "application/geo+json"}


# reads "Authorization: Bearer TOKEN" (and shows the scheme in the schema); the check is require_token's
BEARER = HTTPBearer(auto_error=False, description="the server's DATELINE_API_TOKEN")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": models.Error, "description": d} for s, d in (
        (400, "a malformed request"), (404, "nothing answers to that id"), (413, "the request body is over 2 MB"),
        (422, "a parameter or an article that cannot be used"), (503, "the store cannot answer"))}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": models.Error, "description": "a write without the right token"},
    403: {"model": models.Error, "description": "the server is read-only (no DATELINE_API_TOKEN)"}}


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(422, "bad-request", "bbox is west,south,east,north in degrees") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
            -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(422, "bad-request", "bbox is west,south,east,north: longitudes in [-180, 180], "
                                           "latitudes in [-90, 90], south <= north")
    return west, south, east, north


class IncidentQuery:
    """The filters of the incident list and the map."""

    def __init__(self,
                 since: Annotated[date | None, Query(description="the incident starts on or after")] = None,
                 until: Annotated[date | None, Query(description="the incident starts on or before")] = None,
                 country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3")] = None,
                 type: Annotated[str | None, Query(max_length=64, description="PLOVER type, e.g. ASSAULT")] = None,
                 bbox: Annotated[str | None, Query(max_length=200, description="west,south,east,north")] = None,
                 min_killed: Annotated[int | None, Query(ge=0, le=MAX_FIGURE, description="killed (best)")] = None,
                 text: Annotated[str | None, Query(max_length=500, description="full text of a member article")]
                 = None) -> None:
        self.filters = Filters(since=since, until=until, country=country, type=type, text=text, bbox=_bbox(bbox))
        self.min_killed = min_killed


def create_app(store: Store, *, token: str | None = None, coder: Coder | None = None,
               max_body: int = MAX_BODY, cors_origins: tuple[str, ...] = ()) -> FastAPI:
    """The app over ``store``. ``token``: writes need it (``Authorization: Bearer TOKEN``); without one the server is
    read-only. ``coder``: codes one pasted article (``dateline.code``). CORS is off unless ``cors_origins`` names
    the origins allowed to read the API (GET only)."""
    coder = coder or code_article_text
    coding_lock = threading.Lock()     # one article at a time: the pipeline is loaded once and not shared by threads
    try:
        version = importlib.metadata.version("dateline")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    app = FastAPIOffline(title="dateline", version=version,
                         description="Sourced, dated, geocoded records of political violence: the incidents merged "
                                     "across articles, their claims, the codings and their texts.")
    app.add_middleware(Guards, max_body=max_body)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])

    def require_token(credentials: HTTPAuthorizationCredentials | None) -> None:
        if token is None:
            raise ApiError(403, "read-only", f"this server is read-only: start it with {TOKEN_ENV} set to accept "
                                             "writes")
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode("utf-8")):
            raise ApiError(401, "unauthorized", "a write needs the header Authorization: Bearer <token>")

    # -- errors: always {"code", "message"}

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"code": exc.code, "message": exc.message}, status_code=exc.status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"code": "not-found", "message": exc.message}, status_code=404)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"code": exc.code, "message": exc.message}, status_code=503)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"code": exc.code, "message": exc.message}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return JSONResponse({"code": "bad-request", "message": "; ".join(parts) or "invalid request"},
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return JSONResponse({"code": code, "message": str(exc.detail)}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"code": "internal-error", "message": f"{type(exc).__name__}: a bug, please report it"},
                            status_code=500)

    api = APIRouter(prefix=API, responses=ERRORS)

    @api.get("/health", response_model=models.Health, summary="The server, its store and whether it takes writes")
    def health() -> dict[str, Any]:
        info = store.info()
        return {"status": "ok", "version": version, "engine": info.engine, "schema_revision": info.schema_revision,
                "read_only": token is None, "incidents": info.counts.get("incidents", 0),
                "articles": info.counts.get("articles", 0)}

    @api.get("/incidents", response_model=models.IncidentPage, summary="Incidents, latest first (paged)")
    def list_incidents(q: Annotated[IncidentQuery, Depends()],
                       limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
                       offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, Any]:
        """The incidents the filters select, in a stable order (incident date, latest first, then id)."""
        f = dataclasses.replace(q.filters, limit=limit)
        total = store.count_incidents(f, min_killed=q.min_killed)
        records = store.incidents(f, min_killed=q.min_killed, offset=offset) if offset < total else []
        return {"total": total, "offset": offset, "limit": limit,
                "next_offset": offset + limit if offset + limit < total else None,
                "items": [models.summary(r) for r in records]}

    @api.get("/incidents/cells", response_model=models.CellPage, summary="Incidents counted on a grid (the map)")
    def incident_cells(q: Annotated[IncidentQuery, Depends()],
                       cell: Annotated[float, Query(ge=0.01, le=90, description="cell size in degrees")] = 5.0
                       ) -> dict[str, Any]:
        """The located incidents the filters select, per grid cell: count, killed (sum and largest), mean position
        and, for a cell of one incident, its id. A map at any zoom reads this, never one row per incident."""
        cells = store.incident_cells(q.filters, cell=cell, min_killed=q.min_killed)
        return {"cell": cell, "incidents": sum(c["count"] for c in cells), "cells": cells}

    @api.get("/incidents/{incident_id}", response_model=models.IncidentDetail,
             summary="One incident: members, every claim, the members' quotes")
    def incident(incident_id: Annotated[str, PathParam(
            max_length=100, pattern=r"^inc-[0-9a-f]*$",
            description="an incident id, an alias, or a unique prefix of one (never the word of a sibling route "
                        "such as /incidents/cells)")]) -> dict[str, Any]:
        record = store.incident(incident_id)
        quotes = []
        for article_id in dict.fromkeys(m["article_id"] for m in record["incident"].get("members") or []):
            coding = store.coding(article_id)
            quotes += [{**qt, "article_id": article_id} for qt in coding.get("quotes") or []]
        return {"schema": record.get("schema", "dateline/1"), "incident": record["incident"], "quotes": quotes}

    @api.get("/articles/{article_id:path}", response_model=models.StoredArticle,
             summary="A stored article: its coding and its text")
    def article(article_id: Annotated[str, PathParam(max_length=300,
                                                     description="content id, a prefix of one, or input id")]
                ) -> dict[str, Any]:
        coding = store.coding(article_id, include_text=True)
        row = store.article(coding["article"]["id"])
        return {"coding": coding, "outlet": row.get("outlet"), "url": row.get("url"),
                "incidents": store.incidents_of_article(coding["article"]["id"])}

    @api.get("/events", response_model=models.EventPage, summary="Events of the stored articles, latest first")
    def events(since: Annotated[date | None, Query()] = None, until: Annotated[date | None, Query()] = None,
               country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
               type: Annotated[str | None, Query(max_length=64, description="PLOVER, CAMEO or ACLED type")] = None,
               source: Annotated[str | None, Query(max_length=200, description="part of a claim source")] = None,
               text: Annotated[str | None, Query(max_length=500)] = None,
               bbox: Annotated[str | None, Query(max_length=200, description="west,south,east,north")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50) -> dict[str, Any]:
        rows = store.events(Filters(since=since, until=until, country=country, type=type, source=source, text=text,
                                    bbox=_bbox(bbox), limit=limit))
        return {"items": jsonable_encoder(rows)}

    @api.get("/export", summary="Stream an export (ACLED, UCDP GED, PLOVER, GeoJSON, JSONL)",
             response_class=StreamingResponse,
             responses={200: {"description": "the export, streamed", "content": {
                 "text/csv": {}, "application/x-ndjson": {}, "application/geo+json": {}}}})
    def export_records(format: Annotated[str, Query(pattern="^(" + "|".join(EXPORT_FORMATS) + ")$",
                                                    description=", ".join(EXPORT_FORMATS))],
                       level: Annotated[str, Query(pattern="^(events|incidents)$")] = "events",
                       since: Annotated[date | None, Query()] = None, until: Annotated[date | None, Query()] = None,
                       country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
                       type: Annotated[str | None, Query(max_length=64)] = None) -> StreamingResponse:
        """The formats of ``dateline export`` (docs/exports.md) over the store; Parquet is written to files and
        is not served."""
        selection = export.Selection(since=since, until=until, country=country, type=type)

        def write(out: IO[str]) -> None:
            items = items_from_store(store, level, selection, include_text=export.needs_text(format))
            export.export(items, format, out)

        ext = {"acled": "csv", "ucdp": "csv", "geojson": "geojson"}.get(format, "jsonl")
        return StreamingResponse(stream(write), media_type=MEDIA[format], headers={
            "content-disposition": f'attachment; filename="dateline-{format}-{level}.{ext}"'})

    @api.post("/code", response_model=models.CodeResult, summary="Code one article; ?store=true also stores it",
              responses=WRITE_ERRORS)
    def code(body: models.CodeRequest,
             credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
             store_it: Annotated[bool, Query(alias="store", description="also store it and merge it into "
                                                                          "incidents (needs the token)")] = False
             ) -> dict[str, Any]:
        if store_it:
            require_token(credentials)
        with coding_lock:
            coding = coder(body.text, published=body.published, title=body.title, include_text=True)
        if body.id is not None:   # the caller's id is echoed as article.input_id (dateline.code takes none)
            coding = dataclasses.replace(coding, article=dataclasses.replace(coding.article, input_id=body.id))
        incidents: list[str] = []
        if store_it:
            store.add(coding, coding.article.text or "", outlet=body.outlet, url=body.url)
            store.merge()
            incidents = store.incidents_of_article(coding.article.id)
        return {"coding": coding.to_dict(), "stored": store_it, "incidents": incidents}

    app.include_router(api)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


__all__ = ["API", "TOKEN_ENV", "ApiError", "create_app"]
