"""The README's commands and queries are the ones that work."""

from __future__ import annotations

import doctest
import importlib.util
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


def test_readme_python_api_prints_what_the_readme_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ```pycon blocks, in order and in one session, from a folder that holds the repository's examples and
    exports (so `g.save("out")` writes into the test's own folder); whitespace is compared loosely, `...` matches
    anything."""
    blocks = _blocks("pycon")
    assert len(blocks) >= 2, "the Python API section lost its examples"
    for name in ("examples", "exports"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    session = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "README.md", str(ROOT / "README.md"), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(session, out=report.append)
    assert runner.failures == 0, "".join(report)
    assert session.examples, "no examples found"


def test_readme_figures_query_returns_the_examples_figures_with_their_sentences(exports_store):
    (query,) = [b for b in _blocks("sparql") if "kg:Measurement" in b]
    rows = query_store(exports_store, query)
    assert rows, "the README's figures query returns nothing on the bundled examples"
    assert ("银联卡", "发卡量", "张") in {(r["name"], r["property"], r["unit"]) for r in rows}
    for row in rows:
        assert row["sentence"] and row["unit"]


def test_every_readme_query_the_query_benchmark_times_answers_on_the_examples(exports_store):
    spec = importlib.util.spec_from_file_location("bench_queries", ROOT / "benchmarks" / "queries.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    queries = bench.readme_queries(README)
    assert queries == _blocks("sparql")  # the benchmark times exactly the README's queries
    for query in queries:
        assert query_store(exports_store, query), query
