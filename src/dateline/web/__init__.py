"""The HTTP API and the page (``dateline serve``): a thin face over the store's calls and the public ``dateline.code``.

    app = create_app(dateline.open_store(url), token=os.environ.get("DATELINE_API_TOKEN"))
    uvicorn.run(app, host="127.0.0.1", port=8000)

Modules: ``app`` (the FastAPI app: routes under /api/v1, errors as ``{code, message}``, the page at /),
``models`` (the pydantic models of the contract's records and of the API's envelopes), ``guards`` (body limit,
security headers), ``streaming`` (exports streamed from a worker thread), ``static/`` (the page, and the vendored
Leaflet and country outlines with their licences: ``static/vendor/README.md``). No spaCy and no pipeline here:
a pasted article is coded through ``dateline.code``. Endpoints, security and limits: docs/web.md.
"""

from __future__ import annotations

from dateline.web.app import API, TOKEN_ENV, create_app
from dateline.web.guards import MAX_BODY

__all__ = ["API", "MAX_BODY", "TOKEN_ENV", "create_app", "serve"]


def serve(url: str | None = None, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          cors_origins: tuple[str, ...] = ()) -> None:
    """Opens the store at ``url`` and serves the app with Uvicorn until interrupted."""
    import uvicorn

    from dateline.store import open_store

    store = open_store(url)
    try:
        uvicorn.run(create_app(store, token=token, cors_origins=cors_origins), host=host, port=port,
                    log_level="info", access_log=False)
    finally:
        store.close()
