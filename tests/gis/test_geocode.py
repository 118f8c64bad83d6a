"""Geocoding: the gazetteer first, an online service (a real HTTP server on 127.0.0.1 standing
in for Tianditu and AMap) behind the same interface, and clear errors when it fails."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from gis.crs import wgs84_to_gcj02
from gis.geocode import GazetteerGeocoder, GeocodeError, OnlineGeocoder, normalise


@pytest.fixture(scope="module")
def gazetteer(catalog):
    return GazetteerGeocoder(catalog)


def test_exact_alias_and_variant_names(gazetteer, catalog):
    assert gazetteer.geocode("良久商贸码头").source == "gazetteer:exact"
    assert gazetteer.geocode("平湖门水厂").matched == "pinghumen-water-plant"
    assert gazetteer.geocode("平湖门水厂").source == "gazetteer:alias"
    for written, site in [
        ("青江江化工场", "former-qingjiang-chemical-works"),  # 化工场 and the doubled 江
        ("青江化工有限公司", "former-qingjiang-chemical-works"),
        ("“古田1135”片", "gutian-1135-parcel"),
        ("葛店化工厂", "former-gedian-chemical-works"),
    ]:
        found = gazetteer.geocode(written)
        assert (found.matched, found.source) == (site, "gazetteer:variant"), written
        location = catalog.site(site).location
        assert found.precision_m == location.precision_m


def test_district_in_context_gives_its_interior_and_a_wide_radius(gazetteer):
    found = gazetteer.geocode("汤逊湖排口", district="江夏区")
    assert found.source == "district" and found.matched == "jiangxia"
    assert 20_000 < found.precision_m < 80_000
    named = gazetteer.geocode("洪山区某街道")
    assert named.source == "district" and named.matched == "hongshan"


def test_unknown_names_stay_unresolved(gazetteer):
    found = gazetteer.geocode("鑫达建材码头")
    assert not found.resolved and found.source == "unresolved" and found.lon is None
    assert normalise("原青江江化工场") == normalise("青江化工厂")


class _Service(BaseHTTPRequestHandler):
    answers: ClassVar[dict] = {}
    calls: ClassVar[list] = []
    delay_s = 0.0
    status = 200

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        type(self).calls.append(query)
        time.sleep(type(self).delay_s)
        body = json.dumps(type(self).answers).encode("utf-8")
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def service():
    _Service.calls, _Service.delay_s, _Service.status = [], 0.0, 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Service, f"http://127.0.0.1:{server.server_address[1]}/geocoder"
    server.shutdown()
    server.server_close()


def test_tianditu_answer_is_used_and_cached(service, gazetteer, catalog, tmp_path):
    handler, url = service
    handler.answers = {"status": "0", "location": {"lon": 114.3, "lat": 30.55, "level": "兴趣点"}}
    cache = tmp_path / "geocode.json"
    online = OnlineGeocoder("tianditu", "test-key", cache=cache, endpoint=url)
    chained = GazetteerGeocoder(catalog, online)
    found = chained.geocode("鑫达建材码头")
    assert (found.lon, found.lat, found.source, found.precision_m) == (
        114.3,
        30.55,
        "online:tianditu",
        50,
    )
    assert handler.calls[0]["tk"] == ["test-key"]
    assert json.loads(handler.calls[0]["ds"][0])["keyWord"] == "武汉市鑫达建材码头"
    assert chained.geocode("良久商贸码头").source == "gazetteer:exact"  # the gazetteer first
    again = OnlineGeocoder("tianditu", "test-key", cache=cache, endpoint=url)
    assert again.geocode("鑫达建材码头").lon == 114.3
    assert len(handler.calls) == 1  # answered from the cache on disk


def test_amap_answer_is_converted_from_gcj02(service):
    handler, url = service
    lon, lat = 114.284, 30.544
    gcj_lon, gcj_lat = (float(v[0]) for v in wgs84_to_gcj02([lon], [lat]))
    handler.answers = {
        "status": "1",
        "geocodes": [{"location": f"{gcj_lon:.6f},{gcj_lat:.6f}", "level": "门牌号"}],
    }
    found = OnlineGeocoder("amap", "k", endpoint=url).geocode("某码头")
    assert abs(found.lon - lon) < 1e-5 and abs(found.lat - lat) < 1e-5
    assert found.source == "online:amap" and found.precision_m == 30


def test_errors_are_clear(service):
    handler, url = service
    handler.answers = {"status": "1", "msg": "权限校验失败"}
    with pytest.raises(GeocodeError, match="tianditu geocoder refused"):
        OnlineGeocoder("tianditu", "bad", endpoint=url).geocode("某地")
    handler.status = 500
    with pytest.raises(GeocodeError, match="HTTP 500"):
        OnlineGeocoder("tianditu", "k", endpoint=url).geocode("某地二")
    handler.status, handler.delay_s = 200, 1.5
    started = time.perf_counter()
    with pytest.raises(GeocodeError, match=r"did not answer within 0\.3 s"):
        OnlineGeocoder("tianditu", "k", endpoint=url, timeout_s=0.3).geocode("某地三")
    assert time.perf_counter() - started < 1.4
    with pytest.raises(GeocodeError, match="needs your key"):
        OnlineGeocoder("amap", "")
    with pytest.raises(GeocodeError, match="unreachable"):
        OnlineGeocoder("amap", "k", endpoint="http://127.0.0.1:9/geo").geocode("某地")


# --- Localities (data/gazetteer/localities.yaml) -------------------------------------------

from pathlib import Path  # noqa: E402

from gis.catalog import validate_catalog  # noqa: E402
from gis.localities import load_localities  # noqa: E402

SHARED_CORPUS = Path("/work/shared/corpus")


def _corpus_text(name: str) -> str:
    path = SHARED_CORPUS / name
    if not path.exists():
        pytest.skip(f"shared corpus file {name} not present")
    return path.read_text(encoding="utf-8")


def test_shipped_localities_load_without_problems():
    found = load_localities()
    assert found.problems == []
    assert len(found.places) >= 10
    for place in found.places:
        assert place.source and place.precision_m > 0
        if place.datum == "unknown":
            assert place.precision_m >= 1000  # absorbs a possible GCJ-02 offset


@pytest.mark.parametrize(
    ("corpus_file", "written", "kind"),
    [
        # 04_jinbiangang-futouhu-zhuanbao53.txt: "斧头湖水质改善工作"
        ("04_jinbiangang-futouhu-zhuanbao53.txt", "斧头湖", "lake"),
        # 11_wuhan-aluminium-parcel.txt: "武汉铝厂地块位于江岸区谌家矶大道21号"
        ("11_wuhan-aluminium-parcel.txt", "武汉铝厂地块", "contaminated_parcel"),
        # 02_rural-black-odour-TABLE.txt: table cells naming the water bodies
        ("02_rural-black-odour-TABLE.txt", "城北村汪套湾东部水沟", "water_body"),
        ("02_rural-black-odour-TABLE.txt", "沙河村登峰湾曹家大塘", "water_body"),
        ("02_rural-black-odour-TABLE.txt", "滨湖村大湾塘", "water_body"),
    ],
)
def test_corpus_names_resolve_to_localities(gazetteer, corpus_file, written, kind):
    assert written in _corpus_text(corpus_file)
    result = gazetteer.geocode(written)
    assert result.source == "gazetteer:locality"
    assert result.kind == kind
    assert result.precision_m >= 1000  # the shipped points' datum is not stated


def test_lake_with_a_qualifier_keeps_lake_precision(gazetteer):
    plain, qualified = gazetteer.geocode("斧头湖"), gazetteer.geocode("斧头湖江夏水域")
    assert qualified.matched == plain.matched == "futouhu-lake"
    assert qualified.precision_m == plain.precision_m
    assert not gazetteer.geocode("斧头湖新城").resolved  # a different, longer name


def test_the_catalog_comes_before_localities(gazetteer):
    assert gazetteer.geocode("东湖").source == "gazetteer:exact"  # the curated site
    assert gazetteer.geocode("东湖水域").matched == "donghu-lake"


_FIXTURE = """\
localities:
  - id: test-plant
    name_zh: 余氏墩
    kind: water_plant
    point: [114.3618389, 30.6728]   # a test fixture only, not 余氏墩's position
    datum: WGS84
    precision_m: 500
    basis: address
    source: test fixture
  - id: test-street
    name_zh: 谌家矶街道
    aliases: [谌家矶街]
    kind: subdistrict
    point: [114.3618389, 30.6728]
    datum: GCJ-02
    precision_m: 3000
    basis: locality
    source: test fixture
  - id: bad-kind
    name_zh: 坏
    kind: planet
    point: [114.3, 30.6]
    datum: WGS84
    precision_m: 500
    basis: locality
    source: test fixture
  - id: bad-datum
    name_zh: 坏二
    kind: lake
    point: [114.3, 30.6]
    datum: unknown
    precision_m: 100
    basis: locality
    source: test fixture
  - id: swapped
    name_zh: 坏三
    kind: lake
    point: [30.6, 114.3]
    datum: WGS84
    precision_m: 5000
    basis: locality
    source: test fixture
