"""Extraction measured on a corpus of real notices with answer keys, run on demand:

    python benchmarks/extract_eval.py ../shared/corpus [--out DIR]
    python benchmarks/extract_eval.py tests/gis/extract/corpus

The folder holds NN_*.txt passages, key.json and status.json (gis.extract.scoring says their
shape) and INDEX.md, whose section for each file gives its publication date in bold
(**YYYY-MM-DD**, or a "**Date:** YYYY-MM[-DD]" line, a month alone read as its first
day) so that 今年/明年 resolve as the reader would; without one the notice's own
date is used. Prints the per-file lines and totals in the corpus scorer's form; --out also
writes each file's candidates as `envmap extract --format json` prints them.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from datetime import date
from pathlib import Path

from gis import load_catalog
from gis.extract.pipeline import extract_file
from gis.extract.scoring import report, score_file
from gis.geocode import GazetteerGeocoder

_SECTION = re.compile(r"^##\s+(\d\d)_", re.MULTILINE)
_BOLD_DATE = re.compile(r"\*\*(\d{4}-\d{2}-\d{2})\*\*|\*\*Date:\*\*\s*(\d{4}-\d{2})(-\d{2})?")


def publication_dates(index: Path) -> dict[str, date]:
    """File number -> the first bold or "Date:" date of its INDEX.md section."""
    if not index.is_file():
        return {}
    text = index.read_text(encoding="utf-8")
    marks = list(_SECTION.finditer(text))
    out: dict[str, date] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        found = _BOLD_DATE.search(text, mark.end(), end)
        if found:
            day = found.group(1) or found.group(2) + (found.group(3) or "-01")
            out[mark.group(1)] = date.fromisoformat(day)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, help="write each file's candidates here as JSON")
    args = parser.parse_args()
    key = {
        k: v
        for k, v in json.loads((args.folder / "key.json").read_text(encoding="utf-8")).items()
        if not k.startswith("_")
    }
    truth = json.loads((args.folder / "status.json").read_text(encoding="utf-8"))
    when = publication_dates(args.folder / "INDEX.md")
    geocoder = GazetteerGeocoder(load_catalog())
    scores, seconds = [], 0.0
    for path in sorted(args.folder.glob("[0-9][0-9]_*.txt")):
        number = path.name[:2]
        if number not in key:
            continue
        start = time.perf_counter()
        records, _ = extract_file(path, geocoder, when.get(number))
        seconds += time.perf_counter() - start
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{path.stem}.json").write_text(
                json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        scores.append(score_file(number, key[number], truth.get(number, []), records))
    print("\n".join(report(scores)))
    print(f"{len(scores)} files extracted in {seconds:.2f} s")


if __name__ == "__main__":
    main()
