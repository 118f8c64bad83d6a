/* Wuhan EnvMap's exported map: the sites' packed columnar block (gis/export/html_data.py),
 * inflated by the browser's DecompressionStream, and the per-site arrays drawing, thinning and
 * picking read (Web Mercator positions, which rows are points, who wins a thinned cell). */
window.EnvMapSites = function (meta) {
  "use strict";

  function base64Bytes(text) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function inflate() {
    var text = document.getElementById("envmap-sites").textContent.trim();
    var stream = new Blob([base64Bytes(text)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function Sites(c) {
    var n = c.n;
    this.c = c;
    this.n = n;
    this.px = new Float64Array(n);  /* Web Mercator, the world as 0..1 (Leaflet's EPSG:3857) */
    this.py = new Float64Array(n);
    this.rowOf = new Map();
    this.point = new Uint8Array(n);
    this.shown = new Uint8Array(n).fill(1);
    this.former = new Uint8Array(n);  /* drawn where it was: 原址 */
    (c.former || []).forEach(function (row) { this.former[row] = 1; }, this);
    var city = c.tables.layers.indexOf("city");
    for (var i = 0; i < n; i++) {
      var lat = c.y[i] / 1e6 * Math.PI / 180;
      this.px[i] = (c.x[i] / 1e6 + 180) / 360;
      this.py[i] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
      this.rowOf.set(c.id[i], i);
      this.point[i] = c.layer[i] !== city && !c.outlines[i] ? 1 : 0;
    }
    /* Who wins a cell when thinning: sites with a status before those without, precise
     * locations before estimates, then search's order. */
    var rank = new Float64Array(n);
    var none = meta.statuses.length;
    for (var j = 0; j < n; j++) {
      rank[j] = (c.status[j] === none ? 2 : 0) + (c.flags[j] & 1) + c.order[j] / (n + 1);
    }
    this.priority = Int32Array.from({ length: n }, function (_, k) { return k; })
      .sort(function (a, b) { return rank[a] - rank[b]; });
  }

  Sites.prototype.latlng = function (row) {
    return L.latLng(this.c.y[row] / 1e6, this.c.x[row] / 1e6);
  };

  return { inflate: inflate, Sites: Sites };
};
