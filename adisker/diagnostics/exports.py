"""The results of a campaign as XLSX: one row per group (the whole, each school, each teacher
when the reader may see teachers) and dimension. Hidden anonymous groups are never written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from adisker.diagnostics.results import Results, TeacherRow
from adisker.lib.documents import Column, xlsx_table


@dataclass(frozen=True)
class Row:
    who: str
    dimension: str
    answers: int | None
    score: Decimal | None
    level: str
    expert: Decimal | None = None
    previous: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


def result_rows(results: Results, teachers: Sequence[TeacherRow]) -> list[Row]:
    rows = []
    whole = _("All answers")
    for r in results.dimensions:
        rows.append(
            Row(
                whole,
                r.dimension.name,
                r.n,
                r.mean,
                r.level.name if r.level else "",
                previous=r.previous,
            )
        )
    for school, dims in results.schools:
        for r in dims:
            rows.append(
                Row(school.name, r.dimension.name, r.n, r.mean, r.level.name if r.level else "")
            )
    dimensions = [r.dimension for r in results.dimensions]
    for teacher in teachers:
        for dimension in dimensions:
            own = teacher.scores.get(dimension.pk)
            expert = teacher.expert.get(dimension.pk)
            rows.append(
                Row(
                    teacher.staff.full_name,
                    dimension.name,
                    None,
                    own[0] if own else None,
                    own[1].name if own else "",
                    expert=expert[0] if expert else None,
                )
            )
    return rows


COLUMNS = [
    Column(gettext_lazy("Who"), lambda row: row.who, width=30),
    Column(gettext_lazy("Dimension"), lambda row: row.dimension, width=34),
    Column(gettext_lazy("Answers"), lambda row: row.answers, width=10, align="center"),
    Column(
        gettext_lazy("Score, 0–100"),
        lambda row: row.score,
        width=11,
        align="center",
        number_format="0.0",
    ),
    Column(gettext_lazy("Level"), lambda row: row.level, width=14),
    Column(
        gettext_lazy("Expert score"),
        lambda row: row.expert,
        width=11,
        align="center",
        number_format="0.0",
    ),
    Column(
        gettext_lazy("Previous campaign"),
        lambda row: row.previous,
        width=12,
        align="center",
        number_format="0.0",
    ),
    Column(
        gettext_lazy("Change"),
        lambda row: row.change,
        width=10,
        align="center",
        number_format="+0.0;-0.0;0",
    ),
]


def results_xlsx(results: Results, teachers: Sequence[TeacherRow]) -> bytes:
    campaign = results.campaign
    lines = [
        f"{campaign.instrument.name}: {campaign.title}",
        str(campaign.school or campaign.district),
        _("Deadline: %(date)s") % {"date": date_format(campaign.deadline, "SHORT_DATE_FORMAT")},
    ]
    if campaign.instrument.anonymous:
        lines.append(_("Anonymous: groups of fewer than 5 answers are not shown."))
    return xlsx_table(
        lines,
        COLUMNS,
        result_rows(results, teachers),
        sheet_title=_("Results"),
    )
