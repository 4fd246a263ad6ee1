/* Sortable, filterable tables for smm-guide: any table inside <div data-smm-table>.
   Plain JavaScript, no dependencies, nothing loaded from elsewhere. */
(function () {
  "use strict";

  // Natural order: "SR 1.2" before "SR 1.10", numbers as numbers, "–" and empty cells last.
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var emptyA = a === "" || a === "–", emptyB = b === "" || b === "–";
    if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
    return collator.compare(a, b);
  }

  function sortBy(table, index, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (x, y) {
      var order = compare(cellText(x, index), cellText(y, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function shade(table) {
    // Heatmap: a cell's leading count sets its tint; the number itself stays the information.
    var cells = [], max = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.slice.call(row.cells, 1, row.cells.length - 1).forEach(function (cell) {
        var count = parseInt(cell.textContent, 10);
        if (count > 0) { cells.push([cell, count]); max = Math.max(max, count); }
      });
    });
    cells.forEach(function (pair) {
      pair[0].classList.add("smm-heat");
      pair[0].style.setProperty("--smm-heat", Math.round(20 + (pair[1] / max) * 60) + "%");
    });
  }

  function enhance(wrapper, number) {
    var table = wrapper.querySelector("table");
    if (!table || wrapper.hasAttribute("data-smm-ready") || !table.tHead || !table.tBodies.length) return;
    wrapper.setAttribute("data-smm-ready", "");
    var label = wrapper.getAttribute("data-label") || "table";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "smm-sort";
      button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
      button.addEventListener("click", function () { sortBy(table, index, button); });
      // The label moves into the button whole, with the <abbr> that expands a short one.
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
    });
    var id = "smm-filter-" + number;
    var bar = document.createElement("div");
    bar.className = "smm-filter";
    bar.innerHTML = '<label for="' + id + '"></label><input type="search" id="' + id + '" autocomplete="off">' +
      '<span class="smm-count" aria-live="polite"></span>';
    bar.querySelector("label").textContent = "Filter " + label + ":";
    var input = bar.querySelector("input"), count = bar.querySelector(".smm-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    input.addEventListener("input", apply);
    apply();
    wrapper.insertBefore(bar, wrapper.firstChild);
    if (wrapper.classList.contains("smm-heatmap")) shade(table);
  }

  // A table wider than the page scrolls sideways; keyboard users need to reach that scroll area.
  function focusableScroll() {
    var scrolling = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table:not([class])");
    Array.prototype.forEach.call(scrolling, function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.closest("[data-label]");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption ? caption.getAttribute("data-label") : "Table") + " (scrolls sideways)");
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-smm-table]"), enhance);
    focusableScroll();
  }

  // Material's instant navigation swaps pages without a load event; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
