"""Build the one-folder bundle, self-test it from a copied location in a bare environment,
time its start-up and report its size. One command, on Linux or Windows:

    python3 packaging/build.py            # -> dist/envmap/, dist/envmap-<os>.tar.xz (Linux)

Steps: a build venv (build/venv) with the app and a pinned PyInstaller; PyInstaller with
packaging/envmap.spec; the bundle copied elsewhere and `envmap doctor` run there with only
HOME (Windows: the few variables Windows itself needs), offscreen, a foreign PROJ_LIB and —
on Linux — a fontconfig that knows no system font, so the bundled CJK font must do the work;
the median of several starts to the first frame and to the live map; sizes, what dominates,
and the archive. Exit status 1 when the self-test fails. dist/build-report.json keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PINS = ["pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9"]
# WenQuanYi Micro Hei (Apache-2.0 / GPLv3 with font exception), from Debian's
# fonts-wqy-microhei; the Windows workflow unpacks the same .deb.
FONT_CANDIDATES = [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")]
NO_SYSTEM_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""
WINDOWS = sys.platform == "win32"
# what is built once and reused by later builds (numpy without BLAS)
BUILD_CACHE = Path(os.environ.get("ENVMAP_BUILD_CACHE", Path.home() / ".cache" / "envmap-build"))


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(str(c) for c in command), flush=True)
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def prepare_venv(venv: Path) -> Path:
    python = venv_python(venv)
    if not python.exists():
        run(sys.executable, "-m", "venv", venv)
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[desktop,office]", *PINS)
    if not WINDOWS:
        numpy_without_blas(python)
    return python


def numpy_without_blas(python: Path) -> None:
    """numpy's wheel carries OpenBLAS (28 MB with its Fortran runtime) for linear algebra the
    app never does (shapely and pyproj need numpy's arrays, not BLAS): on Linux the bundle gets
    the same numpy release built from source without BLAS/LAPACK (numpy's own loops and
    lapack_lite instead). The wheel is built once per release and kept in BUILD_CACHE."""
    probe = "import numpy, pathlib; print(numpy.__version__, pathlib.Path(numpy.__file__).parent)"
    found = subprocess.run([str(python), "-c", probe], check=True, capture_output=True, text=True)
    version, folder = found.stdout.split()
    if not (Path(folder).parent / "numpy.libs").exists():
        return  # already built without BLAS
    wheels = BUILD_CACHE / "numpy-noblas"
    if not any(wheels.glob(f"numpy-{version}-*.whl")):
        run(python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-binary", "numpy",
            f"numpy=={version}", "-w", wheels, *(f"-Csetup-args=-D{option}" for option in
            ("blas=none", "lapack=none", "allow-noblas=true")))  # fmt: skip
    wheel = next(wheels.glob(f"numpy-{version}-*.whl"))
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel)


def find_font(given: Path | None) -> Path | None:
    if given is not None:
        if not given.is_file():
            sys.exit(f"build: --font {given}: no such file")
        return given
    return next((path for path in FONT_CANDIDATES if path.is_file()), None)


def build(python: Path, dist: Path, work: Path, font: Path | None) -> Path:
    env = dict(os.environ)
    if font is not None:
        env["ENVMAP_CJK_FONT"] = str(font)
    spec = ROOT / "packaging" / "envmap.spec"
    run(python, "-m", "PyInstaller", spec, "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", dist, "--workpath", work, env=env)  # fmt: skip
    bundle = dist / "envmap"
    if not WINDOWS and shutil.which("strip"):
        strip_debug_sections(bundle / "_internal")
    if not WINDOWS:
        filter_icu_data(bundle / "_internal")
        one_openssl(bundle / "_internal")
        unused_libraries(bundle / "_internal")
    return bundle


def unused_libraries(folder: Path) -> None:
    """packaging/linux_libs.py: the libraries the bundle carries but never loads."""
    if not (shutil.which("readelf") and shutil.which("cc")):
        print("build: readelf or cc missing: unused libraries stay", file=sys.stderr)
        return
    sys.path.insert(0, str(ROOT / "packaging"))
    import linux_libs

    for step in (linux_libs.system_cups, linux_libs.stub_curl, linux_libs.one_sqlite,
                 linux_libs.drop_orphans):  # fmt: skip
        print(f"{step.__name__}: -{step(folder) / 1e6:.1f} MB")


def printing_faults(bundle: Path, python: Path) -> list[str]:
    """packaging/linux_libs.py: the print plugin finds the PC's libcups (the bundle has none)."""
    sys.path.insert(0, str(ROOT / "packaging"))
    import linux_libs

    faults = linux_libs.printing_check(bundle / "_internal", python)
    for fault in faults:
        print(f"FAIL {fault}")
    return faults


def _openssl_versions(library: Path, section: str) -> set[str]:
    """The OPENSSL_x symbol versions a library defines or needs (readelf -V)."""
    out = subprocess.run(["readelf", "-V", str(library)], capture_output=True, text=True).stdout
    part = out.split(section, 1)[1] if section in out else ""
    part = part.split("Version needs" if section != "Version needs" else "\n\n\n", 1)[0]
    return {word for word in part.split() if word.startswith("OPENSSL_")}


def one_openssl(folder: Path) -> None:
    """psycopg's wheel carries its own OpenSSL (libcrypto/libssl, 6.9 MB) beside the one
    Python's ssl uses: its libpq and libldap need only OpenSSL 3.0's symbols, so they are
    pointed at Python's (a relative symlink). The self-test loads libpq with every symbol
    bound (LD_BIND_NOW) and connects."""
    libs = folder / "psycopg_binary.libs"
    if not libs.is_dir() or not shutil.which("readelf"):
        return
    for stem in ("libssl", "libcrypto"):  # libssl first: psycopg's needs a newer libcrypto
        ours, theirs = folder / f"{stem}.so.3", list(libs.glob(f"{stem}-*.so.3"))
        if not ours.is_file() or len(theirs) != 1 or theirs[0].is_symlink():
            continue
        defined = _openssl_versions(ours, "Version definition")
        users = [lib for lib in libs.iterdir() if lib.is_file() and not lib.is_symlink()]
        needed = set().union(*(_openssl_versions(lib, "Version needs") for lib in users
                               if theirs[0].name in _needed(lib)))  # fmt: skip
        if not needed or not needed <= defined:
            print(f"build: psycopg's {theirs[0].name} kept: needs {sorted(needed - defined)}")
            continue
        theirs[0].unlink()
        theirs[0].symlink_to(Path("..") / ours.name)
        print(f"{theirs[0].name} -> ../{ours.name} (needs {', '.join(sorted(needed))})")


def _needed(library: Path) -> str:
    """The library's NEEDED entries (not its own SONAME)."""
    out = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True).stdout
    return "\n".join(line for line in out.splitlines() if "(NEEDED)" in line)


