"""The installable app: the manifest, the service worker (served from the site root, so it
controls every page) and the page shown offline when nothing is cached.

The service worker's cache is named after the package version and a hash of the static
files, so a new release (or any change to the CSS, JS or icons) installs a new cache and
deletes the old one; the page cache of the signed-in lifter is dropped on log-out.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood import __version__
from redwood.web.views._common import render

router = APIRouter()

STATIC = Path(__file__).resolve().parent.parent / "static"
THEME = "#8a2b0e"
"""The accent of the pages (--accent in redwood.css, light mode)."""
BACKGROUND = "#fbfaf7"
"""The page background (--bg in redwood.css, light mode)."""
OFFLINE_PAGE = "/offline"
PAGES = ("/today", "/plan")
"""Downloaded with the shell for a signed-in lifter: the session to train and the plan."""


def shell_files() -> list[str]:
    """The static files every page may need (CSS, JS, icons), as the browser asks for them."""
    return sorted(f"/static/{p.relative_to(STATIC).as_posix()}" for p in STATIC.rglob("*")
                  if p.is_file() and not p.name.startswith(".")
                  and p.suffix in (".css", ".js", ".svg", ".png"))


@cache
def cache_version() -> str:
    """The package version and a hash of the static files and the worker itself."""
    digest = hashlib.sha256()
    for name in shell_files():
        digest.update(name.encode())
        digest.update((STATIC / name.removeprefix("/static/")).read_bytes())
    digest.update((STATIC / "sw.js").read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


@cache
def _worker() -> bytes:
    config = {"version": cache_version(), "shell": [OFFLINE_PAGE, *shell_files()],
              "pages": list(PAGES), "offline": OFFLINE_PAGE}
    source = (STATIC / "sw.js").read_text(encoding="utf-8")
    return source.replace("/*CONFIG*/{}", json.dumps(config)).encode()


@router.get("/sw.js", include_in_schema=False)
def service_worker() -> Response:
    # Never cached by HTTP: the browser checks for a new worker on every visit.
    return Response(_worker(), media_type="text/javascript", headers={
        "Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


@cache
def _manifest() -> bytes:
    icons = [{"src": f"/static/icons/icon-{n}.png", "sizes": f"{n}x{n}", "type": "image/png",
              "purpose": "any"} for n in (192, 512)]
    icons.append({"src": "/static/icons/maskable-512.png", "sizes": "512x512",
                  "type": "image/png", "purpose": "maskable"})
    return json.dumps({
        "name": "Redwood: back and leg training", "short_name": "Redwood", "id": "/today",
        "description": "Plans, logs and coaches back-and-leg strength training; logs sets "
                       "with no signal and syncs them when it is back.",
        "start_url": "/today", "scope": "/", "display": "standalone",
        "theme_color": THEME, "background_color": BACKGROUND, "icons": icons,
    }, indent=1).encode()


@router.get("/manifest.webmanifest", include_in_schema=False)
def manifest() -> Response:
    return Response(_manifest(), media_type="application/manifest+json",
                    headers={"Cache-Control": "no-cache"})


@router.get(OFFLINE_PAGE, include_in_schema=False)
def offline_page(request: Request) -> Response:
    """What the service worker shows for a page that was never downloaded."""
    # Generic (no lifter's name in it): it is kept in the shell cache across log-outs.
    return render(request, "offline.html", title="Offline")
