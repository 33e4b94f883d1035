"""Docs are tested: every command option, error code and output field a user meets is documented."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

import click

from dateline.cli import main
from dateline.errors import CATALOGUE
from dateline.records import Coding, ErrorRecord

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACT_DOC = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")


def test_every_error_code_is_in_the_readme() -> None:
    for code in CATALOGUE:
        if code in ("model-missing", "bad-gold"):   # not per-record errors: raised to the caller
            continue
        assert f"`{code}`" in README, code


def test_every_command_and_option_is_documented() -> None:
    docs = README + CONTRACT_DOC
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"dateline {name}" in docs, name
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help",):
                longest = max(param.opts, key=len)
                assert longest in docs or param.name == "output", f"{name} {longest}"


# -- every output field is in docs/contract.md ------------------------------------------------------------
#
# A fully populated Coding (and ErrorRecord) is built by walking the record dataclasses through their type
# hints, so a field added to dateline.records is checked without touching this file. Its JSON is what a user
# meets; each key path must be documented in the section of contract.md it belongs to ("## events",
# "### claims", ...), the way the page writes fields: `name`, `parent.name`, `parent: {name, other}`, or a bare
# `{name, other}` in the table cell after the field's own (`published` | `{date, source}`).

DICT_KEY = "*"      # the key of a dict-valued field (estimates by casualty kind): data, not a field name


def build(tp: Any, counter: list[int], label: str = "") -> Any:
    """A value of type ``tp`` with every optional part present and unique sentinel leaves."""
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return tp(**{f.name: build(hints[f.name], counter, f"{tp.__name__}.{f.name}")
                     for f in dataclasses.fields(tp) if f.init})
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return build(next(a for a in args if a is not type(None)), counter, label)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return (build(args[0], counter, label),)
        return tuple(build(a, counter, label) for a in args)
    if origin is list:
        return [build(args[0], counter, label)]
    if origin is dict:
        return {DICT_KEY: build(args[1], counter, label)} if dataclasses.is_dataclass(args[1]) else {}
    counter[0] += 1
    if tp is bool:
        return True
    if tp is int:
        return counter[0]
    if tp is float:
        return counter[0] + 0.25
    if tp is str:
        return f"{label}#{counter[0]}"
    raise AssertionError(f"no sentinel for {label}: {tp!r}")


def full_outputs() -> list[dict]:
    counter = [0]
    return [build(Coding, counter).to_dict(), build(ErrorRecord, counter).to_dict()]


def key_paths(node: Any, prefix: str = "") -> set[str]:
    """Dotted key paths of a JSON value; list items share their list's path."""
    if isinstance(node, list):
        return set().union(*(key_paths(item, prefix) for item in node if isinstance(item, dict | list)))
    if not isinstance(node, dict):
        return set()
    paths: set[str] = set()
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else key
        paths |= {path} | key_paths(value, path)
    return paths


def leaves(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [x for v in node.values() for x in leaves(v)]
    if isinstance(node, list | tuple):
        return [x for v in node for x in leaves(v)]
    return [node]


_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


def _parse_group(text: str) -> list[str] | None:
    """``a.b`` / ``a: {b, c: {d}}`` / ``{b, c}`` -> dotted paths ("" heads a bare group); None if not a field."""
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        inner = _parse_items(text[1:-1])
        return None if inner is None else [f".{p}" for p in inner]
    m = re.fullmatch(rf"({_NAME}(?:\.{_NAME})*)(?:\s*:\s*\{{(.*)\}})?", text, flags=re.S)
    if m is None:
        return None
    if m.group(2) is None:
        return [m.group(1)]
    inner = _parse_items(m.group(2))
    return None if inner is None else [m.group(1)] + [f"{m.group(1)}.{p}" for p in inner]


def _parse_items(text: str) -> list[str] | None:
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text + ","):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    paths: list[str] = []
    for item in items:
        parsed = _parse_group(item)
        if parsed is None or any(p.startswith(".") for p in parsed):
            return None
        paths += parsed
    return paths


def documented_paths(doc: str) -> set[str]:
    """Every field path contract.md documents, prefixed with the section it is written in."""
    found: set[str] = set()
    section = {1: "", 2: "", 3: ""}
    current = ""
    for line in doc.splitlines():
        heading = re.match(r"(#{1,3}) (\w+)", line)
        if heading:
            level = len(heading.group(1))
            section[level] = "" if level == 1 else \
                ".".join(filter(None, [section[level - 1] if level == 3 else "", heading.group(2)]))
            current = section[level]
            if current:
                found.add(current)
            continue
        before, end = "", 0                             # the field in the code span just before, if adjacent
        for m in re.finditer(r"`([^`]+)`", line):
            span = m.group(1)
            owner = before if re.fullmatch(r"\s*\|?\s*", line[end:m.start()]) else ""
            for path in _parse_group(span) or []:
                if path.startswith("."):                  # a bare {group}: the field in the cell before it
                    path = f"{owner}{path}" if owner else path[1:]
                found.add(f"{current}.{path}" if current else path)
            before, end = (span if re.fullmatch(_NAME, span) else ""), m.end()
    return found


def _is_documented(path: str, documented: set[str]) -> bool:
    pattern = re.escape(path).replace(re.escape(f".{DICT_KEY}"), rf"\.{_NAME}")
    return any(re.fullmatch(pattern, d) or d.startswith(f"{path}.") for d in documented)


def test_every_record_field_reaches_the_output() -> None:
    """The premise of the next test: to_dict() writes every dataclass field (so walking the JSON walks them)."""
    counter = [0]
    built = [build(Coding, counter), build(ErrorRecord, counter)]
    sentinels = {x for b in built for x in leaves(dataclasses.asdict(b)) if not isinstance(x, bool)}
    written = {x for b in built for x in leaves(b.to_dict())}
    assert sentinels - written == set()


def test_every_output_field_is_documented() -> None:
    documented = documented_paths(CONTRACT_DOC)
    paths = set().union(*(key_paths(out) for out in full_outputs()))
    assert {"events.claims.partitive", "events.claims.source.role", "events.trigger.span",
            "quotes.speaker.cameo", f"events.estimates.{DICT_KEY}.best", "error.code"} <= paths   # the walk works
    assert sorted(p for p in paths if not _is_documented(p, documented)) == []


def test_the_doc_check_catches_an_undocumented_field() -> None:
    documented = documented_paths("## events\n`status`, `source: {name, type}`, `{kind: {low}}` and `a.b`.\n"
                                  "### claims\n| `who` | `{x, y}` |\n")
    assert {"events.status", "events.source.name", "events.source.type", "events.kind.low", "events.a.b",
            "events.claims", "events.claims.who", "events.claims.who.x", "events.claims.who.y"} <= documented
    assert _is_documented("events.source", documented) and _is_documented(f"events.{DICT_KEY}.low", documented)
    assert not _is_documented("events.claims.stance", documented)
    assert not _is_documented("events.source.span", documented)
    assert not _is_documented("events.who", documented)        # documented under claims, not under events


def test_readme_has_one_install_one_example_one_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert any("pip install -e '.[dev]'" in b for b in blocks)
    assert any("dateline code examples/" in b for b in blocks)
    assert any(b.strip() == ".venv/bin/pytest" for b in blocks)