"""


@pytest.fixture()
def fixture_localities(tmp_path):
    path = tmp_path / "localities.yaml"
    path.write_text(_FIXTURE, encoding="utf-8")
    return path, load_localities(path)


def test_bad_entries_report_file_and_line_and_keep_the_rest(fixture_localities):
    path, found = fixture_localities
    assert [p.id for p in found.places] == ["test-plant", "test-street"]
    by_code = {p.code: p for p in found.problems}
    assert set(by_code) == {"unknown-kind", "precision-below-datum", "outside-wuhan"}
    lines = _FIXTURE.splitlines()
    line = {
        name: lines.index(f"  - id: {name}") + 1 for name in ("bad-kind", "bad-datum", "swapped")
    }
    assert str(by_code["unknown-kind"]).startswith(
        f"{path}:{line['bad-kind']}: localities[2] (bad-kind)"
    )
    assert line["bad-kind"] == 19
    assert by_code["precision-below-datum"].line == line["bad-datum"]
    assert by_code["outside-wuhan"].line == line["swapped"]


def test_gcj02_locality_is_converted(fixture_localities):
    street = fixture_localities[1].places[1]
    assert street.datum == "GCJ-02"
    assert (street.lon, street.lat) != (114.3618389, 30.6728)
    assert abs(street.lon - 114.3618389) < 0.01 and abs(street.lat - 30.6728) < 0.01


def test_suffix_variants_and_subdistrict_in_text(catalog, fixture_localities):
    geocoder = GazetteerGeocoder(catalog, localities=fixture_localities[1].places)
    plant = geocoder.geocode("余氏墩水厂")
    assert (plant.source, plant.matched, plant.kind) == (
        "gazetteer:locality",
        "test-plant",
        "water_plant",
    )
    assert plant.precision_m == 500
    assert geocoder.geocode("谌家矶街").matched == "test-street"
    # a 街道 named inside a longer candidate text locates it at the 街道's precision
    inside = geocoder.geocode("江岸区谌家矶街道某排口")
    assert (inside.matched, inside.precision_m) == ("test-street", 3000)
    assert geocoder.locate_in_text("位于谌家矶街道的地块").matched == "test-street"


def test_validate_checks_localities(tmp_path):
    import shutil

    root = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", root)
    assert validate_catalog(root) == []
    (root / "gazetteer" / "localities.yaml").write_text(_FIXTURE, encoding="utf-8")
    codes = {p.code for p in validate_catalog(root)}
    assert {"unknown-kind", "precision-below-datum", "outside-wuhan"} <= codes
