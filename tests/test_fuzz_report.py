"""Seeded fuzz of the report's inputs: random and truncated files, never a traceback.

Analysis files are mutated from a real one made by `prep report --analysis-out`;
resumes from the example PDF and DOCX; orders files from a small real one. Each
run must end in a report or one error line, within the order's budget, leaving
no temporary or half-written file. The seed is fixed, so a failure replays.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from preploop.cli import main

SEED = 20261201
EXAMPLES = ROOT / "examples"
COMPANIES = ["--companies", ROOT / "companies"]
JOB = EXAMPLES / "strong-pm/job.txt"
BUDGET = {"PREP_ORDER_SECONDS": "3"}  # small: a case that still renders is stopped early
SLACK = 10  # seconds over the budget allowed for start-up and writing

HOSTILE_VALUES = [
    None, True, -1, 10**30, 1e308, "", "x" * 5000, "=1+1", "<script>x</script>", [], {},
    [[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]], ["a"] * 500, {"k": "v"}, "\u0000\ufffd\U0001f680",
]  # fmt: skip


def prep(*args: object, env: dict | None = BUDGET):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def real_analysis(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("real")
    result = prep(
        "report", "--company", "netflix", "--role", "product-manager",
        "--resume", EXAMPLES / "strong-pm/resume.md", "--jd", JOB,
        "--out", out / "r.pdf", "--analysis-out", out / "a.json", *COMPANIES, env=None,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return (out / "a.json").read_bytes()


def mangle(data: bytes, rng: random.Random) -> bytes:
    """Truncate, flip bytes, insert junk or repeat a slice, at random."""
    kind = rng.choice(["truncate", "flip", "insert", "repeat"])
    at = rng.randrange(len(data))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "insert":
        return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
    return data[:at] + data[at : at + rng.randint(1, 4000)] * rng.randint(2, 50) + data[at:]


def replace_random_value(data: object, rng: random.Random) -> object:
    """The JSON with one value, picked at random anywhere in it, replaced by a hostile one."""
    paths: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            paths.append((node, key))
            if isinstance(child, dict | list):
                walk(child)

    walk(data)
    node, key = rng.choice(paths)
    node[key] = rng.choice(HOSTILE_VALUES)  # type: ignore[index]
    return data


def check_outcome(result, folder: Path, out: Path, started: float) -> None:
    """A report or one error line, within budget, and no stray file."""
    assert time.monotonic() - started < float(BUDGET["PREP_ORDER_SECONDS"]) * 2 + SLACK
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert not list(folder.glob(".*.part")) and not list(folder.glob("*.part"))
    if result.exit_code == 0:
        data = out.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    else:
        assert result.exit_code == 1, result.output
        lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
        # One error line; an analysis file with several problems lists one per line, naming
        # the file, before the line that counts them (analysis_file.AnalysisProblems).
        *problems, last = lines or [""]
        assert last.startswith("Error: "), result.stderr
        assert all(line.startswith(str(folder)) for line in problems), result.stderr
        assert not out.exists()


def test_fuzzed_analysis_files(real_analysis: bytes, tmp_path: Path):
    rng = random.Random(SEED)
    kinds = set()
    for i in range(24):
        if i % 2:
            data = mangle(real_analysis, rng)
        else:
            tree = replace_random_value(json.loads(real_analysis), rng)
            data = json.dumps(tree, ensure_ascii=rng.random() < 0.5).encode()
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        (folder / "a.json").write_bytes(data)
        out = folder / "out.pdf"
        started = time.monotonic()
        result = prep("report", "--from-analysis", folder / "a.json", "--out", out, *COMPANIES)
        check_outcome(result, folder, out, started)
        kinds.add("json" if "not a readable JSON" in result.stderr else result.exit_code)
    assert {"json", 1} <= kinds  # both the parser and the field checks were reached


@pytest.mark.parametrize("source", ["strong-pm/resume.pdf", "career-switcher/resume.docx"])
def test_fuzzed_resumes(source: str, tmp_path: Path):
    rng = random.Random(f"{SEED}{source}")
    original = (EXAMPLES / source).read_bytes()
    suffix = Path(source).suffix
    for i in range(6):
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        resume = folder / f"cv{suffix}"
        resume.write_bytes(mangle(original, rng) if i else rng.randbytes(rng.randint(0, 4096)))
        out = folder / "out.pdf"
        started = time.monotonic()
        result = prep(
            "report", "--company", "netflix", "--role", "product-manager",
            "--resume", resume, "--jd", JOB, "--out", out, *COMPANIES,
        )  # fmt: skip
        check_outcome(result, folder, out, started)


ORDERS = (
    b"order_id,name,company,role,resume,jd\n"
    b"F-1,Alex Example,netflix,product-manager,thin.txt,job.txt\n"
    b'F-2,"Quoted, Name",stripe,product-manager,missing.pdf,job.txt\n'
    b"F-3,Sam,amazon,software-engineer,thin.txt,job.txt\n"
)


def test_fuzzed_orders_files(tmp_path: Path):
    rng = random.Random(SEED)
    for i in range(8):
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        (folder / "thin.txt").write_text("Alex Example\nalex@example.com\n")
        (folder / "job.txt").write_bytes(JOB.read_bytes())
        orders = folder / "orders.csv"
        orders.write_bytes(mangle(ORDERS, rng) if i else rng.randbytes(300))
        out = folder / "reports"
        started = time.monotonic()
        result = prep("batch", orders, "--out-dir", out, "--jobs", "1", *COMPANIES)
        assert time.monotonic() - started < 60
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code in (0, 1)
        for line in result.stderr.splitlines():
            assert line.startswith(("Error: ", "failed: ")), line
        if out.exists():  # the batch ran: nothing half-written, a private summary
            assert not [p for p in out.iterdir() if p.suffix in (".pdf", ".json", ".part")]
            assert (out / "summary.csv").stat().st_mode & 0o777 == 0o600
