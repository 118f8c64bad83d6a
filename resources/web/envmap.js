/* Wuhan EnvMap's exported map: builds the layers, popups, legend and search from the JSON
 * data block. Every text from documents and the catalog reaches the page through
 * textContent or attributes, never as HTML, so a hostile name or quote shows as written. */
(function (map, layerControl) {
  "use strict";
  var data = JSON.parse(document.getElementById("envmap-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var sites = {};
  var overlays = {};
  var wuhan = L.latLngBounds([data.bounds[1], data.bounds[0]], [data.bounds[3], data.bounds[2]]);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function bilingual(zh, en) {
    return en ? zh + " " + en : zh;
  }

  var SHAPES = {
    square: "M-5,-5H5V5H-5Z",
    triangle: "M0,-6L6,5H-6Z",
    diamond: "M0,-6.5L6.5,0L0,6.5L-6.5,0Z",
    cross: "M2,-6H-2V-2H-6V2H-2V6H2V2H6V-2H2Z",
    star: "M0,-7L1.9,-2.4L6.7,-2.2L2.9,0.9L4.2,5.6L0,2.9L-4.2,5.6L-2.9,0.9L-6.7,-2.2L-1.9,-2.4Z",
    circle: "M-5.5,0A5.5,5.5 0 1,0 5.5,0A5.5,5.5 0 1,0 -5.5,0Z"
  };

  Object.assign(SHAPES, data.shapes || {});  /* the outlines of gis/symbology.py */

  function symbol(shape, colour, size) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "-8 -8 16 16");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", SHAPES[shape] || SHAPES.circle);
    path.setAttribute("fill", colour);
    path.setAttribute("stroke", "#ffffff");
    path.setAttribute("stroke-width", "1.5");
    svg.appendChild(path);
    return svg;
  }

  function statusOf(value) {
    for (var i = 0; i < data.statuses.length; i++) {
      if (data.statuses[i].value === value) return data.statuses[i];
    }
    return data.no_measure;
  }

  function badge(value) {
    var status = statusOf(value);
    var span = el("span", "envmap-badge", bilingual(status.zh, status.en));
    span.style.background = status.colour;
    return span;
  }

  function evidenceList(pieces) {
    var list = el("ul", "envmap-evidence");
    pieces.forEach(function (piece) {
      var item = el("li");
      item.appendChild(el("q", "envmap-quote", piece.quote));
      item.appendChild(el("span", "envmap-source", " — " + piece.document_title + "，第" +
        piece.paragraph + "段 (¶" + piece.paragraph + ")"));
      list.appendChild(item);
    });
    return list;
  }

  function popupFor(site) {
    var p = site.props;
    var box = el("div", "envmap-popup-body");
    box.appendChild(el("h3", null, p.name_zh));
    if (p.name_en) box.appendChild(el("div", "envmap-en", p.name_en));
    var facts = el("dl");
    function fact(term, value) {
      if (value === undefined || value === null || value === "") return;
      facts.appendChild(el("dt", null, term));
      facts.appendChild(el("dd", null, value));
    }
    fact("类型 Kind", bilingual(p.kind_zh, p.kind_en));
    fact("所在区 District", p.districts.join("、"));
    fact("位置 Location", p.location_text);
    fact("依据 Basis", p.location_note);
    if (p.leader) fact("负责领导 Leader", p.leader);
    p.relations.forEach(function (relation) { fact("关系 Relation", relation); });
    box.appendChild(facts);
    if (p.status !== undefined) {
      var overall = el("div", "envmap-overall", "总体状态 Overall: ");
      overall.appendChild(badge(p.status));
      box.appendChild(overall);
    }
    if (p.measures.length) {
      box.appendChild(el("h4", null, "措施 Measures (" + p.measures.length + ")"));
      var list = el("ol", "envmap-measures");
      p.measures.forEach(function (m) {
        var item = el("li");
        item.appendChild(badge(m.status));
        item.appendChild(el("span", "envmap-measure", " " + m.text_zh));
        var meta = [];
        if (m.as_of) meta.push("截至 as of " + m.as_of);
        if (m.document_status !== m.status) {
          meta.push("文件所述 document: " + bilingual(statusOf(m.document_status).zh, statusOf(m.document_status).en));
        }
        if (m.target_date) meta.push("时限 Due " + m.target_date);
        if (m.responsible) meta.push("责任 " + m.responsible);
        meta.push("原文用语 “" + m.status_words + "”");
        item.appendChild(el("div", "envmap-meta", meta.join(" · ")));
        item.appendChild(evidenceList(m.evidence));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (p.pledges.length) {
      box.appendChild(el("h4", null, "领导承诺 Pledges"));
      box.appendChild(evidenceList(p.pledges));
    }
    return box;
  }

  function overlay(id) {
    if (!overlays[id]) {
      overlays[id] = L.featureGroup().addTo(map);
    }
    return overlays[id];
  }

  function addArea(site) {
    var style = data.area_styles[site.layer] || data.area_styles.line;
    var layer = L.geoJSON(site.geometry, { style: function () { return style; } });
    layer.bindTooltip(el("span", null, site.props.name_zh), { sticky: true });
    layer.bindPopup(function () { return popupFor(site); }, data.popup);
    layer.addTo(overlay(site.layer));
    site.layer_object = layer;
    layer.eachLayer(function (part) {
      var node = part.getElement && part.getElement();
      if (node) node.classList.add("envmap-" + site.layer.replace("_", "-"));
    });
    if (site.label) {
      var text = el("span", "envmap-label-text", site.props.name_zh);
      L.marker([site.label[1], site.label[0]], {
        icon: L.divIcon({ className: "envmap-label", html: text, iconSize: null }),
        interactive: false,
        keyboard: false
      }).addTo(overlay("districts"));
    }
  }

  function addPoint(site) {
    var latlng = [site.geometry.coordinates[1], site.geometry.coordinates[0]];
    var status = statusOf(site.props.status);
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        className: "envmap-site envmap-site-" + site.props.kind,
        html: symbol(site.shape, status.colour, 16),
        iconSize: [16, 16],
        iconAnchor: [8, 8],
        popupAnchor: [0, -6]
      }),
      title: site.props.name_zh,
      riseOnHover: true
    });
    marker.bindPopup(function () { return popupFor(site); }, data.popup);
    marker.addTo(overlay(site.layer));
    site.layer_object = marker;
    if (site.props.precision_m && site.estimate) {
      var halo = Object.assign({ radius: site.props.precision_m }, data.area_styles.halo);
      L.circle(latlng, halo).addTo(overlay("uncertainty"));
    }
  }

  /* Water (gis/water.py) over the districts' ground, beneath every other layer. */
  function addWater() {
    if (!data.water) return;
    map.getContainer().style.background = data.background;
    L.geoJSON(data.water.features, {
      interactive: false,
      style: function (feature) { return data.water.styles[feature.properties.kind]; }
    }).addTo(map).bringToBack();
  }

  /* A site whose move is done marks where it was: a hollow grey symbol labelled 原址. */
  function markFormer(site) {
    if (!site.former || !site.layer_object || !site.layer_object.setIcon) return;
    var box = el("span", "envmap-former");
    var svg = symbol(site.shape, "rgba(255,255,255,0.8)", 16);
    svg.firstChild.setAttribute("stroke", "#6e6e6e");
    svg.firstChild.setAttribute("stroke-width", "2");
    box.appendChild(svg);
    box.appendChild(el("span", "envmap-former-label", "原址"));
    site.layer_object.setIcon(L.divIcon({
      className: "envmap-site envmap-site-former", html: box,
      iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -6]
    }));
  }

  /* Halos and 原址 notes mean something from a street scale on (gis.symbology.HALO_MIN_ZOOM). */
  function showHalos() {
    var hidden = map.getZoom() < (data.halo_min_zoom || 0);
    map.getContainer().classList.toggle("envmap-halos-hidden", hidden);
  }

  data.sites.forEach(function (site) {
    sites[site.id] = site;
    if (!site.geometry) return;  /* citywide: no shape, opened over all of Wuhan */
    if (site.geometry.type === "Point") addPoint(site); else addArea(site);
    markFormer(site);
  });
  addWater();
  map.on("zoomend", showHalos);

  data.layers.forEach(function (layer) {
    if (overlays[layer.id]) layerControl.addOverlay(overlays[layer.id], bilingual(layer.zh, layer.en));
  });
  if (overlays.uncertainty) {
    overlays.uncertainty.bringToBack();
    layerControl.addOverlay(overlays.uncertainty, "位置不确定范围 Location uncertainty");
  }
  if (overlays.districts) overlays.districts.bringToBack();
  map.on("overlayremove overlayadd", function (event) {
    if (event.layer === overlays.sites && overlays.uncertainty) {
      if (event.type === "overlayremove") map.removeLayer(overlays.uncertainty);
      else overlays.uncertainty.addTo(map);
    }
  });

  function open(id) {
    var site = sites[id];
    if (!site) return false;
    if (!site.geometry) {
      map.closePopup();
      map.fitBounds(wuhan, { animate: false });
      L.popup(data.popup).setLatLng(map.getCenter()).setContent(popupFor(site)).openOn(map);
      return true;
    }
    var group = overlay(site.layer);
    if (!map.hasLayer(group)) group.addTo(map);
    map.closePopup();
    if (site.geometry.type === "Point") {
      map.setView(site.layer_object.getLatLng(), Math.max(map.getZoom(), 13), { animate: false });
      site.layer_object.openPopup();
    } else {
      var bounds = site.layer_object.getBounds();
      map.fitBounds(bounds, { maxZoom: 14, animate: false });
      site.layer_object.openPopup(site.label ? [site.label[1], site.label[0]] : bounds.getCenter());
    }
    return true;
  }

  /* Search, by gis/search.py's rule: each site carries its keys [source, normalised text]
   * (name, alias, English name, measure); a key ranks source * 3 + (exact 0, prefix 1,
   * inside 2), the best key ranks the site, and ties go to the order Python gave (shorter
   * name first). Enter opens the first or highlighted hit. */
  function normalise(text) {
    return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  }

  function score(site, needle) {
    var best = -1;
    site.keys.forEach(function (entry) {
      var key = entry[1];
      var at = key.indexOf(needle);
      if (at < 0) return;
      var rank = entry[0] * 3 + (key === needle ? 0 : at === 0 ? 1 : 2);
      if (best < 0 || rank < best) best = rank;
    });
    return best;
  }

  function search(query) {
    var needle = normalise(query);
    if (!needle) return [];
    return data.sites.map(function (site) {
      return { site: site, score: score(site, needle) };
    }).filter(function (hit) { return hit.score >= 0; }).sort(function (a, b) {
      return a.score - b.score || a.site.order - b.site.order;
    }).map(function (hit) { return hit.site; });
  }

  var Search = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function () {
      var box = el("div", "envmap-search leaflet-bar");
      var input = el("input");
      input.type = "search";
      input.placeholder = "搜索点位或措施 Search";
      input.setAttribute("aria-label", "搜索 Search");
      var results = el("ul", "envmap-results");
      box.appendChild(input);
      box.appendChild(results);
      var hits = [];
      var current = 0;
      function show() {
        results.textContent = "";
        hits.forEach(function (hit, index) {
          var item = el("li", index === current ? "envmap-current" : null, hit.props.name_zh);
          item.appendChild(el("span", "envmap-result-kind", " " + hit.props.kind_zh));
          item.addEventListener("mousedown", function (event) {
            event.preventDefault();
            choose(index);
          });
          results.appendChild(item);
        });
      }
      function choose(index) {
        if (!hits[index]) return;
        open(hits[index].id);
        results.textContent = "";
        input.blur();
      }
      input.addEventListener("input", function () {
        hits = search(input.value).slice(0, 12);
        current = 0;
        show();
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") choose(current);
        else if (event.key === "ArrowDown") { current = Math.min(current + 1, hits.length - 1); show(); }
        else if (event.key === "ArrowUp") { current = Math.max(current - 1, 0); show(); }
        else if (event.key === "Escape") { results.textContent = ""; }
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });

  var Title = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function () {
      var box = el("div", "envmap-title");
      box.appendChild(el("div", "envmap-title-text", data.title));
      box.appendChild(el("div", "envmap-subtitle", data.subtitle));
      data.sites.forEach(function (site) {
        if (site.geometry) return;
        var button = el("button", "envmap-citywide", site.props.name_zh + " · " +
          site.props.measures.length + " 项措施 measures");
        button.type = "button";
        button.addEventListener("click", function () { open(site.id); });
        box.appendChild(button);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });

  var Legend = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd: function () {
      var box = el("div", "envmap-legend");
      box.appendChild(el("h4", null, "图例 Legend"));
      data.statuses.concat([data.no_measure]).forEach(function (status) {
        var row = el("div", "envmap-legend-row");
        row.appendChild(symbol("circle", status.colour, 14));
        row.appendChild(el("span", null, bilingual(status.zh, status.en)));
        box.appendChild(row);
      });
      data.kinds.forEach(function (kind) {
        var row = el("div", "envmap-legend-row");
        row.appendChild(symbol(kind.shape, "#9a9a9a", 14));
        row.appendChild(el("span", null, bilingual(kind.zh, kind.en)));
        box.appendChild(row);
      });
      box.appendChild(el("div", "envmap-legend-note", data.legend_note));
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });

  function addTiles(key) {
    data.basemap.layers.forEach(function (layer) {
      L.tileLayer(layer.url.replace("{tk}", encodeURIComponent(key || "")), {
        subdomains: layer.subdomains, maxZoom: 18, attribution: layer.attribution
      }).addTo(map).bringToBack();
    });
  }

  var KeyPrompt = L.Control.extend({
    options: { position: "topright" },
    onAdd: function () {
      var box = el("form", "envmap-key");
      box.appendChild(el("label", null, "天地图密钥 Tianditu key (tk)"));
      var input = el("input");
      input.type = "password";
      box.appendChild(input);
      box.appendChild(el("button", null, "加载底图 Load"));
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

  new Title().addTo(map);
  new Search().addTo(map);
  new Legend().addTo(map);
  map.attributionControl.setPrefix(false);
  data.attribution.forEach(function (text) { map.attributionControl.addAttribution(text); });
  if (data.basemap.layers.length) {
    var stored = null;
    try { stored = window.sessionStorage.getItem("envmap.tianditu.tk"); } catch (e) { stored = null; }
    if (!data.basemap.needs_key) addTiles(data.basemap.key);
    else if (stored) addTiles(stored);
    else new KeyPrompt().addTo(map);
  }
  map.fitBounds(wuhan);
  showHalos();
  var wanted = /^#site=(.+)$/.exec(window.location.hash);
  if (wanted) open(decodeURIComponent(wanted[1]));

  window.envmap = { map: map, sites: sites, open: open, search: search };
})(ENVMAP_MAP, ENVMAP_LAYER_CONTROL);
