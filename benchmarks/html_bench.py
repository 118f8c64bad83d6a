"""HTML map benchmark in Chromium, run on demand (not in the test suite): prints medians.

    pip install -e ".[test]" && python benchmarks/html_bench.py [--sizes 1000,10000,100000]

For synthetic catalogs (benchmarks/synthetic.py) of each size it writes three maps of the same
sites and opens each in Debian's headless Chromium (software rendering, as the tests run it):
  envmap    gis.export.html.write_html: one offline file, sites on a canvas
  folium    folium.Map + plugins.MarkerCluster of the sites (folium's usual way to scale)
  explore   geopandas GeoDataFrame.explore() of the sites over the districts
folium and explore load Leaflet, MarkerCluster, jQuery, Bootstrap … from CDNs; offline they are
blank pages. Here those files come from their npm packages (fetched once with `npm pack` into
~/.cache/envmap-bench) and are served with the maps from an HTTP server on 127.0.0.1; any other
request is refused and counted. A CDN file that no registry package carries (folium's rotate
CSS from a GitHub gist, Bootstrap 3's glyphicons CSS) gets a 404, which changes no drawing.
Run it alone: but for the export's CPU time, every figure is a wall-clock time.

Per map: file size, export seconds (envmap: median of 3; wall clock and this process's CPU time,
which a loaded machine inflates less), load (the load event), first frame
(sites drawn and painted: envmap after its data is inflated), pan and zoom (median of 6 moves
without animation, each until the next frame is painted: requestAnimationFrame, then a task),
search (envmap: a query typed a key at a time, median and worst per keystroke, until painted)
and JS heap after garbage collection.
Targets (issue 18): 10k first frame <= 1.0 s, pan/zoom <= 100 ms, file <= 3 MB; 100k first
frame <= 4 s, pan/zoom <= 200 ms, heap <= 150 MB, file <= 25 MB, search <= 50 ms a keystroke,
export <= 3 s.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import synthetic_catalog  # noqa: E402

from gis import build_map_data  # noqa: E402
from gis.boundaries import load_districts  # noqa: E402
from gis.export.html import write_html  # noqa: E402
from gis.layers import site_rows  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CACHE = Path.home() / ".cache" / "envmap-bench"
# CDN address prefix -> (npm package, folder inside the package)
CDN = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/": ("leaflet@1.9.3", ""),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/": ("bootstrap@5.2.2", ""),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/": (
        "@fortawesome/fontawesome-free@6.2.0",
        "",
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery@3.7.1", "dist/jquery.min.js"),
    "https://code.jquery.com/ui/1.12.1/jquery-ui.js": ("jquery-ui-dist@1.12.1", "jquery-ui.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/": (
        "leaflet.markercluster@1.1.0",
        "dist/",
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/": (
        "leaflet.awesome-markers@2.0.5",
        "dist/",
    ),
}
PAGE_LIMIT_S = 180
QUERY = "合成点位1234"
TARGETS = {
    10_000: {"first": 1.0, "move": 100, "mb": 3},
    100_000: {"first": 4.0, "move": 200, "mb": 25, "heap": 150, "key": 50, "export": 3.0},
}

MEASURE = """async ({ envmap, query, limit }) => {
  /* resolves once the next frame is painted: the task after that frame's rendering */
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const until = async (test) => {
    const stop = performance.now() + limit;
    while (!test()) {
      if (performance.now() > stop) return false;
      await new Promise(r => setTimeout(r, 5));
    }
    return true;
  };
  if (!await until(() => document.readyState === "complete")) return { timeout: true };
  if (envmap && !await until(() => window.envmap && window.envmap.ready)) return { timeout: true };
  await frame();
  const first = performance.now();
  const load = performance.getEntriesByType("navigation")[0].loadEventEnd;
  const map = Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map);
  const median = xs => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pans = [], zooms = [], keys = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    map.panBy(i % 2 ? [-150, -80] : [150, 80], { animate: false });
    await frame();
    pans.push(performance.now() - t);
  }
  const start = map.getZoom();
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    map.setZoom(i % 2 ? start : start + 1, { animate: false });
    await frame();
    zooms.push(performance.now() - t);
  }
  const input = document.querySelector(".envmap-search input");
  if (input) {
    for (let i = 1; i <= query.length; i++) {
      input.value = query.slice(0, i);
      const t = performance.now();
      input.dispatchEvent(new Event("input"));
      await frame();
      keys.push(performance.now() - t);
    }
  }
  const key = keys.length ? median(keys) : null;
  const worst = keys.length ? Math.max(...keys) : null;
  return { load, first, pan: median(pans), zoom: median(zooms), key, key_worst: worst };
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        """No line per request: the figures are the output."""


