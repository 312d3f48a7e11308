"""The `prep` command: a thin layer that parses options and reports errors.

Known errors become one line on stderr and exit code 1; tracebacks are kept
for real bugs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import sys
from pathlib import Path

import click

from preploop.check_memo import CheckMemo
from preploop.cli_common import PrepGroup, companies_option
from preploop.errors import printable

# The catalog's modules (pydantic models) are imported by the commands that use them, so
# that a `prep check` with nothing changed answers from its memo without them.


def example(*lines: str) -> str:
    """A command's help epilog: its examples, kept as written (no rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


@click.group(
    cls=PrepGroup,
    lazy={
        "reports": "preploop.figures.commands:reports",
        "review": "preploop.review.commands:review",
    },
    epilog=example("prep check", "prep report --help"),
)
@click.version_option(package_name="preploop", prog_name="prep")
def main() -> None:
    """Interview-prep catalog, site and personalized reports."""


@main.command(
    epilog=example(
        "prep check", "prep check --companies tests/fixtures/mini", "prep check --release"
    )
)
@companies_option
@click.option(
    "--release",
    is_flag=True,
    help="Also refuse order settings in mkdocs.yml that still hold placeholder addresses.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration (with --release).",
)
def check(companies_dir: Path, release: bool, config_file: Path) -> None:
    """Validate every company, role and role-family file, and the reported-data files.

    With --release, also check that the site can take real orders: no placeholder
    address (a .example domain...) in site_url or extra.report in mkdocs.yml.
    """
    memo = None if release else CheckMemo(companies_dir)
    said = memo.lines() if memo else None
    if said is not None:
        for line in said:
            click.echo(line)
        return
    from preploop.catalog import load_catalog
    from preploop.figures.index import load_figures
    from preploop.site import drafts

    catalog = load_catalog(companies_dir)
    load_figures(companies_dir, catalog.roles)  # a damaged reports.csv is named by line
    if release:
        from preploop.site import ordering  # only here: the site's modules load the theme

        problems = ordering.release_problems(config_file)
        if problems:
            raise ordering.ReleaseError(
                f"{len(problems)} placeholder address{'es' if len(problems) != 1 else ''} in "
                "the order settings: set the real ones before release",
                problems,
            )
    said = [
        f"ok: {len(catalog.companies)} companies, {len(catalog.roles)} roles, "
        f"{len(catalog.families)} role families",
        # Valid is not finished: say which pages a build will leave out, and why.
        *drafts.unpublished_lines(catalog, companies_dir),
    ]
    for line in said:
        click.echo(line)
    if memo:
        memo.remember(said)


@main.command(epilog=example("prep schema", "prep schema --out /tmp/schemas"))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default="schema",  # preploop.schema.SCHEMA_DIR (a test keeps the two the same)
    show_default=True,
    help="Folder to write the schema files into.",
)
def schema(out: Path) -> None:
    """Write the JSON Schema of each kind of catalog file (for editor completion)."""
    from preploop.schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.command(
    context_settings={"ignore_unknown_options": True},
    epilog=example("prep serve", "prep serve --dev-addr 127.0.0.1:8001"),
)
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def serve(mkdocs_args: tuple[str, ...]) -> None:
    """Preview the site at http://127.0.0.1:8000/: `mkdocs serve`, quietly.

    It reloads whenever a catalog file is saved, and shows catalog problems at the
    top of every page. Any options go to `mkdocs serve` (see `mkdocs serve --help`).
    """
    # mkdocs-material prints an end-of-life banner on every start unless this is set.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", *mkdocs_args]
    os.execve(sys.executable, command, env)  # Ctrl-C and exit codes stay mkdocs' own


@main.group(epilog=example("prep new company acme", "prep new role acme product-manager"))
def new() -> None:
    """Write a commented skeleton for a new company or role."""


@new.command("company", epilog=example('prep new company acme --name "Acme Corp"'))
@click.argument("slug")
@click.option("--name", help="Display name (default: from the slug).")
@companies_option
def new_company(slug: str, name: str | None, companies_dir: Path) -> None:
    """Create companies/SLUG/company.yaml."""
    from preploop import scaffold

    _check_slug(slug)
    try:
        path = scaffold.new_company(companies_dir, slug, name)
    except FileExistsError as err:
        raise click.ClickException(str(err)) from None
    except OSError as err:  # a read-only folder, a full disk
        raise click.ClickException(f"{err.filename}: cannot write ({err.strerror})") from None
    click.echo(f"wrote {path}: fill in the TODOs, then run `prep check`")


