"""What a graph can be turned into, found by name and imported on first use, as rdflib's plugin registry finds a
serializer.

`KnowledgeGraph` is a data structure; the exports, the SPARQL store and the HTML view are built on it and import it.
The graph's methods that reach them (`save`, `sparql`, `to_rdflib`, `serialize`, `_repr_html_`) ask for their
implementation by name instead of importing it, so no import runs back from those modules to the graph, and `import kg`
loads none of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# name -> "module:function"; each function takes the graph first
_PLUGINS: dict[str, str] = {
    "save": "kg.export:save_all",  # every export file into a folder
    "sparql": "kg.store:query_graph",  # SPARQL over an in-memory store of the graph
    "html": "kg.viz:render_html",  # the interactive view as one HTML document
    "rdflib": "kg.interop:to_rdflib",  # an rdflib Dataset of the export
    "serialize": "kg.interop:serialize",  # one export under rdflib's format names, as str or to a file
    "measurements_df": "kg.interop:measurements_frame",  # the graph's figures as a pandas DataFrame
}


def register(name: str, target: str) -> None:
    """Let ``name`` stand for ``"module:function"``; registering a name again replaces it."""
    module, sep, function = target.partition(":")
    if not (module and sep and function):
        raise ValueError(f"plugin {name!r}: expected 'module:function', got {target!r}")
    _PLUGINS[name] = target


def load(name: str) -> Callable[..., Any]:
    """The function registered as ``name``; its module is imported now if no one has imported it yet."""
    try:
        target = _PLUGINS[name]
    except KeyError:
        raise KeyError(f"no plugin named {name!r}; registered: {', '.join(sorted(_PLUGINS))}") from None
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


def names() -> list[str]:
    """The registered names, sorted."""
    return sorted(_PLUGINS)
