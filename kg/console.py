"""What the `kg` command prints, and how: file names escaped, results as tables, errors as one line that points at
their cause (a SPARQL syntax error into the query), and errors.jsonl.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata

from kg.ingest.errors import IngestError, shown


def drop_stdout() -> None:
    """Point standard output, which takes no more (a closed pipe, a full disk), at /dev/null: the interpreter's last
    flush would otherwise fail once more, with a traceback."""
    if sys.stdout is sys.__stdout__ and sys.stdout is not None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def shown_path(path: object) -> str:
    """A path as messages print it: escaped when it holds a newline, an escape or another unprintable character."""
    return shown(os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path))


def errors_jsonl(errors: list[IngestError]) -> bytes:
    """errors.jsonl, one record per error; a path that is no text (a file name's bytes) is kept as JSON escapes."""
    lines = [
        json.dumps({"path": e.path, "line": e.line, "problem": e.problem, "hint": e.hint}, ensure_ascii=False) + "\n"
        for e in errors
    ]
    return "".join(lines).encode("utf-8", errors="backslashreplace")


_SPARQL_ERROR = re.compile(r"error at (\d+):(\d+): (?:expected one of|expected)?\s*(.*)", re.S)
_EXPECTED_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\b[A-Za-z][A-Za-z ]*\b')
_PREFIXED_NAME_END = re.compile(r"([A-Za-z][\w.-]*)?:[^\s:]*$")


def sparql_error(name: str, query: str, message: str) -> str:
    """pyoxigraph's syntax error as one line that points into the query (``q.rq:2:14: ...``): what the grammar
    expected is cut to the words and quoted tokens of its first line, without the character classes it lists."""
    match = _SPARQL_ERROR.match(message)
    if match is None:
        return f"{name}: SPARQL syntax error: {message.splitlines()[0]}"
    line, column, expected = int(match[1]), int(match[2]), match[3]
    lines = query.split("\n")
    before, after = (lines[line - 1][: column - 1], lines[line - 1][column - 1 :]) if line <= len(lines) else ("", "")
    near = f"near {after.strip()[:30]!r}" if after.strip() else "at the end of the query"
    if expected.startswith("Prefix not found"):
        prefix = _PREFIXED_NAME_END.search(before)
        reason = f"prefix {prefix[1] or ''}: is not declared" if prefix else "a prefix is not declared"
    else:
        items = [item.strip() for item in _EXPECTED_ITEM.findall(expected.split("\n")[0].split("[", 1)[0])]
        reason = "expected " + ", ".join(items[:8]) if items else "unexpected text"
    return f"{name}:{line}:{column}: SPARQL syntax error {near} ({reason})"


def print_rows(rows: list[dict], fmt: str) -> None:
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    else:
        cells = [[_cell(r.get(c)) for c in columns] for r in rows]
        widths = [max([_width(c), *(_width(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        print("  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip())
        for row in cells:
            print("  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip())
        print(f"({len(rows)} rows)")


def _cell(value) -> str:
    return "" if value is None else str(value).replace("\n", " ")


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
