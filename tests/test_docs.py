"""Docs are tested: every command option, error code and output field a user meets is documented."""

from __future__ import annotations

import re

import click

from dateline.cli import main
from dateline.errors import CATALOGUE
from dateline.records import Claim, Quote, Source

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


def test_added_contract_fields_are_documented() -> None:
    for field in ("partitive", "source.role", "source.organization", "source.country", "source.sector",
                  "source.cameo", "trigger"):
        assert f"`{field}" in CONTRACT_DOC, field
    assert "partitive" in Claim.__dataclass_fields__ and "role" in Source.__dataclass_fields__
    assert "speaker" in Quote.__dataclass_fields__


def test_readme_has_one_install_one_example_one_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert any("pip install -e '.[dev]'" in b for b in blocks)
    assert any("dateline code examples/" in b for b in blocks)
    assert any(b.strip() == ".venv/bin/pytest" for b in blocks)
