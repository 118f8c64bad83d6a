/* Wuhan EnvMap's exported map: the search box in the bar, its list of hits (ranked as
 * gis/search.py, by UI.search) and the keys that walk it; choosing a hit opens its site. */
(function (UI) {
  "use strict";
  var el = UI.el;
  var RESULTS_MAX = 50;

  /* A combobox to assistive technology: the list of hits is its listbox, the hit the arrows
   * reach its active option (kept in sight). */
  UI.searchBox = function (meta, ctx, bar) {
    var box = el("div", "envmap-search");
    var input = el("input");
    input.type = "search";
    input.placeholder = "搜索点位或措施 Search";
    input.setAttribute("aria-label", "搜索 Search");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "envmap-results");
    var drop = el("div", "envmap-results-box");
    var count = el("div", "envmap-results-count");
    var results = el("ul", "envmap-results");
    results.id = "envmap-results";
    results.setAttribute("role", "listbox");
    results.setAttribute("aria-label", "搜索结果 Results");
    drop.appendChild(count);
    drop.appendChild(results);
    box.appendChild(input);
    box.appendChild(drop);
    var hits = [];
    var current = 0;
    var c = ctx.columns;
    function opened(open) {
      drop.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (!open) input.removeAttribute("aria-activedescendant");
    }
    opened(false);
    function show() {
      results.textContent = "";
      hits.forEach(function (row, index) {
        var item = el("li", index === current ? "envmap-current" : null, c.name[row]);
        item.id = "envmap-hit-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", String(index === current));
        item.appendChild(el("span", "envmap-result-kind", " " + meta.kinds[c.kind[row]].zh));
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
        results.appendChild(item);
        if (index === current) {
          input.setAttribute("aria-activedescendant", item.id);
          if (!drop.hidden) item.scrollIntoView({ block: "nearest" });
        }
      });
      if (!hits.length) input.removeAttribute("aria-activedescendant");
    }
    function choose(index) {
      if (hits[index] === undefined) return;
      ctx.openRow(hits[index]);
      opened(false);
      ctx.focusOpen(input);
    }
    function find() {
      hits = ctx.search(input.value, RESULTS_MAX);
      current = 0;
      opened(Boolean(input.value.trim()));
      count.textContent = hits.total > hits.length ? "共 " + hits.total + " 条，显示前 " + hits.length +
        " 条 " + hits.total + " hits, first " + hits.length + " shown" : "共 " + hits.total + " 条 " + hits.total + " hits";
      show();
    }
    input.addEventListener("input", find);
    /* back in the box (a click, or Tab), the results of what it holds show again */
    input.addEventListener("focus", function () { if (input.value.trim()) find(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") choose(current);
      else if (event.key === "ArrowDown") { event.preventDefault(); current = Math.min(current + 1, hits.length - 1); show(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); current = Math.max(current - 1, 0); show(); }
      else if (event.key === "Escape") opened(false);
    });
    input.addEventListener("blur", function () { opened(false); });
    bar.appendChild(box);
  };
})(window.EnvMapUI);
