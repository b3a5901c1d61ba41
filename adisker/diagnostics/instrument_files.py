"""The diagnostic instruments as data files (`data/instruments/<code>.json`, texts in Kazakh,
Russian and English) and how one is installed as version 1 of its instrument.

`manage.py load_instruments` installs every instrument of the files that is not installed yet;
from then on an instrument is edited as data in the application (a used version is frozen and
an edit makes a new version). The data migration that installed the first six reads its own
frozen copy (`migrations/instruments_v1/`), so that editing these files never changes what an
old migration installs.

A file holds one instrument: its code, kind, respondent, whether it is anonymous and whether
the council assesses it too, its name and description, its levels as (code, minimum score,
names), and its dimensions, each with its items (kind, texts, options as (score, texts)).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

FILES = Path(__file__).resolve().parent / "data" / "instruments"
Texts = list[str]  # kk, ru, en


def read_specs(folder: Path = FILES) -> list[dict[str, Any]]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))]


def install_one(get_model: Callable[[str], Any], spec: dict[str, Any]) -> Any:
    instrument = get_model("Instrument").objects.create(
        code=spec["code"],
        kind=spec["kind"],
        respondent=spec["respondent"],
        anonymous=spec["anonymous"],
        expert_assessment=spec["expert_assessment"],
        **_three("name", spec["name"]),
        **_three("description", spec["description"]),
    )
    version = get_model("InstrumentVersion").objects.create(instrument=instrument, number=1)
    for code, min_score, name in spec["levels"]:
        get_model("Level").objects.create(
            version=version, code=code, min_score=Decimal(min_score), **_three("name", name)
        )
    for order, dim in enumerate(spec["dimensions"], start=1):
        dimension = get_model("Dimension").objects.create(
            version=version,
            code=dim["code"],
            order=order,
            form_codes=dim["forms"],
            **_three("name", dim["name"]),
            **_three("topic", dim["topic"]),
        )
        section = get_model("Section").objects.create(
            version=version, order=order, **_three("title", dim["name"])
        )
        for item_order, item_spec in enumerate(dim["items"], start=1):
            kind = item_spec["kind"]
            item = get_model("Item").objects.create(
                section=section,
                dimension=None if kind == "text" else dimension,
                order=item_order,
                kind=kind,
                required=kind != "text",
                number_max=item_spec.get("max"),
                **_three("text", item_spec["text"]),
            )
            get_model("Option").objects.bulk_create(
                get_model("Option")(
                    item=item, order=n, score=Decimal(score), **_three("text", text)
                )
                for n, (score, text) in enumerate(item_spec.get("options", []), start=1)
            )
    return instrument


def _three(field: str, texts: Texts) -> dict[str, str]:
    return dict(zip((f"{field}_kk", f"{field}_ru", f"{field}_en"), texts, strict=True))
