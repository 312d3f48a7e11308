"""`prep reports import`: a messy, fictional form export into the report files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_catalog

from preploop.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT / "tests" / "fixtures" / "reports" / "form-export.csv"


@pytest.fixture
def companies(tmp_path: Path) -> Path:
    target = tmp_path / "companies"
    copy_catalog(target)
    return target


def prep(companies: Path, *args: str | Path):
    return CliRunner().invoke(main, [*map(str, args), "--companies", str(companies)])


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.csv"))}


def test_import_matches_spellings_titles_and_keeps_the_rest(companies):
    result = prep(companies, "reports", "import", EXPORT, "--source", "spring-form")
    assert result.exit_code == 0, result.output
    meta = rows(companies / "meta" / "reports.csv")
    # Meta, "meta ", Facebook, "Meta Platforms, Inc." and "Meta / Facebook" are one company.
    assert {r["role"] for r in meta} == {"product-manager", "software-engineer"}
    assert len(meta) == 5
    levels = {r["title"]: r["level"] for r in meta}
    assert levels["Senior Product Manager / L6"] == "L6"
    assert levels["Sr. PM (IC5)"] == "IC5"
    # The quoted two-line question is one row, on one line of the file.
    assert any(
        r["question"] == "Design a product to help people find volunteering opportunities"
        for r in meta
    )
    assert all(r["source"] == "spring-form" for r in meta)
    # The comments column is never stored.
    text = (companies / "meta" / "reports.csv").read_text(encoding="utf-8")
    assert "recruiter" not in text and "late" not in text
    assert len(text.splitlines()) == 6
    unmatched = rows(companies / "_unmatched" / "reports.csv")
    assert sorted(r["company"] for r in unmatched if "oogle" in r["company"].lower()) == [
        "GOOGLE LLC",
        "Google",
        "google",
    ]
    assert "Google: 3 rows, not in the catalog" in result.output
    assert 'meta "UX Researcher": 1 row, no matching role' in result.output
    assert "(no title; see --default-role)" in result.output
    assert "skipped 1 row with no answer: row 12" in result.output
    assert "meta/product-manager: 4 new, 4 in all" in result.output


def test_reimport_changes_nothing_and_default_role_moves_kept_rows(companies):
    assert prep(companies, "reports", "import", EXPORT).exit_code == 0
    before = snapshot(companies)
    again = prep(companies, "reports", "import", EXPORT)
    assert again.exit_code == 0 and "no file changed" in again.output
    assert snapshot(companies) == before
    # With a default role the row with no title is matched, and leaves _unmatched.
    third = prep(companies, "reports", "import", EXPORT, "--default-role", "product-manager")
    assert third.exit_code == 0, third.output
    meta = rows(companies / "meta" / "reports.csv")
    assert any(r["question"].startswith("How would you set goals") for r in meta)
    unmatched = rows(companies / "_unmatched" / "reports.csv")
    assert not any(r["question"].startswith("How would you set goals") for r in unmatched)


def test_kept_rows_import_once_the_company_exists(companies):
    assert prep(companies, "reports", "import", EXPORT).exit_code == 0
    yaml_path = companies / "stripe" / "company.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace(
            "slug: stripe\n", "slug: stripe\naliases: [Google]\n"
        ),
        encoding="utf-8",
    )
    unmatched = companies / "_unmatched" / "reports.csv"
    result = prep(companies, "reports", "import", unmatched)
    assert result.exit_code == 0, result.output
    moved = rows(companies / "stripe" / "reports.csv")
    assert len(moved) == 2  # "Product Manager" twice; "APM" is no title of the family
    assert not any(r["company"] == "Google" for r in rows(unmatched))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


HEADER = "Date,Company,Job title,Question\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + '2026-01-02,Meta,PM,"Why Meta?\n', "row 2: not valid CSV"),
        (HEADER + "2026-01-02,Meta,PM,Why Meta?,extra\n", "row 2: 5 cells where the header has 4"),
        (
            HEADER + "2026-01-02,Meta,PM,Why?\nyesterday,Meta,PM,Why?\n",
            "row 3: cannot read the date",
        ),
        ("Company,Question\nMeta,Why?\n", "row 1: no date column"),
        ("just some text\n", "no date, company, question column"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(companies, tmp_path, text, message):
    before = snapshot(companies)
    export = write(tmp_path / "bad.csv", text)
    result = prep(companies, "reports", "import", export)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert message in result.output
    assert str(export) in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(companies) == before


def test_not_utf8_names_the_row(companies, tmp_path):
    export = write(tmp_path / "latin.csv", HEADER + "2026-01-02,Nestlé,PM,Why?\n", "latin-1")
    result = prep(companies, "reports", "import", export)
    assert result.exit_code == 1
    assert "row 2: not UTF-8 text" in result.output


def test_column_option_names_a_header(companies, tmp_path):
    export = write(
        tmp_path / "odd.csv",
        "Day,Firm,Asked\n2026-02-01,Facebook,Tell me about a time you failed.\n",
    )
    plain = prep(companies, "reports", "import", export)
    assert plain.exit_code == 1 and "no date" in plain.output
    result = prep(
        companies,
        "reports",
        "import",
        export,
        "--column",
        "date=Day",
        "--column",
        "company=firm",
        "--column",
        "question=Asked",
        "--default-role",
        "product-manager",
    )
    assert result.exit_code == 0, result.output
    assert rows(companies / "meta" / "reports.csv")[0]["role"] == "product-manager"


# -- dates such as 03/10/2026 (issue 19) --------------------------------------------------

US = HEADER + "03/10/2026,Meta,PM,Why Meta?\n04/11/2026,Meta,PM,Tell me about a launch\n"


def test_an_ambiguous_date_says_how_it_was_read(companies, tmp_path):
    result = prep(companies, "reports", "import", write(tmp_path / "us.csv", US))
    assert result.exit_code == 0, result.output
    assert (
        "2 different dates could be month/day or day/month: read as month/day "
        "(row 2: 2026-03-10, not 2026-10-03); if the form wrote day/month, run again with "
        "--date-format day-first"
    ) in result.output
    assert [r["date"] for r in rows(companies / "meta" / "reports.csv")] == [
        "2026-03-10",
        "2026-04-11",
    ]


def test_date_format_chooses_the_reading(companies, tmp_path):
    export = write(tmp_path / "eu.csv", US)
    result = prep(companies, "reports", "import", export, "--date-format", "day-first")
    assert result.exit_code == 0, result.output
    assert "read as day/month (row 2: 2026-10-03, not 2026-03-10), as --date-format" in (
        result.output
    )
    dates = sorted(r["date"] for r in rows(companies / "meta" / "reports.csv"))
    assert dates == ["2026-10-03", "2026-11-04"]


def test_a_date_that_can_only_be_day_first_decides_before_any_ambiguous_one(companies, tmp_path):
    text = HEADER + "13/10/2026,Meta,PM,Why Meta?\n03/10/2026,Meta,PM,Tell me about a launch\n"
    result = prep(companies, "reports", "import", write(tmp_path / "eu.csv", text))
    assert result.exit_code == 0, result.output
    assert "read as day/month (row 3: 2026-10-03, not 2026-03-10), since row 2 can only be" in (
        result.output
    )
    assert sorted(r["date"] for r in rows(companies / "meta" / "reports.csv")) == [
        "2026-10-03",
        "2026-10-13",
    ]


@pytest.mark.parametrize(
    ("text", "option", "message"),
    [
        (
            HEADER + "03/10/2026,Meta,PM,Why?\n13/10/2026,Meta,PM,How?\n",
            [],
            "row 3: the date can only be day/month, but row 2 was read as month/day: "
            "choose with --date-format month-first or day-first",
        ),
        (
            HEADER + "13/10/2026,Meta,PM,Why?\n",
            ["--date-format", "month-first"],
            "row 2: the date can only be day/month, not month/day as --date-format "
            "month-first says",
        ),
    ],
)
def test_dates_that_contradict_the_reading_are_refused(companies, tmp_path, text, option, message):
    before = snapshot(companies)
    export = write(tmp_path / "mixed.csv", text)
    result = prep(companies, "reports", "import", export, *option)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.strip() == f"Error: {export}: {message}"
    assert "13/10" not in result.output  # a cell is never quoted
    assert snapshot(companies) == before
