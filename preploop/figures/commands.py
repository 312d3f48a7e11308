"""`prep reports ...`: import form exports, suggest questions to add."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path

import click

from preploop.catalog import load_catalog
from preploop.cli_common import companies_option
from preploop.errors import printable
from preploop.figures import commit
from preploop.figures.aggregate import suggest
from preploop.figures.export import DATE_ORDERS
from preploop.figures.importer import plan_import
from preploop.figures.index import load_figures


@click.group(
    epilog="\b\nExamples:\n  prep reports import form-export.csv --dry-run\n"
    "  prep reports suggest netflix product-manager"
)
def reports() -> None:
    """Reported interviews and pay: import form exports, see what to add."""


def _column(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    columns = {}
    for value in values:
        name, sep, header = value.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise click.BadParameter(f"'{value}': write it as FIELD=HEADER")
        columns[name.strip()] = header.strip()
    return columns


@reports.command(
    "import",
    epilog="\b\nExamples:\n  prep reports import form-export.csv --dry-run\n"
    '  prep reports import pay-survey.csv --kind pay --column base="Base salary"',
)
@click.argument("export", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--kind",
    type=click.Choice(["questions", "pay"]),
    default="questions",
    show_default=True,
    help="Reported interview questions, or reported pay.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    callback=_column,
    metavar="FIELD=HEADER",
    help="Take FIELD (date, company, role, level, question, round, type, id; for pay also "
    "base, stock, bonus, location) from the column headed HEADER.",
)
@click.option("--default-role", help="The role of rows that give no job title.")
@click.option("--source", help="Where the export comes from, recorded with each row.")
@click.option(
    "--date-format",
    type=click.Choice(list(DATE_ORDERS)),
    help="How to read dates such as 03/10/2026: month-first (March 10) or day-first "
    "(3 October). Without it: month-first, unless the file has a date that can only be "
    "day-first; the import says which reading it used.",
)
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@companies_option
def import_(
    export, kind, columns, default_role, source, date_format, dry_run, companies_dir
) -> None:
    """Merge a form's CSV export into companies/<company>/reports.csv (or pay.csv)."""
    catalog = load_catalog(companies_dir)
    # Errors (ExportError, StoreFileError, StoreBusy, StoreWriteError) are UserErrors:
    # one plain line each, from the prep group's handler.
    with _stopped_by_sigterm(), commit.locked(companies_dir):
        plan = plan_import(
            catalog,
            companies_dir,
            export,
            kind=kind,
            columns=columns,
            default_role=default_role,
            source=source,
            date_format=date_format,
        )
        for line in plan.summary(companies_dir):
            click.echo(printable(line))
        if not dry_run:
            commit.commit(companies_dir, plan.writers())
    if not dry_run:
        for path in sorted(plan.changes):
            click.echo(printable(f"wrote {path}"))


@contextlib.contextmanager
def _stopped_by_sigterm():
    """SIGTERM ends an import as Ctrl-C does: its temporary files are removed on the
    way out, and a commit under way finishes first (see `commit.commit`)."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: signals go elsewhere anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@reports.command(
    "suggest", epilog="\b\nExample:\n  prep reports suggest netflix product-manager --top 5"
)
@click.argument("company")
@click.argument("role")
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many questions to list.",
)
@companies_option
def suggest_(company: str, role: str, top: int, companies_dir: Path) -> None:
    """The most reported questions of COMPANY's ROLE that the catalog lacks."""
    catalog = load_catalog(companies_dir)
    try:
        entry = catalog.role(company, role)
    except KeyError as err:
        raise click.ClickException(err.args[0]) from None
    figures = load_figures(companies_dir, [entry]).of(entry).summary
    if figures is None or not figures.unmatched:
        click.echo(f"{company}/{role}: every reported question is in the catalog")
        return
    click.echo(
        f"{company}/{role}: {len(figures.unmatched):,} of {figures.count:,} reports "
        "match no catalog question; the most reported:"
    )
    for count, latest, examples in suggest(figures, top):  # wordings as candidates typed them
        click.echo(f"{count:>6,}  latest {latest}  {printable(examples[0])}")
        for example in examples[1:]:
            click.echo(f"{'':>6}  {'':17}  also: {printable(example)}")
