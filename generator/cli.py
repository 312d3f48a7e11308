"""The `prep` command: a thin layer that parses options and reports errors.

Known errors become one line on stderr and exit code 1; tracebacks are kept
for real bugs.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator import scaffold
from generator.catalog import Catalog, CatalogError, load_catalog
from generator.schema import SCHEMA_DIR, write_schemas

companies_option = click.option(
    "--companies",
    "companies_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="companies",
    envvar="PREP_COMPANIES",
    show_default=True,
    help="The catalog folder.",
)


@click.group()
def main() -> None:
    """Interview-prep catalog, site and personalized reports."""


def _load(companies_dir: Path) -> Catalog:
    try:
        return load_catalog(companies_dir)
    except CatalogError as err:
        click.echo(err.report(), err=True)
        raise click.ClickException(str(err)) from None


@main.command()
@companies_option
def check(companies_dir: Path) -> None:
    """Validate every company, role and role-family file."""
    catalog = _load(companies_dir)
    click.echo(
        f"ok: {len(catalog.companies)} companies, {len(catalog.roles)} roles, "
        f"{len(catalog.families)} role families"
    )


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=SCHEMA_DIR)
def schema(out: Path) -> None:
    """Write the JSON Schema of each kind of catalog file (for editor completion)."""
    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.group()
def new() -> None:
    """Write a commented skeleton for a new company or role."""


@new.command("company")
@click.argument("slug")
@click.option("--name", help="Display name (default: from the slug).")
@companies_option
def new_company(slug: str, name: str | None, companies_dir: Path) -> None:
    """Create companies/SLUG/company.yaml."""
    _check_slug(slug)
    try:
        path = scaffold.new_company(companies_dir, slug, name)
    except FileExistsError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"wrote {path}: fill in the TODOs, then run `prep check`")


@new.command("role")
@click.argument("company")
@click.argument("slug")
@click.option("--family", help="Role family from companies/_roles/ (default: the role slug).")
@click.option("--title", help="Job title (default: from the slug).")
@companies_option
def new_role(
    company: str, slug: str, family: str | None, title: str | None, companies_dir: Path
) -> None:
    """Create companies/COMPANY/SLUG.yaml."""
    _check_slug(slug)
    catalog = _load(companies_dir)
    try:
        principle = catalog.company(company).principles[0].id
    except KeyError as err:
        raise click.ClickException(err.args[0]) from None
    family = family or slug
    if family not in catalog.families:
        known = ", ".join(catalog.families) or "none"
        raise click.ClickException(f"unknown role family '{family}' (known: {known})")
    title = title or catalog.families[family].name
    try:
        path = scaffold.new_role(
            companies_dir, company, slug, family=family, principle=principle, title=title
        )
    except FileExistsError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"wrote {path}: fill in the TODOs, then run `prep check`")


def _check_slug(slug: str) -> None:
    import re

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise click.ClickException(f"bad slug '{slug}': use lower-case letters, digits and hyphens")
