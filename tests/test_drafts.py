"""Unfinished pages never reach the built site: `prep new` skeletons and thin roles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, make_project, run

from preploop.catalog import load_catalog
from preploop.cli import main
from preploop.site import drafts


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("drafts")
    companies = tmp / "companies"
    shutil.copytree(ROOT / "companies", companies, ignore=shutil.ignore_patterns("*.csv"))
    runner = CliRunner()
    for args in (
        ["new", "company", "acme"],  # a whole new company, all placeholders
        ["new", "role", "acme", "product-manager"],
        ["new", "role", "stripe", "growth-pm", "--family", "product-manager"],
    ):
        result = runner.invoke(main, [*args, "--companies", str(companies)])
        assert result.exit_code == 0, result.output
    # A finished-looking role with too few questions: also a draft.
    thin = (companies / "airbnb" / "product-manager.yaml").read_text(encoding="utf-8")
    start = thin.index("questions:\n")
    end = thin.index("\n  - id:", thin.index("\n  - id:", start) + 1)
    rest = thin[end:]
    following = rest.index("\nprep_plan:") if "\nprep_plan:" in rest else rest.index("\npay:")
    thin = thin[:end] + rest[following:]
    thin = thin.replace("slug: product-manager", "slug: thin-pm", 1)
    (companies / "airbnb" / "thin-pm.yaml").write_text(thin, encoding="utf-8")
    return make_project(tmp, companies)


def test_drafts_are_named_with_their_reasons(project):
    catalog = load_catalog(project / "companies")
    found = drafts.drafts(catalog)
    assert set(found) == {
        "acme/company.yaml",
        "acme/product-manager.yaml",
        "stripe/growth-pm.yaml",
        "airbnb/thin-pm.yaml",
    }
    assert any("placeholder text in about" in r for r in found["acme/company.yaml"])
    assert "1 question (a page needs 3)" in found["airbnb/thin-pm.yaml"]
    published = drafts.published(catalog)
    assert "acme" not in {c.slug for c in published.companies}
    assert len(published.roles) == len(catalog.roles) - 3


def test_build_leaves_drafts_out_and_links_none(project):
    out = project / "site"
    result = run("mkdocs", "build", "--strict", "--site-dir", out, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "draft left out of the build: stripe/growth-pm.yaml" in result.stderr
    assert not (out / "companies" / "acme").exists()
    assert not (out / "companies" / "stripe" / "growth-pm").exists()
    assert not (out / "companies" / "airbnb" / "thin-pm").exists()
    assert (out / "companies" / "stripe" / "product-manager" / "index.html").exists()
    for listing in ("sitemap.xml", "search/search_index.json"):
        assert "growth-pm" not in (out / listing).read_text(encoding="utf-8")
    for html in out.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "TODO" not in text, html
        assert "growth-pm" not in text and "thin-pm" not in text, html
