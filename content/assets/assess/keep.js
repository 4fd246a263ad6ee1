// The status bar, step 5 (keep your work), step 6 (compare) and the portfolio of several exports.
((P) => {
  "use strict";
  function message(box, text, error) {
    var ok = box.querySelector(".smm-ok"), bad = box.querySelector(".smm-error");
    ok.textContent = error ? "" : text;
    bad.textContent = error ? text : "";
  }
  function readFile(input, box, done, lenient) {
    var verb = lenient ? "Not loaded: " : "Not imported: ", max = P.S.max_bytes;
    var file = input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > max) {
      // In bytes: rounded to MB, a file just over the limit would read "2.0 MB ... at most 2 MB".
      return message(box, verb + "the file is " + file.size.toLocaleString("en") + " bytes; an assessment file is at most " +
        max.toLocaleString("en") + " bytes (" + max / 1048576 + " MB). Nothing was changed.", true);
    }
    var reader = new FileReader();
    reader.onload = () => {
      var data, problems;
      try { data = JSON.parse(reader.result); problems = P.validate(data, P.M, P.S, lenient); } catch (e) { problems = ["It is not valid JSON (" + e.message + ")."]; }
      if (problems.length) return message(box, verb + problems.join(" ") + " Nothing was changed.", true);
      done(data, file.name);
    };
    reader.onerror = () => { message(box, verb + "the file could not be read. Nothing was changed.", true); };
    reader.readAsText(file);
  }
  // A file field and its messages.
  function fileField(box, id, text, onData, lenient) {
    var input = P.el("input", { type: "file", id, accept: ".json,application/json" });
    input.addEventListener("change", () => { readFile(input, box, onData, lenient); });
    box.append(P.field(text, input),
      P.el("p.smm-ok", { role: "status" }), P.el("p.smm-error", { role: "alert" }));
  }
  function choice(value, text, checked) {
    var id = "smm-import-" + value;
    return P.el("p.smm-radio", {}, [P.el("input", { type: "radio", name: "smm-import-how", id, value, checked }), P.el("label", { for: id, text })]);
  }
  function stamp() { return new Date().toISOString().slice(0, 10); }

  // The open assessment is in P.KEY, each other under P.KEY + "-" + its id (state.js).
  function stash() { return P.write(P.KEY + "-" + P.list.current, JSON.stringify(P.exportData())); }
  function stored(id) {
    if (id === P.list.current) return P.exportData();
    var data = null;
    try { data = JSON.parse(P.read(P.KEY + "-" + id)); } catch (e) { data = null; }
    return data && !P.validate(data, P.M, P.S).length ? data : null;
  }
  function unsaved() {
    return P.full ? "Not saved: the storage of this browser is full; delete an assessment you have exported, or export your work"
      : "Not saved: this browser does not allow local storage; export your work";
  }
  // Opens data as the assessment of entry id or, without id, as a new entry called name.
  function load(data, id, name, dropOpen) {
    if (!data) return message(P.parts.keep, "That assessment could not be opened here. Nothing was changed.", true);
    if (!dropOpen && !stash()) return message(P.parts.keep, unsaved() + ". Nothing was changed.", true);
    if (id) P.list.current = id; else P.add(name);
    P.state = P.adopt(data);
    P.refresh();
    if (P.saveOk) P.write(P.KEY + "-" + P.list.current, null);
    return true;
  }
  function remove(e) {
    if (!window.confirm("Delete the assessment “" + e.name + "” from this browser? Export it first to keep a copy.")) return;
    var open = e.id === P.list.current;
    P.list.items = P.list.items.filter((x) => x !== e);
    if (!open) { P.write(P.KEY + "-" + e.id, null); P.saveList(); return renderList(); }
    var next = P.list.items.filter((x) => stored(x.id))[0];
    load(next ? stored(next.id) : P.fresh(), next && next.id, "Assessment " + (P.list.items.length + 1), true);
    message(P.parts.keep, "Deleted “" + e.name + "”.", false);
  }
  function act(text, e, action) {
    var b = P.button(text, action);
    b.setAttribute("aria-label", text + " “" + e.name + "”");
    return b;
  }
  function renderList() {
    var el = P.el;
    if (!P.listBox || !P.list) return;
    // The actions sit under the name, so that the table fits a phone.
    P.clear(P.listBox).append(P.table(["Assessment", "System", "Last changed", "Answered (in scope)"], P.list.items.map((e) => {
      var open = e.id === P.list.current;
      return el("tr", { "data-entry": e.id, "aria-current": open ? "true" : null }, [
        el("td", {}, [e.name, open ? el("strong", " (open)") : null, el("span.smm-buttons", {}, [open ? null : act("Open", e, () => load(stored(e.id), e.id)),
          act("Duplicate", e, () => load(stored(e.id), null, "Copy of " + e.name)), act("Delete", e, () => remove(e))])]),
        el("td", e.system || "–"), el("td", new Date(e.changed).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })), el("td", e.progress)]);
    }), "smm-list-table"));
  }

  function renderKeep() {
    var el = P.el, box = P.clear(P.parts.keep), name = el("input", { type: "text", id: "smm-name", value: P.entry().name, autocomplete: "off" });
    name.addEventListener("change", () => {
      P.entry().name = name.value.trim() || P.entry().name;
      P.saveOk = P.saveList();
      renderList();
      renderStatus();
    });
    box.append(P.field("Name of the open assessment", name));
    P.listBox = box.appendChild(el("div"));
    renderList();
    box.append(P.el("p.smm-buttons", {}, [
      P.button("Start a new assessment", () => {
        if (load(P.fresh(), null, "Assessment " + (P.list.items.length + 1))) message(box, "A new assessment was started; the others stay in the list.", false);
      }),
      P.button("Export JSON", () => { P.download("smm-assessment-" + stamp() + ".json", JSON.stringify(P.exportData(), null, 2) + "\n", "application/json"); }),
      P.button("Export CSV", () => { P.download("smm-assessment-" + stamp() + ".csv", P.toCsv(), "text/csv"); })
    ]), el("fieldset", {}, [el("legend", "An imported file"), choice("replace", "replaces the open assessment (you can undo it)", true),
      choice("add", "is added as a new assessment")]));
    fileField(box, "smm-import", "Import a saved assessment (JSON)", (data, file) => {
      if (P.parts.keep.querySelector("#smm-import-add").checked) {
        if (load(data, null, file.replace(/\.json$/i, ""))) message(P.parts.keep, "Imported " + file + " as a new assessment.", false);
        return;
      }
      var before = JSON.parse(JSON.stringify(P.state)), resumed = P.resumed;
      P.state = P.adopt(data);
      P.refresh();
      message(P.parts.keep, "Imported " + file + " into “" + P.entry().name + "”, replacing what it held. ", false);
      P.undo = P.parts.keep.querySelector(".smm-ok").appendChild(P.button("Undo", () => {
        P.state = before;
        P.resumed = resumed;
        P.refresh();
        message(P.parts.keep, "The import was undone.", false);
      }));
    });
    if (P.resumed) box.append(resumedNotice(P.resumed));
    if (P.notice || P.read(P.KEPT_KEY)) {
      var keep = P.el("p.smm-warn", {}, [P.notice || "An earlier assessment this page cannot open is kept in this browser. ", " "]);
      keep.append(P.button("Download it", () => { P.download("smm-assessment-unread.json", P.read(P.KEPT_KEY) || "", "application/json"); }), " ",
        P.button("Discard it", () => { P.write(P.KEPT_KEY, null); P.notice = null; keep.remove(); }));
      box.append(keep);
    }
  }

  // What opening a file of another model version did (state.resume), one line each.
  function resumedNotice(r) {
    var el = P.el, lines = ["Answers to items that still exist are kept."];
    if (r.moved.length) lines.push("Moved to the successor of a retired item: " + r.moved.join(", ") + ".");
    if (r.reworded.length) lines.push("Reworded since you answered, check again (marked in step 3): " + r.reworded.join(", ") + ".");
    else if (r.unrecorded) lines.push("The file does not record the texts its answers were given to: check them against the texts now.");
    if (r.retired.length) lines.push("Retired without a successor, kept in the file but not counted: " + r.retired.join(", ") + ".");
    if (r.unknown.length) lines.push("Neither in this model nor retired, kept in the file but not counted: " + r.unknown.join(", ") + ".");
    return el("div.smm-warn.smm-resumed", { role: "status" }, [el("p", "This assessment was made with model version " + r.version +
      "; this page shows " + P.S.model_version + "."), el("ul", {}, lines.map((line) => el("li", line)))]);
  }

  function renderCompare() {
    var el = P.el, box = P.clear(P.parts.compare), baseline = P.baseline;
    fileField(box, "smm-baseline", "Load an earlier export as the baseline", (data, name) => {
      P.baseline = data;
      P.write(P.BASELINE_KEY, JSON.stringify(data));
      renderCompare();
      message(box, "Loaded " + name + " as the baseline.", false);
    }, true);
    if (!baseline) return;
    var remove = P.button("Remove the baseline", () => { P.baseline = null; P.write(P.BASELINE_KEY, null); renderCompare(); });
    var other = baseline.model_version !== P.S.model_version;
    box.append(el("p", {}, ["Baseline: " + (baseline.system || "assessment") + " started " + String(baseline.created).slice(0, 10) + ". " +
      (other ? "It was made with another version of the model (" + baseline.model_version + "): its answers to items this model no longer has are left out. " : ""), remove]),
    el("div.smm-compare-body"));
    updateCompare();
  }
  // The comparison follows the answers as they change.
  function updateCompare() {
    var el = P.el, baseline = P.baseline, body = P.parts.compare && P.parts.compare.querySelector(".smm-compare-body");
    if (!baseline || !body) return;
    P.clear(body);
    var box = body, inside = P.scope();
    if (inside.length < P.ids.length) box.append(el("p", "The " + inside.length + " practices in the scope of this assessment (step 2)."));
    box.append(P.table(["Practice", "Baseline", "Now", "Change"], inside.map((pid) => {
      var before = P.scoreOf(pid, baseline).achieved, now = P.scoreOf(pid).achieved, change = now - before;
      return el("tr", { "data-practice": pid }, [el("td", P.practiceById[pid].name), el("td", before),
        el("td", now), el("td.smm-change", change > 0 ? "+" + change : change < 0 ? "−" + -change : "no change")]);
    }), "smm-compare-table"));
  }

  // Several exports at once: each system's latest assessment, achieved/target per practice, by the rules of
  // `smm-guide portfolio` (macros/assessment/portfolio.py): a system is its name (the file's name without
  // one), its assessments ordered by "created"; two files of one system and date are refused, not merged.
  function portfolioOf(files) {
    var entries = [], rejected = [], first = {}, keep = P.resumed;
    files.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).forEach((file) => {
      var data, problems;
      try { data = JSON.parse(file.text); problems = P.validate(data, P.M, P.S); } catch (e) { problems = ["It is not valid JSON (" + e.message + ")."]; }
      if (problems.length) return rejected.push({ name: file.name, problems });
      var state = P.adopt(data), when = Date.parse(data.created), system = data.system || file.name.replace(/\.json$/i, "");
      var entry = { name: file.name, system, when: isNaN(when) ? null : when, state, targets: data.targets, resumed: P.resumed };
      var key = system + "\n" + entry.when;
      if (first[key]) return rejected.push({ name: file.name, problems: ["System " + q(system) + " of the same date is also in " + first[key] + ": two assessments of one system at one date are not merged."] });
      first[key] = file.name;
      entries.push(entry);
    });
    P.resumed = keep;  // opening these files changes nothing of the assessment on the page
    var order = (e) => [e.system.toLowerCase(), e.when === null ? -Infinity : e.when];
    entries.sort((a, b) => { var x = order(a), y = order(b); return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]; });
    var last = {};
    entries.forEach((e) => { last[e.system] = e; });
    return { entries, rejected, latest: Object.keys(last).map((s) => last[s]) };
  }
  function q(text) { return "\u201c" + text + "\u201d"; }
  // A cell as the command writes it: achieved/target, ? provisional, out (of scope), – (no target or no answer).
  function portfolioCell(entry, pid) {
    var t = entry.targets[pid], r = P.scoreOf(pid, entry.state, t ? t.level : null), target = r.target === null ? "–" : r.target;
    if (!r.inScope) return { text: "out", shade: "out" };
    if (!r.assessed) return { text: "–/" + target, shade: "" };
    return { text: r.achieved + "/" + target + (r.provisional ? "?" : ""), shade: r.gap === null ? "" : "gap" + Math.min(r.gap, 3) };
  }
  function dateOf(entry) { return entry.when === null ? "undated" : new Date(entry.when).toISOString().slice(0, 16).replace("T", " "); }
  function showPortfolio(box, found) {
    var el = P.el, body = P.clear(box.querySelector(".smm-portfolio-body"));
    found.rejected.forEach((r) => { body.append(el("p.smm-error", { role: "alert" }, ["Not read: " + r.name + ": " + r.problems.join(" ")])); });
    found.entries.filter((e) => e.resumed).forEach((e) => {
      body.append(el("p.smm-warn", e.name + ": made with model version " + e.resumed.version + "; read as this page reads it (answers kept, retired items moved" +
        (e.resumed.reworded.length ? ", reworded: " + e.resumed.reworded.join(", ") : "") + ")."));
    });
    if (!found.latest.length) return;
    body.append(el("p", found.entries.length + " assessment(s) of " + found.latest.length + " system(s); each system's latest. " +
      "Each cell is achieved/target. ?: provisional. out: out of scope. –: no target, or nothing answered."));
    body.append(P.table(["System", "Date", "File"].concat(P.ids), found.latest.map((e) => el("tr", { "data-system": e.system },
      [el("td", e.system), el("td", dateOf(e)), el("td", e.name)].concat(P.ids.map((pid) => {
        var cell = portfolioCell(e, pid);
        return el("td", { class: cell.shade ? "smm-" + cell.shade : null, "data-practice": pid, text: cell.text });
      })))), "smm-portfolio-table"));
  }
  function renderPortfolio() {
    var box = P.parts.portfolio;
    if (!box) return;
    P.clear(box);
    var input = P.el("input", { type: "file", id: "smm-portfolio", accept: ".json,application/json", multiple: true });
    input.addEventListener("change", () => {
      var files = Array.from(input.files), max = P.S.max_bytes;
      input.value = "";
      Promise.all(files.map((f) => (f.size > max ? Promise.resolve("") : f.text()).then((text) => ({ name: f.name, text }))))
        .then((read) => { showPortfolio(box, portfolioOf(read)); });
    });
    box.append(P.field("Open several exports (JSON) to see their systems side by side", input), P.el("div.smm-portfolio-body"));
  }

  function renderStatus() {
    var bar = P.parts.status;
    if (!bar) return;
    var saved = bar.querySelector(".smm-saved"), when = P.savedAt ? " at " + P.savedAt.toLocaleTimeString() : "";
    var none = !P.savedAt && !P.read(P.KEY);
    saved.textContent = none ? (P.notice ? "The assessment saved earlier could not be opened: see step 5" : "Nothing saved yet")
      : P.saveOk ? "Saved in this browser" + when : unsaved();
    saved.className = "smm-saved" + (none ? " smm-unsaved" : P.saveOk ? "" : " smm-error");
    bar.querySelector(".smm-current").textContent = "Assessment: " + P.entry().name;
    var inside = P.scope();
    bar.querySelector(".smm-progress").textContent = P.progress(inside) + " items answered" +
      (inside.length < P.ids.length ? " (" + inside.length + " of " + P.ids.length + " practices in scope)" : "");
  }
  function buildStatus() {
    var bar = P.parts.status;
    if (bar) P.clear(bar).append(P.el("a.smm-current", { href: "#keep" }), P.el("span.smm-saved"), P.el("span.smm-progress"), P.button("Print report", () => { window.print(); }));
  }

  Object.assign(P, { renderList, renderKeep, renderCompare, updateCompare, renderPortfolio, portfolioOf, renderStatus, buildStatus });
})(window.SMMAssess = window.SMMAssess || {});
