"""The package's shape: no import cycles, no private names across modules,
small modules, few modules at the top. These fail with the offending names."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "onrecord"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, name: str) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_pkg else base[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.append((module, [a.name for a in node.names]))
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for module, names in _imports(path, name):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
            if not targets and module in modules:
                targets = [module]
            graph[name].update(t for t in targets if t != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _is_parent_package(importer: str, module: str) -> bool:
    """A package's ``__init__`` is where its dispatch lives; a module may not
    import its own package's ``__init__`` (that is its caller)."""
    return importer.startswith(module + ".")


def test_no_import_cycles() -> None:
    graph = _graph()
    # a submodule importing its own package's __init__ is how cycles hide: count it
    assert _cycles(graph) == []


def test_no_module_imports_its_own_package_init() -> None:
    modules = _modules()
    bad = []
    for name, path in modules.items():
        if path.name == "__init__.py":
            continue
        for module, names in _imports(path, name):
            if module in modules and _is_parent_package(name, module):
                sub = [n for n in names if f"{module}.{n}" not in modules]
                if sub:
                    bad.append(f"{name} imports {sub} from {module}")
    assert bad == []


def test_no_private_names_imported_across_modules() -> None:
    modules = _modules()
    bad = []
    for name, path in modules.items():
        for module, names in _imports(path, name):
            if module.startswith("onrecord"):
                bad += [f"{name}: {module}.{n}" for n in names if n.startswith("_")]
    assert bad == []


def test_modules_are_small() -> None:
    sizes = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in _modules().items()}
    assert {n: s for n, s in sizes.items() if s > 800} == {}


def test_few_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top
