"""Linux bundle: shared libraries it carries but never loads, read from the ELF files
themselves after PyInstaller (build.py calls these in order; each prints what it saved).

- printing: Qt's CUPS plugin stays, but libcups comes from the PC (any PC that has a printer
  set up has CUPS, hence libcups.so.2; without one Qt prints to PDF only, as it would anyway);
- PROJ's libcurl becomes packaging/curl_stub.c: the bundle never lets PROJ on the network;
- PROJ's own SQLite is pointed at the one Python's sqlite3 loads, when it defines every
  function PROJ imports;
- then every library that nothing left in the bundle needs (GTK's and CUPS's dependencies,
  Qt's EGLFS helpers) goes, round after round.

printing_check (build.py runs it on the copied bundle) shows that the print plugin finds the
PC's libcups. Needs binutils (readelf) and a C compiler.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# loaded by name, not through NEEDED: the bootloader dlopens libpython; Qt's TLS plugin
# dlopens libssl/libcrypto
DLOPENED = re.compile(r"^lib(python3|ssl\.|crypto\.)")


def _readelf(*args: str | Path) -> str:
    command = ["readelf", *(str(a) for a in args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def needed(library: Path) -> list[str]:
    """The library's NEEDED entries."""
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", _readelf("-d", library))


def _symbols(library: Path, pattern: str, *, defined: bool) -> set[str]:
    """Dynamic symbols of `library` matching `pattern`: those it defines, or those it imports."""
    found = set()
    for line in _readelf("-W", "--dyn-syms", library).splitlines():
        fields = line.split()
        if len(fields) >= 8 and (fields[6] != "UND") == defined and re.match(pattern, fields[7]):
            found.add(fields[7].split("@")[0])
    return found


def imports(library: Path, pattern: str) -> set[str]:
    return _symbols(library, pattern, defined=False)


def defines(library: Path, pattern: str) -> set[str]:
    return _symbols(library, pattern, defined=True)


def system_cups(folder: Path) -> int:
    """Drop the bundle's libcups (its GnuTLS, Avahi and friends then go as orphans)."""
    library = folder / "libcups.so.2"
    if not library.is_file():
        return 0
    size = library.stat().st_size
    library.unlink()
    print("libcups.so.2: the PC's own (Qt's CUPS plugin loads it where CUPS is installed)")
    return size


def stub_curl(folder: Path) -> int:
    """Replace PROJ's libcurl (and so its nghttp2) with packaging/curl_stub.c, if PROJ imports
    nothing from curl beyond the stub's five functions."""
    proj = next(folder.glob("pyproj.libs/libproj*.so*"), None)
    if proj is None:
        return 0
    curl = next((name for name in needed(proj) if name.startswith("libcurl")), None)
    if curl is None:
        return 0
    with tempfile.TemporaryDirectory(prefix="envmap-curl-") as work:
        stub = _compile(HERE / "curl_stub.c", curl, Path(work))
        stubbed, wanted = defines(stub, "curl_"), imports(proj, "curl_")
        if not wanted <= stubbed:
            print(f"build: PROJ's libcurl kept: PROJ imports {sorted(wanted - stubbed)}")
            return 0
        target = proj.parent / curl
        before = target.stat().st_size
        target.write_bytes(stub.read_bytes())
    print(f"{curl}: {before / 1e6:.1f} MB -> a stub of {len(stubbed)} functions (PROJ_NETWORK=OFF)")
    return before - target.stat().st_size


def _compile(source: Path, soname: str, folder: Path) -> Path:
    out = folder / soname
    flags = ["-shared", "-fPIC", "-O2", "-s", f"-Wl,-soname,{soname}"]
    subprocess.run(["cc", *flags, "-o", str(out), str(source)], check=True)
    return out


def one_sqlite(folder: Path) -> int:
    """Point PROJ's SQLite at the bundle's (the one Python's sqlite3 uses) by a relative
    symlink, if that one defines every sqlite3_ function PROJ imports."""
    ours = folder / "libsqlite3.so.0"
    proj = next(folder.glob("pyproj.libs/libproj*.so*"), None)
    if proj is None or not ours.is_file():
        return 0
    for name in needed(proj):
        theirs = proj.parent / name
        if not name.startswith("libsqlite3") or theirs.is_symlink() or not theirs.is_file():
            continue
        missing = imports(proj, "sqlite3_") - defines(ours, "sqlite3_")
        if missing:
            print(f"build: PROJ's {name} kept: the bundle's lacks {sorted(missing)}")
            return 0
        size = theirs.stat().st_size
        theirs.unlink()
        theirs.symlink_to(Path("..") / ours.name)
        print(f"{name} -> ../{ours.name}")
        return size
    return 0


def drop_orphans(folder: Path) -> int:
    """Remove, round after round, every library no ELF file left in the bundle needs. Qt's
    plugins, Python's extension modules and the libraries loaded by name stay."""
    saved = 0
    while True:
        files = [path for path in folder.rglob("*") if _is_elf(path)]
        wanted = {name for path in files for name in needed(path)}
        for link in folder.rglob("*"):
            if link.is_symlink() and link.name in wanted:
                wanted.add(link.resolve().name)
        orphans = [
            path
            for path in files
            if path.name.startswith("lib")
            and ".so" in path.name
            and "cpython-" not in path.name
            and "plugins" not in path.relative_to(folder).parts
            and not DLOPENED.match(path.name)
            and path.name not in wanted
        ]
        if not orphans:
            for link in folder.rglob("*"):  # PyInstaller's links to what went
                if link.is_symlink() and not link.exists():
                    print(f"unused: {link.relative_to(folder)} (link)")
                    link.unlink()
            return saved
        for path in orphans:
            saved += path.stat().st_size
            print(f"unused: {path.relative_to(folder)} ({path.stat().st_size // 1024} KB)")
            path.unlink()


# Qt's CUPS plugin from the bundle, in a Python whose PySide6 is the same Qt release (the build
# venv): the plugin's Qt libraries resolve to those already loaded, libcups as in the bundle.
PRINT_PROBE = r"""
from PySide6.QtWidgets import QApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
app = QApplication([])
printer = QPrinter(QPrinter.PrinterMode.HighResolution)
print("printers:", QPrinterInfo.availablePrinterNames(), printer.outputFormat().name)
print(*sorted({line.split()[-1] for line in open("/proc/self/maps") if "cups" in line}))
"""


def printing_check(folder: Path, python: Path) -> list[str]:
    """Where the PC has CUPS, the bundle's print plugin loads and finds the PC's libcups."""
    plugins = folder / "PySide6" / "Qt" / "plugins"
    env = {"QT_QPA_PLATFORM": "offscreen", "QT_PLUGIN_PATH": str(plugins),
           "LD_LIBRARY_PATH": str(folder), "PATH": os.environ.get("PATH", "")}  # fmt: skip
    probe = subprocess.run(
        [str(python), "-c", PRINT_PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    print("printing:", probe.stdout.strip().replace("\n", " | "), probe.stderr.strip())
    known = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    has_cups = "libcups.so.2" in known
    loaded = probe.stdout.strip().splitlines()[-1:] or [""]
    plugin = str(plugins / "printsupport" / "libcupsprintersupport.so")
    if probe.returncode != 0 or probe.stderr.strip():
        return [f"printing: the probe failed: {probe.stderr.strip()}"]
    if has_cups and (plugin not in loaded[0] or "libcups.so.2" not in loaded[0]):
        return [f"printing: the PC has CUPS but the bundle's plugin did not load it: {loaded[0]}"]
    return []
