"""The web app over a store: pages and their JSON twins, forms guarded against cross-site posts, no external request.

Why these guards on a local app: any web page the user visits can make the browser post to 127.0.0.1, and a
name that resolves to 127.0.0.1 can reach the app from a hostile page. So a form post must carry this process's
token and come from this origin; a request must name a host the app serves; a page may load nothing from
elsewhere (the report's own content policy, sent as a header too); uploads are capped before they are read; and
the URLs a user lists are never fetched from this machine or its private network.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..config import Config
from ..errors import SynopsisError
from ..render.html import environment, page_context
from ..render.json import render_json
from ..render.sections import build_report
from .jobs import Jobs, Submission, submission_of
from .library import Library

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.types import ASGIApp

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


class Site:
    """The app's state: the store it reads, the build queue, the form token and the limits."""

    def __init__(self, store_path: Path, config: Config, read_only: bool, hosts: tuple[str, ...]) -> None:
        # the URLs a user lists from a page are fetched by this machine: never from its own or private network
        self.config = config.with_values(ingest__fetch_private=False)
        self.library = Library(store_path, read_only)
        self.read_only = read_only
        self.jobs = None if read_only else Jobs(self.library, self.config)
        self.token = secrets.token_urlsafe(32)
        self.hosts = hosts
        self.max_bytes = int(config.get("serve", "max_request_bytes"))
        self.max_files = int(config.get("serve", "max_files"))
        self.max_urls = int(config.get("serve", "max_urls"))

    def page(self, template: str, status: int = 200, **values: Any) -> Response:
        from starlette.responses import HTMLResponse

        context = page_context(values.pop("report", None), form_action="'self'")
        context.update(read_only=self.read_only, csrf=self.token, store=str(self.library.store_path), served=True,
                       **values)
        html = environment().get_template(template).render(**context)
        policy = f"{context['policy']}; frame-ancestors 'none'"
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": policy})

    def problem(self, status: int, message: str, api: bool) -> Response:
        from starlette.responses import JSONResponse

        if api:
            return JSONResponse({"error": message}, status_code=status)
        return self.page("serve/error.html", status, page_title=_REASONS.get(status, "Problem"), message=message)


_REASONS = {400: "Bad request", 403: "Not allowed", 404: "Not found", 411: "Length required",
            413: "Too large", 409: "Read-only"}


