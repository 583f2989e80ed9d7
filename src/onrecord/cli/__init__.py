"""The ``onrecord`` command line. Each command builds the core objects and
calls one function; errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import sys
from typing import Any

import click

from onrecord.errors import OnrecordError


class _Group(click.Group):
    """Turns the package's own errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OnrecordError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="onrecord")
def cli() -> None:
    """onrecord: who said what, about whom, when — from news articles."""


#: Modules whose ``COMMANDS`` join the ``onrecord`` group (each imports its
#: heavy dependencies inside its commands, so start-up stays light).
COMMAND_MODULES = (
    "onrecord.cli.analyze",
    "onrecord.cli.eval",
    "onrecord.cli.corpus",
    "onrecord.cli.article",
    "onrecord.cli.actors",
    "onrecord.cli.events",
    "onrecord.cli.positions",
    "onrecord.cli.batch",
    "onrecord.cli.web",
)


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        for command in importlib.import_module(name).COMMANDS:
            cli.add_command(command)


_register_commands()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except OnrecordError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
