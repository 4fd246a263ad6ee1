// Step 3: answering each practice's items, or setting its level directly.
((P) => {
  "use strict";
  var noteTimer = null, onlyUnanswered = false;
  // What each status does to the score, by the scoring rule (rules.js), said beside the status control.
  var EFFECTS = {
    "": "Not assessed: never counted as not met, but no level is reached while an item of it is unanswered.",
    met: "Met: the level is reached once every item is met or not applicable.",
    partly: "Partly met counts as not met: this level is not reached.",
    "not-met": "Not met: this level is not reached.",
    na: "Not applicable: left out of this level; a level whose items are all not applicable is not reached."
  };
  // One key per status on a status control: the native <select> would cycle through "Not met",
  // "Not applicable" and "Not assessed" on "n".
  var KEYS = { m: "met", p: "partly", n: "not-met", a: "na", Delete: "", Backspace: "" };

  function renderAssess() {
    var open = Array.from(P.parts.assess.querySelectorAll("details[open]"), (d) => d.getAttribute("data-practice"));
    var box = P.clear(P.parts.assess), profiles = P.state.guidance.profiles;
    box.classList.toggle("smm-only-unanswered", onlyUnanswered);
    box.append(tools());
    P.M.domains.forEach((domain) => {
      box.append(P.el("h3", domain.name));
      domain.subdomains.forEach((sub) => {
        sub.practices.forEach((pid) => { box.append(practiceBlock(P.practiceById[pid], profiles)); });
      });
    });
    open.forEach((pid) => { var d = box.querySelector('[data-practice="' + pid + '"]'); if (d) d.open = true; });
    P.ids.forEach(updatePractice);
  }
  function tools() {
    var only = P.el("input", { type: "checkbox", id: "smm-only-unanswered", checked: onlyUnanswered });
    only.addEventListener("change", () => {
      onlyUnanswered = only.checked;
      P.parts.assess.classList.toggle("smm-only-unanswered", onlyUnanswered);
    });
    var next = P.button("Next unanswered", nextUnanswered);
    next.setAttribute("aria-keyshortcuts", "U");
    return P.el("div.smm-buttons.smm-tools", {}, [
      P.el("p.smm-check", {}, [only, P.el("label", { for: only.id, text: "Unanswered items only" })]), next,
      P.el("p.smm-live", { role: "status" })]);
  }
  function say(text) { P.parts.assess.querySelector(".smm-live").textContent = text; }

  function practiceBlock(p, profiles) {
    var body = P.el("div.smm-pbody"), summary = P.el("summary", {}, [
      P.el("span.smm-pname", p.name), " ", P.el("span.smm-psum")]);
    var details = P.el("details.smm-practice", { "data-practice": p.id, id: "smm-practice-" + p.id }, [summary, body]);
    // A practice's controls are built when it is first opened: all 18 at once are thousands of
    // elements, and the page would start several times slower than a content page. On click, so
    // that they are there for the next Tab; on toggle, for a practice opened by the script.
    summary.addEventListener("click", () => { build(details, profiles); });
    details.addEventListener("toggle", () => { if (details.open) build(details, profiles); });
    return details;
  }
  function build(details, profiles) {
    var body = details.querySelector(".smm-pbody"), pid = details.getAttribute("data-practice");
    if (body.firstChild) return;
    fillPractice(body, P.practiceById[pid], profiles);
    updatePractice(pid);
  }
  function fillPractice(body, p, profiles) {
    var levels = P.state.levels;
    var direct = P.select({ id: "smm-direct-" + p.id },
      [["", "From the answers below"]].concat(P.ALL_LEVELS.map((n) => [String(n), "Level " + n])), levels[p.id] === undefined ? "" : levels[p.id]);
    body.append(P.field("Current level", direct), P.el("p.smm-left", "Nothing left to answer in this practice."));
    P.LEVELS.forEach((n) => {
      var list = P.el("ol.smm-items");
      P.items(p.id, n, profiles).forEach((id) => { list.append(itemRow(id)); });
      var level = P.M.levels[n] || { name: "" };
      body.append(P.el("div.smm-level", { "data-level": n }, [
        P.el("h4", { "data-level": n }, ["Level " + n + ": " + level.name + " ", P.el("span.smm-state")]),
        P.el("p.smm-hint", p.levels[n] ? P.unmark(p.levels[n].objective) : ""), list,
        P.el("p.smm-left", "Nothing left to answer at this level."), bulk(p, n)]));
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
      touched(p.id);
    });
    body.addEventListener("keydown", (event) => {
      var control = event.target, status = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (status === undefined || !control.matches("select[data-item]") || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      if (control.value === status) return;
      control.value = status;
      control.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
  // "Mark the remaining items of this level as ...": touches the unanswered items only, once confirmed.
  function bulk(p, n) {
    var choice = P.select({ id: "smm-bulk-" + p.id + "-" + n }, [P.MET, P.PARTLY, P.NOT_MET, P.NA].map((s) => [s, P.LABELS[s]]), P.MET);
    var go = P.button("Mark them", () => {
      var left = P.items(p.id, n).filter((id) => P.statusOf(id) === P.NONE), where = " of level " + n + " of " + p.name;
      var many = left.length + " unanswered item" + (left.length === 1 ? "" : "s") + where + " as " + P.LABELS[choice.value];
      if (!left.length) return say("No item" + where + " is left unanswered.");
      if (!window.confirm("Mark the " + many + "?\n\nAnswered items stay as they are. " +
        "There is no undo: to change an item back, set its status again.")) return;
      left.forEach((id) => {
        answer(id, "status", choice.value);
        var control = document.getElementById("smm-status-" + id);
        if (control) control.value = choice.value;
      });
      P.save();
      touched(p.id);
      say("Marked " + many + ".");
    });
    go.append(P.el("span.smm-vh", " (level " + n + " of " + p.name + ")"));
    return P.el("p.smm-field.smm-bulk", {}, [P.el("label", { for: choice.id, text: "Mark the remaining items of level " + n + " as" }), choice, go]);
  }

  // Focus goes to the status control of the next unanswered item of a practice in scope, after the
  // item (or into the practice) focused now, in the page's order and around to the start.
  function nextUnanswered() {
    var order = [], active = document.activeElement || document.body;
    var item = active.closest("li.smm-item"), block = active.closest("details.smm-practice");
    P.parts.assess.querySelectorAll("details.smm-practice").forEach((details) => {
      var pid = details.getAttribute("data-practice");
      if (P.inScope(pid)) P.LEVELS.forEach((n) => { P.items(pid, n).forEach((id) => { order.push({ details, id }); }); });
    });
    var at = order.findIndex((x) => (item ? x.id === item.getAttribute("data-item") : x.details === block));
    var start = at < 0 ? -1 : item ? at : at - 1;
    var ahead = order.slice(start + 1).concat(order.slice(0, start + 1)).filter((x) => P.statusOf(x.id) === P.NONE), x = ahead[0];
    if (!x) return say("No unanswered item is left in scope.");
    build(x.details, P.state.guidance.profiles);
    x.details.open = true;
    var control = document.getElementById("smm-status-" + x.id);
    control.focus({ preventScroll: true });
    // Centred, so that the sticky status bar does not cover it.
    control.closest("li").scrollIntoView({ block: "center" });
    say(ahead.length === 1 ? "This is the last unanswered item in scope." : "");
  }
  // "U" goes to the next unanswered item, from anywhere but a text field or another list of choices.
  function onKey(event) {
    var t = event.target;
    if ((event.key !== "u" && event.key !== "U") || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!P.parts || !document.contains(P.parts.assess) || t.isContentEditable || t.tagName === "TEXTAREA") return;
    if ((t.tagName === "INPUT" && !/^(checkbox|radio|button|submit|file)$/.test(t.type)) || (t.tagName === "SELECT" && !t.hasAttribute("data-item"))) return;
    event.preventDefault();
    nextUnanswered();
  }
  if (!window.smmAssessKeys) {
    window.smmAssessKeys = true;
    document.addEventListener("keydown", onKey);
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
  // Not applicable with no reason: the note is the reason, and it is required (the score is not changed).
  function lacksReason(id) { var a = P.state.answers[id]; return !!a && a.status === P.NA && !a.note.trim(); }
  function itemRow(id) {
    var el = P.el, place = P.itemById[id], item = place.item;
    var a = P.state.answers[id] || { status: P.NONE, note: "" };
    var status = P.select({ id: "smm-status-" + id, "data-item": id, "aria-describedby": "smm-effect-" + id, "aria-keyshortcuts": "M P N A Delete" },
      [P.NONE, P.MET, P.PARTLY, P.NOT_MET, P.NA].map((s) => [s, P.LABELS[s]]), a.status);
    var note = el("textarea", { id: "smm-note-" + id, "data-item": id, rows: 1 });
    note.value = a.note;
    return el("li.smm-item", { "data-item": id }, [
      el("p.smm-todo"),
      el("p", {}, [el("code.smm-id", id), " ", place.source !== "General" ? el("span.smm-tag", place.source) : null, " ", P.unmark(item.text)]),
      P.reworded(id) ? el("p.smm-warn.smm-reworded", { id: "smm-reworded-" + id, text: "Reworded since you answered: check again." }) : null,
      el("p.smm-pass", P.unmark(item.pass)),
      el("p.smm-evidence", "Evidence: " + P.unmark(item.evidence)),
      el("div.smm-answer", {}, [
        el("label", { for: status.id }, ["Status", el("span.smm-vh", " of " + id)]), status,
        el("label.smm-note-label", { for: note.id }, ["Evidence note", el("span.smm-vh", " for " + id)]), note]),
      el("p.smm-effect", { id: "smm-effect-" + id })
    ]);
  }
  // An item's marks follow its answer: unanswered, N/A without its reason, the status's effect.
  function mark(li) {
    var id = li.getAttribute("data-item"), status = P.statusOf(id), lacking = lacksReason(id), note = li.querySelector("textarea");
    li.classList.toggle("smm-unanswered", status === P.NONE);
    li.classList.toggle("smm-lacking", lacking);
    li.querySelector(".smm-todo").textContent = status === P.NONE ? "Not answered yet" : lacking ? "N/A needs a reason" : "";
    li.querySelector(".smm-effect").textContent = EFFECTS[status];
    li.querySelector(".smm-note-label").firstChild.textContent = status === P.NA ? "Reason it does not apply (required)" : "Evidence note";
    if (status === P.NA) note.setAttribute("aria-required", "true"); else note.removeAttribute("aria-required");
  }
  function qualifier(s) { return s.direct ? " (set directly)" : !s.assessed ? " (not assessed)" : s.provisional ? " (provisional)" : ""; }
  function updatePractice(pid) {
    var block = P.parts.assess.querySelector('[data-practice="' + pid + '"]');
    if (!block) return;
    var s = P.scoreOf(pid), t = P.targetOf(pid), left = 0, lacking = 0;
    P.LEVELS.forEach((n) => {
      var ids = P.items(pid, n), open = ids.filter((id) => P.statusOf(id) === P.NONE).length;
      left += open;
      lacking += ids.filter(lacksReason).length;
      var level = block.querySelector('.smm-level[data-level="' + n + '"]');
      if (!level) return;  // not opened yet
      level.classList.toggle("smm-done", !open);
      // A level of only not applicable items is not reached: said, since it is easy to miss.
      var onlyNa = ids.length > 0 && ids.every((id) => P.statusOf(id) === P.NA), badge = level.querySelector(".smm-state");
      badge.textContent = "(" + s.states[n] + (onlyNa ? ": every item is not applicable, and a level needs one item met" : "") + ")";
      badge.className = "smm-state smm-" + s.states[n].replace(" ", "-");
    });
    block.classList.toggle("smm-done", !left);
    block.querySelectorAll("li.smm-item").forEach(mark);
    var inside = P.inScope(pid);
    block.classList.toggle("smm-out", !inside);
    // Out of scope, the answers stay (and count again once it is back), but the practice has no result.
    block.querySelector(".smm-psum").textContent = (inside ? "" : "out of scope (step 2) · ") +
      (t.level === null ? "no target" : "target " + t.level) + (inside ? " · achieved " + s.achieved + qualifier(s) : "") +
      " · " + progress([pid]) + " answered" + (lacking ? " · " + lacking + " N/A " + (lacking === 1 ? "needs" : "need") + " a reason" : "");
  }
  Object.assign(P, { renderAssess, updatePractice, progress, qualifier });
})(window.SMMAssess = window.SMMAssess || {});
