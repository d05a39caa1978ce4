"""The installable app's files, as a browser asks for them: the service worker from the site
root (never HTTP-cached, its cache named after the release and the static files' hash, every
shell file listed), the manifest, the offline page; signed-in pages link them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apihelp import app_client
from redwood import __version__
from redwood.store.location import sqlite_url
from redwood.web.views import pwa


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with app_client(sqlite_url(tmp_path_factory.mktemp("pwa") / "redwood.db")) as c:
        yield c


def test_the_service_worker_is_served_from_the_root_with_its_versioned_shell(
        client: TestClient) -> None:
    r = client.get("/sw.js", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cache-control"] in ("no-cache", "no-store")  # a fresh worker each time
    assert r.headers["service-worker-allowed"] == "/"
    assert r.headers["content-encoding"] == "gzip"
    config = json.loads(re.search(r"var CONFIG = (\{.*?\});", r.text).group(1))  # type: ignore[union-attr]
    assert re.fullmatch(re.escape(__version__) + r"-[0-9a-f]{12}", config["version"])
    static = Path(pwa.STATIC)
    for name in ("redwood.css", "offline.js", "logset.js", "timer.js", "redwood.js",
                 "icons/icon-192.png", "icons/icon-512.png", "icons/maskable-512.png"):
        assert (static / name).is_file()
        assert f"/static/{name}" in config["shell"]
    assert "/offline" in config["shell"] and config["pages"] == ["/today", "/plan"]
    for path in config["shell"]:
        assert client.get(path).status_code == 200, path


def test_the_cache_version_follows_the_static_files(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sw.js").write_text("var CONFIG = /*CONFIG*/{};")
    (tmp_path / "a.css").write_text("body {}")
    monkeypatch.setattr(pwa, "STATIC", tmp_path)
    pwa.cache_version.cache_clear()
    try:
        first = pwa.cache_version()
        pwa.cache_version.cache_clear()
        assert pwa.cache_version() == first  # the same files: the same cache
        (tmp_path / "a.css").write_text("body { color: red }")
        pwa.cache_version.cache_clear()
        assert pwa.cache_version() != first  # a changed file: a new cache replaces the old
    finally:
        pwa.cache_version.cache_clear()


def test_the_manifest_makes_the_app_installable(client: TestClient) -> None:
    r = client.get("/manifest.webmanifest")
    assert r.headers["content-type"].startswith("application/manifest+json")
    manifest = r.json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/today"
    assert manifest["name"] and manifest["short_name"] == "Redwood"
    css = (Path(pwa.STATIC) / "redwood.css").read_text()
    assert f"--bg: {manifest['background_color']}" in css
    assert f"--accent: {manifest['theme_color']}" in css
    from PIL import Image

    for icon in manifest["icons"]:
        png = client.get(icon["src"])
        assert png.headers["content-type"] == "image/png"
        path = Path(pwa.STATIC) / icon["src"].removeprefix("/static/")
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_the_offline_page_names_no_lifter(client: TestClient) -> None:
    r = client.get("/offline")
    assert r.status_code == 200 and "Offline" in r.text
    assert "offline.js" not in r.text and "data-user" not in r.text
    assert 'rel="manifest"' in r.text