def filter_icu_data(folder: Path) -> None:
    """Qt's ICU data cut to Chinese and English (packaging/filter_icu.py: 32 -> 10 MB);
    bundle_checks.py compares Qt's collation, case mapping and converters with the full data."""
    if not (shutil.which("icupkg") and shutil.which("cc") and shutil.which("readelf")):
        print("build: icupkg (icu-devtools), cc or readelf missing: ICU's data stays whole "
              "(32 MB)", file=sys.stderr)  # fmt: skip
        return
    sys.path.insert(0, str(ROOT / "packaging"))
    from filter_icu import filter_library

    for library in folder.rglob("libicudata.so*"):
        if library.is_file() and not library.is_symlink():
            before, after = filter_library(library)
            print(f"{library.name}: {before / 1e6:.1f} -> {after / 1e6:.1f} MB")


def strip_debug_sections(folder: Path) -> None:
    """Drop debug sections and static symbol tables (only debuggers read them; the dynamic
    ones stay) from Python's own and the packages' extension modules (a pyenv Python and some
    wheels keep them: ~35 and ~5 MB, 2.6 MB of it cryptography's Rust module). Libraries the
    wheels vendor in `*.libs` and Qt's are left alone: they were patched after linking and
    stripping breaks them (numpy's OpenBLAS stops loading)."""
    for path in folder.rglob("*.so*"):
        inside = path.relative_to(folder).parts
        vendored = any(part.endswith(".libs") for part in inside) or inside[0] == "PySide6"
        if path.is_file() and not path.is_symlink() and not vendored:
            subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)


