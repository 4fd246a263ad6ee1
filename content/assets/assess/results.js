// Step 4: the results, as a report.
((P) => {
  "use strict";
  var resultsTimer = null, ORDERS = [["gap", "By gap, largest first"], ["practice", "By practice, in the model's order"]];
  function scheduleResults() { clearTimeout(resultsTimer); resultsTimer = setTimeout(renderResults, 120); }
  // The reader's order is theirs, not the assessment's: kept in this browser, for every assessment.
  function order() { return P.read(P.KEY + "-order") === "practice" ? ORDERS[1] : ORDERS[0]; }
  // The chart is drawn for the width it has (chart.js): drawn again when that changes.
  if (!window.smmAssessResize) {
    window.smmAssessResize = true;
    window.addEventListener("resize", () => {
      var A = window.SMMAssess, box = A.parts && A.parts.results;
      if (box && box.isConnected && box.querySelector(".smm-radar") && P.radarWidth(box) !== A.drawnWidth) A.scheduleResults();
    });
  }

  function renderResults() {
    clearTimeout(resultsTimer);
    // A debounced re-render replaces the sort buttons: a keyboard user keeps the one they were on.
    var el = P.el, wasOpen = !!P.parts.results.querySelector(".smm-evidence-list[open]"), buttons = () => P.parts.results.querySelectorAll(".smm-gap-table th button");
    var focused = Array.prototype.indexOf.call(buttons(), document.activeElement);
    // Everything below covers the practices in scope only; the others are listed with their reasons.
    var box = P.clear(P.parts.results), rows = P.scope().map((pid, index) => ({ pid, index, p: P.practiceById[pid], s: P.scoreOf(pid), t: P.targetOf(pid) }));
    var chosen = order(), ordered = chosen[0] === "practice" ? rows : rows.slice().sort((a, b) => (b.s.gap || 0) - (a.s.gap || 0) || a.index - b.index);
    var pick = P.select({ id: "smm-order" }, ORDERS, chosen[0]);
    pick.addEventListener("change", () => {
      P.write(P.KEY + "-order", pick.value);
      P.sort.key = null;
      renderResults();
      document.getElementById("smm-order").focus();
    });
    var out = P.ids.filter((pid) => !P.inScope(pid));
    var profiles = P.chosen().map((p) => p.name);
    var fw = P.state.guidance.framework && P.frameworkById[P.state.guidance.framework];
    var gaps = rows.filter((r) => r.s.gap), total = gaps.reduce((sum, r) => sum + r.s.gap, 0);
    box.append(el("dl.smm-report-head", {}, [
      el("dt", "System"), el("dd", P.state.system || "not named"),
      el("dt", "Date"), el("dd", new Date().toISOString().slice(0, 10) + " (started " + P.state.created.slice(0, 10) + ")"),
      el("dt", "Guidance"), el("dd", ["General indicators"].concat(profiles).join(", ") + (fw ? "; requirements of " + fw.framework.name : "")),
      el("dt", "Model version"), el("dd", P.S.model_version),
      el("dt", "Scope"), el("dd", out.length ? rows.length + " of " + P.ids.length + " practices; the results cover these only" : "all " + P.ids.length + " practices"),
      el("dt", "Order"), el("dd", chosen[1])
    ]), el("p.smm-field.smm-noprint", {}, [el("label", { for: pick.id }, ["Order of the gaps, next steps and answers ", pick])]), el("p.smm-count", rows.filter((r) => r.s.assessed).length + " of " + rows.length + " practices in scope assessed; " +
      gaps.length + " below their target, " + total + " level" + (total === 1 ? "" : "s") + " in all." +
      (rows.some((r) => !r.s.assessed) ? " A practice with no answer yet is not assessed and has no gap." : "")),
      el("h3", { id: "smm-gaps", text: "Gaps" }), gapTable(ordered),
      el("h3", { id: "smm-radar", text: "Target and achieved level" }),
      rows.length >= 3 ? P.radar(rows, P.drawnWidth = P.radarWidth(box)) : el("p", "A radar chart needs three practices in scope or more; the gap table gives the numbers."),
      el("h3", { id: "smm-next", text: "Next steps" }), nextSteps(ordered, fw),
      el("h3", { id: "smm-why-targets", text: "Targets and their reasons" }),
      P.table(["Practice", "Target", "Reason"], rows.filter((r) => r.t.level !== null).map((r) => el("tr", {}, [el("td", r.p.name),
        el("td", r.t.level + (r.t.source === "set" ? " (set)" : "")), el("td", r.t.justification || (r.t.source === "set" ? "no reason given" : ""))])), "smm-reasons"));
    if (out.length) {
      box.append(el("h3", { id: "smm-out-of-scope", text: "Out of scope" }), P.table(["Practice", "Why it is out of scope"],
        out.map((pid) => el("tr", { "data-practice": pid }, [el("td", P.practiceById[pid].name), el("td", P.state.out_of_scope[pid] || "no reason given")])), "smm-out-table"));
    }
    box.appendChild(evidence(ordered)).open = wasOpen;
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
    var el = P.el, wanted = rows.filter((r) => r.s.gap);
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

  // Every answer of the practices in scope with its item's text, for the printed report; the items
  // not answered yet by id only, so that a workshop on two practices prints on a few pages.
  function evidence(rows) {
    var el = P.el, count = 0, parts = rows.map((r) => {
      var given = [], open = [];
      P.LEVELS.forEach((n) => {
        P.items(r.pid, n).forEach((id) => {
          var a = P.state.answers[id];
          if (!a || a.status === P.NONE) open.push(id);
          if (!a) return;
          given.push(el("tr", { "data-item": id }, [el("td", P.LABELS[a.status]), el("td", {}, [el("code.smm-id", id),
            " " + P.unmark(P.itemById[id].item.text) + (P.reworded(id) ? " (reworded since you answered)" : ""),
            el("span.smm-note", {}, [el("span.smm-note-kind", a.status === P.NA ? "Reason: " : "Evidence: "), a.note || (a.status === P.NA ? "none given (required for not applicable)" : "none given")])])]));
        });
      });
      var done = P.progress([r.pid]);
      count += given.length;
      return [el("h4", { "data-practice": r.pid, text: r.p.name + ": " + done + " items answered" }),
        given.length ? P.table(["Status", "Item, with the evidence note or why it does not apply"], given, "smm-answers") : null,
        open.length ? el("p.smm-unanswered", { "data-practice": r.pid }, ["Not answered yet (" + open.length + "): "]
          .concat([].concat.apply([], open.map((id, i) => [i ? ", " : "", el("code.smm-id", id)])), ".")) : null];
    });
    return el("details.smm-evidence-list", {}, [el("summary", "Answers and evidence notes (" + count + ")")].concat(rows.length ? [].concat.apply([], parts) : [el("p", "No practice in scope.")]));
  }

  Object.assign(P, { scheduleResults, renderResults });
})(window.SMMAssess = window.SMMAssess || {});
