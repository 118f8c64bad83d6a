/* Wuhan EnvMap's exported map: where the district names go, so that none covers another name,
 * a drawn symbol or a control. At the city's zoom the seven central districts are a few dozen
 * pixels wide: a name goes at its district's anchor when that spot is free and the name stays
 * inside the district, otherwise beside it with a short leader line (nearest free spot within
 * 40 px, over its own district if one is as near, looking away from the view's centre first;
 * the smallest districts choose first, having the least room), otherwise at its anchor over
 * the symbols if no name is there (names win over symbols: a long leader would point across a
 * neighbour), or beside it over them, otherwise it is hidden. Site notes (原址) then give way to
 * any name or other symbol (see envmap_canvas.js). Run after every redraw of the sites, with
 * a grid of the drawn symbols: the cost follows the symbols in view, never all the sites. */
window.EnvMapLabels = function (map) {
  "use strict";
  var CELL = 4;  /* the symbol grid's cell, in pixels */
  var GAP = 2;  /* kept free around a placed name */
  var RADII = [6, 12, 18, 24, 32, 40, 56, 76, 100, 130];  /* leader lengths tried, shortest first */
  var NEAR = 6;  /* how many of RADII a leader clear of symbols may take: past that, over them */
  var TURNS = 16;  /* leader directions tried at each length */
  var REACH = 9;  /* a symbol's half size plus its edge */

  /* The drawn symbols' centres counted per cell and summed (an integral image): any box is
   * tested in constant time, and building it costs one pass over the drawn symbols. The grid
   * reaches PAD cells past each edge: a symbol just outside still covers the edge. */
  var PAD = Math.ceil(REACH / CELL);
  function Grid(width, height, xs, ys, count, blocked) {
    var cols = this.cols = Math.ceil(width / CELL) + 1 + 2 * PAD;
    var rows = this.rows = Math.ceil(height / CELL) + 1 + 2 * PAD;
    var sums = this.sums = new Int32Array((cols + 1) * (rows + 1));
    for (var d = 0; d < count; d++) {
      var c = Math.floor(xs[d] / CELL) + PAD;
      var r = Math.floor(ys[d] / CELL) + PAD;
      if (c >= 0 && c < cols && r >= 0 && r < rows) sums[(r + 1) * (cols + 1) + c + 1]++;
    }
    for (var y = 1; y <= rows; y++) {
      var line = 0;
      for (var x = 1; x <= cols; x++) {
        line += sums[y * (cols + 1) + x];
        sums[y * (cols + 1) + x] = line + sums[(y - 1) * (cols + 1) + x];
      }
    }
    this.blocked = blocked;  /* controls and panels, as boxes */
  }
  /* Clear of controls and panels (a name may still cover symbols). */
  Grid.prototype.clear = function (box) {
    return !this.blocked.some(function (other) { return overlaps(box, other); });
  };
  Grid.prototype.free = function (box) {
    if (!this.clear(box)) return false;
    var w = this.cols + 1;
    var c0 = Math.max(0, Math.floor(box.left / CELL));
    var r0 = Math.max(0, Math.floor(box.top / CELL));
    var c1 = Math.min(this.cols - 1, Math.floor(box.right / CELL) + 2 * PAD);
    var r1 = Math.min(this.rows - 1, Math.floor(box.bottom / CELL) + 2 * PAD);
    if (c0 > c1 || r0 > r1) return true;
    var s = this.sums;
    return s[(r1 + 1) * w + c1 + 1] - s[r0 * w + c1 + 1] - s[(r1 + 1) * w + c0] + s[r0 * w + c0] === 0;
  };

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function box(left, top, width, height) {
    return { left: left, top: top, right: left + width, bottom: top + height };
  }

  /* Whether [lng, lat] lies inside a GeoJSON polygon or multipolygon (even-odd rule). */
  function inside(geometry, lng, lat) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var hit = false;
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var a = ring[i], b = ring[j];
          if ((a[1] > lat) !== (b[1] > lat) && lng < (b[0] - a[0]) * (lat - a[1]) / (b[1] - a[1]) + a[0]) hit = !hit;
        }
      });
    });
    return hit;
  }

  function geometryOf(outline) {
    var feature = outline.type === "FeatureCollection" ? outline.features[0] : outline;
    return feature.geometry || feature;
  }

  function Labels() {
    this.entries = [];
    this.placed = [];
    this.grid = null;
  }

  /* A district's name at `latlng` (a point inside it), `area` to rank it (larger first). */
  Labels.prototype.add = function (marker, outline, area) {
    var entry = { marker: marker, geometry: geometryOf(outline), area: area, size: null };
    this.entries.push(entry);
    this.entries.sort(function (a, b) { return b.area - a.area; });
    return entry;
  };

  /* The rectangles of what `selector` finds in the map, in map container pixels. */
  function boxes(container, selector) {
    var origin = container.getBoundingClientRect();
    return Array.prototype.map.call(container.querySelectorAll(selector), function (node) {
      var r = node.getBoundingClientRect();
      return box(r.left - origin.left, r.top - origin.top, r.width, r.height);
    }).filter(function (r) { return r.right > r.left && r.bottom > r.top; });
  }

  function within(point, boxes) {
    return boxes.some(function (b) { return point.x >= b.left && point.x <= b.right && point.y >= b.top && point.y <= b.bottom; });
  }

  /* Place every shown name, given the drawn symbols' container pixels xs, ys (count of them). */
  Labels.prototype.place = function (xs, ys, count) {
    var size = map.getSize();
    var container = map.getContainer();
    var grid = new Grid(size.x, size.y, xs, ys, count, boxes(container, ".leaflet-control, .envmap-panel"));
    /* A district under an open panel (a phone's drawer covers half the map) is out of sight:
     * its name is hidden, not led into the strip left above the panel with the others. */
    var panels = boxes(container, ".envmap-panel:not([hidden])");
    var frame = box(0, 0, size.x, size.y);
    var placed = [];
    var pending = [];
    var self = this;
    this.entries.forEach(function (entry) {
      var node = entry.marker.getElement && entry.marker.getElement();
      entry.node = node ? node.querySelector(".envmap-label-text") : null;
      if (!entry.node || !entry.marker._map) return;
      if (!entry.size) entry.size = [entry.node.offsetWidth, entry.node.offsetHeight];
      var at = map.latLngToContainerPoint(entry.marker.getLatLng());
      var middle = box(at.x - entry.size[0] / 2, at.y - entry.size[1] / 2, entry.size[0], entry.size[1]);
      var onView = at.x >= 0 && at.y >= 0 && at.x <= size.x && at.y <= size.y;
      if (within(at, panels)) self.hide(entry);
      else if (onView && !self.fits(entry, middle, grid, placed)) pending.push([entry, at, middle]);
      else if (onView || !placed.some(function (other) { return overlaps(middle, other); })) self.put(entry, at, middle, placed, false);
      else self.hide(entry);
    });
    var centre = { x: size.x / 2, y: size.y / 2 };
    /* The smallest districts first: they have the least room near their anchor. */
    pending.reverse().forEach(function (item) {
      var entry = item[0], at = item[1], middle = item[2];
      var home = function (spot) {
        var mid = map.containerPointToLatLng([(spot.left + spot.right) / 2, (spot.top + spot.bottom) / 2]);
        return inside(entry.geometry, mid.lng, mid.lat);
      };
      var free = function (spot) { return grid.free(spot); };
      var clear = function (spot) { return grid.clear(spot); };
      var spot = leaderSpot(at, entry.size, centre, frame, free, placed, NEAR, home);
      if (spot) self.put(entry, at, spot, placed, true);
      else if (clear(middle) && !placed.some(function (other) { return overlaps(middle, other); })) self.put(entry, at, middle, placed, false);
      else if ((spot = leaderSpot(at, entry.size, centre, frame, clear, placed, RADII.length))) self.put(entry, at, spot, placed, true);
      else self.hide(entry);
    });
    this.placed = placed;
    this.grid = grid;
  };

  /* Free of symbols, names and controls, with both ends of the name inside its district. */
  Labels.prototype.fits = function (entry, spot, grid, placed) {
    if (!grid.free(spot) || placed.some(function (other) { return overlaps(spot, other); })) return false;
    var y = (spot.top + spot.bottom) / 2;
    return [spot.left, spot.right].every(function (x) {
      var end = map.containerPointToLatLng([x, y]);
      return inside(entry.geometry, end.lng, end.lat);
    });
  };

  Labels.prototype.put = function (entry, at, spot, placed, leader) {
    var node = entry.node;
    node.style.visibility = "";
    node.style.transform = "translate(" + (spot.left - at.x) + "px," + (spot.top - at.y) + "px)";
    placed.push({ left: spot.left - GAP, top: spot.top - GAP, right: spot.right + GAP, bottom: spot.bottom + GAP });
    var line = node.parentNode.querySelector(".envmap-leader");
    if (!leader) {
      if (line) line.hidden = true;
      return;
    }
    if (!line) {
      line = document.createElement("span");
      line.className = "envmap-leader";
      node.parentNode.insertBefore(line, node);
    }
    var x = Math.min(Math.max(at.x, spot.left), spot.right) - at.x;
    var y = Math.min(Math.max(at.y, spot.top), spot.bottom) - at.y;
    line.hidden = false;
    line.style.width = Math.hypot(x, y) + "px";
    line.style.transform = "rotate(" + Math.atan2(y, x) + "rad)";
  };

  Labels.prototype.hide = function (entry) {
    entry.node.style.visibility = "hidden";
    var line = entry.node.parentNode.querySelector(".envmap-leader");
    if (line) line.hidden = true;
  };

  /* Whether a site's note at `spot` (container pixels) may show: no name there and no symbol
   * but its own (the note starts `own` pixels right of its symbol's centre). */
  Labels.prototype.noteFree = function (spot) {
    if (this.placed.some(function (other) { return overlaps(spot, other); })) return false;
    return !this.grid || this.grid.free({ left: spot.left + REACH, top: spot.top, right: spot.right, bottom: spot.bottom });
  };

  Labels.prototype.take = function (spot) {
    this.placed.push(spot);
  };

  /* The nearest spot `allowed` for a name led from `at`, the first `lengths` of RADII tried; of
   * the spots as near, one that `home` accepts (over its own district) if there is one. */
  function leaderSpot(at, size, centre, frame, allowed, placed, lengths, home) {
    var first = null;
    var away = Math.atan2(at.y - centre.y, at.x - centre.x);
    var turns = [];
    for (var k = 0; k < TURNS; k++) turns.push(k);
    function off(k) {
      var d = Math.abs(2 * Math.PI * k / TURNS - away) % (2 * Math.PI);
      return Math.min(d, 2 * Math.PI - d);
    }
    turns.sort(function (a, b) { return off(a) - off(b); });
    var width = size[0], height = size[1];
    for (var r = 0; r < lengths; r++) {
      for (var t = 0; t < turns.length; t++) {
        var angle = 2 * Math.PI * turns[t] / TURNS;
        var left = at.x + Math.cos(angle) * (RADII[r] + width / 2) - width / 2;
        var top = at.y + Math.sin(angle) * (RADII[r] + height / 2) - height / 2;
        var spot = box(left, top, width, height);
        if (spot.left < frame.left || spot.top < frame.top || spot.right > frame.right || spot.bottom > frame.bottom) continue;
        if (!allowed(spot) || placed.some(function (other) { return overlaps(spot, other); })) continue;
        if (!home || home(spot)) return spot;
        first = first || spot;
      }
      if (first) return first;
    }
    return null;
  }

  return new Labels();
};
