"""The Windows build's report: each step's time and result, sizes against the targets and
the largest parts. Written by packaging/windows/build.sh to dist-windows/report.json.

    python3 packaging/windows/report.py OUT_DIR BUNDLE_DIR VERSION
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BUNDLE_LIMIT, SETUP_LIMIT = 150e6, 50e6  # issue #14


def parts(bundle: Path) -> tuple[int, list[tuple[str, int]]]:
    sizes: dict[str, int] = {}
    total = 0
    for path in bundle.rglob("*"):
        if path.is_file():
            rel = path.relative_to(bundle).parts
            key = "/".join(rel[:2]) if rel[0] == "_internal" and len(rel) > 2 else rel[0]
            if rel[0] == "_internal" and len(rel) == 2:
                key = "_internal/(DLLs at top level)"
            size = path.stat().st_size
            sizes[key] = sizes.get(key, 0) + size
            total += size
    return total, sorted(sizes.items(), key=lambda item: -item[1])[:12]


def main() -> int:
    out, bundle, version = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    steps = [line.split("\t") for line in (out / "steps.tsv").read_text().splitlines()]
    report: dict = {"steps": [{"step": n, "seconds": float(s), "result": r} for n, s, r in steps]}
    if bundle.is_dir():
        total, largest = parts(bundle)
        report["bundle_unpacked_bytes"] = total
        report["largest_parts"] = largest
    setup = out / f"EnvMap-Setup-{version}.exe"
    if setup.is_file():
        report["setup_bytes"] = setup.stat().st_size
    for name in ("wine-startup.txt", "total.txt"):
        if (out / name).is_file():
            report[name.removesuffix(".txt")] = (out / name).read_text().strip()
    (out / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    for step in report["steps"]:
        print(f"{step['seconds']:8.1f} s  {step['result']:12}  {step['step']}")
    if "bundle_unpacked_bytes" in report:
        b = report["bundle_unpacked_bytes"]
        print(f"bundle {b / 1e6:.1f} MB unpacked (target <= {BUNDLE_LIMIT / 1e6:.0f} MB)")
        for name, size in report["largest_parts"]:
            print(f"  {size / 1e6:7.1f} MB  {name}")
    if "setup_bytes" in report:
        print(f"setup {report['setup_bytes'] / 1e6:.1f} MB (target <= {SETUP_LIMIT / 1e6:.0f} MB)")
    for key in ("wine-startup", "total"):
        if key in report:
            print(f"{report[key]} (Wine)" if key == "wine-startup" else report[key])
    return 0


if __name__ == "__main__":
    sys.exit(main())
