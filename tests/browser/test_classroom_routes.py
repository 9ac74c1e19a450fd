"""The classroom blueprint over HTTP, without a browser: seeds, security headers, page weight."""
from __future__ import annotations

import json
import os
import re

import pytest

SERVICE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "service")
PAGE_BUDGET = 150 * 1024


@pytest.fixture()
def client(classroom_app):
    return classroom_app.test_client()


def test_seeds_list_five_articles_with_titles(client):
    seeds = client.get("/v1/seeds").get_json()["seeds"]
    assert [s["id"] for s in seeds] == ["000", "001", "002", "003", "004"]
    assert all(len(s["title"]) >= 20 and s["words"] > 300 for s in seeds)
    # 003 has its own title line, which wins over any written title.
    assert seeds[3]["title"] == "The New Space Race: Russia and China Want a Joint Lunar Space Station"
    assert seeds[0]["date"] == "2021-03-23"


def test_seed_text_is_the_file(client):
    seed = client.get("/v1/seeds/000").get_json()
    with open(os.path.join(SERVICE, "seeds", "index.json"), encoding="utf-8") as handle:
        index = json.load(handle)["seeds"]
    with open(os.path.join(SERVICE, "seeds", index[0]["file"]), encoding="utf-8") as handle:
        assert seed["text"] == handle.read()
    assert seed["title"].startswith("Russia and China")


@pytest.mark.parametrize("seed_id", ["999", "00", "index.json", "abc"])
def test_unknown_seed_is_a_404_that_says_where_to_look(client, seed_id):
    response = client.get(f"/v1/seeds/{seed_id}")
    assert response.status_code == 404
    assert "GET /v1/seeds" in response.get_json()["detail"]


def test_page_forbids_inline_script(client):
    response = client.get("/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in policy
    assert directives["object-src"] == "'none'"
    html = response.get_data(as_text=True)
    # No inline script or style for the policy to have to allow.
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"<[^>]+\son\w+=", html)


def test_page_and_assets_fit_the_budget(client):
    html = client.get("/")
    total = len(html.data)
    assets = sorted(os.listdir(os.path.join(SERVICE, "static")))
    assert "classroom.js" in assets and "classroom.css" in assets
    for name in assets:
        response = client.get(f"/classroom/static/{name}")
        assert response.status_code == 200
        assert "Content-Security-Policy" in response.headers
        total += len(response.data)
        response.close()
    assert total < PAGE_BUDGET, f"page and assets weigh {total} bytes"
