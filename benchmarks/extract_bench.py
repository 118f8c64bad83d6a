"""Extraction throughput, run on demand (not in the test suite): pages of 2,000 characters per
second on this machine, with the gazetteer geocoder. Target (issue #5): >= 50 pages/s.

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
        for pages in (10, 100):
            body = (text * (pages * PAGE_CHARS // len(text) + 1))[: pages * PAGE_CHARS]
            path = Path(work) / f"{pages}.txt"
            path.write_text(body, encoding="utf-8")
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                records, _ = extract_file(path, geocoder)
                runs.append(time.perf_counter() - start)
            seconds = statistics.median(runs)
            print(
                f"{pages:>4} pages: {seconds:.2f} s, {pages / seconds:,.0f} pages/s "
                f"({len(records)} candidates)"
            )


if __name__ == "__main__":
    main()
