/* Wuhan EnvMap's exported map, the parts around the map: symbols, popup bodies, the phone's
 * bottom sheet, the permalink parser, search (gis/search.py's rule) and the filter model.
 * envmap_panels.js builds the bar and panels; envmap.js draws. Texts go in as textContent. */
window.EnvMapUI = (function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var UI = {};

  UI.SHAPES = {};  /* the outlines of gis/symbology.py, given by the page's data */

  UI.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  var el = UI.el;

  UI.bilingual = function (zh, en) { return en ? zh + " " + en : zh; };

  UI.symbol = function (shape, colour, size) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("viewBox", "-8 -8 16 16");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", UI.SHAPES[shape] || UI.SHAPES.circle);
    path.setAttribute("fill", colour);
    path.setAttribute("stroke", "#ffffff");
    path.setAttribute("stroke-width", "1.5");
    svg.appendChild(path);
    return svg;
  };

  /* A status by its index in meta.statuses (the last index: no measure) or by its value. */
  UI.statusOf = function (meta, key) {
    if (typeof key === "number") return meta.statuses[key] || meta.no_measure;
    for (var i = 0; i < meta.statuses.length; i++) {
      if (meta.statuses[i].value === key) return meta.statuses[i];
    }
    return meta.no_measure;
  };

  UI.badge = function (meta, key) {
    var status = UI.statusOf(meta, key);
    var span = el("span", "envmap-badge", UI.bilingual(status.zh, status.en));
    span.style.background = status.colour;
    return span;
  };

  function documentOf(meta, index) {
    return meta.documents[index] || { title: "?", date: "" };
  }

  function evidenceList(meta, pieces) {
    var list = el("ul", "envmap-evidence");
    pieces.forEach(function (piece) {
      var item = el("li");
      var doc = documentOf(meta, piece.document);
      item.appendChild(el("q", "envmap-quote", piece.quote));
      item.appendChild(el("span", "envmap-source", " — " + doc.title + "（" + doc.date + "），第" +
        piece.paragraph + "段 (¶" + piece.paragraph + ")"));
      list.appendChild(item);
    });
    return list;
  }

  UI.districtsOf = function (c, row) {
    var names = c.dist[row] >= 0 ? [c.dist[row]] : [];
    return names.concat(c.more_districts[row] || []);
  };

  UI.locationText = function (c, row) {
    return (c.wx[row] / 1e5).toFixed(5) + "°E, " + (c.wy[row] / 1e5).toFixed(5) + "°N ±" +
      c.prec[row].toLocaleString("en-US") + " m · " + c.tables.bases[c.basis[row]] + " · " +
      c.tables.datums[c.datum[row]];
  };

  UI.popupBody = function (meta, c, row) {
    var detail = c.details[row] || {};
    var kind = meta.kinds[c.kind[row]];
    var box = el("div", "envmap-popup-body");
    box.appendChild(el("h3", null, c.name[row]));
    if (c.en[row]) box.appendChild(el("div", "envmap-en", c.en[row]));
    var facts = el("dl");
    function fact(term, value) {
      if (value === undefined || value === null || value === "") return;
      facts.appendChild(el("dt", null, term));
      facts.appendChild(el("dd", null, value));
    }
    fact("类型 Kind", UI.bilingual(kind.zh, kind.en));
    fact("所在区 District", UI.districtsOf(c, row).map(function (d) { return c.tables.districts[d]; }).join("、"));
    fact("原址 Former site", detail.former);
    if (c.tables.layers[c.layer[row]] !== "city") fact("位置 Location", UI.locationText(c, row));
    fact("依据 Basis", c.tables.notes[c.note[row]]);
    fact("负责领导 Leader", detail.leader);
    (detail.relations || []).forEach(function (relation) { fact("关系 Relation", relation); });
    var cited = c.cited[row] || [];
    fact("文件日期 Documents", cited.length ? cited.map(function (d) {
      var doc = documentOf(meta, d);
      return doc.title + "（" + doc.date + "）";
    }).join("；") : "无文件引用 none cited · " + meta.documents.map(function (d) { return d.date; }).join("；"));
    box.appendChild(facts);
    var overall = el("div", "envmap-overall", "总体状态 Overall: ");
    overall.appendChild(UI.badge(meta, c.status[row]));
    meta.flags.forEach(function (flag) {
      if (c.flags[row] & (1 << flag.bit)) overall.appendChild(el("span", "envmap-flag", " " + flag.words));
    });
    box.appendChild(overall);
    var measures = detail.measures || [];
    if (measures.length) {
      box.appendChild(el("h4", null, "措施 Measures (" + measures.length + ")"));
      var list = el("ol", "envmap-measures");
      measures.forEach(function (m) {
        var item = el("li");
        item.appendChild(UI.badge(meta, m.status));
        item.appendChild(el("span", "envmap-measure", " " + m.text_zh));
        var notes = [];
        if (m.as_of) notes.push("截至 as of " + m.as_of);
        if (m.document_status !== m.status) {
          var said = UI.statusOf(meta, m.document_status);
          notes.push("文件所述 document: " + UI.bilingual(said.zh, said.en));
        }
        if (m.target_date) notes.push("时限 Due " + m.target_date);
        m.flags.forEach(function (id) {
          meta.flags.forEach(function (flag) { if (flag.id === id) notes.push(flag.words); });
        });
        if (m.responsible) notes.push("责任 " + m.responsible);
        notes.push("原文用语 “" + m.status_words + "”");
        item.appendChild(el("div", "envmap-meta", notes.join(" · ")));
        item.appendChild(evidenceList(meta, m.evidence));
        if (m.newer) {  /* the status now rests on a newer, imported document's words */
          item.appendChild(el("div", "envmap-meta", "新文件所述 as a newer document states:"));
          item.appendChild(evidenceList(meta, [m.newer]));
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if ((detail.pledges || []).length) {
      box.appendChild(el("h4", null, "领导承诺 Pledges"));
      box.appendChild(evidenceList(meta, detail.pledges));
    }
    return box;
  };

  /* The phone's popup: a sheet over the lower part of the screen, never under a control. */
  UI.sheet = function (meta, onClose) {
    var sheet = el("section", "envmap-sheet");
    sheet.setAttribute("aria-label", "点位详情 Site details");
    var shut = el("button", "envmap-sheet-close", "关闭 Close");
    shut.type = "button";
    shut.addEventListener("click", onClose);
    var content = el("div", "envmap-sheet-content");
    sheet.appendChild(shut);
    sheet.appendChild(content);
    sheet.hidden = true;
    document.body.appendChild(sheet);
    return {
      show: function (node) { content.textContent = ""; content.appendChild(node); sheet.hidden = false; content.scrollTop = 0; },
      hide: function () { sheet.hidden = true; content.textContent = ""; },
      top: function () { return sheet.getBoundingClientRect().top; },
      element: sheet
    };
  };

  /* What a set of rows holds, counted once for every place that says how many: the filters'
   * summary, the list's heading and the map's corner. The districts (the ground) are not
   * counted; a point site is one the canvas draws, an area or river is drawn as an outline,
   * citywide measures have no place. `keep(row)` picks the rows, visited in `order` (all
   * rows when none is given). */
  UI.tally = function (c, sites, keep, order) {
    var districts = c.tables.layers.indexOf("districts");
    var city = c.tables.layers.indexOf("city");
    var counts = { all: 0, points: 0, areas: 0, city: 0, measures: 0 };
    for (var k = 0; k < c.n; k++) {
      var row = order ? order[k] : k;
      if (c.layer[row] === districts || !keep(row)) continue;
      counts.all++;
      if (c.layer[row] === city) counts.city++;
      else if (sites.point[row]) counts.points++;
      else counts.areas++;
      counts.measures += ((c.details[row] || {}).measures || []).length;
    }
    return counts;
  };

  UI.plural = function (n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); };

  /* "28 处（22 个点位、5 处区域或河流、1 项全市）" and its English, the parts that are not 0. */
  UI.tallyWords = function (counts) {
    var zh = [];
    var en = [];
    if (counts.points) { zh.push(counts.points + " 个点位"); en.push(UI.plural(counts.points, "point site")); }
    if (counts.areas) { zh.push(counts.areas + " 处区域或河流"); en.push(counts.areas + (counts.areas === 1 ? " area or river" : " areas or rivers")); }
    if (counts.city) { zh.push(counts.city + " 项全市"); en.push(counts.city + " citywide"); }
    return {
      zh: counts.all + " 处" + (zh.length ? "（" + zh.join("、") + "）" : ""),
      en: counts.all + (en.length ? " (" + en.join(", ") + ")" : "")
    };
  };

  /* "#map=…&site=…" into {map, site}; a part that is not ours or does not decode is dropped. */
  UI.parseHash = function (hash) {
    var found = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 1) return;
      var key = part.slice(0, eq);
      var value;
      try { value = decodeURIComponent(part.slice(eq + 1)); } catch (error) { return; }
      if (key === "map" || key === "site") found[key] = value;
    });
    return found;
  };

  /* Search, by gis/search.py's rule, which the page is given as data (c.search, c.keys):
   * a typed character becomes what c.search.fold says (else stays as it is), a key ranks its
   * source's weight plus c.search.match's weight of exact, prefix or inside, the best key
   * ranks the site, and ties go to the order Python gave. Here are only the mechanics: one
   * pass over the flat key columns, then the hits are read off in that order by rank. */
  var byOrder = null;
  var best = null;
  var seen = null;
  var folding = null;
  /* The rows in search's tie-break order, a rank buffer and the folding of characters, made
   * once (after the first frame, so the first keystroke does not pay for them). */
  UI.prepareSearch = function (c) {
    if (byOrder) return;
    byOrder = new Int32Array(c.n);
    for (var r = 0; r < c.n; r++) byOrder[r] = r;
    byOrder.sort(function (a, b) { return c.order[a] - c.order[b]; });
    best = new Int32Array(c.n);
    var most = 0;
    for (var i = 0; i < c.keys.weight.length; i++) most = Math.max(most, c.keys.weight[i]);
    seen = new Uint8Array(most + Math.max.apply(null, c.search.match) + 1);
    folding = new Map();
    var runs = c.search.fold.runs;  /* first code point, length, first target */
    for (var at = 0; at < runs.length; at += 3) {
      for (var j = 0; j < runs[at + 1]; j++) folding.set(String.fromCodePoint(runs[at] + j), String.fromCodePoint(runs[at + 2] + j));
    }
    var more = c.search.fold.more;  /* folded: the characters that fold to it */
    Object.keys(more).forEach(function (folded) {
      Array.from(more[folded]).forEach(function (ch) { folding.set(ch, folded); });
    });
  };

  /* A typed query as gis.search.normalise makes it, one character (code point) at a time. */
  UI.normalise = function (c, text) {
    UI.prepareSearch(c);
    var out = "";
    Array.from(String(text)).forEach(function (ch) {
      var folded = folding.get(ch);
      out += folded === undefined ? ch : folded;
    });
    return out;
  };

  UI.search = function (c, sites, query, limit) {
    var needle = UI.normalise(c, query);
    var found = [];
    found.total = 0;
    if (!needle) return found;
    best.fill(-1);
    seen.fill(0);
    var exact = c.search.match[0];
    var prefix = c.search.match[1];
    var inside = c.search.match[2];
    var keys = c.keys.key;
    for (var i = 0; i < keys.length; i++) {
      var at = keys[i].indexOf(needle);
      if (at < 0) continue;
      var rank = c.keys.weight[i] + (at > 0 ? inside : keys[i].length === needle.length ? exact : prefix);
      var row = c.keys.row[i];
      if (best[row] < 0) found.total++;
      if (best[row] < 0 || rank < best[row]) best[row] = rank;
      seen[rank] = 1;
    }
    var most = limit === undefined ? c.n : limit;
    for (var wanted = 0; wanted < seen.length && found.length < most; wanted++) {
      if (!seen[wanted]) continue;
      for (var k = 0; k < byOrder.length && found.length < most; k++) {
        if (best[byOrder[k]] === wanted) found.push(byOrder[k]);
      }
    }
    return found;
  };

  /* Filter groups: a row shows when each group allows one of its values; counts follow the
   * other groups (a value's count is what checking it alone in its group would show). */
  UI.filterModel = function (meta, c) {
    var none = { zh: "无", en: "none" };
    var groups = [
      { id: "status", title: "状态 Status", values: meta.statuses.concat([meta.no_measure]) },
      { id: "kind", title: "类型 Kind", values: meta.kinds },
      { id: "district", title: "行政区 District", values: c.tables.districts.map(function (d) { return { zh: d }; }).concat([none]) },
      { id: "document", title: "文件 Document", values: meta.documents.map(function (d) { return { zh: d.title, en: d.date }; }).concat([none]) }
    ];
    groups.forEach(function (group) { group.allowed = new Uint8Array(group.values.length).fill(1); });
    var required = 0;
    var districtsLayer = c.tables.layers.indexOf("districts");
    /* each group's first value of a row, and the rest where a row has more (few do) */
    var first = [c.status, c.kind, new Int32Array(c.n), new Int32Array(c.n)];
    var more = [null, null, new Array(c.n), new Array(c.n)];
    for (var r = 0; r < c.n; r++) {
      var places = UI.districtsOf(c, r);
      var cited = c.cited[r] || [];
      first[2][r] = places.length ? places[0] : groups[2].values.length - 1;
      first[3][r] = cited.length ? cited[0] : groups[3].values.length - 1;
      if (places.length > 1) more[2][r] = places.slice(1);
      if (cited.length > 1) more[3][r] = cited.slice(1);
    }
    function allows(g, row) {
      if (groups[g].allowed[first[g][row]]) return true;
      var rest = more[g] && more[g][row];
      if (rest) for (var i = 0; i < rest.length; i++) if (groups[g].allowed[rest[i]]) return true;
      return false;
    }
    function count(counts, g, row) {
      counts[g][first[g][row]]++;
      var rest = more[g] && more[g][row];
      if (rest) for (var i = 0; i < rest.length; i++) counts[g][rest[i]]++;
    }
    return {
      groups: groups,
      flags: meta.flags,
      set: function (groupId, index, on) {
        groups.forEach(function (group) { if (group.id === groupId) group.allowed[index] = on ? 1 : 0; });
      },
      require: function (bit, on) { required = on ? required | (1 << bit) : required & ~(1 << bit); },
      apply: function (shown) {
        var counts = groups.map(function (group) { return new Int32Array(group.values.length); });
        var flagCounts = new Int32Array(32);
        var total = 0;
        var g;
        for (var row = 0; row < c.n; row++) {
          if (c.layer[row] === districtsLayer) { shown[row] = 1; continue; }
          var failed = -1;
          var fails = 0;
          for (g = 0; g < groups.length; g++) if (!allows(g, row)) { fails++; failed = g; }
          if ((c.flags[row] & required) !== required) { fails++; failed = groups.length; }
          shown[row] = fails === 0 ? 1 : 0;
          if (fails === 0) total++;
          if (fails > 1) continue;
          for (g = 0; g < groups.length; g++) if (fails === 0 || failed === g) count(counts, g, row);
          if (fails === 0 || failed === groups.length) {
            for (var bit = 1; bit < 31; bit++) if (c.flags[row] & (1 << bit)) flagCounts[bit]++;
          }
        }
        return { groups: counts, flags: flagCounts, total: total };
      }
    };
  };

  return UI;
})();