def bare_environment(home: Path) -> dict[str, str]:
    """What a freshly logged-in user has, and no more: no PATH to a Python, no PROJ_DATA, and
    a foreign PROJ_LIB such as another GIS leaves behind."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PROJ_LIB": str(home / "other-gis")}
    if WINDOWS:
        for name in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "TEMP", "TMP"):
            if name in os.environ:
                env[name] = os.environ[name]
        env["APPDATA"] = env["LOCALAPPDATA"] = env["USERPROFILE"] = str(home)
    else:
        config = home / "fonts.conf"
        config.write_text(NO_SYSTEM_FONTS.format(cache=home / "fc-cache"), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(config)
    return env


def program(bundle: Path) -> Path:
    return bundle / ("envmap.exe" if WINDOWS else "envmap")


def self_test(bundle: Path, home: Path) -> tuple[bool, str, float]:
    start = time.perf_counter()
    result = subprocess.run(
        [str(program(bundle)), "doctor"],
        env=bare_environment(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    seconds = time.perf_counter() - start
    output = result.stdout + result.stderr
    print(output, flush=True)
    return result.returncode == 0, result.stdout, seconds


def render_test(bundle: Path, home: Path) -> bool:
    """`envmap render` to PDF and PNG from the copied bundle (the doctor paints offscreen but
    writes neither file)."""
    passed = True
    for suffix, magic in ((".pdf", b"%PDF"), (".png", b"\x89PNG")):
        out = home / f"render{suffix}"
        result = subprocess.run(
            [str(program(bundle)), "render", str(out)],
            env=bare_environment(home),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        if result.returncode == 0 and out.is_file() and out.read_bytes()[:4] == magic:
            print(f"ok   render {out.name}: {out.stat().st_size // 1024} KB")
        else:
            print(f"FAIL render {out.name}:\n{result.stdout}{result.stderr}")
            passed = False
    return passed


def postgres_driver_test(bundle: Path, home: Path) -> bool:
    """psycopg's libpq loads from the bundle with every symbol bound at once (LD_BIND_NOW: an
    OpenSSL it cannot use would fail here, not at the first TLS connection) and reaches the
    network: a closed port on 127.0.0.1 must answer "connection refused"."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://envmap@127.0.0.1:{port}/envmap"
    result = subprocess.run(
        [str(program(bundle)), "--store", url, "status", "history", "none"],
        env={**bare_environment(home), "LD_BIND_NOW": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    refused = "connection refused" in (result.stdout + result.stderr).lower()
    print(f"{'ok  ' if refused else 'FAIL'} PostgreSQL driver: {result.stderr.strip()[-200:]}")
    return refused


def startup_seconds(bundle: Path, home: Path, runs: int) -> list[tuple[float, float]]:
    """Launch to the window's first painted frame (its map area showing the last start's
    record of the map) and to the live map; the first start (which builds the map cache and
    the record) is left out, as it is once per install."""
    env = {**bare_environment(home), "ENVMAP_REPORT_FIRST_PAINT": "1"}
    times = []
    for attempt in range(runs + 1):
        start = time.time()
        out = subprocess.run(
            [str(program(bundle)), "app"], env=env, capture_output=True, text=True, timeout=300
        )
        stamps = {
            line.split()[0]: float(line.split()[1]) - start
            for line in out.stdout.splitlines()
            if line.startswith(("first-paint ", "map-paint "))
        }
        if len(stamps) < 2:
            raise RuntimeError(f"the bundled app painted no map:\n{out.stdout}{out.stderr}")
        if attempt:
            times.append((stamps["first-paint"], stamps["map-paint"]))
    return times


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def sizes(bundle: Path) -> tuple[int, list[tuple[str, int]]]:
    """Bytes in the bundle and the ten largest parts (top-level folders of _internal and the
    programs), which is what dominates."""
    parts: dict[str, int] = {}
    total = 0
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            total += size
            relative = path.relative_to(bundle).parts
            key = "/".join(relative[:2]) if relative[0] == "_internal" else relative[0]
            if relative[0] == "_internal" and len(relative) == 2:
                key = "_internal/(libraries at top level)"
            parts[key] = parts.get(key, 0) + size
    return total, sorted(parts.items(), key=lambda item: -item[1])[:10]


def archive(bundle: Path, out: Path) -> int:
    """tar.xz, as a Linux office would receive it (Windows: the installer compresses)."""
    if shutil.which("tar") and shutil.which("xz"):
        # -9: 1.6 MB smaller than -6 for about 45 s more here; unpacking needs 65 MB of memory
        env = {**os.environ, "XZ_OPT": "-9 -T0"}
        run("tar", "-C", bundle.parent, "-cJf", out, bundle.name, env=env)
    else:
        with tarfile.open(out, "w:xz") as tar:
            tar.add(bundle, arcname=bundle.name)
    return out.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "venv")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--font", type=Path, help="a CJK font file to bundle")
    parser.add_argument("--starts", type=int, default=5, help="timed starts (0: none)")
    parser.add_argument("--no-archive", action="store_true", help="skip the tar.xz")
    args = parser.parse_args()

    began = time.perf_counter()
    font = find_font(args.font)
    if font is None:
        print("build: no CJK font found to bundle (--font FILE): a PC without Chinese fonts "
              "will show boxes", file=sys.stderr)  # fmt: skip
    python = prepare_venv(args.venv)
    bundle = build(python, args.dist, ROOT / "build" / "pyinstaller", font)
    built = time.perf_counter() - began

    with tempfile.TemporaryDirectory(prefix="envmap-copied-") as elsewhere:
        copied = Path(elsewhere) / "EnvMap"
        shutil.copytree(bundle, copied, symlinks=True)
        home = Path(elsewhere) / "home"
        home.mkdir()
        passed, doctor, test_seconds = self_test(copied, home)
        passed = render_test(copied, home) and passed
        passed = postgres_driver_test(copied, home) and passed
        # nothing test-only inside; the pruned proj.db resolves every CRS the app uses
        checks = subprocess.run(
            [str(python), str(ROOT / "packaging" / "bundle_checks.py")],
            env={**os.environ, "ENVMAP_BUNDLE": str(copied)},
        )
        passed = passed and checks.returncode == 0
        if not WINDOWS:
            passed = not printing_faults(copied, python) and passed
        starts = startup_seconds(copied, home, args.starts) if passed and args.starts else []

    total, largest = sizes(bundle)
    report: dict = {
        "platform": sys.platform,
        "build_seconds": round(built, 1),
        "self_test_passed": passed,
        "self_test_seconds": round(test_seconds, 1),
        "self_test_output": doctor.splitlines(),
        "unpacked_bytes": total,
        "largest_parts": largest,
        "startup_seconds": [round(first, 3) for first, _ in starts],
        "startup_median_seconds": median([first for first, _ in starts]),
        "live_map_median_seconds": median([live for _, live in starts]),
        "cjk_font": str(font) if font else None,
    }
    if not args.no_archive:
        suffix = "windows" if WINDOWS else "linux"
        report["compressed_bytes"] = archive(bundle, args.dist / f"envmap-{suffix}.tar.xz")
    (args.dist / "build-report.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print(f"bundle {bundle}: {total / 1e6:.1f} MB unpacked", end="")
    if "compressed_bytes" in report:
        print(f", {report['compressed_bytes'] / 1e6:.1f} MB as tar.xz", end="")
    print(f"; self-test {'passed' if passed else 'FAILED'} in {test_seconds:.1f} s")
    for name, size in largest:
        print(f"  {size / 1e6:7.1f} MB  {name}")
    if starts:
        firsts = [first for first, _ in starts]
        print(f"start-up to the first frame: median {report['startup_median_seconds']:.2f} s "
              f"of {len(starts)} ({min(firsts):.2f}-{max(firsts):.2f} s); to the live map: "
              f"median {report['live_map_median_seconds']:.2f} s")  # fmt: skip
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