def _package(spec: str) -> Path:
    """The npm package unpacked in the cache (npm pack: the registry's own tarball)."""
    folder = CACHE / re.sub(r"[^\w.@-]", "_", spec)
    if not (folder / "package").exists():
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "pack", spec, "--silent", "--pack-destination", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        with tarfile.open(folder / done.stdout.strip().splitlines()[-1]) as tar:
            tar.extractall(folder, filter="data")
    return folder / "package"


def _served(text: str, root: Path, port: int) -> tuple[str, set[str]]:
    """The page with every CDN address pointing at the local server; the misses."""
    missing: set[str] = set()

    def local(match: re.Match[str]) -> str:
        url = match.group(0)
        for prefix, (spec, inside) in CDN.items():
            if url.startswith(prefix):
                name = re.sub(r"[^\w.@-]", "_", spec)
                target = root / "pkg" / name
                if not target.exists():
                    target.symlink_to(_package(spec), target_is_directory=True)
                return f"http://127.0.0.1:{port}/pkg/{name}/{inside}{url[len(prefix) :]}"
        missing.add(url)
        return f"http://127.0.0.1:{port}/missing/{url.rsplit('/', 1)[-1]}"

    return re.sub(r"https?://[^\"' )]+\.(?:js|css)", local, text), missing


def _frames(catalog, districts):
    """The sites and the districts as GeoDataFrames, which the compared libraries take."""
    import geopandas as gpd

    sites = gpd.GeoDataFrame(site_rows(catalog, districts), geometry="geometry", crs=4326)
    outlines = [{"name_zh": d.name_zh, "geometry": d.geometry} for d in load_districts()]
    return sites, gpd.GeoDataFrame(outlines, geometry="geometry", crs=4326)


def _folium_cluster(catalog, districts, out: Path) -> None:
    import folium
    from folium.plugins import MarkerCluster

    frame, outlines = _frames(catalog, districts)
    points = frame[frame.geometry.geom_type == "Point"]
    fmap = folium.Map(location=[30.6, 114.3], zoom_start=9, tiles=None)
    folium.GeoJson(outlines, name="districts").add_to(fmap)
    cluster = MarkerCluster(name="sites").add_to(fmap)
    for name, status, point in zip(points.name_zh, points.status_zh, points.geometry, strict=True):
        folium.Marker([point.y, point.x], popup=f"{name} {status}").add_to(cluster)
    fmap.save(str(out))


def _explore(catalog, districts, out: Path) -> None:
    frame, outlines = _frames(catalog, districts)
    points = frame[frame.geometry.geom_type == "Point"][["id", "name_zh", "status_zh", "geometry"]]
    fmap = outlines.explore(tiles=None)
    points.explore(m=fmap, column="status_zh")
    fmap.save(str(out))


