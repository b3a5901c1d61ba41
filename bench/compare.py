"""Two runs of bench/load.py side by side: each page's p95 as a multiple of the floor.

    .venv/bin/python bench/compare.py BEFORE.json AFTER.json [--markdown] [--changed 1.2]

The multiple is taken of the floor runs just before and after the page (`p95_to_near_floor`):
a shared machine's speed drifts over a run of half an hour, and the page and the floor next to
it drift together.

Pages are matched by role and page name. `--changed R` lists only the pages whose ratio to the
floor moved by a factor of R or more either way. A summary per role follows: how many pages are
within the target (3x the floor at p95) in each run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

TARGET = 3.0


def load(path: Path) -> tuple[dict[tuple[str, str], dict[str, Any]], float]:
    data = json.loads(path.read_text())
    floor = data["floor"]["p95_ms"]
    pages = {
        (page["role"], page["page"]): page
        for page in data["pages"]
        if page.get("result") and page["result"].get("p95_ms")
    }
    return pages, floor


def ratio(page: dict[str, Any] | None, floor: float) -> float | None:
    if page is None:
        return None
    return page.get("p95_to_near_floor") or page["result"]["p95_ms"] / floor


def cell(page: dict[str, Any] | None, floor: float) -> str:
    if page is None:
        return "-"
    value = ratio(page, floor)
    mark = " !" if value is not None and value > TARGET else ""
    return f"{page['result']['p95_ms']:.0f} ms, {value:.1f}x{mark}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--changed", type=float, default=0.0, help="only pages that moved")
    args = parser.parse_args()
    before, floor_before = load(args.before)
    after, floor_after = load(args.after)
    headings = ["role", "page", "p95 before", "p95 after", "req/s", "queries"]
    rows = []
    for key in list(dict.fromkeys([*before, *after])):
        old, new = before.get(key), after.get(key)
        old_ratio, new_ratio = ratio(old, floor_before), ratio(new, floor_after)
        if args.changed and old_ratio and new_ratio:
            moved = max(old_ratio / new_ratio, new_ratio / old_ratio)
            if moved < args.changed:
                continue
        rps = " → ".join(f"{p['result']['rps']:.0f}" if p else "-" for p in (old, new))
        queries = " → ".join(str(p["queries"]) if p else "-" for p in (old, new))
        rows.append([*key, cell(old, floor_before), cell(new, floor_after), rps, queries])
    print(f"Floor p95: before {floor_before:.1f} ms, after {floor_after:.1f} ms\n")
    if args.markdown:
        print("| " + " | ".join(headings) + " |")
        print("|" + "---|" * len(headings))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(r[i])) for r in [headings, *rows]) for i in range(len(headings))]
        for row in [headings, *rows]:
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print()
    roles = list(dict.fromkeys(role for role, _page in [*before, *after]))
    for role in roles:
        counts = []
        for pages, floor in ((before, floor_before), (after, floor_after)):
            mine = [p for (r, _n), p in pages.items() if r == role]
            within = sum(1 for p in mine if ratio(p, floor) <= TARGET)
            counts.append(f"{within} of {len(mine)}")
        print(f"{role}: within {TARGET:g}x of the floor at p95: {counts[0]} -> {counts[1]}")


if __name__ == "__main__":
    main()