@new.command(
    "role",
    epilog=example(
        "prep new role acme product-manager",
        'prep new role acme growth-pm --family product-manager --title "Growth PM"',
    ),
)
@click.argument("company")
@click.argument("slug")
@click.option("--family", help="Role family from companies/_roles/ (default: the role slug).")
@click.option("--title", help="Job title (default: from the slug).")
@companies_option
def new_role(
    company: str, slug: str, family: str | None, title: str | None, companies_dir: Path
) -> None:
    """Create companies/COMPANY/SLUG.yaml."""
    from preploop import scaffold
    from preploop.catalog import load_catalog

    _check_slug(slug)
    catalog = load_catalog(companies_dir)
    try:
        principle = catalog.company(company).principles[0].id
    except KeyError as err:
        raise click.ClickException(err.args[0]) from None
    family = family or slug
    if family not in catalog.families:
        known = list(catalog.families)
        raise click.ClickException(printable(_unknown_family(family, known, companies_dir)))
    title = title or catalog.families[family].name
    try:
        path = scaffold.new_role(
            companies_dir, company, slug, family=family, principle=principle, title=title
        )
    except FileExistsError as err:
        raise click.ClickException(str(err)) from None
    except OSError as err:  # a read-only folder, a full disk
        raise click.ClickException(f"{err.filename}: cannot write ({err.strerror})") from None
    click.echo(f"wrote {path}: fill in the TODOs, then run `prep check`")


def _unknown_family(family: str, known: list[str], companies_dir: Path) -> str:
    """One line: the families there are, the closest one, and how to add a new one."""
    from preploop.catalog import did_you_mean

    close = did_you_mean(family, known) if known else ""
    close = close if close.startswith(" (did you mean") else ""
    example = f"copy {companies_dir / '_roles' / known[0]}.yaml, " if known else ""
    return (
        f"unknown role family '{family}'{close}; known families: {', '.join(known) or 'none'}. "
        f"To add it, write {companies_dir / '_roles' / family}.yaml ({example}see "
        f"CONTRIBUTING.md), or pass --family with a known one"
    )


# Names Windows keeps for devices: `con.yaml` or a folder `aux` cannot be checked out there.
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)]
)
MAX_SLUG = 64  # a slug names a file and a URL; file names stop at 255 bytes


def _check_slug(slug: str) -> None:
    import yaml

    from preploop.catalog import RESERVED_SLUGS

    shown = printable(slug[:MAX_SLUG]) + ("..." if len(slug) > MAX_SLUG else "")
    if len(slug) > MAX_SLUG:
        problem = f"longer than {MAX_SLUG} characters"
    elif not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        problem = "use lower-case letters, digits and hyphens"
    elif not isinstance(yaml.safe_load(slug), str):  # 2024, 0x10, no: YAML reads another type
        problem = "YAML reads it as a number or a yes/no; add a word (e.g. 'acme-2024')"
    elif slug in WINDOWS_RESERVED or slug in RESERVED_SLUGS:
        problem = "a reserved name (a device on Windows, or a page of the site)"
    else:
        return
    raise click.ClickException(f"bad slug '{shown}': {problem}")


# -- reports -------------------------------------------------------------------------

paper_option = click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Page size of the PDF.",
)
as_of_option = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date that stands for 'Present' in the resume (default: today).",
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _today(as_of) -> dt.date:
    return as_of.date() if as_of else dt.date.today()


@main.command(
    epilog=example(
        "prep report --company netflix --role product-manager \\",
        "    --resume examples/strong-pm/resume.pdf --jd examples/strong-pm/job.txt \\",
        "    --out report.pdf --analysis-out analysis.json",
        "prep report --from-analysis analysis.json --out report.pdf",
    )
)
@click.option("--company", help="Company slug, e.g. netflix.")
@click.option("--role", help="Role slug, e.g. product-manager.")
@click.option(
    "--resume", type=click.Path(path_type=Path, dir_okay=False), help="PDF, DOCX, MD or TXT."
)
@click.option("--jd", type=click.Path(path_type=Path, dir_okay=False), help="The job description.")
@click.option(
    "--name", default="", help="Candidate name for the report (default: from the resume)."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the PDF.",
)
@click.option(
    "--analysis-out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the analysis as JSON, for review.",
)
@click.option(
    "--html",
    "html",
    is_flag=True,
    help="Also write the report as one HTML file for screens, beside the PDF (.html).",
)
@click.option(
    "--from-analysis",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Render from a reviewed analysis.json instead of a resume.",
)
@paper_option
@as_of_option
@companies_option
def report(
    company,
    role,
    resume,
    jd,
    name,
    out,
    analysis_out,
    html,
    from_analysis,
    paper,
    as_of,
    companies_dir,
) -> None:
    """Render one personalized report."""
    # Imported here: WeasyPrint takes a while to load, and `prep check` must stay quick.
    from preploop.catalog import load_catalog
    from preploop.report.pipeline import Order, ReportError, run_order

    catalog = load_catalog(companies_dir)
    if from_analysis:
        if resume or jd:
            raise ReportError("use either --from-analysis or --resume/--jd, not both")
        source = from_analysis
    else:
        given = (("company", company), ("role", role), ("resume", resume), ("jd", jd))
        missing = [f"--{option}" for option, value in given if not value]
        if missing:
            raise ReportError(f"missing option(s): {', '.join(missing)}")
        if _SURROGATE.search(name):  # bytes that are not UTF-8 in the command line
            raise ReportError("--name: not valid UTF-8 text")
        source = Order(name=name, company=company, role=role, resume=resume, job=jd)
    done = run_order(
        source,
        catalog,
        companies_dir,
        today=_today(as_of),
        paper=paper,
        pdf_out=out,
        analysis_out=analysis_out,
        meanwhile=_import_renderer,
        html_out=html_path(out) if html else None,
    )
    for warning in done.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    entry, candidate = done.entry, printable(done.analysis.candidate)
    wrote = f"{out} and {html_path(out)}" if html else f"{out}"
    click.echo(
        f"wrote {wrote} for {candidate} ({entry.company.name} {entry.role.title}, "
        f"fit {done.analysis.fit.overall}/100)"
    )