def _open(browser, url: str, envmap: bool) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    refused: list[str] = []

    def route(request_route) -> None:
        if request_route.request.url.startswith(("http://127.0.0.1", "data:")):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=PAGE_LIMIT_S * 1000)
        found = page.evaluate(
            MEASURE, {"envmap": envmap, "query": QUERY, "limit": PAGE_LIMIT_S * 1000}
        )
        if not found.get("timeout"):
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            found["heap"] = cdp.send("Runtime.getHeapUsage")["usedSize"] / 2**20
    except Exception as error:  # a page that never finishes is a result too
        found = {"timeout": True, "error": type(error).__name__}
    found["refused"] = len(refused)
    context.close()
    return found


def _line(size: int, name: str, mb: float, export_s: float, found: dict) -> str:
    if found.get("timeout"):
        return f"{size:>7} {name:<8} {mb:7.2f} MB  export {export_s:6.2f} s  > {PAGE_LIMIT_S} s"
    key = (
        f"  search {found['key']:5.1f} ms (worst {found['key_worst']:5.1f})"
        if found["key"] is not None
        else ""
    )
    return (
        f"{size:>7} {name:<8} {mb:7.2f} MB  export {export_s:6.2f} s"
        f"  load {found['load'] / 1000:6.2f} s"
        f"  first frame {found['first'] / 1000:6.2f} s  pan {found['pan']:6.1f} ms"
        f"  zoom {found['zoom']:6.1f} ms  heap {found['heap']:6.1f} MB{key}"
        f"  refused {found['refused']}"
    )


def _verdict(size: int, mb: float, export_s: float, found: dict) -> str:
    want = TARGETS.get(size)
    if not want or found.get("timeout"):
        return ""
    checks = [
        ("first frame", found["first"] / 1000, want["first"], "s"),
        ("pan", found["pan"], want["move"], "ms"),
        ("zoom", found["zoom"], want["move"], "ms"),
        ("file", mb, want["mb"], "MB"),
    ]
    if "heap" in want:
        checks += [("heap", found["heap"], want["heap"], "MB")]
        checks += [("search worst key", found["key_worst"], want["key"], "ms")]
        checks += [("export", export_s, want["export"], "s")]
    return "          targets: " + ", ".join(
        f"{label} {value:.2f} {unit} <= {limit} {'met' if value <= limit else 'NOT MET'}"
        for label, value, limit, unit in checks
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--only-envmap", action="store_true", help="skip folium and explore")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work, sync_playwright() as driver:
        root = Path(work)
        (root / "pkg").mkdir()
        handler = functools.partial(_QuietHandler, directory=work)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        missing: set[str] = set()
        for size in (int(s) for s in args.sizes.split(",")):
            catalog = synthetic_catalog(size)
            map_data = build_map_data(catalog)
            runs = {"envmap": lambda out, m=map_data: write_html(m, out)}
            if not args.only_envmap:
                runs["folium"] = lambda out, c=catalog, d=map_data.districts: _folium_cluster(
                    c, d, out
                )
                runs["explore"] = lambda out, c=catalog, d=map_data.districts: _explore(c, d, out)
            for name, run in runs.items():
                out = root / f"{name}-{size}.html"
                times, cpu = [], []
                for _ in range(3 if name == "envmap" else 1):
                    start, used = time.perf_counter(), time.process_time()
                    run(out)
                    times.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - used)
                text, misses = _served(out.read_text(encoding="utf-8"), root, port)
                missing |= misses
                out.write_text(text, encoding="utf-8")
                mb = out.stat().st_size / 1e6
                found = _open(browser, f"http://127.0.0.1:{port}/{out.name}", name == "envmap")
                export_s = statistics.median(times)
                print(_line(size, name, mb, export_s, found), flush=True)
                print(f"          export CPU {statistics.median(cpu):.2f} s", flush=True)
                if name == "envmap":
                    verdict = _verdict(size, mb, export_s, found)
                    if verdict:
                        print(verdict, flush=True)
        browser.close()
        server.shutdown()
        for url in sorted(missing):
            print(f"not in a registry package, served as 404: {url}")


if __name__ == "__main__":
    main()
