"""Ordering is a real, configurable path: a checkout per offer in mkdocs.yml with email
as the fallback, an order button on the report page, and placeholders said on every
build (a warning once the site has a real address) and refused by `prep check --release`
(issue 19)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser import chromium, serve
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import ROOT, make_project, run

from preploop.cli import main

CHECKOUT = "https://shop.preploop-orders.com/buy/report?ref={company}/{role}"


def _configure(project: Path, **report) -> Path:
    """The project's mkdocs.yml with real addresses and these extra.report settings."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["site_url"] = "https://www.preploop-orders.com/"
    config["extra"]["report"] |= {"email": "orders@preploop-orders.com", **report}
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("ordering")
    companies = tmp / "companies"
    shutil.copytree(ROOT / "companies", companies, ignore=shutil.ignore_patterns("*.csv"))
    project = make_project(tmp, companies)
    _configure(project, checkout_url=CHECKOUT)
    return project


@pytest.fixture(scope="module")
def built(project: Path):
    out = project / "site"
    result = run("mkdocs", "build", "--strict", "--site-dir", out, cwd=project)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def test_the_order_page_leads_to_the_checkout_with_email_as_fallback(built):
    site, _ = built
    soup = page(site, "order")
    button = soup.select_one("a[data-prep-order-checkout]")
    assert button.get_text(strip=True) == "Order and pay $149"
    assert button["href"] == "https://shop.preploop-orders.com/buy/report?ref=/"
    assert soup.select_one("[data-prep-order]")["data-checkout"] == CHECKOUT
    assert soup.find(id="by-email").get_text(strip=True).startswith("Or order by email")
    mails = {a["href"] for a in soup.select("a[href^='mailto:']")}
    assert mails == {"mailto:orders@preploop-orders.com"}


def test_the_report_page_has_an_order_button(built):
    site, _ = built
    soup = page(site, "report")
    buttons = soup.select(".prep-order-button a.md-button--primary")
    assert buttons and all(a["href"] == "../order/" for a in buttons)
    assert buttons[0].get_text(strip=True) == "Order your report: $149"


def test_a_role_reaches_the_checkout_with_its_name(built):
    """In a browser: the role page's button, then the order page's checkout for that role."""
    pytest.importorskip("playwright.sync_api")
    site, _ = built
    with serve(site) as base, chromium() as browser:
        tab = browser.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(base + "companies/netflix/product-manager/", wait_until="networkidle")
        tab.locator(".prep-offer a.md-button--primary").click()
        tab.wait_for_load_state("networkidle")
        assert urlsplit(tab.url).path == "/order/"
        checkout = tab.locator("a[data-prep-order-checkout]")
        assert checkout.get_attribute("href") == (
            "https://shop.preploop-orders.com/buy/report?ref=netflix/product-manager"
        )
        assert tab.locator("[data-prep-order-role]").inner_text() == "Netflix Product Manager"
    assert all(url.startswith(base) for url in requests)  # nothing asked of the shop


def test_a_build_with_real_addresses_names_no_placeholder(built):
    _, log = built
    assert "placeholder in the order settings" not in log


def test_the_repositorys_placeholders_are_said_on_build_and_refused_on_release(tmp_path):
    built = run("mkdocs", "build", "--strict", "--site-dir", tmp_path / "site")
    assert built.returncode == 0, built.stderr
    said = [line for line in built.stderr.splitlines() if "placeholder in the order" in line]
    assert len(said) == 2
    assert "extra.report.email: orders@preploop.example is a placeholder address" in said[1]
    result = CliRunner().invoke(main, ["check", "--release", "--config", str(ROOT / "mkdocs.yml")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"{ROOT / 'mkdocs.yml'}: site_url: https://preploop.example/ is a placeholder address "
        "(preploop.example)",
        f"{ROOT / 'mkdocs.yml'}: extra.report.email: orders@preploop.example is a placeholder "
        "address (preploop.example)",
        "Error: 2 placeholder addresses in the order settings: set the real ones before release",
    ]
    # Without --release, the catalog check passes as before.
    assert CliRunner().invoke(main, ["check"]).exit_code == 0


def test_release_check_passes_with_real_addresses_and_refuses_a_placeholder_checkout(project):
    config = project / "mkdocs.yml"
    args = ["check", "--release", "--config", str(config), "--companies", str(ROOT / "companies")]
    ok = CliRunner().invoke(main, args)
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("ok:")
    copy = project.parent / "placeholder.yml"
    shutil.copy(config, copy)
    text = config.read_text(encoding="utf-8").replace("shop.preploop-orders.com", "pay.example")
    copy.write_text(text, encoding="utf-8")
    refused = CliRunner().invoke(main, ["check", "--release", "--config", str(copy)])
    assert refused.exit_code == 1
    assert "extra.report.checkout_url: https://pay.example/buy/report" in refused.output
    assert "Error: 1 placeholder address in the order settings" in refused.output


def test_a_live_site_with_a_placeholder_order_address_warns_and_fails_a_strict_build(project):
    """A site with a real address of its own whose orders would go nowhere: a warning."""
    config = project / "mkdocs.yml"
    live = project / "live.yml"
    text = config.read_text(encoding="utf-8").replace("orders@preploop-orders.com", "o@pay.example")
    live.write_text(text, encoding="utf-8")
    out = project.parent / "live-site"
    strict = run("mkdocs", "build", "--strict", "-f", live, "--site-dir", out, cwd=project)
    assert strict.returncode != 0
    warned = [line for line in strict.stderr.splitlines() if "placeholder in the order" in line]
    assert len(warned) == 1 and warned[0].startswith("WARNING")
    assert "extra.report.email: o@pay.example is a placeholder address" in warned[0]


def test_release_check_names_an_unreadable_or_bad_config(tmp_path):
    missing = CliRunner().invoke(main, ["check", "--release", "--config", str(tmp_path / "no.yml")])
    assert missing.exit_code == 1
    assert "no.yml: cannot read it (No such file or directory)" in missing.output
    assert "Traceback" not in missing.output
    bad = tmp_path / "bad.yml"
    bad.write_text("extra:\n  report:\n    price: 149\n    checkout_url: http://x.com/\n")
    result = CliRunner().invoke(main, ["check", "--release", "--config", str(bad)])
    assert result.exit_code == 1
    assert "bad.yml: extra.report." in result.output
    assert len(result.output.strip().splitlines()) == 1
