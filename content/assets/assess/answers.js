// Step 3: answering each practice's items, or setting its level directly.
((P) => {
  "use strict";
  var noteTimer = null;
  function renderAssess() {
    var open = Array.from(P.parts.assess.querySelectorAll("details[open]"), (d) => d.getAttribute("data-practice"));
    var box = P.clear(P.parts.assess), profiles = P.state.guidance.profiles;
    P.M.domains.forEach((domain) => {
      box.append(P.el("h3", domain.name));
      domain.subdomains.forEach((sub) => {
        sub.practices.forEach((pid) => { box.append(practiceBlock(P.practiceById[pid], profiles)); });
      });
    });
    open.forEach((pid) => { var d = box.querySelector('[data-practice="' + pid + '"]'); if (d) d.open = true; });
    P.ids.forEach(updatePractice);
  }
  function practiceBlock(p, profiles) {
    var body = P.el("div.smm-pbody"), summary = P.el("summary", {}, [
      P.el("span.smm-pname", p.name), " ", P.el("span.smm-psum")]);
    var details = P.el("details.smm-practice", { "data-practice": p.id, id: "smm-practice-" + p.id }, [summary, body]);
    // A practice's controls are built when it is first opened: all 18 at once are thousands of
    // elements, and the page would start several times slower than a content page. On click, so
    // that they are there for the next Tab; on toggle, for a practice opened by the script.
    function build() {
      if (body.firstChild) return;
      fillPractice(body, p, profiles);
      updatePractice(p.id);
    }
    summary.addEventListener("click", build);
    details.addEventListener("toggle", () => { if (details.open) build(); });
    return details;
  }
  function fillPractice(body, p, profiles) {
    var levels = P.state.levels;
    var direct = P.select({ id: "smm-direct-" + p.id },
      [["", "From the answers below"]].concat(P.ALL_LEVELS.map((n) => [String(n), "Level " + n])), levels[p.id] === undefined ? "" : levels[p.id]);
    body.append(P.field("Current level", direct));
    P.LEVELS.forEach((n) => {
      var list = P.el("ol.smm-items");
      P.items(p.id, n, profiles).forEach((id) => { list.append(itemRow(id)); });
      var level = P.M.levels[n] || { name: "" };
      body.append(
        P.el("h4", { "data-level": n }, ["Level " + n + ": " + level.name + " ", P.el("span.smm-state")]),
        P.el("p.smm-hint", p.levels[n] ? P.unmark(p.levels[n].objective) : ""), list);
    });
    direct.addEventListener("change", () => {
      if (direct.value === "") delete levels[p.id]; else levels[p.id] = +direct.value;
      P.save();
      touched(p.id);
    });
    // Statuses are saved at once, notes when typing pauses.
    body.addEventListener("change", (event) => {
      var id = event.target.getAttribute("data-item");
      if (!id || event.target.tagName !== "SELECT") return;
      answer(id, "status", event.target.value);
      P.save();
      touched(p.id);
    });
    body.addEventListener("input", (event) => {
      var id = event.target.getAttribute("data-item");
      if (!id || event.target.tagName !== "TEXTAREA") return;
      answer(id, "note", event.target.value);
      clearTimeout(noteTimer);
      noteTimer = setTimeout(P.save, 300);
      P.scheduleResults();
    });
  }
  function answer(id, key, value) {
    var answers = P.state.answers, a = answers[id] || (answers[id] = { status: P.NONE, note: "" });
    a[key] = value;
    // Answered again: to the item's text as it is now, so a "reworded" flag goes.
    P.state.fingerprints[id] = P.itemById[id].item.fp;
    var flag = document.getElementById("smm-reworded-" + id);
    if (flag) flag.remove();
    if (a.status === P.NONE && !a.note) { delete answers[id]; delete P.state.fingerprints[id]; }
  }
  function touched(pid) { updatePractice(pid); P.scheduleResults(); }
  function progress(pids) {
    var answered = 0, total = 0;
    pids.forEach((pid) => {
      P.LEVELS.forEach((n) => { P.items(pid, n).forEach((id) => { total += 1; if (P.statusOf(id) !== P.NONE) answered += 1; }); });
    });
    return answered + " of " + total;
  }
  function itemRow(id) {
    var el = P.el, place = P.itemById[id], item = place.item;
    var a = P.state.answers[id] || { status: P.NONE, note: "" };
    var status = P.select({ id: "smm-status-" + id, "data-item": id }, [P.NONE, P.MET, P.PARTLY, P.NOT_MET, P.NA].map((s) => [s, P.LABELS[s]]), a.status);
    var note = el("textarea", { id: "smm-note-" + id, "data-item": id, rows: 1 });
    note.value = a.note;
    return el("li.smm-item", { "data-item": id }, [
      el("p", {}, [el("code.smm-id", id), " ", place.source !== "General" ? el("span.smm-tag", place.source) : null, " ", P.unmark(item.text)]),
      P.reworded(id) ? el("p.smm-warn.smm-reworded", { id: "smm-reworded-" + id, text: "Reworded since you answered: check again." }) : null,
      el("p.smm-pass", P.unmark(item.pass)),
      el("p.smm-evidence", "Evidence: " + P.unmark(item.evidence)),
      el("div.smm-answer", {}, [
        el("label", { for: status.id }, ["Status", el("span.smm-vh", " of " + id)]), status,
        el("label", { for: note.id }, ["Evidence note", el("span.smm-vh", " for " + id)]), note])
    ]);
  }
  function qualifier(s) { return s.direct ? " (set directly)" : !s.assessed ? " (not assessed)" : s.provisional ? " (provisional)" : ""; }
  function updatePractice(pid) {
    var block = P.parts.assess.querySelector('[data-practice="' + pid + '"]');
    if (!block) return;
    var s = P.scoreOf(pid), t = P.targetOf(pid);
    P.LEVELS.forEach((n) => {
      var badge = block.querySelector('h4[data-level="' + n + '"] .smm-state');
      if (!badge) return;  // not opened yet
      badge.textContent = "(" + s.states[n] + ")";
      badge.className = "smm-state smm-" + s.states[n].replace(" ", "-");
    });
    var inside = P.inScope(pid);
    block.classList.toggle("smm-out", !inside);
    // Out of scope, the answers stay (and count again once it is back), but the practice has no result.
    block.querySelector(".smm-psum").textContent = (inside ? "" : "out of scope (step 2) · ") +
      (t.level === null ? "no target" : "target " + t.level) + (inside ? " · achieved " + s.achieved + qualifier(s) : "") +
      " · " + progress([pid]) + " answered";
  }
  Object.assign(P, { renderAssess, updatePractice, progress, qualifier });
})(window.SMMAssess = window.SMMAssess || {});
