"""Every command and every option of the command line says what it does (--help)."""

from __future__ import annotations

import argparse

from huaibei_reader.cli.main import build_parser


def _walk(parser: argparse.ArgumentParser, path: str):
    """(command path, action) for every argument of ``parser`` and its subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {a.dest for a in action._choices_actions if a.help}
            for name, sub in action.choices.items():
                yield f"{path} {name}", ("subcommand", name in helped)
                yield from _walk(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


def test_every_option_and_subcommand_has_help():
    missing = []
    seen = 0
    for path, action in _walk(build_parser(), "huaibei-reader"):
        seen += 1
        if isinstance(action, tuple):
            if not action[1]:
                missing.append(f"{path}: no help for the subcommand")
            continue
        if not action.help or action.help == argparse.SUPPRESS or not action.help.strip():
            name = "/".join(action.option_strings) or action.dest
            missing.append(f"{path}: {name}")
    assert seen > 40  # the walk reaches the subcommands' arguments
    assert missing == []
