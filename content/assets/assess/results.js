// Step 4: the results, as a report.
((P) => {
  "use strict";
  var resultsTimer = null;
  function scheduleResults() { clearTimeout(resultsTimer); resultsTimer = setTimeout(renderResults, 120); }

  function renderResults() {
    clearTimeout(resultsTimer);
    // A debounced re-render replaces the sort buttons: a keyboard user keeps the one they were on.
    var el = P.el, wasOpen = !!P.parts.results.querySelector(".smm-evidence-list[open]"), buttons = () => P.parts.results.querySelectorAll(".smm-gap-table th button");
    var focused = Array.prototype.indexOf.call(buttons(), document.activeElement);
    // Everything below covers the practices in scope only; the others are listed with their reasons.
    var box = P.clear(P.parts.results), rows = P.scope().map((pid, index) => ({ pid, index, p: P.practiceById[pid], s: P.scoreOf(pid), t: P.targetOf(pid) }));
    var out = P.ids.filter((pid) => !P.inScope(pid));
    var profiles = P.chosen().map((p) => p.name);
    var fw = P.state.guidance.framework && P.frameworkById[P.state.guidance.framework];
    var gaps = rows.filter((r) => r.s.gap), total = gaps.reduce((sum, r) => sum + r.s.gap, 0);
    box.append(el("dl.smm-report-head", {}, [
      el("dt", "System"), el("dd", P.state.system || "not named"),
      el("dt", "Date"), el("dd", new Date().toISOString().slice(0, 10) + " (started " + P.state.created.slice(0, 10) + ")"),
      el("dt", "Guidance"), el("dd", ["General indicators"].concat(profiles).join(", ") + (fw ? "; requirements of " + fw.framework.name : "")),
      el("dt", "Model version"), el("dd", P.S.model_version),
      el("dt", "Scope"), el("dd", out.length ? rows.length + " of " + P.ids.length + " practices; the results cover these only" : "all " + P.ids.length + " practices")
    ]), el("p.smm-count", rows.filter((r) => r.s.assessed).length + " of " + rows.length + " practices in scope assessed; " +
      gaps.length + " below their target, " + total + " level" + (total === 1 ? "" : "s") + " in all." +
      (rows.some((r) => !r.s.assessed) ? " A practice with no answer yet is not assessed and has no gap." : "")),
      el("h3", { id: "smm-gaps", text: "Gaps" }), gapTable(rows),
      el("h3", { id: "smm-radar", text: "Target and achieved level" }),
      rows.length >= 3 ? P.radar(rows) : el("p", "A radar chart needs three practices in scope or more; the gap table gives the numbers."),
      el("h3", { id: "smm-next", text: "Next steps" }), nextSteps(rows, fw),
      el("h3", { id: "smm-why-targets", text: "Targets and their reasons" }),
      P.table(["Practice", "Target", "Reason"], rows.filter((r) => r.t.level !== null).map((r) => el("tr", {}, [el("td", r.p.name),
        el("td", r.t.level + (r.t.source === "set" ? " (set)" : "")), el("td", r.t.justification || (r.t.source === "set" ? "no reason given" : ""))])), "smm-reasons"));
    if (out.length) {
      box.append(el("h3", { id: "smm-out-of-scope", text: "Out of scope" }), P.table(["Practice", "Why it is out of scope"],
        out.map((pid) => el("tr", { "data-practice": pid }, [el("td", P.practiceById[pid].name), el("td", P.state.out_of_scope[pid] || "no reason given")])), "smm-out-table"));
    }
    box.appendChild(evidence()).open = wasOpen;
    if (focused >= 0) buttons()[focused].focus();
    P.updateCompare();
  }

  function gapTable(rows) {
    var el = P.el, sort = P.sort, columns = [["Practice", (r) => r.index], ["Target", (r) => r.t.level === null ? -1 : r.t.level],
      ["Achieved", (r) => r.s.achieved], ["Gap", (r) => r.s.gap === null ? -1 : r.s.gap],
      ["Over target", (r) => r.s.over]];
    if (sort.key !== null) {
      var key = columns[sort.key][1];
      rows = rows.slice().sort((a, b) => (sort.down ? key(b) - key(a) : key(a) - key(b)) || a.index - b.index);
    }
    var headers = columns.map((c, i) => {
      var button = el("button.smm-sort", { type: "button", text: c[0] });
      button.addEventListener("click", () => {
        sort.down = sort.key === i ? !sort.down : c[0] === "Gap";
        sort.key = i;
        renderResults();
      });
      return el("th", { scope: "col", "aria-sort": sort.key === i ? (sort.down ? "descending" : "ascending") : null }, [button]);
    });
    return P.table(headers, rows.map((r) => el("tr", { "data-practice": r.pid }, [el("td", {}, [el("a", { href: P.pageLink("practices/" + r.pid), text: r.p.name })]),
      el("td", r.t.level === null ? "–" : r.t.level), el("td.smm-achieved", r.s.achieved + P.qualifier(r.s)),
      el("td.smm-gap", r.s.gap === null ? "–" : r.s.gap), el("td", r.s.over)])), "smm-gap-table");
  }

  function nextSteps(rows, fw) {
    var el = P.el, wanted = rows.filter((r) => r.s.gap).sort((a, b) => b.s.gap - a.s.gap || a.index - b.index);
    if (!wanted.length) {
      return el("p", rows.some((r) => r.t.level !== null) ? "Every practice has reached its target." : "Set targets in step 2 to see the next steps.");
    }
    var list = el("ol.smm-next-steps");
    wanted.forEach((r) => {
      var next = r.s.achieved + 1, open = P.items(r.pid, next).filter((id) => { var s = P.statusOf(id); return s !== P.MET && s !== P.NA; });
      var li = el("li", { "data-practice": r.pid }, [el("strong", r.p.name), ": from level " + r.s.achieved + " to level " + next +
        " (target " + r.t.level + ", gap " + r.s.gap + ")" + (r.s.provisional ? ", provisional" : "") + "."]);
      var items = el("ul", {});
      open.forEach((id) => {
        var s = P.statusOf(id);
        items.append(el("li", { "data-item": id }, [el("a", { href: P.pageLink("practices/" + r.pid) + "#" + id }, [el("code.smm-id", id)]),
          " " + P.unmark(P.itemById[id].item.text) + " (" + (s === P.NONE ? "not assessed" : P.LABELS[s].toLowerCase()) + ")"]));
      });
      if (!open.length) li.append(el("p", "Every item of level " + next + " is met or not applicable; a level needs at least one item met."));
      else li.append(items);
      if (fw) {
        var brought = P.M.mappings.filter((m) => m.framework === fw.framework.id && m.practice === r.pid && m.level === next);
        var reqs = el("ul.smm-reqs");
        brought.forEach((m) => {
          var node = fw.nodes[m.requirement];
          reqs.append(el("li", {}, [el("a", { href: P.pageLink("frameworks/" + fw.framework.id + "/" + m.requirement), text: node.code }),
            " " + P.unmark(node.title || node.name) + " (" + (P.S.relationships[m.relationship] || m.relationship).toLowerCase() + ")"]));
        });
        li.append(el("p", brought.length ? fw.framework.short_name + " requirements this level brings:" : "No " + fw.framework.short_name + " requirement is mapped to level " + next + " of this practice."));
        if (brought.length) li.append(reqs);
      }
      list.append(li);
    });
    return list;
  }

  function evidence() {
    var el = P.el, rows = [];
    P.scope().forEach((pid) => {
      P.LEVELS.forEach((n) => {
        P.items(pid, n).forEach((id) => {
          var a = P.state.answers[id];
          if (a) rows.push(el("tr", {}, [el("td", P.practiceById[pid].name), el("td", id), el("td", P.LABELS[a.status]),
            el("td", a.status === P.NA ? (a.note ? "Reason it does not apply: " + a.note : "N/A needs a reason") : a.note)]));
        });
      });
    });
    return el("details.smm-evidence-list", {}, [el("summary", "Answers and evidence notes (" + rows.length + ")"),
      rows.length ? P.table(["Practice", "Item", "Status", "Evidence note"], rows, "smm-answers") : el("p", "No answers yet.")]);
  }

  Object.assign(P, { scheduleResults, renderResults });
})(window.SMMAssess = window.SMMAssess || {});