def html_path(pdf: Path) -> Path:
    """Where `--html` writes: beside the PDF, `.html` for `.pdf` (or added to another name)."""
    return pdf.with_suffix(".html") if pdf.suffix.lower() == ".pdf" else Path(f"{pdf}.html")


def _import_renderer() -> None:
    from preploop.report.render import warm_renderer  # the slow import, while the analysis runs

    warm_renderer()


@main.command(
    epilog=example(
        "prep batch examples/orders.csv --out-dir reports/ --jobs 2",
        "prep batch examples/orders.csv --out-dir reports/ --review   (then: prep review reports/)",
        "(Ctrl-C stops it; the same command again resumes where it stopped)",
    )
)
@click.argument("orders_csv", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for the reports and summary.csv; created if missing.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Orders rendered at once, one worker process each.",
)
@click.option(
    "--review",
    is_flag=True,
    help="Analyse only: queue the orders for `prep review OUT_DIR` instead of rendering.",
)
@click.option(
    "--html",
    "html",
    is_flag=True,
    help="Also write each report as one HTML file for screens (<order>.html).",
)
@paper_option
@as_of_option
@companies_option
def batch(orders_csv, out_dir, jobs, review, html, paper, as_of, companies_dir) -> None:
    """Render a CSV of orders (order_id,name,company,role,resume,jd) in parallel."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from preploop.catalog import load_catalog
    from preploop.report.batch import BatchInterrupted, read_orders, run_batch

    load_catalog(companies_dir)  # fail fast, once, on a broken catalog
    try:
        orders = read_orders(orders_csv)
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=False,
        ) as bar:
            task = bar.add_task("reports", total=orders.total)
            outcomes = run_batch(
                orders,
                out_dir,
                companies_dir=companies_dir,
                jobs=jobs,
                paper=paper,
                today=_today(as_of),
                progress=lambda done, total: bar.update(task, completed=done),
                review=review,
                html=html,
            )
    except BatchInterrupted as stop:
        again = ["prep", "batch", str(orders_csv), "--out-dir", str(out_dir), "--jobs", str(jobs)]
        if review:
            again += ["--review"]
        if html:
            again += ["--html"]
        if paper != "a4":
            again += ["--paper", paper]
        if as_of:
            again += ["--as-of", f"{as_of:%Y-%m-%d}"]
        if companies_dir != Path("companies"):
            again += ["--companies", str(companies_dir)]
        _report_interrupted(stop, out_dir, shlex.join(again))
    counts = {
        status: sum(o.status == status for o in outcomes)
        for status in ("done", "skipped", "failed")
    }
    click.echo(
        f"{counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed; "
        f"see {out_dir / 'summary.csv'}"
    )
    for outcome in outcomes:
        if outcome.status == "failed":
            click.echo(f"failed: {outcome.order_id}: {outcome.reason}", err=True)
    if counts["failed"]:
        raise SystemExit(1)


def _report_interrupted(stop, out_dir: Path, again: str) -> None:
    """Ctrl-C or SIGTERM: say what finished and how to go on, then exit 130 (killed by
    SIGINT) or 143 (SIGTERM)."""
    done = sum(o.status == "done" for o in stop.outcomes)
    click.echo(
        f"interrupted: {done} done, {stop.unfinished} not finished; "
        f"finished orders are in {out_dir / 'summary.csv'}",
        err=True,
    )
    click.echo(f"to resume, run the same command again: {again}", err=True)
    raise SystemExit(128 + stop.signal)
