"""What reported interviews and pay say of each role, as one index.

The catalog holds what editors wrote; this index holds what candidates
reported, keyed by company and role (and question id within a role). It is
built after the catalog loads, by whoever publishes (the site plugin, the
report pipeline), and handed to pages and reports explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from preploop.catalog import RoleEntry
from preploop.figures.aggregate import QuestionFigures, RoleFigures, read_reports, role_figures
from preploop.figures.commit import recover_for_readers
from preploop.figures.pay import LevelPay, level_pay, read_pay
from preploop.model import Question


@dataclass(frozen=True)
class ReportedRole:
    """One role's reported figures; empty when nobody reported on it."""

    summary: RoleFigures | None = None
    # By question id; present only once the role has enough reports to compute labels.
    questions: Mapping[str, QuestionFigures] = field(default_factory=lambda: MappingProxyType({}))
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    pay: tuple[LevelPay, ...] = ()

    def of(self, question: Question) -> QuestionFigures | None:
        """The question's reported figures, when the role has enough reports."""
        return self.questions.get(question.id)

    def frequency(self, question: Question) -> str:
        """The question's frequency label: computed from reports, else the editors'."""
        return self.labels.get(question.id, question.frequency)


NOTHING_REPORTED = ReportedRole()


@dataclass(frozen=True)
class Figures:
    """Every role's `ReportedRole`, by (company slug, role slug)."""

    roles: Mapping[tuple[str, str], ReportedRole] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def of(self, entry: RoleEntry) -> ReportedRole:
        return self.roles.get(entry.key, NOTHING_REPORTED)


NO_FIGURES = Figures()


def load_figures(root: Path, roles: Iterable[RoleEntry]) -> Figures:
    """The figures of `roles` from the report files under the catalog folder `root`
    (only their companies' files are read). StoreFileError names every damaged file."""
    recover_for_readers(root)  # a killed import's journal first: the store is whole
    roles = list(roles)
    companies = {entry.company.slug for entry in roles}
    reports = read_reports(root, companies)
    pay = read_pay(root, companies)
    found: dict[tuple[str, str], ReportedRole] = {}
    for entry in roles:
        rows, pay_rows = reports.get(entry.key), pay.get(entry.key)
        if not rows and not pay_rows:
            continue
        summary, questions, labels = role_figures(entry.role, rows) if rows else (None, {}, {})
        found[entry.key] = ReportedRole(
            summary,
            MappingProxyType(questions),
            MappingProxyType(labels),
            level_pay(entry, pay_rows) if pay_rows else (),
        )
    return Figures(MappingProxyType(found))
