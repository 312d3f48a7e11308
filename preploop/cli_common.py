"""What every `prep` command group shares: the catalog option and the one handler
that turns a user's error into plain lines and exit code 1."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from preploop.errors import UserError, printable

companies_option = click.option(
    "--companies",
    "companies_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="companies",
    envvar="PREP_COMPANIES",
    show_default=True,
    help="The catalog folder.",
)


class PrepGroup(click.Group):
    """A command group whose commands may raise `UserError` anywhere: its details and
    message go to stderr, the exit code is 1, and no traceback is shown.

    `lazy` names subcommands by "module:attribute", imported only when asked for:
    `prep check` needs none of the import's or the review's modules."""

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            for line in err.details():
                click.echo(printable(line), err=True)
            raise click.ClickException(printable(str(err))) from None
