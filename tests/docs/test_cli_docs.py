"""docs/cli.md documents every flag of every command, and neither it nor the README's command table names a
flag the command does not have."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from unmark.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
FLAG = re.compile(r"(?<![\w-])(--?[a-zA-Z][\w-]*)")


def _commands() -> dict[str, set[str]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {o for a in sp._actions for o in a.option_strings if o not in ("-h", "--help")}
            for name, sp in sub.choices.items()}


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## unmark (\w+)\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


COMMANDS = _commands()


def test_every_command_has_a_section():
    sections = _sections((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"))
    assert set(sections) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_page_lists_exactly_the_real_flags(command):
    body = _sections((ROOT / "docs" / "cli.md").read_text(encoding="utf-8"))[command]
    named = {f for f in FLAG.findall(body) if not re.fullmatch(r"-\d.*", f)}
    assert named - COMMANDS[command] == set(), \
        f"docs/cli.md names flags `unmark {command}` does not have: remove them from its '## unmark {command}' section"
    assert COMMANDS[command] - named == set(), \
        f"docs/cli.md does not document these flags of `unmark {command}`: add a line for each to its '## unmark {command}' section"


def test_readme_command_table_names_real_flags():
    rows = [ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
            if re.match(r"^\| `unmark (\w+)", ln)]
    assert {re.match(r"^\| `unmark (\w+)", r).group(1) for r in rows} == set(COMMANDS), \
        "the README's table has one row per command"
    for row in rows:
        command = re.match(r"^\| `unmark (\w+)", row).group(1)
        named = set(FLAG.findall(row.split("|", 3)[3]))
        assert named - COMMANDS[command] == set(), f"README names flags `unmark {command}` does not have"
