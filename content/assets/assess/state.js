// The assessment: saved state, import validation (tested in Node), scores, exports.
((P) => {
  "use strict";
  // KEY holds the open assessment, LIST_KEY the list of all, KEY + "-" + id each of the others.
  var KEY = "smm-guide-assessment", BASELINE_KEY = KEY + "-baseline", KEPT_KEY = KEY + "-unread", LIST_KEY = KEY + "s";
  var R = typeof exports === "object" ? Object.assign({}, require("./rules.js"), require("./selection.js")) : P;
  var q = JSON.stringify;
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isLevel(value) { return R.ALL_LEVELS.indexOf(value) >= 0; }

  // Problems of a saved assessment (format of downloads/assessment.schema.json) against a model.
  // Lenient (for a baseline to compare with): another model version, and ids it no longer has.
  function validate(data, model, settings, lenient) {
    var problems = [], items = {}, find = R.find;
    function fail(text) { if (problems.length < 8) problems.push(text); }
    function unknown(what, id, where) { if (!lenient) fail("Unknown " + what + " " + q(id) + " in " + where + "."); }
    if (!isObject(data)) return ["The file does not hold an assessment (a JSON object)."];
    if (data.format !== settings.format) return ["This is not an smm-guide assessment: its format is " + q(data.format) + ", not " + q(settings.format) + "."];
    if (data.version !== settings.version) return ["Version " + q(data.version) + " of the assessment format is not supported; this page reads version " + settings.version + "."];
    // Another model version alone never refuses a file: adopt() keeps, moves and flags its answers.
    var other = data.model_version !== settings.model_version;
    var fields = ["format", "version", "model_version", "system", "created", "guidance", "characterization", "targets", "answers", "levels"];
    Object.keys(data).forEach((key) => { if (fields.indexOf(key) < 0 && settings.optional.indexOf(key) < 0) fail("Unknown field " + q(key) + "."); });
    // Files saved before the scope and fingerprints existed lack those fields.
    fields.slice(4).forEach((key) => { if (!(key in data)) fail("The field " + q(key) + " is missing."); });
    if (typeof (data.created || "") !== "string" || typeof (data.system || "") !== "string") fail("\"created\" and \"system\" must be text.");
    R.eachItem(model, (item) => { items[item.id] = 1; });
    var g = data.guidance;
    if (!isObject(g) || !Array.isArray(g.profiles) || !("framework" in g)) {
      if ("guidance" in data) fail("\"guidance\" must have \"profiles\" and \"framework\".");
    } else {
      g.profiles.forEach((id) => { if (!find(model.profiles, id)) unknown("profile", id, "\"guidance\""); });
      if (g.framework !== null && !find(model.frameworks, g.framework)) unknown("framework", g.framework, "\"guidance\"");
    }
    function entries(key, check) {
      if (!(key in data)) return;
      if (!isObject(data[key])) return fail(q(key) + " must be an object.");
      Object.keys(data[key]).forEach((id) => { check(id, data[key][id], q(key)); });
    }
    entries("characterization", (id, value, where) => {
      var profile = find(model.profiles, id);
      if (!profile) return unknown("profile", id, where);
      if (!isObject(value) || !isObject(value.options) || !("archetype" in value)) return fail("The characterization of " + q(id) + " must have \"archetype\" and \"options\".");
      if (value.archetype !== null && !find(profile.archetypes, value.archetype)) unknown("archetype", value.archetype, q(id));
      Object.keys(value.options).forEach((dimId) => {
        var dim = find(profile.dimensions, dimId);
        if (!dim) unknown("dimension", dimId, q(id));
        else if (!find(dim.options, value.options[dimId])) unknown("option", value.options[dimId], "dimension " + q(dimId));
      });
    });
    entries("targets", (id, value, where) => {
      if (!find(model.practices, id)) unknown("practice", id, where);
      if (!isObject(value) || !isLevel(value.level) || typeof value.justification !== "string") fail("The target of " + q(id) + " must have a level from 0 to 4 and a justification.");
    });
    entries("answers", (id, value, where) => {
      if (!items[id] && !other) unknown("item", id, where);
      if (!isObject(value) || R.STATUSES.indexOf(value.status) < 0 || typeof value.note !== "string") fail("The answer to " + q(id) + " must have a status (met, partly, not-met, na or \"\") and a note.");
    });
    entries("removed", (id, value) => {
      if (!isObject(value) || R.STATUSES.indexOf(value.status) < 0 || typeof value.note !== "string") fail("The kept answer to " + q(id) + " must have a status and a note.");
    });
    entries("fingerprints", (id, value) => { if (typeof value !== "string") fail("The fingerprint of " + q(id) + " must be text."); });
    entries("levels", (id, value, where) => {
      if (!find(model.practices, id)) unknown("practice", id, where);
      if (!isLevel(value)) fail("The level of " + q(id) + " must be a whole number from 0 to 4.");
    });
    entries("out_of_scope", (id, value, where) => {
      if (!find(model.practices, id)) unknown("practice", id, where);
      if (typeof value !== "string" || value.length > settings.scope_reason_length) {
        fail("The reason " + q(id) + " is out of scope must be text of at most " + settings.scope_reason_length + " characters.");
      }
    });
    return problems;
  }

  function read(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) {
    // A full storage throws QuotaExceededError: kept to be told (renderStatus), never thrown on.
    try { if (value === null) window.localStorage.removeItem(key); else window.localStorage.setItem(key, value); P.full = false; return true; } catch (e) { P.full = e.name === "QuotaExceededError"; return false; }
  }

  function open(parts, M, S) {
    var ids = M.practices.map((p) => p.id), practiceById = {}, frameworkById = {}, itemById = {}, requirementsOf = {};
    M.practices.forEach((p) => { practiceById[p.id] = p; });
    P.eachItem(M, (item, source) => { itemById[item.id] = { item, source }; });
    M.frameworks.forEach((f) => {
      var nodes = {};
      f.groups.concat(f.requirements).forEach((node) => { nodes[node.id] = node; });
      frameworkById[f.id] = { framework: f, nodes };
    });
    M.mappings.forEach((m) => {
      var fw = frameworkById[m.framework], label = fw.nodes[m.requirement].code + " (" + fw.framework.short_name + ")";
      m.items.forEach((id) => {
        var list = requirementsOf[id] || (requirementsOf[id] = []);
        if (list.indexOf(label) < 0) list.push(label);
      });
    });
    // MkDocs writes page URLs as "practices/x/", or as "practices/x.html" in the offline copy: the
    // page carries one link MkDocs wrote, so these follow the same style. A folder URL opened from
    // disk needs its index.html.
    var sample = document.querySelector(".smm-assess-routes a");
    var folders = !sample || /\/$/.test(sample.getAttribute("href")), onFile = location.protocol === "file:";
    Object.assign(P, {
      parts, M, S, ids, practiceById, frameworkById, itemById, requirementsOf, baseline: null, notice: null, suggestions: null,
      savedAt: null, saveOk: true, sort: { key: null, down: false },
      pageLink: (path) => "../" + path + (folders ? "/" + (onFile ? "index.html" : "") : ".html")
    });
    P.state = fresh();
    var raw = read(KEY), data = null, problems;
    if (raw) {
      try { data = JSON.parse(raw); problems = validate(data, M, S); } catch (e) { problems = ["It is not valid JSON."]; }
      if (!problems.length) P.state = adopt(data);
      else {
        // Never lose work: a saved assessment this page cannot read is kept aside and offered for download.
        write(KEPT_KEY, raw);
        write(KEY, null);
        P.notice = "The assessment saved in this browser could not be opened here: " + problems[0];
      }
    }
    try { P.list = JSON.parse(read(LIST_KEY)); } catch (e) { P.list = null; }
    // The one assessment saved before the list existed becomes its first entry.
    if (!P.list || !Array.isArray(P.list.items)) P.list = { current: null, items: [] };
    if (!entry()) { add("Assessment " + (P.list.items.length + 1), P.state.created); saveList(); }
    raw = read(BASELINE_KEY);
    try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
    if (data && !validate(data, M, S, true).length) P.baseline = data;
  }

  function fresh() {
    return {
      format: P.S.format, version: P.S.version, model_version: P.S.model_version, created: new Date().toISOString(), system: "",
      guidance: { profiles: [], framework: null }, characterization: {}, targets: {}, answers: {}, levels: {}, out_of_scope: {},
      fingerprints: {}
    };
  }
  // Answers of a file made with another model version (resuming.resume): those to items that exist are
  // kept, those to retired items move to their successors, the rest are kept apart in "removed"; an
  // answer whose item's fingerprint changed since is flagged. Sets P.resumed, what the page tells.
  function resume(s) {
    var successors = {}, answers = {}, fps = {}, said = { version: s.model_version, moved: [], reworded: [], retired: [], unknown: [] };
    var stored = s.fingerprints || {}, other = s.model_version !== P.S.model_version;
    s.removed = s.removed || {};
    (P.M.retired || []).forEach((r) => { successors[r.id] = r.replaced_by; });
    Object.keys(s.answers).forEach((id) => { if (P.itemById[id]) answers[id] = s.answers[id]; });
    Object.keys(s.answers).forEach((id) => {
      if (P.itemById[id]) return;
      s.removed[id] = s.answers[id];
      if (!successors[id]) said.unknown.push(id); else if (!successors[id].length) said.retired.push(id);
      (successors[id] || []).forEach((to) => {
        if (!P.itemById[to] || answers[to]) return;  // an answer given to the successor itself wins
        answers[to] = JSON.parse(JSON.stringify(s.answers[id]));
        said.moved.push(id + " → " + to);
      });
    });
    Object.keys(answers).forEach((id) => {
      var now = P.itemById[id].item.fp;
      if (stored[id] && stored[id] !== now) said.reworded.push(id);
      // Kept until the answer changes, so the flag lasts; an answer of unknown age counts as given to the text now.
      fps[id] = stored[id] || now;
    });
    s.answers = answers;
    s.fingerprints = fps;
    if (!Object.keys(s.removed).length) delete s.removed;
    said.unrecorded = other && !hasAny(stored);
    P.resumed = other ? said : null;
    s.model_version = P.S.model_version;
  }
  function hasAny(object) { return Object.keys(object).length > 0; }
  function reworded(id) { var s = P.state.fingerprints || {}; return !!s[id] && !!P.itemById[id] && s[id] !== P.itemById[id].item.fp; }

  // Inside, targets holds only what the assessor set; suggestions are worked out when needed.
  function adopt(data) {
    var s = JSON.parse(JSON.stringify(data)), set = {};
    resume(s);
    Object.keys(s.targets).forEach((id) => {
      var t = s.targets[id];
      if (!t.source || t.source === "set") set[id] = { level: t.level, justification: t.justification };
    });
    s.targets = set;
    s.system = s.system || "";
    s.out_of_scope = s.out_of_scope || {};
    return s;
  }

  function chosen() { return P.inOrder(P.M.profiles, P.state.guidance.profiles); }
  function characterizationOf(profileId) {
    var all = P.state.characterization;
    return all[profileId] || (all[profileId] = { archetype: null, options: {} });
  }
  // A practice level's items with the assessment's profiles, or those given (ids).
  function items(pid, n, profiles) { return P.itemsAt(P.M, pid, n, profiles || P.state.guidance.profiles); }
  function statusOf(id, answers) { var x = (answers || P.state.answers)[id]; return x ? x.status : P.NONE; }
  // Whether a practice is in the scope of the assessment (this one, or data given).
  function inScope(pid, data) { return !Object.prototype.hasOwnProperty.call((data || P.state).out_of_scope || {}, pid); }
  // The practices in scope, in the model's order: what counts, gaps, next steps and exports cover.
  function scope() { return P.ids.filter((pid) => inScope(pid)); }
  // A file's own target may be given (the portfolio's files); the page's assessment has its own.
  function scoreOf(pid, data, target) {
    data = data || P.state;
    target = data === P.state ? P.targetOf(pid).level : target === undefined ? null : target;
    var levels = {};
    P.LEVELS.forEach((n) => { levels[n] = items(pid, n, data.guidance.profiles).map((id) => statusOf(id, data.answers)); });
    var result = P.score(levels, target, inScope(pid, data)), direct = data.levels[pid];
    if (direct !== undefined) P.withGap(Object.assign(result, { achieved: direct, direct: true, provisional: false, assessed: true }));
    return result;
  }

  function exportData() {
    var out = JSON.parse(JSON.stringify(P.state));
    out.targets = {};
    P.ids.forEach((pid) => {
      var t = P.targetOf(pid);
      if (t.level !== null) out.targets[pid] = { level: t.level, justification: t.justification, source: t.source };
    });
    return out;
  }
  // The checklist CSV with the answers, of the practices in scope.
  function toCsv() {
    var sel = P.selection(P.M, P.state.guidance.profiles), out = P.csvLine(P.S.csv_columns);
    scope().forEach((pid) => {
      var p = P.practiceById[pid], levels = sel.items[pid];
      Object.keys(levels).forEach((n) => {
        levels[n].forEach((id) => {
          var item = P.itemById[id].item, x = P.state.answers[id] || { status: P.NONE, note: "" };
          out += P.csvLine([pid, p.name, +n, id, P.flat(item.text), P.flat(item.pass), P.flat(item.evidence), sel.labels[id],
            (P.requirementsOf[id] || []).join("; "), x.status === P.NONE ? "" : P.LABELS[x.status], x.note, "", "", ""]);
        });
      });
    });
    return out;
  }

  // The list's entry of an assessment (the open one by default), and a new entry made the open one.
  function entry(id) { id = id || P.list.current; return P.list.items.filter((e) => e.id === id)[0]; }
  function add(name, changed) {
    var id = "a" + Date.now().toString(36) + P.list.items.length;
    P.list.items.push({ id, name, system: P.state.system, changed: changed || new Date().toISOString(), progress: P.progress(scope()) });
    P.list.current = id;
  }
  function saveList() { return write(LIST_KEY, JSON.stringify(P.list)); }

  function save() {
    var e = entry();
    Object.assign(e, { system: P.state.system, changed: new Date().toISOString(), progress: P.progress(scope()) });
    P.saveOk = write(KEY, JSON.stringify(exportData())) && saveList();
    // An import's undo lasts until the next change.
    if (P.undo) { P.undo.remove(); P.undo = null; }
    if (P.renderList) P.renderList();
    P.savedAt = new Date();
    P.renderStatus();
  }
  function changed(what) {
    if (what === "guidance" || what === "characterization") P.suggestions = null;
    save();
    if (what === "guidance") { P.renderCharacterize(); P.renderAssess(); }
    if (what === "characterization" || what === "target" || what === "scope") P.renderTargets();
    if (what === "scope") P.renderStatus();
    P.ids.forEach(P.updatePractice);
    P.scheduleResults();
  }

  Object.assign(P, {
    KEY, BASELINE_KEY, KEPT_KEY, LIST_KEY, entry, add, saveList, validate, read, write, open, fresh, adopt, reworded,
    chosen, characterizationOf, items, statusOf, inScope, scope, scoreOf, exportData, toCsv, save, changed
  });
})(typeof exports === "object" ? exports : (window.SMMAssess = window.SMMAssess || {}));
