"""The six instruments of R9 b–f, version 1, in Kazakh, Russian and English.

Frozen: the instruments are read from this migration's own copy (instruments_v1/), and
installed by the code below as it was written for it, never by the application's live code, so
that editing the data files or the installer later changes nothing this migration does.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

FILES = Path(__file__).resolve().parent / "instruments_v1"


def three(field, texts):
    return dict(zip((f"{field}_kk", f"{field}_ru", f"{field}_en"), texts, strict=True))


def install(apps, schema_editor):
    model = lambda name: apps.get_model("diagnostics", name)  # noqa: E731
    for path in sorted(FILES.glob("*.json")):
        spec = json.loads(path.read_text())
        if model("Instrument").objects.filter(code=spec["code"]).exists():
            continue
        instrument = model("Instrument").objects.create(
            code=spec["code"],
            kind=spec["kind"],
            respondent=spec["respondent"],
            anonymous=spec["anonymous"],
            expert_assessment=spec["expert_assessment"],
            **three("name", spec["name"]),
            **three("description", spec["description"]),
        )
        version = model("InstrumentVersion").objects.create(instrument=instrument, number=1)
        for code, min_score, name in spec["levels"]:
            model("Level").objects.create(
                version=version, code=code, min_score=Decimal(min_score), **three("name", name)
            )
        for order, dim in enumerate(spec["dimensions"], start=1):
            dimension = model("Dimension").objects.create(
                version=version,
                code=dim["code"],
                order=order,
                form_codes=dim["forms"],
                **three("name", dim["name"]),
                **three("topic", dim["topic"]),
            )
            section = model("Section").objects.create(
                version=version, order=order, **three("title", dim["name"])
            )
            for item_order, item in enumerate(dim["items"], start=1):
                kind = item["kind"]
                created = model("Item").objects.create(
                    section=section,
                    dimension=None if kind == "text" else dimension,
                    order=item_order,
                    kind=kind,
                    required=kind != "text",
                    number_max=item.get("max"),
                    **three("text", item["text"]),
                )
                model("Option").objects.bulk_create(
                    model("Option")(
                        item=created, order=n, score=Decimal(score), **three("text", text)
                    )
                    for n, (score, text) in enumerate(item.get("options", []), start=1)
                )


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
