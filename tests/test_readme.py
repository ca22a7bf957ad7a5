"""The README's commands and queries are the ones that work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.store import query_store, store_of_file

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_ci_runs_the_readme_test_command():
    commands = [b.strip() for b in re.findall(r"```\n\s*(python3 -m venv[^\n]*)\n\s*```", README)]
    assert len(commands) == 2, commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.replace("\\\n", "")
    assert "kg build examples -o exports" in commands[0]


@pytest.fixture(scope="module")
def exports_store():
    return store_of_file(ROOT / "exports" / "kg.nq")


def test_readme_query_answers_who_launched_what_when_and_where_it_says_so(exports_store):
    query = _blocks("sparql")[0]
    rows = query_store(exports_store, query)
    assert rows, "the README query returns nothing on the bundled examples"
    for row in rows:
        assert row["name"] == "中国银联"
        assert row["product"] and row["sentence"]
        assert row["product"] in row["sentence"] or row["year"] is None or str(row["year"]) in row["sentence"]
    assert any(isinstance(row["year"], int) and str(row["year"]) in row["sentence"] for row in rows)


def test_readme_query_takes_another_name_by_binding(exports_store):
    query = _blocks("sparql")[0]
    parameterised = re.sub(r"\s*VALUES \?name \{[^}]*\}\n", "\n", query)
    rows = query_store(exports_store, parameterised, {"name": "中国工商银行"})
    assert rows and {r["name"] for r in rows} == {"中国工商银行"}
    assert query_store(exports_store, parameterised, {"name": '" } ; DROP ALL #'}) == []
