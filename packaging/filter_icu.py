"""Shrink the ICU data library that PySide6 ships on Linux (libicudata, 32 MB) to what Qt needs
for a Chinese and English desktop app: the locale data of the root locale, Chinese and English,
the collation, break rules and dictionaries, the character-set converters for Chinese and
Western text, and every non-locale table. Everything else (other languages' names, units,
currencies, collations, transliteration, EBCDIC and other Asian converters) goes.

Qt loads ICU for collation (QCollator, the file dialog's sort), case mapping and converters
(QStringDecoder): packaging/bundle_checks.py runs each through the bundle's filtered library.

    python packaging/filter_icu.py LIBICUDATA        # rewritten in place

Needs ICU's `icupkg` (Debian: icu-devtools), `readelf` (binutils) and a C compiler.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

# A locale item: "zh_Hans_CN.res", "coll/ko.res"; the kept ones: root, Chinese and English.
# (Cantonese, yue, stays: Hong Kong Chinese falls back to it for spelled-out numbers.)
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
KEPT_LOCALES = re.compile(r"^(res_index|root|zh|en|yue)(_[A-Za-z0-9]*)*\.res$")
DROPPED_TREES = ("translit/",)  # Qt never transliterates
# Converters kept: Unicode forms are built in; these cover Chinese (GB18030, GBK, GB2312, Big5,
# HKSCS), ASCII/Latin and Windows' Western code pages, and what ICU's aliases need internally.
KEPT_CONVERTERS = re.compile(
    r"^(gb18030|windows-936|ibm-1386|ibm-1383|ibm-5478|windows-950|ibm-950|ibm-1373|ibm-1375"
    r"|iso-8859|windows-125|ibm-5346|ibm-5347|ibm-5348|ibm-5349|ibm-5350|ibm-5351|ibm-5352"
    r"|ibm-5353|ibm-5354|ibm-912_|ibm-913_|ibm-914_|ibm-915_|ibm-920_|ibm-923_|icu-internal)"
)


def _run(*command: str | Path) -> str:
    result = subprocess.run([str(c) for c in command], check=True, capture_output=True, text=True)
    return result.stdout


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol (icudtNN_dat), its file offset and size."""
    for line in _run("readelf", "-Ws", "--dyn-syms", library).splitlines():
        fields = line.split()
        if len(fields) >= 8 and re.fullmatch(r"icudt\d+_dat", fields[7]) and fields[6] != "UND":
            address, size = int(fields[1], 16), int(fields[2], 0)
            break
    else:
        raise SystemExit(f"{library}: no icudtNN_dat symbol")
    for line in _run("readelf", "-SW", library).splitlines():
        found = re.search(r"\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if found:
            start, offset, length = (int(group, 16) for group in found.groups())
            if start <= address < start + length:
                return fields[7], address - start + offset, size
    raise SystemExit(f"{library}: {fields[7]} lies in no section")


def unwanted(item: str) -> bool:
    """Whether a data item (as `icupkg -l` names it) is left out."""
    name = item.rpartition("/")[2]
    if item.startswith(DROPPED_TREES):
        return True
    if name.endswith(".cnv"):
        return not KEPT_CONVERTERS.match(name)
    return bool(LOCALE.match(name)) and not KEPT_LOCALES.match(name)


def filter_library(library: Path) -> tuple[int, int]:
    """Rewrite `library` with the unwanted items removed; its size before and after."""
    symbol, offset, size = _symbol(library)
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="envmap-icu-") as folder:
        work = Path(folder)
        # the package's name is its items' prefix (icudt73l/coll/zh.res): the same for both
        (work / "small").mkdir()
        full = work / f"{symbol[:-4]}l.dat"
        small = work / "small" / full.name
        with library.open("rb") as fh:
            fh.seek(offset)
            full.write_bytes(fh.read(size))
        items = _run("icupkg", "-l", full).split()
        removed = [item for item in items if unwanted(item)]
        (work / "remove.txt").write_text("\n".join(removed) + "\n", encoding="ascii")
        _run("icupkg", "-r", work / "remove.txt", full, small)
        source = work / "data.S"
        source.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n"
            f'{symbol}:\n.incbin "{small}"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        built = work / library.name
        _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", built, source)
        library.write_bytes(built.read_bytes())
        print(f"ICU data: {len(removed)} of {len(items)} items removed")
    return before, library.stat().st_size


if __name__ == "__main__":
    old, new = filter_library(Path(sys.argv[1]))
    print(f"{sys.argv[1]}: {old / 1e6:.1f} -> {new / 1e6:.1f} MB")
