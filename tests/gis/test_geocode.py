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