def make_app(store_path: Path, config: Config, read_only: bool = False,
             hosts: tuple[str, ...] = LOOPBACK_NAMES) -> ASGIApp:
    """The app serving ``store_path``; ``hosts`` are the names a request may address it by."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, RedirectResponse, Response
    from starlette.routing import Route

    async def failed(request: Request, exc: Exception) -> Response:
        return site.problem(400, str(exc), request.url.path.startswith("/api/"))

    site = Site(store_path, config, read_only, hosts)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    async def home(request: Request) -> Response:
        data = await _threaded(site.library.home)
        if wants_json(request):
            return JSONResponse(data)
        entities = await _threaded(site.library.entities)
        return site.page("serve/home.html", page_title="Stories", data=data, entities=entities)

    async def dossier(request: Request) -> Response:
        loaded = await _threaded(site.library.dossier, request.path_params["dossier_id"])
        if loaded is None:
            return site.problem(404, "No dossier with this id in the store.", wants_json(request))
        if wants_json(request):
            return Response(render_json(loaded.dossier), media_type="application/json")
        return site.page("serve/dossier.html", report=build_report(loaded.dossier), dossier_id=loaded.id)

    async def entity(request: Request) -> Response:
        name = request.query_params.get("name", "").strip()
        data = await _threaded(site.library.entity, name)
        if wants_json(request):
            return JSONResponse(data)
        return site.page("serve/entity.html", page_title=name or "Names", data=data)

    async def quotes(request: Request) -> Response:
        params = request.query_params
        data = await _threaded(site.library.quotes, params.get("speaker", ""), params.get("q", ""))
        if wants_json(request):
            return JSONResponse(data)
        return site.page("serve/quotes.html", page_title="Quotes", data=data)

    def limits() -> dict[str, int]:
        return {"files": site.max_files, "urls": site.max_urls, "megabytes": site.max_bytes // 1_000_000}

    async def add_form(request: Request) -> Response:
        return site.page("serve/add.html", page_title="Add articles", limits=limits(), problem=None)

    async def add(request: Request) -> Response:
        api = wants_json(request)
        refused = await _refuse_post(site, request)
        if refused is not None:
            return site.problem(*refused, api)
        try:
            submission = await _read_submission(site, request)
        except ValueError as exc:
            if api:
                return site.problem(400, str(exc), api)
            return site.page("serve/add.html", 400, page_title="Add articles", limits=limits(), problem=str(exc))
        return _started(site.jobs.submit(submission).id, api)  # type: ignore[union-attr]

    async def build(request: Request) -> Response:
        api = wants_json(request)
        refused = await _refuse_post(site, request)
        if refused is not None:
            return site.problem(*refused, api)
        story = request.path_params["story_id"]
        return _started(site.jobs.submit(Submission(story=story)).id, api)  # type: ignore[union-attr]

    def _started(job_id: str, api: bool) -> Response:
        if api:
            return JSONResponse({"job": job_id, "href": f"/api/jobs/{job_id}"}, status_code=202)
        return RedirectResponse(f"/jobs/{job_id}", status_code=303)

    async def job(request: Request) -> Response:
        found = site.jobs.jobs.get(request.path_params["job_id"]) if site.jobs else None
        if found is None:
            return site.problem(404, "No such job (jobs last as long as the server).", wants_json(request))
        if wants_json(request):
            return JSONResponse(found.to_dict())
        return site.page("serve/job.html", page_title="Building", job=found.to_dict())

    def both(path: str, endpoint: Any, methods: tuple[str, ...] = ("GET",)) -> list[Route]:
        return [Route(path, endpoint, methods=list(methods)), Route("/api" + (path if path != "/" else "/home"),
                                                                    endpoint, methods=list(methods))]

    routes = [
        *both("/", home), *both("/dossier/{dossier_id}", dossier), *both("/entity", entity),
        *both("/quotes", quotes), *both("/add", add, ("POST",)), *both("/build/{story_id}", build, ("POST",)),
        *both("/jobs/{job_id}", job), Route("/add", add_form, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={SynopsisError: failed})
    app.state.site = site
    return _Guard(app, site)


class _Guard:
    """Every request: a host the app serves, and headers that keep any page from loading or framing elsewhere."""

    def __init__(self, app: Any, site: Site) -> None:
        self.app = app
        self.site = site
        self.state = app.state

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name not in self.site.hosts:
            await _plain(send, 400, f"unknown host {host!r}: address this app by {self.site.hosts[0]}")
            return

        async def guarded(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                         (b"referrer-policy", b"no-referrer"), (b"cross-origin-resource-policy", b"same-origin")]
                present = {k.lower() for k, _ in message.get("headers", [])}
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, guarded)


async def _plain(send: Any, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode("utf-8")})


async def _refuse_post(site: Site, request: Request) -> tuple[int, str] | None:
    """Why a post is refused (status and reason), or None: read-only, foreign origin, no token, too large."""
    if site.read_only or site.jobs is None:
        return 409, "This store is open read-only (serve --read-only)."
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        return 403, "This form was posted from another site."
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        return 411, "A post must say its length."
    if int(length) > site.max_bytes:
        return 413, f"At most {site.max_bytes // 1_000_000} MB may be sent at once."
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/json"):
        return None  # a cross-site page cannot send JSON without a preflight this app never answers
    token = request.headers.get("x-csrf-token")
    if token is None and kind.startswith(("multipart/", "application/x-www")):
        form = await request.form(max_files=site.max_files, max_fields=50, max_part_size=site.max_bytes)
        value = form.get("csrf")
        token = value if isinstance(value, str) else None
    if token is None or not hmac.compare_digest(token, site.token):
        return 403, "This form has expired or came from elsewhere; reload the page and send it again."
    return None


async def _read_submission(site: Site, request: Request) -> Submission:
    """The articles a post hands in: a form (fields and files) or a JSON object with the same fields."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = json.loads(await request.body() or b"{}")
        if not isinstance(body, dict):
            raise ValueError("send a JSON object: text, title, outlet, published, url, urls")
        fields = {k: str(v) for k, v in body.items() if k != "urls" and isinstance(v, str)}
        fields["urls"] = "\n".join(str(u) for u in body.get("urls", []) if isinstance(u, str))
        files: list[tuple[str, bytes]] = []
    else:
        form = await request.form(max_files=site.max_files, max_fields=50, max_part_size=site.max_bytes)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        files = []
        for upload in form.getlist("files"):
            if isinstance(upload, str) or not upload.filename:
                continue
            files.append((upload.filename, await upload.read(site.max_bytes + 1)))
    submission = submission_of(fields, files, site.max_urls)
    if submission.is_empty():
        raise ValueError("Nothing to add: paste a text, choose files or list URLs.")
    return submission


async def _threaded(function: Any, *args: Any) -> Any:
    """Store reads run off the event loop (DuckDB and JSON parsing block)."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args)


def get_page(app: Any, path: str) -> tuple[int, str]:
    """One page, as the server would send it, without starting a server: its status and body."""
    import anyio

    split = urlsplit(path if path.startswith("/") else "/" + path)
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": split.path, "raw_path": split.path.encode(), "query_string": split.query.encode(),
        "root_path": "", "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 80),
    }
    status = 500
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    anyio.run(app, scope, receive, send)
    return status, b"".join(chunks).decode("utf-8", errors="replace")
