"""`prep check`, `prep schema` and `prep new` on real and deliberately broken catalogs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import MINI_CATALOG, ROOT, make_project, run

from generator.catalog import load_catalog
from generator.schema import schema_documents


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "companies"
    shutil.copytree(MINI_CATALOG, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def check(companies: Path):
    return run("prep", "check", "--companies", companies.name, cwd=companies.parent)


def test_real_catalog_is_clean():
    result = run("prep", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    catalog = load_catalog(ROOT / "companies")
    assert len(catalog.companies) >= 5
    for company in catalog.companies:
        roles = {entry.role.family for entry in catalog.roles_of(company.slug)}
        assert len(catalog.roles_of(company.slug)) >= 2, company.slug
        assert {"product-manager", "software-engineer"} <= roles, company.slug


def test_netflix_product_manager_holds_the_brief_facts():
    entry = load_catalog(ROOT / "companies").role("netflix", "product-manager")
    company, role = entry.company, entry.role
    assert (company.culture.weight.min, company.culture.weight.max) == (40, 50)
    assert [(r.name, str(r.duration)) for r in role.rounds] == [
        ("Recruiter screen", "30"),
        ("Product strategy", "45-60"),
        ("Product execution", "45-60"),
        ("Culture deep dive", "45-60"),
        ("Panel presentation", "60"),
    ]
    assert str(role.process.weeks) == "3-5"
    assert len(company.principles) == 6
    assert len(role.questions) >= 12
    assert [(row.level, row.total) for row in role.pay.rows] == [
        ("L4", 317000),
        ("L5", 538000),
        ("L6", 656000),
    ]
    assert len(role.faq) >= 5
    assert role.interviews_reported.count == 2600
    assert role.pay.source is not None and role.interviews_reported.source is not None


def test_mini_catalog_is_clean(mini: Path):
    result = check(mini)
    assert result.returncode == 0, result.stderr


def test_yaml_syntax_error(mini: Path):
    edit(mini / "acme/product-manager.yaml", "title: Product Manager", "title: [Product")
    result = check(mini)
    assert result.returncode == 1
    assert (
        "companies/acme/product-manager.yaml:2:5: (file): YAML syntax error: did not find "
        "expected ',' or ']' (while parsing a flow sequence at line 1)"
    ) in result.stderr


def test_unknown_key_suggests_the_intended_one(mini: Path):
    edit(mini / "acme/product-manager.yaml", "    duration: {min", "    duraton: {min")
    result = check(mini)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "companies/acme/product-manager.yaml:13:5: rounds[0].duraton: "
        "unknown key 'duraton' (did you mean 'duration'?)"
    )


def test_wrong_type(mini: Path):
    edit(mini / "acme/product-manager.yaml", "min_years: 3}", "min_years: three}")
    result = check(mini)
    assert result.returncode == 1
    assert (
        "companies/acme/product-manager.yaml:7:67: levels[0].min_years: input should be a "
        "valid integer, unable to parse string as an integer (got 'three')"
    ) in result.stderr


def test_missing_required_field(mini: Path):
    edit(mini / "acme/company.yaml", "about: Acme makes anvils.\n", "")
    result = check(mini)
    assert result.returncode == 1
    assert "companies/acme/company.yaml:1:1: about: missing required key 'about'" in result.stderr


def test_dangling_references(mini: Path):
    role = mini / "acme/product-manager.yaml"
    edit(role, "    round: screen", "    round: screan")
    edit(
        role, "    principles: [ownership]\n    frequency", "    principles: [owner]\n    frequency"
    )
    edit(role, "{level: L4, total", "{level: L9, total")
    result = check(mini)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        "companies/acme/product-manager.yaml:21:12: questions[0].round: "
        "unknown round 'screan' (did you mean 'screen'?)",
        "companies/acme/product-manager.yaml:22:18: questions[0].principles[0]: "
        "unknown principle 'owner' (did you mean 'ownership'?)",
        "companies/acme/product-manager.yaml:31:15: pay.rows[0].level: "
        "unknown level 'L9' (did you mean 'L4'?)",
    ]


def test_duplicate_slug(mini: Path):
    shutil.copytree(mini / "acme", mini / "acme-copy")
    result = check(mini)
    assert result.returncode == 1
    assert (
        "companies/acme-copy/company.yaml:2:7: slug: duplicate company slug 'acme': "
        "already used by companies/acme/company.yaml"
    ) in result.stderr


def test_every_problem_is_reported_at_once(mini: Path):
    edit(mini / "acme/product-manager.yaml", "    duration: {min", "    duraton: {min")
    edit(mini / "acme/company.yaml", "about: Acme makes anvils.\n", "")
    result = check(mini)
    assert result.returncode == 1
    assert result.stderr.count("companies/acme/") == 2
    assert "Error: 2 problems in the catalog" in result.stderr
    assert "Traceback" not in result.stderr


def test_raw_html_in_data_is_escaped(tmp_path: Path, mini: Path):
    edit(mini / "acme/company.yaml", "about: Acme makes anvils.", 'about: "<script>x()</script>"')
    project = make_project(tmp_path, mini)
    result = run("mkdocs", "build", "--site-dir", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "out/companies/acme/index.html").read_text()
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


def test_broken_catalog_fails_the_build_and_leaves_site_untouched(tmp_path: Path, mini: Path):
    project = make_project(tmp_path, mini)
    out = project / "out"
    out.mkdir()
    (out / "keep.html").write_text("previous build")
    edit(project / "companies/acme/product-manager.yaml", "    duration: {min", "    duraton: {min")
    result = run("mkdocs", "build", "--site-dir", "out", cwd=project)
    assert result.returncode == 1
    assert "companies/acme/product-manager.yaml:13:5: rounds[0].duraton: unknown key" in (
        result.stderr
    )
    assert [p.name for p in out.iterdir()] == ["keep.html"]


def test_prep_new_skeletons_pass_check_and_build(tmp_path: Path, mini: Path):
    assert run("prep", "new", "company", "globex", "--companies", mini).returncode == 0
    result = run("prep", "new", "role", "globex", "product-manager", "--companies", mini)
    assert result.returncode == 0, result.stderr
    assert check(mini).returncode == 0, check(mini).stderr
    text = (mini / "globex/product-manager.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/role.schema.json")
    project = make_project(tmp_path, mini)
    assert run("mkdocs", "build", "--strict", "--site-dir", "out", cwd=project).returncode == 0
    assert (project / "out/companies/globex/product-manager/index.html").exists()
    again = run("prep", "new", "company", "globex", "--companies", mini)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_committed_schema_matches_the_model():
    for name, text in schema_documents().items():
        committed = ROOT / "schema" / name
        assert committed.read_text() == text, f"run `prep schema`: {name} is stale"
        assert json.loads(text)["additionalProperties"] is False


def test_every_catalog_file_references_its_schema():
    for path in (ROOT / "companies").rglob("*.yaml"):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../../schema/"), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.exists(), path


def test_parallel_load_matches_a_single_process(mini: Path, monkeypatch):
    """Large catalogs are parsed in worker processes: same catalog, same problems, same order."""
    import generator.catalog as catalog

    def load(workers: int):
        monkeypatch.setattr(catalog, "_parallel_workers", lambda files: workers)
        try:
            return load_catalog(mini)
        except catalog.CatalogError as err:
            return err.report()

    assert load(2) == load(1)
    shutil.copytree(mini / "acme", mini / "bolt")
    edit(mini / "bolt/company.yaml", "slug: acme", "slug: bolt")
    edit(mini / "acme/product-manager.yaml", "title: Product Manager", "title: [Product")
    edit(mini / "bolt/product-manager.yaml", "    duration: {min", "    duraton: {min")
    edit(mini / "bolt/company.yaml", "about: Acme", "about: Bolt\nabout: Acme")  # duplicate key
    report = load(1)
    assert report.count("\n") == 2, report
    assert load(2) == report
