"""Hostile text in names, aliases, measures, quotes, document titles and the map title: it
never runs, never breaks the page, and shows exactly as written."""

from __future__ import annotations

import dataclasses

import pytest

from gis import Catalog, build_map_data
from gis.export.html import HtmlOptions, write_html

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    "</script><script>alert('xss-2')</script>",
    "<img src=x onerror=alert('xss-3')>",
    "<svg onload=alert('xss-4')>",
    '"><img src=x onerror=alert(5)>',
    "'><svg/onload=alert(6)>",
    "`${alert(7)}`",
    "\\u003cscript\\u003ealert(8)\\u003c/script\\u003e",
    "<iframe src=javascript:alert(9)>",
    "<a href=javascript:alert(10)>点我 click</a>",
    "<body onload=alert(11)>",
    "<details open ontoggle=alert(12)>",
    "<!--<img src=x onerror=alert(13)>-->",
    "]]><script>alert(14)</script>",
    '\\"; alert(15); //',
    "'; window.__xss = 16; '",
    '{"a": "</script><script>window.__xss=17</script>"}',
    "<style>body{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(19)>",
    "&lt;script&gt;alert(20)&lt;/script&gt;",
    "\u2028alert(21)\u2029",
    "<marquee onstart=alert(22)>码头</marquee>",
    "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(23)//'>",
    "<input autofocus onfocus=alert(24)>",
    "{{ 7*7 }}",
    "{# an unclosed comment",
    "{% raw %}{% if x %}",
    "{{ '%c/script%c%cscript%cwindow.__xss=28%c/script%c'|format(60,62,60,62,60,62) }}",
    "{{ cycler.__init__.__globals__.os.popen('echo owned > /tmp/envmap-xss').read() }}",
]


@pytest.fixture(scope="module")
def hostile(catalog, tmp_path_factory):
    """The catalog with each payload as a site's name and alias, and as its measures' texts,
    responsible bodies and quotes where it has measures."""
    targets = [s for s in catalog.sites if s.measures and s.location.geometry.geom_type == "Point"]
    targets += [s for s in catalog.sites if s.measures and s not in targets]
    targets += [s for s in catalog.sites if s not in targets]  # names only
    assert len(targets) >= len(PAYLOADS)
    replaced = {}
    for payload, site in zip(PAYLOADS, targets, strict=False):
        measures = tuple(
            dataclasses.replace(
                m,
                text_zh=payload,
                responsible_zh=payload,
                evidence=tuple(dataclasses.replace(e, quote=payload) for e in m.evidence),
            )
            for m in site.measures
        )
        replaced[site.id] = dataclasses.replace(
            site, name_zh=payload, name_en=payload, aliases=(payload,), measures=measures
        )
    documents = {
        key: dataclasses.replace(doc, title_zh=PAYLOADS[i % len(PAYLOADS)])
        for i, (key, doc) in enumerate(catalog.documents.items())
    }
    sites = tuple(replaced.get(s.id, s) for s in catalog.sites)
    bad = Catalog(documents=documents, sites=sites)
    out = tmp_path_factory.mktemp("xss") / "hostile.html"
    write_html(build_map_data(bad), out, HtmlOptions(title=PAYLOADS[1] + PAYLOADS[-1]))
    return out, {payload: site.id for payload, site in zip(PAYLOADS, targets, strict=False)}


def test_at_least_twenty_payloads():
    assert len(PAYLOADS) >= 20


def test_no_payload_runs_and_each_shows_literally(open_offline, hostile):
    path, site_of = hostile
    page = open_offline(path)
    assert page.page.title() == PAYLOADS[1] + PAYLOADS[-1]  # template syntax stays text
    for payload, site_id in site_of.items():
        assert page.page.evaluate(f"window.envmap.open({site_id!r})")
        popup = page.page.locator(".leaflet-popup-content").last  # the previous one fades out
        text = popup.text_content()
        # textContent keeps the payload's own characters, line separators included.
        assert payload in text, payload
        assert popup.locator("script, img, svg, iframe, style, input, a, details").count() == 0
    page.page.fill(".envmap-search input", PAYLOADS[3][:12])
    page.page.keyboard.press("Enter")
    page.page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.page.evaluate("window.__xss === undefined")
    assert page.errors() == []
    assert page.blocked == []  # no payload image or frame even tried to load
    assert page.page.locator("path.envmap-districts").count() == 13  # the page still works
