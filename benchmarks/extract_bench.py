"""Extraction throughput, run on demand (not in the test suite): real text at 100 pages, 1 MB
and 10 MB, and adversarial inputs, with the gazetteer geocoder. Targets (issue #13): time
linear in the input, 1 MB <= 2 s, 10 MB <= 20 s, no 1 MB input over 5 s.

    python benchmarks/extract_bench.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from gis import load_catalog
from gis.extract.evaluation import evaluate
from gis.extract.pipeline import extract_file
from gis.geocode import GazetteerGeocoder
from gis.paths import data_root

PAGE_CHARS = 2_000


def main() -> None:
    catalog = load_catalog()
    geocoder = GazetteerGeocoder(catalog)
    shipped = {
        d.id: extract_file(data_root() / "documents" / f"{d.id}.txt", geocoder, d.date_to)[0]
        for d in catalog.documents.values()
    }
    report = evaluate(catalog, shipped)
    print(
        f"shipped documents: recall {report.recall:.1%} ({len(report.found)}/"
        f"{len(report.expected)}), precision {report.precision:.1%} ({report.matched_candidates}/"
        f"{report.candidates}), statuses equal {report.status_agreement:.1%} of "
        f"{report.measures_matched} matched measures, stronger {len(report.stronger)}"
    )
    for miss in report.different:
        print(f"  weaker than the catalog: {miss}")
    text = "\n".join(
        (data_root() / "documents" / f"{d.id}.txt").read_text(encoding="utf-8")
        for d in catalog.documents.values()
    )
    with tempfile.TemporaryDirectory() as work:
        for label, body in _inputs(text):
            path = Path(work) / "input.txt"
            path.write_text(body, encoding="utf-8")
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                records, _ = extract_file(path, geocoder)
                runs.append(time.perf_counter() - start)
            seconds = statistics.median(runs)
            megabytes = len(body.encode("utf-8")) / 1e6
            print(
                f"{label:<44} {megabytes:5.2f} MB  median {seconds:6.2f} s of 3 "
                f"({megabytes / seconds:.2f} MB/s, {len(records)} candidates)"
            )


def _inputs(text: str):
    """Real text at 1 and 10 MB, and the shapes that once made the rules backtrack."""

    def sized(piece: str, megabytes: float) -> str:
        size = int(megabytes * 1e6 / 3)  # about three UTF-8 bytes a character
        return (piece * (size // len(piece) + 1))[:size]

    yield "shipped documents, 100 pages", sized(text, PAGE_CHARS * 100 * 3 / 1e6)
    yield "shipped documents, 1 MB", sized(text, 1)
    yield "shipped documents, 10 MB", sized(text, 10)
    yield "list of 25,000 items (甲乙丙、…等地块)", "甲乙丙、" * 25_000 + "等地块。"
    yield "one 1 MB paragraph without a line break", sized(text.replace("\n", ""), 1)
    yield "虽… repeated, 但 at the end, 1 MB", sized("虽然开展了排查，", 1) + "但尚未实施。"
    yield "湖 runs (湖湖湖…、), 1 MB", sized("湖" * 50 + "、", 1)
    yield "parentheses never closed, 1 MB", sized("（汤逊湖排口", 1)
    yield "a name ending repeated, 1 MB", sized("码头", 1)


if __name__ == "__main__":
    main()
