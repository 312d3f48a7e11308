"""`prep review PATH` (the app) and `prep review export-labels PATH OUT`."""

from __future__ import annotations

from pathlib import Path

import click

from preploop.catalog import load_catalog
from preploop.cli_common import companies_option

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ReviewGroup(click.Group):
    """`prep review PATH` stays the way to open the app: anything that is not a
    subcommand's name goes to `serve`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands:
            args = ["serve", *args]
        return super().parse_args(ctx, args)


@click.group(cls=ReviewGroup)
def review() -> None:
    """Review, correct and approve reports in a local web app."""


@review.command(
    epilog="\b\nExamples:\n  prep review serve reports/   (short: prep review reports/)\n"
    "  prep review analysis.json --open\n"
    "  prep review export-labels reports/ labels/   (approved corrections as cases)"
)
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=int, default=0, help="Port (default: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the browser.")
@companies_option
def serve(path: Path, host: str, port: int, open_browser: bool, companies_dir: Path) -> None:
    """Review, correct and approve reports in a local web app."""
    import socket
    import webbrowser

    import uvicorn

    from preploop.review.app import LOOPBACK_HOSTS, create_app

    if host not in LOOPBACK:
        click.echo(f"warning: binding {host}: others on the network can see resumes", err=True)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.bind((host, port))
    url = f"http://{host}:{sock.getsockname()[1]}/"
    click.echo(f"reviewing at {url}")
    if open_browser:
        webbrowser.open(url)
    hosts = LOOPBACK_HOSTS if host in LOOPBACK else None
    app = create_app(path, load_catalog(companies_dir), companies_dir, hosts=hosts)
    config = uvicorn.Config(app, access_log=False, log_level="warning")  # no resume text in logs
    uvicorn.Server(config).run(sockets=[sock])


@review.command(
    "export-labels",
    epilog="\b\nExamples:\n  prep review export-labels reports/ tests/eval/review/",
)
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.argument("out", type=click.Path(path_type=Path))
def export_labels_command(path: Path, out: Path) -> None:
    """Approved corrections in PATH's change logs as labelled cases (YAML) in folder OUT,
    with names, employers, places, numbers, emails and links replaced."""
    from preploop.review.labels import export_labels

    files, corrections = export_labels(path, out)
    click.echo(f"{corrections} corrections from {files} approved orders written to {out}")
