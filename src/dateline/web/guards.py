"""What every request passes through: the body limit, a NUL-free URL, and the security headers of each answer."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# request bodies above this are refused with 413 (an article is a few kB; the coder refuses 1,000,000 characters)
MAX_BODY = 2 * 1024 * 1024

# the page and the API load nothing from elsewhere: scripts, styles, data and images come from this server only
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# Swagger UI's page starts itself with an inline script (fastapi's template); its files are still served here
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs/")


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Guards:
    """ASGI middleware: refuses bodies above ``max_body`` (413, by the declared length or while reading a chunked
    body), refuses URLs carrying NUL characters (400: no database takes them), and sets the security headers
    (a content security policy that allows this server only, no sniffing, no referrer, no framing)."""

    def __init__(self, app: App, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or b""
        query = scope.get("query_string") or b""
        if b"\x00" in raw or b"%00" in raw.lower() or b"%00" in query.lower() or "\x00" in scope.get("path", ""):
            await send_error(send, 400, "bad-request", "the URL holds a NUL character")
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await send_error(send, 400, "bad-request", "Content-Length is not a number")
                return
            if int(declared) > self.max_body:
                await send_error(send, 413, "too-large", f"the request body is over {self.max_body} bytes")
                return
        policy = DOCS_POLICY if scope.get("path", "").startswith(DOCS_PATHS) else PAGE_POLICY
        received = 0
        refused = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    refused = True
                    if not started:
                        await send_error(send, 413, "too-large", f"the request body is over {self.max_body} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:     # the 413 has gone out: the app's own answer is dropped
                return
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", policy.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if refused:     # the app saw the body cut off after the 413 was sent
                return
            raise
