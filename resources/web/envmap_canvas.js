/* Wuhan EnvMap's exported map: the point sites on one canvas, a Leaflet layer. Zoomed out the
 * sites are thinned to one a CELL-pixel cell (sites with a status, then precise ones, win) and
 * copied pixel by pixel into one image (Chromium's software drawImage costs ~5 µs a symbol);
 * zoomed in, every site is drawn with its uncertainty halo. No inlined library clusters on a
 * canvas (Leaflet.markercluster makes DOM markers), hence this grid. */
window.EnvMapCanvas = function (map, meta, UI) {
  "use strict";
  var THIN_BELOW = 13;  /* zoom under which sites are thinned to one per CELL pixels */
  var CELL = 9;
  var HALO_FROM = meta.halo_min_zoom || 12;  /* halos and 原址 notes from this zoom on */
  var PAD = 0.15;  /* the canvas reaches this share of the view beyond each edge */
  var SIZE = 16;
  var HIT = 9;

  function spriteCache() {
    var cache = {};
    var ratio = window.devicePixelRatio || 1;
    return function (shape, colour, edge) {
      var key = shape + colour + (edge || "");
      if (!cache[key]) {
        var canvas = document.createElement("canvas");
        canvas.width = canvas.height = Math.ceil(SIZE * ratio);
        var ctx = canvas.getContext("2d");
        ctx.scale(SIZE * ratio / 16, SIZE * ratio / 16);
        ctx.translate(8, 8);
        var path = new Path2D(UI.SHAPES[shape] || UI.SHAPES.circle);
        ctx.fillStyle = colour;
        ctx.strokeStyle = edge || "#ffffff";
        ctx.lineWidth = edge ? 2 : 1.5;
        ctx.fill(path);
        ctx.stroke(path);
        canvas.words = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
        cache[key] = canvas;
      }
      return cache[key];
    };
  }

  return L.Layer.extend({
    initialize: function (sites) {
      this.sites = sites;
      this.sprite = spriteCache();
      this.selected = -1;
      this.drawn = new Int32Array(0);
      this.count = 0;
      this.inView = 0;
      this.drawnInView = 0;
    },
    onAdd: function () {
      this.canvas = L.DomUtil.create("canvas", "envmap-canvas leaflet-zoom-animated");
      this.getPane("envmapSites").appendChild(this.canvas);
      map.on("moveend", this.redraw, this);
      map.on("zoomanim", this.animate, this);
      this.redraw();
    },
    onRemove: function () {  /* nothing of the sites stays: no clicks, no count, names free */
      L.DomUtil.remove(this.canvas);
      map.off("moveend", this.redraw, this);
      map.off("zoomanim", this.animate, this);
      this.drawn = new Int32Array(0);
      this.count = 0;
      this.inView = 0;
      this.drawnInView = 0;
      if (this.labels) this.labels.place(new Float32Array(0), new Float32Array(0), 0);
      this.fire("drawn");
    },
    getPane: function () { return map.getPane("envmapSites"); },
    /* Chromium prints this canvas opaque, over the districts and water: on paper a picture of
     * it (a PNG keeps its transparency) stands in its place. */
    paper: function (printing) {
      if (this.picture) L.DomUtil.remove(this.picture);
      this.picture = null;
      if (!printing || !this._map) return;
      var picture = this.picture = L.DomUtil.create("img", "envmap-canvas-print", this.getPane());
      picture.alt = "";
      picture.src = this.canvas.toDataURL("image/png");
      picture.style.width = this.canvas.style.width;
      picture.style.height = this.canvas.style.height;
      L.DomUtil.setPosition(picture, L.DomUtil.getPosition(this.canvas));
    },
    animate: function (event) {
      var scale = map.getZoomScale(event.zoom, map.getZoom());
      L.DomUtil.setTransform(this.canvas, map._latLngToNewLayerPoint(this.nw, event.zoom, event.center), scale);
    },
    redraw: function () {
      if (!this._map) return;
      var size = map.getSize();
      var topLeft = map.containerPointToLayerPoint([-size.x * PAD, -size.y * PAD]).round();
      var width = Math.round(size.x * (1 + 2 * PAD));
      var height = Math.round(size.y * (1 + 2 * PAD));
      var ratio = window.devicePixelRatio || 1;
      var canvas = this.canvas;
      L.DomUtil.setPosition(canvas, topLeft);
      this.nw = map.layerPointToLatLng(topLeft);
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = width + "px";
        canvas.style.height = height + "px";
      }
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      var zoom = map.getZoom();
      var scale = 256 * Math.pow(2, zoom);
      var origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x;
      var oy = origin.y + topLeft.y;
      var s = this.sites;
      var c = s.c;
      var thin = zoom < THIN_BELOW;
      var cols = Math.ceil(width / CELL) + 1;
      var taken = thin ? new Uint8Array(cols * (Math.ceil(height / CELL) + 1)) : null;
      var drawn = new Int32Array(s.n);
      var xs = new Float32Array(s.n);
      var ys = new Float32Array(s.n);
      var count = 0;
      var inView = 0;  /* shown point sites inside the view itself (the list's test), */
      var drawnInView = 0;  /* and those of them drawn: the corner's two numbers */
      var corner = map.layerPointToContainerPoint(topLeft);  /* the canvas's corner, ≤ 0 */
      var viewLeft = -corner.x, viewTop = -corner.y;
      var margin = SIZE;
      for (var k = 0; k < s.n; k++) {
        var i = s.priority[k];
        if (!s.point[i] || !s.shown[i]) continue;
        var x = s.px[i] * scale - ox;
        var y = s.py[i] * scale - oy;
        if (x < -margin || y < -margin || x > width + margin || y > height + margin) continue;
        var seen = x >= viewLeft && y >= viewTop && x <= viewLeft + size.x && y <= viewTop + size.y;
        if (seen) inView++;
        if (thin) {
          var cell = Math.floor(Math.max(x, 0) / CELL) + cols * Math.floor(Math.max(y, 0) / CELL);
          if (taken[cell]) continue;
          taken[cell] = 1;
        }
        if (seen) drawnInView++;
        drawn[count] = i;
        xs[count] = x;
        ys[count] = y;
        count++;
      }
      var half = SIZE / 2;
      if (zoom >= HALO_FROM) {
        this.halos(ctx, drawn, xs, ys, count, scale);
        for (var d = count - 1; d >= 0; d--) {
          ctx.drawImage(this.symbolOf(drawn[d]), xs[d] - half, ys[d] - half, SIZE, SIZE);
        }
      } else {
        this.blit(ctx, drawn, xs, ys, count, ratio);
      }
      if (this.labels) {  /* the district names first: notes give way to them */
        var shift = map.layerPointToContainerPoint(topLeft);
        var cxs = new Float32Array(count);
        var cys = new Float32Array(count);
        for (var e = 0; e < count; e++) { cxs[e] = xs[e] + shift.x; cys[e] = ys[e] + shift.y; }
        this.labels.place(cxs, cys, count);
        this.shift = shift;
      }
      if (zoom >= HALO_FROM) this.formerLabels(ctx, drawn, xs, ys, count);
      var at = count ? Array.prototype.indexOf.call(drawn.subarray(0, count), this.selected) : -1;
      if (at >= 0) {
        ctx.beginPath();
        ctx.arc(xs[at], ys[at], half + 3, 0, 2 * Math.PI);
        ctx.lineWidth = 3;
        ctx.strokeStyle = meta.selection;
        ctx.stroke();
      }
      this.drawn = drawn.subarray(0, count);
      this.count = count;
      this.inView = inView;
      this.drawnInView = drawnInView;
      this.fire("drawn");
    },
    symbolOf: function (row) {
      var c = this.sites.c;
      if (this.sites.former[row]) {  /* where it was: hollow and grey, as on the desktop */
        return this.sprite(meta.kinds[c.kind[row]].shape, meta.former.fill, meta.former.edge);
      }
      return this.sprite(meta.kinds[c.kind[row]].shape, UI.statusOf(meta, c.status[row]).colour);
    },
    /* The symbols copied into one image, the last drawn (most important) on top; an edge
     * pixel over another symbol is blended as source-over would. */
    blit: function (ctx, drawn, xs, ys, count, ratio) {
      var width = this.canvas.width;
      var height = this.canvas.height;
      if (!this.image || this.image.width !== width || this.image.height !== height) {
        this.image = ctx.createImageData(width, height);
        this.words = new Uint32Array(this.image.data.buffer);
      }
      var bytes = this.image.data;
      var words = this.words;
      words.fill(0);
      var side = Math.ceil(SIZE * ratio);
      for (var d = count - 1; d >= 0; d--) {
        var source = this.symbolOf(drawn[d]).words;
        var x0 = Math.round((xs[d] - SIZE / 2) * ratio);
        var y0 = Math.round((ys[d] - SIZE / 2) * ratio);
        for (var sy = 0; sy < side; sy++) {
          var ty = y0 + sy;
          if (ty < 0 || ty >= height) continue;
          for (var sx = 0; sx < side; sx++) {
            var tx = x0 + sx;
            if (tx < 0 || tx >= width) continue;
            var pixel = source[sy * side + sx];
            var alpha = pixel >>> 24;
            if (alpha === 0) continue;
            var at = ty * width + tx;
            if (alpha === 255 || words[at] === 0) { words[at] = pixel; continue; }
            var a = alpha / 255;
            var under = bytes[at * 4 + 3] / 255 * (1 - a);
            var out = a + under;
            var p = at * 4;
            bytes[p] = ((pixel & 255) * a + bytes[p] * under) / out;
            bytes[p + 1] = (((pixel >>> 8) & 255) * a + bytes[p + 1] * under) / out;
            bytes[p + 2] = (((pixel >>> 16) & 255) * a + bytes[p + 2] * under) / out;
            bytes[p + 3] = out * 255;
          }
        }
      }
      ctx.putImageData(this.image, 0, 0);
    },
    /* A former site says so beside its symbol once streets show, unless the note would
     * cover a district's name or another symbol. */
    formerLabels: function (ctx, drawn, xs, ys, count) {
      ctx.save();
      ctx.font = "11px sans-serif";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = meta.former.edge;
      for (var d = 0; d < count; d++) {
        if (!this.sites.former[drawn[d]]) continue;
        if (this.labels) {
          var left = xs[d] + this.shift.x + SIZE / 2 + 2;
          var top = ys[d] + this.shift.y - 7;
          var note = { left: left, top: top, right: left + ctx.measureText(meta.former.label).width, bottom: top + 14 };
          if (!this.labels.noteFree(note)) continue;
          this.labels.take(note);
        }
        ctx.strokeText(meta.former.label, xs[d] + SIZE / 2 + 2, ys[d]);
        ctx.fillText(meta.former.label, xs[d] + SIZE / 2 + 2, ys[d]);
      }
      ctx.restore();
    },
    halos: function (ctx, drawn, xs, ys, count, scale) {
      var style = meta.area_styles.halo;
      var c = this.sites.c;
      ctx.save();
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = style.weight;
      ctx.strokeStyle = style.color;
      ctx.fillStyle = style.fillColor;
      for (var d = 0; d < count; d++) {
        var row = drawn[d];
        if (!(c.flags[row] & 1) || !c.prec[row]) continue;
        var metresPerPixel = 40075016.686 * Math.cos(c.y[row] / 1e6 * Math.PI / 180) / scale;
        ctx.beginPath();
        ctx.arc(xs[d], ys[d], c.prec[row] / metresPerPixel, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
      ctx.restore();
    },
    hit: function (containerPoint) {
      var world = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin());
      var scale = 256 * Math.pow(2, map.getZoom());
      var best = -1;
      var bestDistance = HIT * HIT;
      for (var d = 0; d < this.drawn.length; d++) {
        var row = this.drawn[d];
        var dx = this.sites.px[row] * scale - world.x;
        var dy = this.sites.py[row] * scale - world.y;
        var distance = dx * dx + dy * dy;
        if (distance <= bestDistance) { best = row; bestDistance = distance; }
      }
      return best;
    }
  });
};
