/* Wuhan EnvMap's exported map: the sites, areas, popups, filters, permalinks and search, from
 * the page's JSON settings and its packed columnar block of sites (see gis/export/html_data.py).
 * Point sites are drawn on one canvas (thinned to one a cell when zoomed out, halos only when
 * zoomed in): DOM markers cost seconds at 10,000 sites and minutes at 100,000. Symbols, popup
 * bodies and the filter model are in envmap_ui.js, the sites' columns in envmap_sites.js,
 * the bar and panels in envmap_panels.js, search's box in envmap_search.js. Every text from documents and the catalog reaches
 * the page through textContent or attributes, never as HTML. */
(function (map) {
  "use strict";
  var UI = window.EnvMapUI;
  var meta = JSON.parse(document.getElementById("envmap-data").textContent);
  var wuhan = L.latLngBounds([meta.bounds[1], meta.bounds[0]], [meta.bounds[3], meta.bounds[2]]);
  var phone = window.matchMedia("(max-width: 640px)");
  map.createPane("envmapSites").style.zIndex = 450;
  L.control.scale({ imperial: false }).addTo(map);  /* metres and kilometres only */
  Object.assign(UI.SHAPES, meta.shapes);  /* the outlines of gis/symbology.py */
  var SiteCanvas = window.EnvMapCanvas(map, meta, UI);
  var data = window.EnvMapSites(meta);
  var Sites = data.Sites;

  function addTiles(key) {
    meta.basemap.layers.forEach(function (layer) {
      L.tileLayer(layer.url.replace("{tk}", encodeURIComponent(key || "")), {
        subdomains: layer.subdomains, maxZoom: 18, attribution: layer.attribution
      }).addTo(map).bringToBack();
    });
  }

  /* A Tianditu basemap without an embedded key asks the reader for theirs (kept per session). */
  var KeyPrompt = L.Control.extend({
    options: { position: "topright" },
    onAdd: function () {
      var box = UI.el("form", "envmap-key");
      box.appendChild(UI.el("label", null, "天地图密钥 Tianditu key (tk)"));
      var input = UI.el("input");
      input.type = "password";
      box.appendChild(input);
      box.appendChild(UI.el("button", null, "加载底图 Load"));
      var self = this;
      box.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!input.value) return;
        try { window.sessionStorage.setItem("envmap.tianditu.tk", input.value); } catch (e) { /* storage off */ }
        addTiles(input.value);
        map.removeControl(self);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });

  function basemap() {
    map.attributionControl.setPrefix(false);
    meta.attribution.forEach(function (text) { map.attributionControl.addAttribution(text); });
    if (!meta.basemap.layers.length) return;
    var stored = null;
    try { stored = window.sessionStorage.getItem("envmap.tianditu.tk"); } catch (e) { stored = null; }
    if (!meta.basemap.needs_key) addTiles(meta.basemap.key);
    else if (stored) addTiles(stored);
    else new KeyPrompt().addTo(map);
  }

  function start(columns) {
    performance.mark("envmap-inflated");
    var sites = new Sites(columns);
    var c = sites.c;
    var overlays = {};
    var areas = {};  /* row -> its Leaflet layer */
    var canvas = new SiteCanvas(sites);
    canvas.labels = window.EnvMapLabels(map);  /* district names placed after each redraw */
    var sheet = UI.sheet(meta, function () { close(); });
    var open = -1;
    var ui = null;

    function overlay(id) {
      if (!overlays[id]) overlays[id] = L.featureGroup().addTo(map);
      return overlays[id];
    }

    function body(row) { return UI.popupBody(meta, c, row); }

    /* Water (gis/water.py) over the districts' ground, beneath every other layer. */
    if (meta.water) {
      map.getContainer().style.background = meta.background;
      L.geoJSON(meta.water.features, {
        interactive: false,
        style: function (feature) { return meta.water.styles[feature.properties.kind]; }
      }).addTo(map).bringToBack();
    }

    /* The popup's room on a wide screen: beside the open panels, which stand over the map's
     * sides (a panel's column is kept clear, the legend's too), so the popup and its site
     * are never under one, and clear of the map's controls (the layers control stands in the
     * top right corner): a popup `node` that would reach under one once panned is kept below,
     * above or beside it, whichever moves the map least. Leaflet's autoPan pans the map to it. */
    var popup = null;
    function popupRoom(node) {
      var box = map.getContainer().getBoundingClientRect();
      var left = 10;
      var right = 10;
      map.getContainer().querySelectorAll(".envmap-panel:not([hidden])").forEach(function (node) {
        var r = node.getBoundingClientRect();
        if (!r.width) return;
        if (r.left + r.right < box.left + box.right) left = Math.max(left, r.right - box.left + 10);
        else right = Math.max(right, box.right - r.left + 10);
      });
      var room = { autoPanPaddingTopLeft: [left, 10], autoPanPaddingBottomRight: [right, 10] };
      if (node) clearOfControls(node.getBoundingClientRect(), box, room);
      return room;
    }

    function clearOfControls(r, box, room) {
      var size = map.getSize();
      var tl = room.autoPanPaddingTopLeft, br = room.autoPanPaddingBottomRight;
      var controls = Array.prototype.map.call(map.getContainer().querySelectorAll(".leaflet-control"), function (node) {
        var c = node.getBoundingClientRect();
        return { left: c.left - box.left - 10, top: c.top - box.top - 10, right: c.right - box.left + 10, bottom: c.bottom - box.top + 10 };
      }).filter(function (c) { return c.right - c.left > 20; });
      for (var pass = 0; pass < controls.length; pass++) {
        /* Where Leaflet's autoPan will bring the popup within the room (its rule, in short). */
        var x = r.left - box.left, y = r.top - box.top, dx = 0, dy = 0;
        if (x + r.width + br[0] > size.x) dx = x + r.width + br[0] - size.x;
        if (x - dx < tl[0]) dx = x - tl[0];
        if (y + r.height + br[1] > size.y) dy = y + r.height + br[1] - size.y;
        if (y - dy < tl[1]) dy = y - tl[1];
        var at = { left: x - dx, top: y - dy, right: x - dx + r.width, bottom: y - dy + r.height };
        var hit = controls.filter(function (c) {
          return at.left < c.right && c.left < at.right && at.top < c.bottom && c.top < at.bottom;
        })[0];
        if (!hit) return;
        var top = hit.top + hit.bottom < size.y, onLeft = hit.left + hit.right < size.x;
        var ways = [  /* [how far the map moves, which padding, its value, whether the popup fits] */
          top ? [hit.bottom - at.top, tl, 1, hit.bottom, hit.bottom + r.height + br[1] <= size.y]
            : [at.bottom - hit.top, br, 1, size.y - hit.top, tl[1] + r.height <= hit.top],
          onLeft ? [hit.right - at.left, tl, 0, hit.right, hit.right + r.width + br[0] <= size.x]
            : [at.right - hit.left, br, 0, size.x - hit.left, tl[0] + r.width <= hit.left]
        ].filter(function (way) { return way[4]; }).sort(function (a, b) { return a[0] - b[0]; });
        if (!ways.length) return;
        ways[0][1][ways[0][2]] = ways[0][3];
      }
    }

    function panelsChanged() {
      if (phone.matches || !popup || !map.hasLayer(popup)) return;
      L.setOptions(popup, L.extend(popupRoom(popup.getElement()), { autoPan: true }));
      popup.update();
    }

    function showPopup(row, latlng, still) {
      map.closePopup();
      open = row;
      canvas.selected = row;
      canvas.redraw();
      if (phone.matches) {
        ui.closeDrawers();
        sheet.show(body(row));
        var free = sheet.top() - map.getContainer().getBoundingClientRect().top;
        var at = map.latLngToContainerPoint(latlng);
        if (at.y > free - 24) map.panBy([0, at.y - free / 2], { animate: false });  /* above the sheet */
      } else {
        sheet.hide();
        popup = L.popup(L.extend({ autoPan: false }, meta.popup))
          .setLatLng(latlng).setContent(body(row)).openOn(map);
        if (!still) panelsChanged();  /* laid out where it opens, then panned into its room */
        var shut = popup.getElement().querySelector(".leaflet-popup-close-button");
        if (shut) { shut.setAttribute("aria-label", "关闭 Close"); shut.title = "关闭 Close"; }
      }
      writeHash();
    }

    function close() {
      open = -1;
      canvas.selected = -1;
      map.closePopup();
      sheet.hide();
      canvas.redraw();
      writeHash();
      window.setTimeout(focusBack, 0);
    }

    map.on("popupclose", function () {
      if (!phone.matches && open >= 0) { open = -1; canvas.selected = -1; canvas.redraw(); writeHash(); }
      window.setTimeout(focusBack, 0);  /* once the popup has left the page */
    });

    /* A site opened from the bar or a panel takes the keyboard to its popup (or sheet), so Tab
     * reads on there; Escape or its close button hands it back where it came from. */
    var focusReturn = null;
    function focusOpen(from) {
      focusReturn = from || null;
      var node = phone.matches ? sheet.element : popup && map.hasLayer(popup) && popup.getElement();
      if (!node) return;
      node.tabIndex = -1;
      node.focus({ preventScroll: true });
    }

    function focusBack() {
      var active = document.activeElement;  /* nowhere, or still in the popup fading out */
      var lost = !active || active === document.body || active.closest(".leaflet-popup, .envmap-sheet");
      if (lost && open < 0 && focusReturn && document.contains(focusReturn)) focusReturn.focus({ preventScroll: true });
    }

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || open < 0) return;
      var inside = document.activeElement && document.activeElement.closest(".leaflet-popup, .envmap-sheet");
      if (!inside) return;
      close();
      focusBack();
    });

    /* keepView: leave the view as it is; still: do not even pan the popup into sight (a link
     * gives the view) */
    function openRow(row, keepView, still) {
      var name = c.tables.layers[c.layer[row]];
      if (name === "city") {
        if (!keepView) map.fitBounds(wuhan, { animate: false });
        showPopup(row, map.getCenter(), still);
      } else if (sites.point[row]) {
        var at = sites.latlng(row);
        if (!keepView) map.setView(at, Math.max(map.getZoom(), 13), { animate: false });
        showPopup(row, at, still);
      } else {
        var layer = areas[row];
        if (!map.hasLayer(overlay(name))) overlay(name).addTo(map);
        if (!keepView) map.fitBounds(layer.getBounds(), { maxZoom: 14, animate: false });
        showPopup(row, name === "districts" ? sites.latlng(row) : layer.getBounds().getCenter(), still);
      }
      return true;
    }

    function openId(id) {
      var row = typeof id === "string" ? sites.rowOf.get(id) : undefined;
      return row === undefined ? false : openRow(row);
    }

    function clicked(event, areaRow) {
      var row = canvas.hit(event.containerPoint);
      if (row >= 0) openRow(row, true);
      else if (areaRow !== undefined) showPopup(areaRow, event.latlng);
    }

    Object.keys(c.outlines).forEach(function (key) {
      var row = Number(key);
      var name = c.tables.layers[c.layer[row]];
      var style = meta.area_styles[name] || meta.area_styles.line;
      var layer = L.geoJSON(c.outlines[key], { style: function () { return style; } });
      layer.bindTooltip(UI.el("span", null, c.name[row]), { sticky: true });
      layer.on("click", function (event) { L.DomEvent.stop(event); clicked(event, row); });
      layer.addTo(overlay(name));
      areas[row] = layer;
      layer.eachLayer(function (part) {
        var node = part.getElement && part.getElement();
        if (node) node.classList.add("envmap-" + name.replace("_", "-"));
      });
      if (name === "districts") {
        var marker = L.marker(sites.latlng(row), {
          icon: L.divIcon({ className: "envmap-label", html: UI.el("span", "envmap-label-text", c.name[row]), iconSize: null }),
          interactive: false,
          keyboard: false
        }).addTo(overlay("districts"));
        var bounds = layer.getBounds();
        var area = (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth());
        canvas.labels.add(marker, c.outlines[key], area);
      }
    });
    overlays.sites = canvas;  /* put on the map once the bar has taken its room: one first draw */
    map.on("click", function (event) { clicked(event); });
    map.on("overlayadd", function () { canvas.redraw(); });  /* names back: place them again */
    map.on("mousemove", function (event) {
      map.getContainer().classList.toggle("envmap-over-site", canvas.hit(event.containerPoint) >= 0);
    });

    var layers = L.control.layers(null, null, { collapsed: phone.matches, position: "topright" });
    meta.layers.forEach(function (layer) {
      if (overlays[layer.id]) layers.addOverlay(overlays[layer.id], UI.bilingual(layer.zh, layer.en));
    });
    layers.addTo(map);
    /* Leaflet names its own buttons in English only */
    [[".leaflet-control-zoom-in", "放大 Zoom in"], [".leaflet-control-zoom-out", "缩小 Zoom out"],
      [".leaflet-control-layers-toggle", "图层 Layers"]].forEach(function (spec) {
      var node = map.getContainer().querySelector(spec[0]);
      if (node) { node.title = spec[1]; node.setAttribute("aria-label", spec[1]); }
    });
    basemap();
    if (overlays.districts) overlays.districts.bringToBack();

    /* Filters: a row shows when every group allows one of its values. */
    var filters = UI.filterModel(meta, c);
    function applyFilters() {
      var counts = filters.apply(sites.shown);
      Object.keys(areas).forEach(function (key) {
        var group = overlays[c.tables.layers[c.layer[key]]];
        if (c.tables.layers[c.layer[key]] === "districts") return;
        if (sites.shown[key]) group.addLayer(areas[key]); else group.removeLayer(areas[key]);
      });
      canvas.redraw();
      return counts;
    }

    /* Permalink: #map=zoom/lat/lon&site=id, written on every change, read on hashchange. */
    var writing = false;
    var pending = 0;
    var written = window.location.hash;  /* the last address this page wrote or read */
    function writeHash() {
      if (writing) return;
      window.clearTimeout(pending);
      pending = window.setTimeout(writeNow, 150);  /* once a move ends, not on each step */
    }

    function writeNow() {
      if (window.location.hash !== written) return;  /* a newer address is read first */
      var centre = map.getCenter();
      var hash = "#map=" + map.getZoom() + "/" + centre.lat.toFixed(5) + "/" + centre.lng.toFixed(5);
      if (open >= 0) hash += "&site=" + encodeURIComponent(c.id[open]);
      if (window.location.hash !== hash) {
        window.history.replaceState(null, "", hash);
        if (ui) ui.linkChanged();
      }
      written = window.location.hash;
    }

    function readHash() {
      var wanted = UI.parseHash(window.location.hash);
      written = window.location.hash;
      if (ui) ui.linkChanged();
      writing = true;
      try {
        var view = /^(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(wanted.map || "");
        if (view && Math.abs(view[2]) <= 85 && Math.abs(view[3]) <= 180) {
          map.setView([Number(view[2]), Number(view[3])], Math.min(Number(view[1]), 18), { animate: false });
        } else {
          view = null;
        }
        var row = wanted.site === undefined ? undefined : sites.rowOf.get(wanted.site);
        if (row !== undefined) openRow(row, Boolean(view), Boolean(view));
        else if (wanted.site === undefined && open >= 0) close();
      } finally {
        writing = false;
      }
      writeHash();
    }

    function inView(row) {
      var name = c.tables.layers[c.layer[row]];
      var view = map.getBounds();
      if (name === "city") return true;
      if (sites.point[row]) {
        var lat = c.y[row] / 1e6;
        var lng = c.x[row] / 1e6;
        return lat >= view.getSouth() && lat <= view.getNorth() && lng >= view.getWest() && lng <= view.getEast();
      }
      return Boolean(areas[row]) && view.intersects(areas[row].getBounds());
    }

    function searchRows(query, limit) {
      return UI.search(c, sites, query, limit);
    }

    ui = UI.build(meta, map, {
      columns: c,
      sites: sites,
      canvas: canvas,
      wuhan: wuhan,
      openRow: openRow,
      inView: inView,
      search: searchRows,
      applyFilters: applyFilters,
      filters: filters,
      permalink: function () { writeNow(); return window.location.href; },
      closeSheet: function () { if (phone.matches && open >= 0) close(); },
      panelsChanged: panelsChanged,
      focusOpen: focusOpen,
      printed: function (printing) {
        var before = document.querySelector(".envmap-print-details");
        if (before) before.remove();
        if (printing && open >= 0) printedSite();
        if (canvas._map) canvas.paper(printing);
      }
    });

    /* On paper the open popup's text goes below the map (the map's edge would cut it) and the
     * site to the map's centre. */
    function printedSite() {
      if (popup && map.hasLayer(popup)) {
        var details = UI.el("section", "envmap-print-details");
        details.appendChild(body(open));
        map.getContainer().after(details);
      }
      if (sites.point[open]) map.setView(sites.latlng(open), map.getZoom(), { animate: false });
    }
    map.on("moveend", writeHash);
    window.addEventListener("hashchange", readHash);
    canvas.addTo(map);
    if (window.location.hash) {
      try { readHash(); } catch (error) { writing = false; }  /* a hostile hash opens nothing */
    }

    window.setTimeout(function () { UI.prepareSearch(c); }, 0);
    performance.mark("envmap-ready");
    window.envmap = {
      map: map,
      ready: true,
      open: openId,
      close: close,
      search: function (query, limit) {
        return searchRows(query, limit).map(function (row) { return { id: c.id[row], name: c.name[row] }; });
      },
      site: function (id) {
        var row = typeof id === "string" ? sites.rowOf.get(id) : undefined;
        if (row === undefined) return null;
        var at = sites.latlng(row);
        return { id: c.id[row], name: c.name[row], status: UI.statusOf(meta, c.status[row]).value, lat: at.lat, lng: at.lng, shown: Boolean(sites.shown[row]), former: Boolean(sites.former[row]) };
      },
      drawn: function () { return { count: canvas.count, inView: canvas.inView }; },
      openId: function () { return open >= 0 ? c.id[open] : null; },
      filters: filters
    };
  }

  function failed(error) {
    document.body.appendChild(UI.el("div", "envmap-failed", "地图数据无法读取 The map's data could not be read: " + error));
    window.envmap = { map: map, ready: false, error: String(error) };
  }

  try {
    performance.mark("envmap-script");
    data.inflate().then(start).catch(failed);
  } catch (error) {
    failed(error);
  }
})(ENVMAP_MAP);
