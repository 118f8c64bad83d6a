/* Wuhan EnvMap's exported map: the bar above the map (title, documents' dates, search, buttons)
 * and its panels (filters with counts, the list of sites and measures in view, the legend).
 * The bar comes first in the page, so the keyboard starts at search. On a phone the panels
 * open one at a time as drawers and start closed, leaving the screen to the map. */
(function (UI) {
  "use strict";
  var el = UI.el;
  var LIST_MAX = 100;

  function button(text, className) {
    var node = el("button", className, text);
    node.type = "button";
    return node;
  }

  // A button in Chinese, then English in its own span, which a phone's bar leaves out (the
  // bar wraps to show every button; with both languages it took three rows). Both languages
  // stay its accessible name and tooltip.
  function labelled(zh, en, className) {
    var node = button("", className);
    relabel(node, zh, en);
    return node;
  }

  function relabel(node, zh, en) {
    node.textContent = "";
    node.appendChild(el("span", "envmap-zh", zh));
    node.appendChild(document.createTextNode(" "));
    node.appendChild(el("span", "envmap-en", en));
    node.setAttribute("aria-label", UI.bilingual(zh, en));
    node.title = UI.bilingual(zh, en);
  }

  function panel(name, title, className) {
    var box = el("section", "envmap-panel " + className);
    box.setAttribute("aria-label", title);
    var head = el("div", "envmap-panel-head");
    head.appendChild(el("h2", null, title));
    var shut = button("×", "envmap-panel-close");
    shut.setAttribute("aria-label", "关闭 Close");
    head.appendChild(shut);
    box.appendChild(head);
    var content = el("div", "envmap-panel-body");
    box.appendChild(content);
    box.hidden = true;
    box.dataset.panel = name;
    return { box: box, content: content, shut: shut };
  }

  function filterPanel(meta, ctx, target) {
    var model = ctx.filters;
    var counters = [];
    var summary = el("div", "envmap-filter-summary");
    target.appendChild(summary);
    function refresh() {
      var counts = ctx.applyFilters();
      counters.forEach(function (update) { update(counts); });
      var shown = UI.tallyWords(UI.tally(ctx.columns, ctx.sites, function (row) { return ctx.sites.shown[row]; }));
      summary.textContent = "显示 " + shown.zh + " Shown: " + shown.en;
      return counts;
    }
    model.groups.forEach(function (group, g) {
      var set = el("fieldset", "envmap-filter-group");
      set.appendChild(el("legend", null, group.title));
      /* One district or one status alone: clear the group, then tick the one wanted (there
       * were thirteen boxes to untick). */
      var all = el("div", "envmap-filter-all");
      [[true, "全选", "All"], [false, "清空", "None"]].forEach(function (spec) {
        var pick = labelled(spec[1], spec[2], "envmap-filter-pick");
        pick.setAttribute("aria-label", UI.bilingual(spec[1], spec[2]) + "：" + group.title);
        pick.addEventListener("click", function () {
          set.querySelectorAll("input[data-group]").forEach(function (box) {
            box.checked = spec[0];
            model.set(group.id, Number(box.dataset.index), spec[0]);
          });
          refresh();
        });
        all.appendChild(pick);
      });
      set.appendChild(all);
      group.values.forEach(function (value, index) {
        if (group.id === "kind" && value.value === "district") return;  /* outlines: not filtered */
        var label = el("label", "envmap-filter");
        var box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.dataset.group = group.id;
        box.dataset.index = index;
        box.addEventListener("change", function () { model.set(group.id, index, box.checked); refresh(); });
        label.appendChild(box);
        if (group.id === "status") label.appendChild(UI.symbol("circle", value.colour, 12));
        if (group.id === "kind") label.appendChild(UI.symbol(value.shape, "#9a9a9a", 12));
        label.appendChild(el("span", null, UI.bilingual(value.zh, value.en)));
        var number = el("span", "envmap-count");
        label.appendChild(number);
        counters.push(function (counts) {
          number.textContent = "(" + counts.groups[g][index] + ")";
          label.classList.toggle("envmap-empty", counts.groups[g][index] === 0 && !box.checked);
        });
        set.appendChild(label);
      });
      if (group.id === "status") {
        model.flags.forEach(function (flag) {
          var label = el("label", "envmap-filter envmap-flag-filter");
          var box = el("input");
          box.type = "checkbox";
          box.dataset.flag = flag.id;
          box.addEventListener("change", function () { model.require(flag.bit, box.checked); refresh(); });
          label.appendChild(box);
          label.appendChild(el("span", null, "仅 only " + flag.words));
          var number = el("span", "envmap-count");
          label.appendChild(number);
          counters.push(function (counts) { number.textContent = "(" + counts.flags[flag.bit] + ")"; });
          set.appendChild(label);
        });
      }
      target.appendChild(set);
    });
    return refresh;
  }

  function listPanel(meta, ctx, target) {
    var c = ctx.columns;
    var heading = el("div", "envmap-list-count");
    var list = el("ol", "envmap-list");
    target.appendChild(heading);
    target.appendChild(list);
    var byOrder = null;
    return function refresh() {
      if (!byOrder) {
        byOrder = Int32Array.from({ length: c.n }, function (_, k) { return k; })
          .sort(function (a, b) { return c.order[a] - c.order[b]; });
      }
      var rows = [];
      var counts = UI.tally(c, ctx.sites, function (row) {
        if (!ctx.sites.shown[row] || !ctx.inView(row)) return false;
        if (rows.length < LIST_MAX) rows.push(row);
        return true;
      }, byOrder);
      var words = UI.tallyWords(counts);
      heading.textContent = "视图内 " + words.zh + "、" + counts.measures + " 项措施 In view: " + words.en +
        ", " + counts.measures + " measures" + (counts.all > rows.length ? "（列出前 " + rows.length +
        " 处 first " + rows.length + " listed）" : "");
      list.textContent = "";
      rows.forEach(function (row) {
        var item = el("li", "envmap-list-item");
        var open = button("", "envmap-list-site");
        var kind = meta.kinds[c.kind[row]];
        open.appendChild(UI.symbol(kind.shape, UI.statusOf(meta, c.status[row]).colour, 14));
        open.appendChild(el("span", "envmap-list-name", c.name[row]));
        open.appendChild(el("span", "envmap-result-kind", " " + kind.zh));
        /* Opening the site moves the map, which rebuilds this list: the click's target is then
         * gone from the panel, and Leaflet, no longer seeing it inside the panel, would take
         * it for a click on the map and close the popup just opened. */
        open.addEventListener("click", function (event) {
          event.stopPropagation();
          ctx.openRow(row);
          ctx.focusOpen(target.closest(".envmap-panel"));
        });
        item.appendChild(open);
        var own = (c.details[row] || {}).measures || [];
        if (own.length) {
          var sub = el("ul", "envmap-list-measures");
          own.forEach(function (m) {
            var line = el("li");
            line.appendChild(UI.badge(meta, m.status));
            line.appendChild(el("span", null, " " + m.text_zh));
            sub.appendChild(line);
          });
          item.appendChild(sub);
        }
        list.appendChild(item);
      });
    };
  }

  function swatch(style, kind) {
    var box = el("span", "envmap-swatch envmap-swatch-" + kind);
    if (kind === "line") box.style.borderTop = style.weight + "px solid " + style.color;
    else { box.style.background = style.fillColor; box.style.border = style.weight + "px solid " + style.color; }
    return box;
  }

  function legendPanel(meta, target) {
    function row(symbolNode, text) {
      var line = el("div", "envmap-legend-row");
      line.appendChild(symbolNode);
      line.appendChild(el("span", null, text));
      target.appendChild(line);
    }
    target.appendChild(el("h3", null, "状态（颜色）Status (colour)"));
    meta.statuses.concat([meta.no_measure]).forEach(function (status) {
      row(UI.symbol("circle", status.colour, 14), UI.bilingual(status.zh, status.en));
    });
    target.appendChild(el("h3", null, "类型（形状）Kind (shape)"));
    meta.kinds.forEach(function (kind) {
      if (kind.shown) row(UI.symbol(kind.shape, "#9a9a9a", 14), UI.bilingual(kind.zh, kind.en));
    });
    target.appendChild(el("h3", null, "区域 Areas"));
    var styles = meta.area_styles;
    row(swatch(styles.districts, "fill"), "行政区 Districts");
    row(swatch(styles.protection_zones, "fill"), "水源保护区（示意）Protection zones (schematic)");
    row(swatch(styles.line, "line"), "河湖、功能区边界 Rivers, lakes and functional zones");
    target.appendChild(el("h3", null, "圆形符号 Circles"));
    row(swatch(styles.halo, "halo"), "位置不确定范围（放大后）Location uncertainty (zoomed in)");
    var ring = el("span", "envmap-swatch envmap-swatch-ring");
    ring.style.borderColor = meta.selection;
    row(ring, "已打开的点位 Open site");
    target.appendChild(el("div", "envmap-legend-note", "缩小时每 9 像素只画一个点位（状态优先）。" +
      "Zoomed out, one site per 9 px cell is drawn (sites with a status first)."));
    target.appendChild(el("div", "envmap-legend-note", meta.legend_note));
  }

  UI.build = function (meta, map, ctx) {
    var c = ctx.columns;
    var shownKinds = {};
    for (var i = 0; i < c.n; i++) if (ctx.sites.point[i]) shownKinds[c.kind[i]] = true;
    meta.kinds.forEach(function (kind, index) { kind.shown = Boolean(shownKinds[index]) && kind.value !== "district"; });
    var container = map.getContainer();
    var bar = el("header", "envmap-bar");
    var heading = el("div", "envmap-heading");
    heading.appendChild(el("h1", "envmap-title-text", meta.title));
    heading.appendChild(el("div", "envmap-subtitle", meta.subtitle));
    /* a phone cuts the title and the documents' dates to a line each: a tap shows them whole
     * (screen readers read them whole anyway) */
    heading.addEventListener("click", function () {
      if (!phone.matches) return;
      heading.classList.toggle("envmap-open");
      map.invalidateSize({ animate: false });
    });
    var tools = el("div", "envmap-tools");
    UI.searchBox(meta, ctx, tools);
    bar.appendChild(heading);
    bar.appendChild(tools);
    document.body.insertBefore(bar, document.body.firstChild);
    var phone = window.matchMedia("(max-width: 640px)");
    var panels = {};
    var refreshers = {};
    /* A phone's drawer covers the lower half of the map, where the city stood: while the
     * whole city is in view it moves up into the part left free (filtering shows its effect),
     * and back when the drawer closes, unless the user has moved the map meanwhile. */
    var lifted = null;
    function liftCity(drawer) {
      if (!lifted && !map.getBounds().pad(0.02).contains(ctx.wuhan)) return;
      var covered = container.getBoundingClientRect().bottom - drawer.getBoundingClientRect().top;
      map.fitBounds(ctx.wuhan, { paddingBottomRight: [0, Math.max(covered, 0)], animate: false });
      lifted = map.getCenter();
    }
    function lowerCity() {
      if (lifted && map.getCenter().equals(lifted)) map.fitBounds(ctx.wuhan, { animate: false });
      lifted = null;
    }
    function toggle(name, open) {
      var wanted = open === undefined ? panels[name].box.hidden : open;
      if (wanted && phone.matches) {  /* one drawer at a time, and never under the site's sheet */
        Object.keys(panels).forEach(function (other) {
          panels[other].box.hidden = true;
          panels[other].toggle.setAttribute("aria-expanded", "false");
        });
        ctx.closeSheet();
      }
      if (wanted && !phone.matches && name !== "legend") {
        var corner = container.querySelector(".leaflet-top.leaflet-right");
        panels[name].box.style.top = corner.offsetHeight + 10 + "px";
      }
      panels[name].box.hidden = !wanted;
      panels[name].toggle.setAttribute("aria-expanded", String(wanted));
      if (wanted && refreshers[name]) refreshers[name]();
      if (phone.matches && wanted) liftCity(panels[name].box);
      else if (phone.matches && Object.keys(panels).every(function (other) { return panels[other].box.hidden; })) lowerCity();
      ctx.canvas.redraw();  /* the district names make room for the panel, or take it back */
      ctx.panelsChanged();  /* and an open popup moves out from under it */
    }
    [["filters", "筛选", "Filters", "envmap-filters"], ["list", "列表", "List", "envmap-list-panel"],
      ["legend", "图例", "Legend", "envmap-legend"]].forEach(function (spec) {
      var made = panel(spec[0], UI.bilingual(spec[1], spec[2]), spec[3]);
      made.toggle = labelled(spec[1], spec[2], "envmap-toggle envmap-toggle-" + spec[0]);
      made.toggle.setAttribute("aria-expanded", "false");
      /* opened by the user, a panel takes the keyboard; Escape or × gives it back to its button */
      made.box.tabIndex = -1;
      made.toggle.addEventListener("click", function () {
        toggle(spec[0]);
        if (!made.box.hidden) made.box.focus({ preventScroll: true });
      });
      made.shut.addEventListener("click", function () { toggle(spec[0], false); made.toggle.focus(); });
      made.box.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") return;
        toggle(spec[0], false);
        made.toggle.focus();
      });
      L.DomEvent.disableClickPropagation(made.box);
      L.DomEvent.disableScrollPropagation(made.box);
      tools.appendChild(made.toggle);
      container.appendChild(made.box);
      panels[spec[0]] = made;
    });
    var apply = ctx.applyFilters;
    ctx.applyFilters = function () {
      var counts = apply();
      if (!panels.list.box.hidden) refreshers.list();
      return counts;
    };
    var filtersChanged = null;  /* the filter panel is built when first opened */
    refreshers.filters = function () {
      if (!filtersChanged) filtersChanged = filterPanel(meta, ctx, panels.filters.content);
      filtersChanged();
    };
    refreshers.list = listPanel(meta, ctx, panels.list.content);
    legendPanel(meta, panels.legend.content);
    var cityLayer = c.tables.layers.indexOf("city");
    Array.prototype.forEach.call(c.layer, function (layer, row) {
      if (layer !== cityLayer) return;
      var measures = ((c.details[row] || {}).measures || []).length;
      var city = labelled(c.name[row] + " · " + measures + " 项措施", "measures", "envmap-citywide");
      city.addEventListener("click", function () { ctx.openRow(row, false); ctx.focusOpen(city); });
      tools.appendChild(city);
    });
    var link = labelled("复制链接", "Copy link", "envmap-copy");
    var copied = el("input", "envmap-link");
    copied.readOnly = true;
    copied.hidden = true;
    copied.setAttribute("aria-label", "链接 Link");
    link.addEventListener("click", function () {
      var href = ctx.permalink();
      copied.value = href;
      var done = function () { relabel(link, "已复制", "Copied"); };
      var shown = function () { copied.hidden = false; copied.select(); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(href).then(done, shown);
      else shown();
    });
    var full = labelled("全屏", "Full screen", "envmap-fullscreen");
    full.addEventListener("click", function () {
      var root = document.documentElement;
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().catch(function () { document.body.classList.toggle("envmap-full"); });
      else document.body.classList.toggle("envmap-full");
    });
    document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
    tools.appendChild(link);
    tools.appendChild(full);
    tools.appendChild(copied);
    var note = el("div", "envmap-drawn leaflet-control");
    var bottomLeft = container.querySelector(".leaflet-bottom.leaflet-left");
    bottomLeft.appendChild(note);
    /* The legend stands clear above the scale bar and the count (envmap.css reads the height
     * they take), which grows and shrinks as the count comes and goes. */
    function cornerTaken() {
      var taken = container.getBoundingClientRect().bottom - bottomLeft.getBoundingClientRect().top;
      container.style.setProperty("--envmap-corner", Math.ceil(taken) + "px");
    }
    if (window.ResizeObserver) new ResizeObserver(cornerTaken).observe(bottomLeft);
    map.on("resize", cornerTaken);
    cornerTaken();
    ctx.canvas.on("drawn", function () {
      var canvas = ctx.canvas;
      note.textContent = canvas.inView > canvas.drawnInView ? "已抽稀：显示 " + canvas.drawnInView + " / " +
        canvas.inView + " 个点位 Thinned: " + canvas.drawnInView + " of " + UI.plural(canvas.inView, "point site") + " drawn" : "";
    });
    map.invalidateSize();
    map.fitBounds(ctx.wuhan, { animate: false });
    if (!phone.matches) toggle("legend", true);
    map.on("moveend", function () { if (!panels.list.box.hidden) refreshers.list(); });
    /* On paper the map is given the paper's size before the browser lays the page out (it
     * kept the screen's width, so a site right of the paper's width was cut off), centred on
     * the open site; the site's details and the legend go below it, whole. */
    function paper(printing) {
      var legend = panels.legend.box;
      document.body.classList.toggle("envmap-paper", printing);
      if (printing) document.body.appendChild(legend);
      else container.appendChild(legend);
      map.invalidateSize({ animate: false });
      ctx.printed(printing);
    }
    var print = window.matchMedia("print");
    print.addEventListener("change", function (event) { paper(event.matches); });
    window.addEventListener("beforeprint", function () { paper(true); });
    window.addEventListener("afterprint", function () { paper(false); });
    return {
      /* The address moved on: the link copied is not this view's any more. */
      linkChanged: function () {
        if (link.querySelector(".envmap-zh").textContent !== "复制链接") relabel(link, "复制链接", "Copy link");
        copied.hidden = true;
      },
      closeDrawers: function () {
        if (!phone.matches) return;
        Object.keys(panels).forEach(function (name) { toggle(name, false); });
      }
    };
  };
})(window.EnvMapUI);
