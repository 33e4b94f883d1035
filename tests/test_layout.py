"""The layout holds: imports point one way, spaCy stays inside ``dateline.pipeline``, records are leaves.

The imports of every module under ``src/dateline`` are read with ``ast`` (nothing is imported), so a violation is
found even in code no other test runs.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import dateline
from dateline import pipeline

from .conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "dateline"
# the pipeline package's modules in stage order: a module may import only the ones before it
STAGE_ORDER = ("extensions", "text", "dates", "figures", "quotes", "actors", "places", "events", "attribution",
               "coding")
# homes of the record-level parts; they work on records and never import the pipeline or spaCy
RECORD_LEVEL = ("store", "incidents", "export", "web", "batch", "records", "errors", "estimates", "lexicon",
                "gazetteer", "ingest")
LEAVES = ("dateline.records", "dateline.errors")
SPACY_ROOTS = ("spacy", "thinc")


@dataclass(frozen=True)
class Import:
    source: str          # importing module, e.g. "dateline.pipeline.places"
    target: str          # imported module or package, e.g. "dateline.gazetteer" or "spacy.tokens"
    names: tuple[str, ...]
    line: int
    function_level: bool
    type_checking: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return (SRC / Path(*name.split(".")) / "__init__.py").exists()


def _resolve_from(source: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = source.split(".")
    if not _is_package(source):
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(name: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[Import] = []

    def visit(node: ast.AST, in_function: bool, in_type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            func = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            tc = in_type_checking or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    out.append(Import(name, alias.name, (), child.lineno, in_function, in_type_checking))
            elif isinstance(child, ast.ImportFrom):
                target = _resolve_from(name, child)
                names = tuple(a.name for a in child.names)
                # "from dateline import gazetteer" imports the submodule dateline.gazetteer
                subs = [n for n in names if f"{target}.{n}" in MODULES]
                for n in subs:
                    out.append(Import(name, f"{target}.{n}", (), child.lineno, in_function, in_type_checking))
                rest = tuple(n for n in names if n not in subs)
                if rest or not subs:
                    out.append(Import(name, target, rest, child.lineno, in_function, in_type_checking))
            visit(child, func, tc)

    visit(tree, False, False)
    return out


IMPORTS = [imp for name, path in MODULES.items() for imp in _imports(name, path)]


def _ours(target: str) -> str | None:
    """The module of ours an import target names (a dotted name inside a module maps to that module)."""
    parts = target.split(".")
    for k in range(len(parts), 0, -1):
        candidate = ".".join(parts[:k])
        if candidate in MODULES:
            return candidate
    return None


def _graph(function_level: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in IMPORTS:
        target = _ours(imp.target)
        if target is None or target == imp.source or imp.type_checking:
            continue
        if function_level or not imp.function_level:
            graph[imp.source].add(target)
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """A path start -> ... -> goal, or None."""
    stack, seen = [(start, [start])], {start}
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph[node]):
            if nxt == goal:
                return path + [nxt]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_the_walker_sees_the_layout() -> None:
    # guards the guard: the walker finds the modules and the imports the checks below are about
    assert {"dateline", "dateline.records", "dateline.pipeline", "dateline.pipeline.places"} <= set(MODULES)
    assert any(i.source == "dateline.pipeline.places" and i.target == "dateline.gazetteer" for i in IMPORTS)
    assert any(i.source == "dateline.pipeline.dates" and i.target.startswith("spacy") for i in IMPORTS)
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert _reaches(graph, "a", "a") == ["a", "b", "c", "a"]


def test_no_import_cycle() -> None:
    graph = _graph(function_level=False)
    cycles = [path for m in graph if (path := _reaches(graph, m, m))]
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_function_level_import_dodges_a_cycle() -> None:
    """A late import is fine for speed (``import dateline`` must not load spaCy), never to hide a cycle."""
    graph = _graph(function_level=True)
    bad = []
    for imp in IMPORTS:
        target = _ours(imp.target)
        if not imp.function_level or target is None or target == imp.source:
            continue
        back = _reaches(graph, target, imp.source)
        if back:
            bad.append(f"{imp.source}:{imp.line} imports {target} late; {' -> '.join(back)}")
    assert not bad, "\n".join(bad)


def test_spacy_only_inside_the_pipeline_package() -> None:
    bad = [f"{i.source}:{i.line} imports {i.target}" for i in IMPORTS
           if i.target.split(".")[0] in SPACY_ROOTS and not i.source.startswith("dateline.pipeline")]
    assert not bad, bad


def test_record_level_parts_never_import_the_pipeline() -> None:
    """They never import it, and importing them never loads it; coding an article goes through the public API
    (``dateline.code_article``), which loads the pipeline when it is first called."""
    graph = _graph(function_level=False)
    bad = [f"{i.source}:{i.line} imports {i.target}" for i in IMPORTS
           if _top(i.source) in RECORD_LEVEL and (_ours(i.target) or "").startswith("dateline.pipeline")]
    for m in MODULES:
        if _top(m) in RECORD_LEVEL:
            path = _reaches(graph, m, "dateline.pipeline")
            if path:
                bad.append(" -> ".join(path))
    assert not bad, bad


def _top(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def test_a_stage_imports_no_later_stage() -> None:
    rank = {f"dateline.pipeline.{m}": i for i, m in enumerate(STAGE_ORDER)}
    assert set(rank) | {"dateline.pipeline"} == {m for m in MODULES if m.startswith("dateline.pipeline")}, \
        "a new pipeline module needs its place in STAGE_ORDER"
    bad = []
    for imp in IMPORTS:
        target = _ours(imp.target)
        if imp.source in rank and target in rank and rank[target] >= rank[imp.source] and target != imp.source:
            bad.append(f"{imp.source}:{imp.line} imports the later {target}")
        if imp.source in rank and target == "dateline.pipeline":
            bad.append(f"{imp.source}:{imp.line} imports the pipeline package that runs it")
    assert not bad, bad


def test_records_and_errors_are_leaves() -> None:
    bad = [f"{i.source}:{i.line} imports {i.target}" for i in IMPORTS
           if i.source in LEAVES and _ours(i.target) is not None]
    assert not bad, bad


def test_no_private_name_crosses_modules() -> None:
    bad = [f"{i.source}:{i.line} imports {n} from {i.target}" for i in IMPORTS
           if _ours(i.target) not in (None, i.source) for n in i.names if n.startswith("_") and n != "__version__"]
    bad += [f"{i.source}:{i.line} imports private module {i.target}" for i in IMPORTS
            if _ours(i.target) is not None and any(p.startswith("_") and not p.startswith("__")
                                                   for p in i.target.split("."))]
    assert not bad, bad


def test_public_api_is_declared() -> None:
    assert sorted(dateline.__all__) == sorted(set(dateline.__all__))
    for name in dateline.__all__:
        assert hasattr(dateline, name), name
    public = {n for n, v in vars(dateline).items()
              if not n.startswith("_") and callable(v) and getattr(v, "__module__", "") == "dateline"}
    assert public <= set(dateline.__all__), public - set(dateline.__all__)
    for name in pipeline.__all__:
        assert hasattr(pipeline, name), name


def test_importing_the_package_and_record_modules_loads_no_spacy() -> None:
    code = ("import sys, dateline, dateline.records, dateline.errors, dateline.estimates, dateline.lexicon, "
            "dateline.gazetteer, dateline.ingest, dateline.evaluate, dateline.export, dateline.export.sources; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc') or m == 'dateline.pipeline']; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_analyze_pipes_reports_no_problem() -> None:
    nlp = pipeline.load()
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] and not any(analysis["problems"].values()), analysis["problems"]
    attrs = analysis["attrs"]
    for stage in pipeline.STAGES:
        assert nlp.get_pipe_meta(stage).assigns, f"{stage} declares nothing it assigns"
    # every attribute a stage requires is assigned by an earlier component or set by analyse() before the run
    set_by_analyse = {"doc._.dateline_published", "doc._.dateline_recased", "doc._.dateline_source_text",
                      "doc._.dateline_header"}
    for attr, info in attrs.items():
        if attr.startswith("doc._.") and info["requires"]:
            assert info["assigns"] or attr in set_by_analyse, attr


def test_exports_are_record_level() -> None:
    """``dateline.export`` works on records: it never imports spaCy, the pipeline or the public API that codes
    (``dateline`` itself), and its modules are all seen by the walker."""
    exports = {m for m in MODULES if m.startswith("dateline.export")}
    assert {"dateline.export", "dateline.export.acled", "dateline.export.ucdp", "dateline.export.plover",
            "dateline.export.geojson", "dateline.export.parquet", "dateline.export.jsonl"} <= exports
    graph = _graph(function_level=True)
    bad = []
    for m in sorted(exports):
        for goal in ("dateline", "dateline.pipeline", "dateline.cli"):
            path = _reaches(graph, m, goal)
            if path:
                bad.append(" -> ".join(path))
    bad += [f"{i.source}:{i.line} imports {i.target}" for i in IMPORTS
            if i.source in exports and i.target.split(".")[0] in SPACY_ROOTS]
    assert not bad, bad


# what the web app may take from the public package: the one coding call (and the version)
WEB_PUBLIC = {"code", "__version__"}


def test_web_is_a_thin_face_that_codes_only_through_dateline_code() -> None:
    """``dateline.web`` never imports spaCy or the pipeline (not even late), takes from the public package only
    ``dateline.code``, and reaches the pipeline only through it."""
    web = {m for m in MODULES if m.startswith("dateline.web")}
    assert {"dateline.web", "dateline.web.app", "dateline.web.models"} <= web
    bad = [f"{i.source}:{i.line} imports {i.target}" for i in IMPORTS if i.source in web
           and (i.target.split(".")[0] in SPACY_ROOTS or (_ours(i.target) or "").startswith("dateline.pipeline")
                or i.target in ("dateline.cli", "dateline.evaluate", "dateline.batch"))]
    bad += [f"{i.source}:{i.line} imports {', '.join(i.names) or 'the package'} from dateline" for i in IMPORTS
            if i.source in web and i.target == "dateline" and not set(i.names) <= WEB_PUBLIC]
    graph = _graph(function_level=True)
    graph = {m: (deps - {"dateline"} if m in web else deps) for m, deps in graph.items()}
    for m in sorted(web):
        path = _reaches(graph, m, "dateline.pipeline")
        if path:
            bad.append(" -> ".join(path))
    assert not bad, bad


def test_importing_the_web_app_loads_no_spacy() -> None:
    code = ("import sys, dateline.web, dateline.web.app; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc') or m == 'dateline.pipeline']; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
