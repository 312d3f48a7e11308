"""What every `prep` command group shares: the catalog option and loading it."""

from __future__ import annotations

from pathlib import Path

import click

from preploop.catalog import Catalog, CatalogError, load_catalog

companies_option = click.option(
    "--companies",
    "companies_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="companies",
    envvar="PREP_COMPANIES",
    show_default=True,
    help="The catalog folder.",
)


def load_or_exit(companies_dir: Path) -> Catalog:
    """The catalog, or every problem on stderr and exit code 1."""
    try:
        return load_catalog(companies_dir)
    except CatalogError as err:
        click.echo(err.report(), err=True)
        raise click.ClickException(str(err)) from None
