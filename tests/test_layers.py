"""The package's layers point one way: no import cycles between its modules, no private names
imported across packages. Read statically from the source (the AST), so an import inside a
function counts as much as one at the top of a module; imports under ``if TYPE_CHECKING:`` (type
hints only, never run) do not. One exception, by design: the convenience methods of the data types
(``Alignment.write()``, ``Glossary.to_tbx()``, ``Document.to_markdown()``) call their writer with
an import inside the method; the writers never import the data types back at run time."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "unmark"


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        parts = list(p.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


DATA_TYPES = ("unmark.model", "unmark.align.types", "unmark.terms.glossary")
WRITERS = ("unmark.io.", "unmark.align.export")


def _imports(tree: ast.AST, in_function: bool = False):
    """(import statement, inside a function?) for every import of a module, outside
    ``if TYPE_CHECKING:`` blocks."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for node in child.orelse:
                yield from _imports(node, in_function)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function
        yield from _imports(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))


def _targets(mod: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for one import statement."""
    if isinstance(node, ast.Import):
        return [(a.name, []) for a in node.names]
    if node.level:
        base = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    out: list[tuple[str, list[str]]] = []
    names = []
    for a in node.names:
        sub = f"{target}.{a.name}"
        if sub in MODULES:
            out.append((sub, []))  # "from . import anchors": the submodule, not the package
        else:
            names.append(a.name)
    if names or not out:
        out.append((target, names))
    return out


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for mod, path in MODULES.items():
        for node, lazy in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target, _ in _targets(mod, path, node):
                if target not in MODULES or target == mod or mod.startswith(target + "."):
                    continue  # a module importing its own package's __init__ is no arrow between layers
                if lazy and mod in DATA_TYPES and target.startswith(WRITERS):
                    continue  # a convenience method calling its writer
                graph[mod].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_the_checker_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def _package(mod: str) -> str:
    parts = mod.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else mod


def test_no_private_names_across_packages():
    found = []
    for mod, path in MODULES.items():
        for node, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target, names in _targets(mod, path, node):
                if target not in MODULES or _package(target) == _package(mod):
                    continue
                found += [f"{mod} imports {target}.{n}" for n in names if n.startswith("_") and not n.startswith("__")]
    assert found == []


# The layers of docs/architecture.md, from the top (0) to the bottom: a module may import its own
# layer and the layers below it, never one above.
LAYERS = (
    ("unmark", "unmark.__main__", "unmark.cli", "unmark.commands", "unmark.errors_md", "unmark.evaluate"),
    ("unmark.batch",),
    ("unmark.align", "unmark.terms"),
    ("unmark.loader",),
    ("unmark.io",),
    ("unmark.pipeline",),
    ("unmark.segment", "unmark.clean"),
    ("unmark.extract",),
    ("unmark.lang",),
    ("unmark.resources", "unmark.labels", "unmark.rules"),
    ("unmark.model", "unmark.errors", "unmark.scripts", "unmark.limits", "unmark.safe", "unmark.logcapture"),
)
# upward arrows not mended yet (each must still exist: a mended one leaves this list); none left
KNOWN_UPWARD: set[tuple[str, str]] = set()


def _layer(mod: str) -> int:
    best = None
    for k, names in enumerate(LAYERS):
        for n in names:
            if (mod == n or mod.startswith(n + ".")) and (best is None or len(n) > best[1]):
                best = (k, len(n))
    assert best is not None, f"{mod} is in no layer of LAYERS"
    return best[0]


def _upward(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(m, t) for m, ts in graph.items() for t in ts if _layer(t) < _layer(m)}


def test_every_module_has_a_layer():
    assert all(isinstance(_layer(m), int) for m in MODULES)


def test_imports_point_down_the_layers():
    up = _upward(_graph())
    assert up - KNOWN_UPWARD == set()
    assert KNOWN_UPWARD <= up  # a mended arrow leaves KNOWN_UPWARD


def test_extraction_imports_nothing_above_it():
    # extract/* reads PDF and text into lines: it never asks the cleaners, the segmenters, the
    # aligners, the glossary or the writers (their shared rules live in unmark.rules, below it)
    above = ("unmark.clean", "unmark.segment", "unmark.align", "unmark.terms", "unmark.io", "unmark.pipeline",
             "unmark.batch", "unmark.commands", "unmark.loader")
    found = sorted((m, t) for m, ts in _graph().items() if m.startswith("unmark.extract")
                   for t in ts if t.startswith(above))
    assert found == []


def test_the_layer_check_sees_an_upward_arrow():
    assert _upward({"unmark.extract.pdf.layout": {"unmark.clean.layout", "unmark.rules.furniture"}}) == {
        ("unmark.extract.pdf.layout", "unmark.clean.layout")}
