"""`synopsis serve` without a browser: every page and its JSON twin over a store holding the sample's dossier,
the guards on posts (token, origin, host, size, read-only), the fetch policy for listed URLs, and `--get`."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from synopsis.cli import app as cli
from synopsis.config import Config
from synopsis.models import Dossier
from synopsis.render.json import render_json
from synopsis.serve import get_page, make_app
from synopsis.store import Store

from .test_summary import summarised_sample


def stored_sample(folder: Path) -> tuple[Path, str]:
    """A store holding the sample's dossier, and its id."""
    path = folder / "serve.duckdb"
    with Store(path) as db:
        dossier_id = db.save_dossier(summarised_sample())
    return path, dossier_id


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return stored_sample(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def client(store: tuple[Path, str]) -> Iterator[Any]:
    from starlette.testclient import TestClient

    with TestClient(make_app(store[0], Config.load()), base_url="http://127.0.0.1") as test_client:
        yield test_client


def quoted_speaker(dossier: Dossier) -> str:
    """The speaker with most quotes in the dossier: the one to search for."""
    names = [q.speaker_name for q in dossier.quotes or () if q.speaker_name]
    return max(set(names), key=names.count)


def test_home_lists_the_dossier_with_outlets_dates_and_discrepancies(client: Any, store: tuple[Path, str]) -> None:
    data = client.get("/api/home").json()
    dossier = summarised_sample()
    [row] = data["dossiers"]
    assert row["id"] == store[1]
    assert row["discrepancies"] == len(dossier.discrepancies or ())
    assert set(row["outlets"]) == {a.outlet_name for a in dossier.articles}
    assert re.match(r"\d{4}-\d\d-\d\d", row["dates"])
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/dossier/{store[1]}"' in page.text and f'href="/dossier/{store[1]}#disputes"' in page.text


def test_dossier_page_is_the_report_with_discrepancies_after_the_summary(client: Any, store: tuple[Path, str]) -> None:
    page = client.get(f"/dossier/{store[1]}")
    assert page.status_code == 200
    order = re.findall(r'<section id="([a-z]+)"', page.text)
    assert order[:2] == ["summary", "disputes"], order
    assert "default-src 'none'" in page.headers["content-security-policy"]
    api = client.get(f"/api/dossier/{store[1]}")
    assert api.json() == json.loads(render_json(summarised_sample()))
    assert client.get("/dossier/dnothere").status_code == 404
    assert client.get("/api/dossier/dnothere").json()["error"]


def test_entity_page_gathers_roles_quotes_and_positions(client: Any) -> None:
    dossier = summarised_sample()
    speaker_ids = {q.speaker_id for q in dossier.quotes or ()}
    entity = next(e for e in dossier.entities or () if e.id in speaker_ids and e.roles)
    data = client.get("/api/entity", params={"name": entity.name}).json()
    [story] = data["stories"]
    assert story["roles"] and story["quotes"]
    assert len(story["quotes"]) == sum(1 for q in dossier.quotes or () if q.speaker_id == entity.id)
    assert all(q["href"].startswith("/dossier/") and "#" in q["href"] for q in story["quotes"])
    page = client.get("/entity", params={"name": entity.name.upper()})
    assert page.status_code == 200 and "Roles, by outlet" in page.text
    # the dossier's cards link to the name's page across stories (the saved report, with no server, does not)
    report = client.get(f"/dossier/{client.get('/api/home').json()['dossiers'][0]['id']}").text
    assert f'href="/entity?name={quote(entity.name)}"' in report


def test_quote_search_by_speaker_and_by_words(client: Any) -> None:
    dossier = summarised_sample()
    speaker = quoted_speaker(dossier)
    by_speaker = client.get("/api/quotes", params={"speaker": speaker.split()[-1].lower()}).json()
    assert by_speaker["total"] >= sum(1 for q in dossier.quotes or () if q.speaker_name == speaker)
    assert all(speaker.split()[-1].lower() in (q["speaker"] or "").lower() for q in by_speaker["quotes"])
    word = max(by_speaker["quotes"][0]["text"].split(), key=len).strip('.,"“”')
    by_words = client.get("/api/quotes", params={"q": word}).json()
    assert by_words["total"] >= 1 and all(word.lower() in q["text"].lower() for q in by_words["quotes"])
    assert client.get("/api/quotes", params={"q": "zzqxnotaword"}).json()["total"] == 0
    assert speaker in client.get("/quotes", params={"speaker": speaker}).text


def token_of(client: Any) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/add").text)
    assert found
    return found.group(1)


def test_posts_need_the_token_this_origin_and_a_size_within_the_limit(client: Any) -> None:
    token = token_of(client)
    assert client.post("/add", data={"csrf": "forged", "text": "x"}).status_code == 403
    assert client.post("/add", data={"csrf": token, "text": "x"},
                       headers={"origin": "http://evil.example"}).status_code == 403
    limit = int(Config.load().get("serve", "max_request_bytes"))
    big = client.post("/add", content=b"x", headers={"content-length": str(limit + 1),
                                                     "content-type": "application/x-www-form-urlencoded"})
    assert big.status_code == 413
    assert client.get("/", headers={"host": "rebound.example"}).status_code == 400
    empty = client.post("/add", data={"csrf": token, "text": "  "})
    assert empty.status_code == 400 and "Nothing to add" in empty.text


def test_listed_urls_on_this_machine_are_refused(client: Any) -> None:
    site = client.app.state.site
    assert site.config.get("ingest", "fetch_private") is False
    with socket.socket() as listening:  # a server on this machine that would answer
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/article"
        answer = client.post("/api/add", json={"urls": [url]})
        assert answer.status_code == 202
        done = site.jobs.wait(answer.json()["job"], timeout=60)
    assert done.state == "failed"
    assert any("private or loopback" in line for line in done.log), done.log
    assert client.get(f"/api/jobs/{done.id}").json()["state"] == "failed"


def test_read_only_refuses_posts(store: tuple[Path, str]) -> None:
    from starlette.testclient import TestClient

    with TestClient(make_app(store[0], Config.load(), read_only=True), base_url="http://127.0.0.1") as ro:
        assert ro.post("/add", data={"text": "x"}).status_code == 409
        assert "read-only" in ro.get("/add").text


def test_get_prints_one_page_without_a_server(store: tuple[Path, str]) -> None:
    status, body = get_page(make_app(store[0], Config.load(), read_only=True), "/api/home")
    assert status == 200 and json.loads(body)["dossiers"][0]["id"] == store[1]
    result = CliRunner().invoke(cli, ["serve", "--store", str(store[0]), "--get", f"/dossier/{store[1]}"])
    assert result.exit_code == 0, result.output
    assert '<section id="disputes"' in result.output
    missing = CliRunner().invoke(cli, ["serve", "--store", str(store[0]), "--get", "/dossier/dnothere"])
    assert missing.exit_code == 1
