"""What every `prep` command group shares: the catalog option and the one handler
that turns a user's error into plain lines and exit code 1."""

from __future__ import annotations

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
    message go to stderr, the exit code is 1, and no traceback is shown."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            for line in err.details():
                click.echo(printable(line), err=True)
            raise click.ClickException(printable(str(err))) from None
