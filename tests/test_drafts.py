"""Unfinished pages never reach the built site: `prep new` skeletons and thin roles."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_CATALOG, ROOT, make_project, run
from pydantic import BaseModel

from preploop import model
from preploop.catalog import load_catalog
from preploop.catalog.placeholder import placeholder
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


SUMMARY = "summary: Build anvils people love."
THIN = ["1 round (a page needs 2)", "1 question (a page needs 3)"]  # the mini role, as it is


@pytest.fixture
def mini(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("PREPLOOP_CACHE", "on")
    shutil.copytree(MINI_CATALOG, tmp_path / "companies")
    return tmp_path / "companies"


def test_a_placeholder_added_to_a_cached_file_is_found_on_the_next_load(mini: Path):
    """Whether a file could hold the placeholder is learnt when it is parsed and kept in
    the parse cache: finished files are not searched, and a file edited to hold one
    is parsed again and named a draft on the next (warm) load."""
    role = mini / "acme" / "product-manager.yaml"
    first = load_catalog(mini)
    assert first.placeholder_free == {role, mini / "acme" / "company.yaml"}
    assert drafts.drafts(first) == {"acme/product-manager.yaml": THIN}
    warm = load_catalog(mini)  # from the cache
    assert warm.placeholder_free == first.placeholder_free
    role.write_text(role.read_text().replace(SUMMARY, "summary: TODO what the role is for."))
    edited = load_catalog(mini)
    assert role not in edited.placeholder_free
    reasons = ["placeholder text in summary", *THIN]
    assert drafts.drafts(edited) == {"acme/product-manager.yaml": reasons}
    assert drafts.drafts(load_catalog(mini)) == {"acme/product-manager.yaml": reasons}


@pytest.mark.parametrize(
    "summary",
    [
        'summary: "\\x54ODO what the role is for."',  # an escape spells it
        "summary: !!binary " + base64.b64encode(b"TODO what the role is for.").decode(),
    ],
    ids=["escaped", "binary"],
)
def test_a_placeholder_the_file_spells_otherwise_is_found(mini: Path, summary: str):
    role = mini / "acme" / "product-manager.yaml"
    role.write_text(role.read_text().replace(SUMMARY, summary))
    catalog = load_catalog(mini)
    assert role not in catalog.placeholder_free
    assert drafts.drafts(catalog)["acme/product-manager.yaml"][0] == "placeholder text in summary"


def test_no_default_of_the_schema_holds_the_placeholder():
    """A file that does not hold the placeholder is not searched for it: that is only
    right while every text in a model comes from its file."""
    models = [m for m in vars(model).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    assert len(models) > 10
    for kind in models:
        for name, field in kind.model_fields.items():
            default = field.get_default(call_default_factory=True)
            assert placeholder().text not in repr(default), f"{kind.__name__}.{name}"
