/* Self-assessment page (assess/): guidance, characterization and targets, answers, results,
   saving, import and export, comparison. Plain JavaScript, no dependencies, nothing loaded from
   elsewhere: the model comes from assets/smm-model.js (window.SMM_MODEL), so the page also works
   when opened from file://. The rules below mirror macros/scoring.py and macros/targets.py and
   are tested in Node against data/scoring-vectors.yaml and data/suggestion-vectors.yaml. */
(() => {
  "use strict";

  /* ------------------------------------------------------------------ rules */

  var MET = "met", PARTLY = "partly", NOT_MET = "not-met", NA = "na", NONE = "";
  var STATUSES = [MET, PARTLY, NOT_MET, NA, NONE];
  var LABELS = { met: "Met", partly: "Partly met", "not-met": "Not met", na: "Not applicable", "": "Not assessed" };
  var REACHED = "reached", NOT_REACHED = "not reached", UNASSESSED = "not assessed";
  var LEVELS = [1, 2, 3, 4], ALL_LEVELS = [0, 1, 2, 3, 4], LOWEST = 0, HIGHEST = 4;

  // Whether one level is reached, from the statuses of all its items (scoring.level_state).
  function levelState(statuses) {
    if (statuses.some((s) => s === NOT_MET || s === PARTLY)) return NOT_REACHED;
    if (statuses.indexOf(NONE) >= 0) return UNASSESSED;
    return statuses.indexOf(MET) >= 0 ? REACHED : NOT_REACHED;
  }

  // Score one practice (scoring.score): levels maps 1-4 to the statuses of their items.
  function score(levels, target) {
    var states = {}, achieved = 0, counting = true, assessed = false;
    LEVELS.forEach((n) => {
      var statuses = levels[n] || [];
      states[n] = levelState(statuses);
      if (counting && states[n] === REACHED) achieved = n; else counting = false;
      if (statuses.some((s) => s !== NONE)) assessed = true;
    });
    var has = target !== null && target !== undefined;
    return {
      achieved: achieved, target: has ? target : null, assessed: assessed, states: states,
      gap: has ? Math.max(target - achieved, 0) : null, over: has ? Math.max(achieved - target, 0) : 0,
      provisional: states[achieved + 1] === UNASSESSED
    };
  }

  // The suggested target of every practice for a characterization (targets.suggest).
  function suggest(profile, characterization, practiceIds) {
    var reasons = {}, order = [];
    function slot(id) { if (!reasons[id]) { reasons[id] = []; order.push(id); } return reasons[id]; }
    practiceIds.forEach(slot);
    characterization = characterization || {};
    profile.dimensions.forEach((dim) => {
      dim.options.forEach((option) => {
        if (option.id !== characterization[dim.id]) return;
        option.effects.forEach((effect) => { slot(effect.practice).push([dim.id, option.id, effect]); });
      });
    });
    var result = {};
    order.forEach((id) => {
      var net = reasons[id].reduce((sum, r) => sum + (r[2].direction === "up" ? 1 : -1), 0);
      var level = Math.max(LOWEST, Math.min(HIGHEST, profile.baseline + net));
      result[id] = { practice: id, level: level, net: net, reasons: reasons[id] };
    });
    return result;
  }

  // A target against its characterization (targets.goes_against).
  function goesAgainst(target, suggestion, baseline) {
    var wrongSide = (suggestion.net > 0 && target < baseline) || (suggestion.net < 0 && target > baseline);
    return wrongSide || Math.abs(target - suggestion.level) >= 2;
  }

  // CSV as Python's csv module writes it (text.neutralize_formula, checklists.to_csv).
  function neutralizeFormula(text) { return /^[=+\-@\t\r]/.test(text) ? "'" + text : text; }
  function csvLine(cells) {
    return cells.map((cell) => {
      var text = typeof cell === "string" ? neutralizeFormula(cell) : String(cell);
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }).join(",") + "\r\n";
  }

  function find(list, id) { return list.filter((x) => x.id === id)[0]; }
  function each(nodes, fn) { Array.prototype.forEach.call(nodes, fn); }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isLevel(value) { return typeof value === "number" && value % 1 === 0 && value >= LOWEST && value <= HIGHEST; }
  var q = JSON.stringify;

  // Problems of a saved assessment (format of downloads/assessment.schema.json) against a model.
  // Lenient (for a baseline to compare with): another model version, and ids it no longer has.
  function validate(data, model, settings, lenient) {
    var problems = [], practices = {}, profiles = {}, frameworks = {}, items = {};
    function fail(text) { if (problems.length < 8) problems.push(text); }
    function unknown(what, id, where) { if (!lenient) fail("Unknown " + what + " " + q(id) + " in " + where + "."); }
    if (!isObject(data)) return ["The file does not hold an assessment (a JSON object)."];
    if (data.format !== settings.format) return ["This is not an smm-guide assessment: its format is " + q(data.format) + ", not " + q(settings.format) + "."];
    if (data.version !== settings.version) {
      return ["Version " + q(data.version) + " of the assessment format is not supported; this page reads version " + settings.version + "."];
    }
    if (data.model_version !== settings.model_version && !lenient) {
      return ["The assessment was made with model version " + q(data.model_version) + "; this page shows model version " +
        settings.model_version + ". Open it with the site it was made with."];
    }
    var fields = ["format", "version", "model_version", "system", "created", "guidance", "characterization", "targets", "answers", "levels"];
    Object.keys(data).forEach((key) => { if (fields.indexOf(key) < 0) fail("Unknown field " + q(key) + "."); });
    fields.slice(4).forEach((key) => { if (!(key in data)) fail("The field " + q(key) + " is missing."); });
    if (typeof (data.created || "") !== "string" || typeof (data.system || "") !== "string") fail("\"created\" and \"system\" must be text.");
    model.practices.forEach((p) => {
      practices[p.id] = 1;
      LEVELS.forEach((n) => { (p.levels[n] ? p.levels[n].indicators : []).forEach((i) => { items[i.id] = 1; }); });
    });
    model.profiles.forEach((p) => {
      profiles[p.id] = p;
      Object.keys(p.practices).forEach((id) => {
        Object.keys(p.practices[id]).forEach((n) => { p.practices[id][n].forEach((c) => { items[c.id] = 1; }); });
      });
    });
    model.frameworks.forEach((f) => { frameworks[f.id] = 1; });
    var g = data.guidance;
    if (!isObject(g) || !Array.isArray(g.profiles) || !("framework" in g)) {
      if ("guidance" in data) fail("\"guidance\" must have \"profiles\" and \"framework\".");
    } else {
      g.profiles.forEach((id) => { if (!profiles[id]) unknown("profile", id, "\"guidance\""); });
      if (g.framework !== null && !frameworks[g.framework]) unknown("framework", g.framework, "\"guidance\"");
    }
    function entries(key, check) {
      if (!(key in data)) return;
      if (!isObject(data[key])) return fail(q(key) + " must be an object.");
      Object.keys(data[key]).forEach((id) => { check(id, data[key][id], " in " + q(key)); });
    }
    entries("characterization", (id, value, where) => {
      var profile = profiles[id];
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
      if (!practices[id]) unknown("practice", id, where);
      if (!isObject(value) || !isLevel(value.level) || typeof value.justification !== "string") fail("The target of " + q(id) + " must have a level from 0 to 4 and a justification.");
    });
    entries("answers", (id, value, where) => {
      if (!items[id]) unknown("item", id, where);
      if (!isObject(value) || STATUSES.indexOf(value.status) < 0 || typeof value.note !== "string") fail("The answer to " + q(id) + " must have a status (met, partly, not-met, na or \"\") and a note.");
    });
    entries("levels", (id, value, where) => {
      if (!practices[id]) unknown("practice", id, where);
      if (!isLevel(value)) fail("The level of " + q(id) + " must be a whole number from 0 to 4.");
    });
    return problems;
  }

  var rules = {
    STATUSES: STATUSES, LABELS: LABELS, levelState: levelState, score: score, suggest: suggest,
    goesAgainst: goesAgainst, neutralizeFormula: neutralizeFormula, csvLine: csvLine, validate: validate
  };
  if (typeof module !== "undefined" && module.exports) module.exports = rules;
  if (typeof document === "undefined") return;

  /* ------------------------------------------------------------------ page */

  var KEY = "smm-guide-assessment", BASELINE_KEY = KEY + "-baseline", KEPT_KEY = KEY + "-unread";

  function unmark(text) { return String(text || "").replace(/[*`_]/g, "").split(/\s+/).filter(Boolean).join(" "); }
  function flat(text) { return String(text).split(/\s+/).filter(Boolean).join(" "); }

  // el("p", {class: "x", text: "..."}, [children]): attributes, then text or child nodes.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((name) => {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach((child) => {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function options(select, choices, value) {
    choices.forEach((c) => { select.appendChild(el("option", { value: c[0], text: c[1], selected: String(c[0]) === String(value) })); });
    return select;
  }
  function hidden(text) { return el("span", { class: "smm-vh", text: text }); }
  function button(text, action, className) {
    var b = el("button", { type: "button", class: className || "smm-button", text: text });
    b.addEventListener("click", action);
    return b;
  }

  function read(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) {
    try { if (value === null) window.localStorage.removeItem(key); else window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => { URL.revokeObjectURL(url); }, 1000);
  }

  function start(parts, M, S) {
    var practices = M.practices, ids = practices.map((p) => p.id);
    var practiceById = {}, frameworkById = {}, itemById = {}, requirementsOf = {};
    practices.forEach((p) => {
      practiceById[p.id] = p;
      LEVELS.forEach((n) => {
        (p.levels[n] ? p.levels[n].indicators : []).forEach((i) => { itemById[i.id] = { item: i, practice: p.id, level: n, source: "General" }; });
      });
    });
    M.profiles.forEach((pr) => {
      Object.keys(pr.practices).forEach((pid) => {
        Object.keys(pr.practices[pid]).forEach((n) => {
          pr.practices[pid][n].forEach((c) => { itemById[c.id] = { item: c, practice: pid, level: +n, source: pr.short_name }; });
        });
      });
    });
    M.frameworks.forEach((f) => {
      var nodes = {};
      f.groups.concat(f.requirements).forEach((node) => { nodes[node.id] = node; });
      frameworkById[f.id] = { framework: f, nodes: nodes };
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
    var folders = !sample || /\/$/.test(sample.getAttribute("href"));
    var onFile = location.protocol === "file:";
    function pageLink(path) { return "../" + path + (folders ? "/" + (onFile ? "index.html" : "") : ".html"); }

    /* --------------------------------------------------------- state */

    function fresh() {
      return {
        format: S.format, version: S.version, model_version: S.model_version, created: new Date().toISOString(), system: "",
        guidance: { profiles: [], framework: null }, characterization: {}, targets: {}, answers: {}, levels: {}
      };
    }
    // Inside, targets holds only what the assessor set; suggestions are worked out when needed.
    function adopt(data) {
      var s = JSON.parse(JSON.stringify(data)), set = {};
      Object.keys(s.targets).forEach((id) => {
        var t = s.targets[id];
        if (!t.source || t.source === "set") set[id] = { level: t.level, justification: t.justification };
      });
      s.targets = set;
      s.system = s.system || "";
      return s;
    }
    var state = fresh(), baseline = null, notice = null, suggestions = null;

    function chosenProfiles() {
      return M.profiles.filter((p) => state.guidance.profiles.indexOf(p.id) >= 0);
    }
    function characterizationOf(profileId) {
      return state.characterization[profileId] || (state.characterization[profileId] = { archetype: null, options: {} });
    }
    function itemsAt(pid, n, profiles) {
      var block = practiceById[pid].levels[n], found = block ? block.indicators.map((i) => i.id) : [];
      (profiles || chosenProfiles()).forEach((pr) => {
        ((pr.practices[pid] || {})[n] || []).forEach((c) => { found.push(c.id); });
      });
      return found;
    }
    function statusOf(id, answers) { var a = (answers || state.answers)[id]; return a ? a.status : NONE; }

    function sentence(text) { text = unmark(text); return /[.!?]$/.test(text) ? text : text + "."; }
    function explain(profile, s) {
      var line = [el("span", { text: "Baseline " + profile.baseline + (s.reasons.length ? "." : "; no chosen option moves it.") })];
      s.reasons.forEach((r) => {
        var dim = find(profile.dimensions, r[0]), option = find(dim.options, r[1]);
        line.push(r[2].direction === "up" ? " Raised by " : " Lowered by ", el("strong", { text: option.name }), " (" + dim.name + "): " + sentence(r[2].why));
      });
      var raw = profile.baseline + s.net;
      if (raw !== s.level) line.push(" " + profile.baseline + (s.net > 0 ? " + " : " − ") + Math.abs(s.net) + " = " + (raw < 0 ? "−" + -raw : raw) + ", kept at " + s.level + ".");
      return line;
    }
    function computeSuggestions() {
      var found = {};
      var characterized = chosenProfiles().filter((pr) => pr.dimensions.length);
      characterized.forEach((pr) => {
        var ch = characterizationOf(pr.id), rule = suggest(pr, ch.options, ids);
        var archetype = ch.archetype && find(pr.archetypes, ch.archetype);
        ids.forEach((pid) => {
          var c = { level: rule[pid].level, source: "suggested", rule: rule[pid], profile: pr };
          if (archetype) {
            c.level = archetype.targets[pid];
            c.source = "archetype";
            c.explanation = [el("span", { text: "Archetype " }), el("strong", { text: archetype.name }), ": " + sentence(archetype.target_reasons[pid])];
            if (archetype.target_deviations[pid]) c.explanation.push(" The rule suggests " + rule[pid].level + ": " + sentence(archetype.target_deviations[pid]));
          } else c.explanation = explain(pr, rule[pid]);
          if (characterized.length > 1) c.explanation.unshift(pr.short_name + ": ");
          c.text = c.explanation.map((n) => typeof n === "string" ? n : n.textContent).join("");
          if (!found[pid] || c.level > found[pid].level) found[pid] = c;
        });
      });
      return found;
    }
    function targetOf(pid) {
      if (!suggestions) suggestions = computeSuggestions();
      var s = suggestions[pid] || null, set = state.targets[pid];
      if (set) {
        var against = !!s && goesAgainst(set.level, s.rule, s.profile.baseline);
        return { level: set.level, source: "set", justification: set.justification, suggestion: s, against: against };
      }
      return s ? { level: s.level, source: s.source, justification: s.text, suggestion: s, against: false }
        : { level: null, source: null, justification: "", suggestion: null, against: false };
    }
    function scoreOf(pid, data) {
      data = data || state;
      var target = data === state ? targetOf(pid).level : null;
      var profiles = M.profiles.filter((p) => data.guidance.profiles.indexOf(p.id) >= 0);
      var levels = {};
      LEVELS.forEach((n) => { levels[n] = itemsAt(pid, n, profiles).map((id) => statusOf(id, data.answers)); });
      var result = score(levels, target), direct = data.levels[pid];
      if (direct !== undefined) {
        result.achieved = direct;
        result.direct = true;
        result.provisional = false;
        result.assessed = true;
        if (target !== null) { result.gap = Math.max(target - direct, 0); result.over = Math.max(direct - target, 0); }
      }
      return result;
    }

    function exportData() {
      var out = JSON.parse(JSON.stringify(state));
      out.targets = {};
      ids.forEach((pid) => {
        var t = targetOf(pid);
        if (t.level !== null) out.targets[pid] = { level: t.level, justification: t.justification, source: t.source };
      });
      return out;
    }

    /* --------------------------------------------------------- saving */

    var savedAt = null, saveOk = true, noteTimer = null;
    function save() {
      saveOk = write(KEY, JSON.stringify(exportData()));
      savedAt = new Date();
      renderStatus();
    }
    function changed(what) {
      if (what === "guidance" || what === "characterization") suggestions = null;
      save();
      if (what === "guidance") { renderCharacterize(); renderAssess(); }
      if (what === "characterization") renderTargets();
      if (what === "target") renderTargets();
      if (what !== "answer") ids.forEach(updatePractice);
      scheduleResults();
    }
    function load() {
      var raw = read(KEY);
      if (!raw) return;
      var data = null, problems;
      try { data = JSON.parse(raw); problems = validate(data, M, S); } catch (e) { problems = ["It is not valid JSON."]; }
      if (!problems.length) { state = adopt(data); return; }
      // Never lose work: a saved assessment this page cannot read is kept aside and offered for download.
      write(KEPT_KEY, raw);
      write(KEY, null);
      notice = "The assessment saved in this browser could not be opened here: " + problems[0];
    }
    function loadBaseline() {
      var raw = read(BASELINE_KEY);
      try { baseline = raw ? JSON.parse(raw) : null; } catch (e) { baseline = null; }
      if (baseline && validate(baseline, M, S, true).length) baseline = null;
    }

    /* --------------------------------------------------------- status bar */

    var bar = parts.status;
    function renderStatus() {
      if (!bar) return;
      var when = savedAt ? " at " + savedAt.toLocaleTimeString() : "";
      bar.querySelector(".smm-saved").textContent = saveOk ? "Saved in this browser" + when : "Not saved: this browser does not allow local storage; export your work";
      bar.querySelector(".smm-saved").className = "smm-saved" + (saveOk ? "" : " smm-error");
      bar.querySelector(".smm-progress").textContent = progress(ids) + " items answered";
    }
    function buildStatus() {
      if (!bar) return;
      clear(bar).append(el("span", { class: "smm-saved" }), el("span", { class: "smm-progress" }), button("Print report", () => { window.print(); }));
    }

    /* --------------------------------------------------------- 1. guidance */

    function renderGuidance() {
      var box = clear(parts.guidance);
      var systemInput = el("input", { type: "text", id: "smm-system", value: state.system, autocomplete: "off" });
      box.appendChild(el("p", { class: "smm-field" }, [el("label", { for: "smm-system", text: "Assessed system" }), systemInput]));
      systemInput.addEventListener("input", () => { state.system = systemInput.value; save(); scheduleResults(); });
      if (M.profiles.length) {
        var set = el("fieldset", {}, [el("legend", { text: "Profiles (the general indicators are always included)" })]);
        M.profiles.forEach((pr) => {
          var box2 = el("input", { type: "checkbox", id: "smm-profile-" + pr.id, value: pr.id, checked: state.guidance.profiles.indexOf(pr.id) >= 0 });
          box2.addEventListener("change", () => {
            var chosen = state.guidance.profiles.filter((id) => id !== pr.id);
            if (box2.checked) chosen.push(pr.id);
            state.guidance.profiles = M.profiles.map((p) => p.id).filter((id) => chosen.indexOf(id) >= 0);
            changed("guidance");
          });
          set.appendChild(el("p", { class: "smm-check" }, [box2, el("label", { for: "smm-profile-" + pr.id, text: "Add the considerations of the " + pr.name })]));
        });
        box.appendChild(set);
      }
      if (M.frameworks.length) {
        var select = options(el("select", { id: "smm-framework" }),
          [["", "None"]].concat(M.frameworks.map((f) => [f.id, f.name])), state.guidance.framework || "");
        select.addEventListener("change", () => { state.guidance.framework = select.value || null; changed("framework"); });
        box.appendChild(el("p", { class: "smm-field" }, [el("label", { for: "smm-framework", text: "Framework whose requirements the next steps show" }), select]));
      }
    }

    /* --------------------------------------------------------- 2. characterize and targets */

    var targetsBox = null;
    function renderCharacterize() {
      var box = clear(parts.characterize), characterized = chosenProfiles().filter((pr) => pr.dimensions.length);
      if (!characterized.length) {
        box.appendChild(el("p", { class: "smm-hint", text: M.profiles.some((p) => p.dimensions.length)
          ? "Add a profile with a system characterization in step 1 to get suggested targets, or set the targets below yourself."
          : "Set the targets below yourself." }));
      }
      characterized.forEach((pr) => {
        var ch = characterizationOf(pr.id), section = el("div", { class: "smm-profile-dims" }, [el("h3", { text: pr.name + ": system characterization" })]);
        if (pr.archetypes.length) {
          var pick = options(el("select", { id: "smm-archetype-" + pr.id }),
            [["", "Choose an archetype"]].concat(pr.archetypes.map((a) => [a.id, a.name])), ch.archetype || "");
          var use = button("Use this archetype", () => {
            var archetype = find(pr.archetypes, pick.value);
            if (!archetype) return;
            ch.archetype = archetype.id;
            ch.options = JSON.parse(JSON.stringify(archetype.characterization));
            syncRadios(section, pr, ch);
            changed("characterization");
          });
          section.appendChild(el("p", { class: "smm-field" }, [el("label", { for: pick.id, text: "Start from an archetype" }), pick, use]));
        }
        section.appendChild(el("p", { class: "smm-hint smm-archetype-note" }));
        pr.dimensions.forEach((dim) => {
          var name = "smm-dim-" + pr.id + "-" + dim.id, qid = name + "-q";
          var set = el("fieldset", { class: "smm-dim", "aria-describedby": qid }, [el("legend", { text: dim.name }), el("p", { id: qid, class: "smm-hint", text: unmark(dim.question) })]);
          [{ id: "", name: "Not decided", effects: [] }].concat(dim.options).forEach((option) => {
            var id = name + "-" + (option.id || "none");
            var radio = el("input", { type: "radio", name: name, id: id, value: option.id, checked: (ch.options[dim.id] || "") === option.id });
            radio.addEventListener("change", () => {
              if (option.id) ch.options[dim.id] = option.id; else delete ch.options[dim.id];
              ch.archetype = null;
              syncRadios(section, pr, ch);
              changed("characterization");
            });
            var effects = option.effects.map((e) => (e.direction === "up" ? "↑ " : "↓ ") + practiceById[e.practice].name).join(", ");
            set.appendChild(el("p", { class: "smm-radio" }, [radio, el("label", { for: id }, [option.name, effects ? el("span", { class: "smm-effects", text: " " + effects }) : null])]));
          });
          section.appendChild(set);
        });
        box.appendChild(section);
        syncRadios(section, pr, ch);
      });
      box.appendChild(el("h3", { text: "Targets" }));
      targetsBox = box.appendChild(el("div", { class: "smm-targets" }));
      renderTargets();
    }
    function syncRadios(section, pr, ch) {
      pr.dimensions.forEach((dim) => {
        var want = ch.options[dim.id] || "";
        each(section.querySelectorAll('input[name="smm-dim-' + pr.id + "-" + dim.id + '"]'), (r) => { r.checked = r.value === want; });
      });
      var archetype = ch.archetype && find(pr.archetypes, ch.archetype);
      section.querySelector(".smm-archetype-note").textContent = archetype
        ? "Targets start from the archetype “" + archetype.name + "”. Changing an answer returns to the suggestion rule." : "";
    }
    function renderTargets() {
      if (!targetsBox) return;
      suggestions = suggestions || computeSuggestions();
      var rows = ids.map((pid) => {
        var t = targetOf(pid), p = practiceById[pid], s = t.suggestion;
        var levels = (s ? [] : [["", "No target"]]).concat(ALL_LEVELS.map((n) => [String(n), String(n)]));
        var select = options(el("select", { id: "smm-target-" + pid }), levels, t.level === null ? "" : t.level);
        var why = el("input", { type: "text", id: "smm-why-" + pid, value: t.source === "set" ? t.justification : "", autocomplete: "off",
          disabled: t.level === null, "aria-describedby": t.against ? "smm-against-" + pid : null });
        select.addEventListener("change", () => {
          if (select.value === "") delete state.targets[pid];
          else state.targets[pid] = { level: +select.value, justification: (state.targets[pid] || {}).justification || "" };
          changed("target");
          document.getElementById("smm-target-" + pid).focus();
        });
        why.addEventListener("input", () => {
          var current = targetOf(pid);
          if (current.level === null) return;
          state.targets[pid] = { level: current.level, justification: why.value };
          save();
          scheduleResults();
        });
        var reset = t.source === "set" && s ? button("Use the suggestion", () => {
          delete state.targets[pid];
          changed("target");
          document.getElementById("smm-target-" + pid).focus();
        }, "smm-link") : null;
        var explanation = s ? el("tr", { class: "smm-why-row", "data-why": pid }, [el("td", { colspan: 4, class: "smm-why" },
          s.explanation.map((n) => typeof n === "string" ? n : n.cloneNode(true)))]) : null;
        return [el("tr", { "data-practice": pid, class: s ? "smm-has-why" : null }, [
          el("td", {}, [el("a", { href: pageLink("practices/" + pid), text: p.name })]),
          el("td", { class: "smm-suggested", text: s ? s.level : "–" }),
          el("td", {}, [el("label", { for: select.id, class: "smm-vh", text: "Target of " + p.name }), select, reset]),
          el("td", {}, [el("label", { for: why.id, class: "smm-vh", text: "Why this target for " + p.name }), why,
            t.against ? el("span", { id: "smm-against-" + pid, class: "smm-warn", text: "Far from the suggestion: say why." }) : null])
        ]), explanation];
      });
      rows = [].concat.apply([], rows);
      clear(targetsBox).appendChild(table(["Practice", "Suggested", "Target", "Your reason for another target"], rows, "smm-target-table"));
    }

    // Tables keep Material's look (it styles tables without a class); the class goes on the wrapper.
    function table(headers, rows, className) {
      return el("div", { class: "md-typeset__table " + className }, [el("table", {}, [
        el("thead", {}, [el("tr", {}, headers.map((h) => { return typeof h === "string" ? el("th", { scope: "col", text: h }) : h; }))]),
        el("tbody", {}, rows.filter(Boolean))
      ])]);
    }

    /* --------------------------------------------------------- 3. assess */

    function renderAssess() {
      var open = Array.prototype.map.call(parts.assess.querySelectorAll("details[open]"), (d) => d.getAttribute("data-practice"));
      var box = clear(parts.assess), profiles = chosenProfiles();
      M.domains.forEach((domain) => {
        box.appendChild(el("h3", { text: domain.name }));
        domain.subdomains.forEach((sub) => {
          sub.practices.forEach((pid) => { box.appendChild(practiceBlock(practiceById[pid], profiles)); });
        });
      });
      open.forEach((pid) => { var d = box.querySelector('[data-practice="' + pid + '"]'); if (d) d.open = true; });
      ids.forEach(updatePractice);
    }
    function practiceBlock(p, profiles) {
      var body = el("div", { class: "smm-pbody" }), summary = el("summary", {}, [
        el("span", { class: "smm-pname", text: p.name }), " ", el("span", { class: "smm-psum" })]);
      var details = el("details", { class: "smm-practice", "data-practice": p.id, id: "smm-practice-" + p.id }, [summary, body]);
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
      var direct = options(el("select", { id: "smm-direct-" + p.id }),
        [["", "From the answers below"]].concat(ALL_LEVELS.map((n) => [String(n), "Level " + n])),
        state.levels[p.id] === undefined ? "" : state.levels[p.id]);
      body.appendChild(el("p", { class: "smm-field" }, [el("label", { for: direct.id, text: "Current level" }), direct]));
      LEVELS.forEach((n) => {
        var list = el("ol", { class: "smm-items" });
        itemsAt(p.id, n, profiles).forEach((id) => { list.appendChild(itemRow(id)); });
        var level = M.levels[n] || { name: "" };
        body.append(
          el("h4", { "data-level": n }, ["Level " + n + ": " + level.name + " ", el("span", { class: "smm-state" })]),
          el("p", { class: "smm-hint", text: p.levels[n] ? unmark(p.levels[n].objective) : "" }), list);
      });
      direct.addEventListener("change", () => {
        if (direct.value === "") delete state.levels[p.id]; else state.levels[p.id] = +direct.value;
        save();
        touched(p.id);
      });
      // Statuses are saved at once, notes when typing pauses.
      body.addEventListener("change", (event) => {
        var id = event.target.getAttribute("data-item");
        if (!id || event.target.tagName !== "SELECT") return;
        answer(id, "status", event.target.value);
        save();
        touched(p.id);
      });
      body.addEventListener("input", (event) => {
        var id = event.target.getAttribute("data-item");
        if (!id || event.target.tagName !== "TEXTAREA") return;
        answer(id, "note", event.target.value);
        clearTimeout(noteTimer);
        noteTimer = setTimeout(save, 300);
        scheduleResults();
      });
    }
    function answer(id, key, value) {
      var a = state.answers[id] || (state.answers[id] = { status: NONE, note: "" });
      a[key] = value;
      if (a.status === NONE && !a.note) delete state.answers[id];
    }
    function touched(pid) { updatePractice(pid); scheduleResults(); }
    function progress(pids) {
      var answered = 0, total = 0;
      pids.forEach((pid) => {
        LEVELS.forEach((n) => { itemsAt(pid, n).forEach((id) => { total += 1; if (statusOf(id) !== NONE) answered += 1; }); });
      });
      return answered + " of " + total;
    }
    function itemRow(id) {
      var place = itemById[id], item = place.item, a = state.answers[id] || { status: NONE, note: "" };
      var status = options(el("select", { id: "smm-status-" + id, "data-item": id }),
        [NONE, MET, PARTLY, NOT_MET, NA].map((s) => [s, LABELS[s]]), a.status);
      var note = el("textarea", { id: "smm-note-" + id, "data-item": id, rows: 1 });
      note.value = a.note;
      return el("li", { class: "smm-item", "data-item": id }, [
        el("p", {}, [el("code", { class: "smm-id", text: id }), " ", place.source !== "General" ? el("span", { class: "smm-tag", text: place.source }) : null, " ", unmark(item.text)]),
        el("p", { class: "smm-pass", text: unmark(item.pass) }),
        el("p", { class: "smm-evidence", text: "Evidence: " + unmark(item.evidence) }),
        el("div", { class: "smm-answer" }, [
          el("label", { for: status.id }, ["Status", hidden(" of " + id)]), status,
          el("label", { for: note.id }, ["Evidence note", hidden(" for " + id)]), note])
      ]);
    }
    function qualifier(s) { return s.direct ? " (set directly)" : !s.assessed ? " (not assessed)" : s.provisional ? " (provisional)" : ""; }
    function updatePractice(pid) {
      var block = parts.assess.querySelector('[data-practice="' + pid + '"]');
      if (!block) return;
      var s = scoreOf(pid), t = targetOf(pid);
      LEVELS.forEach((n) => {
        var badge = block.querySelector('h4[data-level="' + n + '"] .smm-state');
        if (!badge) return;  // not opened yet
        badge.textContent = "(" + s.states[n] + ")";
        badge.className = "smm-state smm-" + s.states[n].replace(" ", "-");
      });
      block.querySelector(".smm-psum").textContent = (t.level === null ? "no target" : "target " + t.level) + " · achieved " + s.achieved +
        qualifier(s) + " · " + progress([pid]) + " answered";
    }

    /* --------------------------------------------------------- 4. results */

    var resultsTimer = null, sortKey = null, sortDown = false;
    function scheduleResults() { clearTimeout(resultsTimer); resultsTimer = setTimeout(renderResults, 120); }

    function renderResults() {
      clearTimeout(resultsTimer);
      var wasOpen = !!parts.results.querySelector(".smm-evidence-list[open]");
      var box = clear(parts.results), rows = ids.map((pid, index) => {
        return { pid: pid, index: index, p: practiceById[pid], s: scoreOf(pid), t: targetOf(pid) };
      });
      var profiles = chosenProfiles().map((p) => p.name);
      var fw = state.guidance.framework && frameworkById[state.guidance.framework];
      box.appendChild(el("dl", { class: "smm-report-head" }, [
        el("dt", { text: "System" }), el("dd", { text: state.system || "not named" }),
        el("dt", { text: "Date" }), el("dd", { text: new Date().toISOString().slice(0, 10) + " (started " + state.created.slice(0, 10) + ")" }),
        el("dt", { text: "Guidance" }), el("dd", { text: ["General indicators"].concat(profiles).join(", ") + (fw ? "; requirements of " + fw.framework.name : "") }),
        el("dt", { text: "Model version" }), el("dd", { text: S.model_version })
      ]));
      var gaps = rows.filter((r) => r.s.gap), total = gaps.reduce((sum, r) => sum + r.s.gap, 0);
      box.appendChild(el("p", { text: rows.filter((r) => r.s.assessed).length + " of " + rows.length + " practices assessed; " +
        gaps.length + " below their target, " + total + " level" + (total === 1 ? "" : "s") + " in all." }));
      box.appendChild(el("h3", { id: "smm-gaps", text: "Gaps" }));
      box.appendChild(gapTable(rows));
      box.appendChild(el("h3", { id: "smm-radar", text: "Target and achieved level" }));
      box.appendChild(radar(rows));
      box.appendChild(el("h3", { id: "smm-next", text: "Next steps" }));
      box.appendChild(nextSteps(rows, fw));
      box.appendChild(el("h3", { id: "smm-why-targets", text: "Targets and their reasons" }));
      box.appendChild(table(["Practice", "Target", "Reason"], rows.filter((r) => r.t.level !== null).map((r) => {
        return el("tr", {}, [el("td", { text: r.p.name }), el("td", { text: r.t.level + (r.t.source === "set" ? " (set)" : "") }),
          el("td", { text: r.t.justification || (r.t.source === "set" ? "no reason given" : "") })]);
      }), "smm-reasons"));
      box.appendChild(evidence()).open = wasOpen;
    }

    function gapTable(rows) {
      var columns = [["Practice", (r) => r.index], ["Target", (r) => r.t.level === null ? -1 : r.t.level],
        ["Achieved", (r) => r.s.achieved], ["Gap", (r) => r.s.gap === null ? -1 : r.s.gap],
        ["Over target", (r) => r.s.over]];
      if (sortKey !== null) {
        var key = columns[sortKey][1];
        rows = rows.slice().sort((a, b) => (sortDown ? key(b) - key(a) : key(a) - key(b)) || a.index - b.index);
      }
      var headers = columns.map((c, i) => {
        var button = el("button", { type: "button", class: "smm-sort", text: c[0] });
        button.addEventListener("click", () => {
          sortDown = sortKey === i ? !sortDown : c[0] === "Gap";
          sortKey = i;
          renderResults();
          parts.results.querySelectorAll(".smm-gap-table th button")[i].focus();
        });
        return el("th", { scope: "col", "aria-sort": sortKey === i ? (sortDown ? "descending" : "ascending") : null }, [button]);
      });
      return table(headers, rows.map((r) => {
        return el("tr", { "data-practice": r.pid }, [el("td", {}, [el("a", { href: pageLink("practices/" + r.pid), text: r.p.name })]),
          el("td", { text: r.t.level === null ? "–" : r.t.level }), el("td", { class: "smm-achieved", text: r.s.achieved + qualifier(r.s) }),
          el("td", { class: "smm-gap", text: r.s.gap === null ? "–" : r.s.gap }), el("td", { text: r.s.over })]);
      }), "smm-gap-table");
    }

    var SVG = "http://www.w3.org/2000/svg";
    function svg(tag, attrs, text) {
      var node = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach((k) => { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function wrap(text, width) {
      return text.split(" ").reduce((lines, word) => {
        var last = lines[lines.length - 1];
        if (last && (last + " " + word).length <= width) lines[lines.length - 1] = last + " " + word; else lines.push(word);
        return lines;
      }, []);
    }
    function radar(rows) {
      var cx = 380, cy = 255, R = 185, count = rows.length;
      var root = svg("svg", { viewBox: "0 0 760 505", class: "smm-radar-chart", role: "img", "aria-labelledby": "smm-radar-title smm-radar-desc" });
      root.appendChild(svg("title", { id: "smm-radar-title" }, "Radar chart of the target and the achieved level of every practice"));
      root.appendChild(svg("desc", { id: "smm-radar-desc" }, "One axis per practice from level 0 at the centre to level 4 at the edge; " +
        "the dashed line is the target, the filled area the achieved level. The gap table gives the same numbers."));
      function point(i, level) {
        var angle = -Math.PI / 2 + (2 * Math.PI * i) / count, r = (R * level) / HIGHEST;
        return [cx + r * Math.cos(angle), cy + r * Math.sin(angle), angle];
      }
      for (var level = 1; level <= HIGHEST; level += 1) {
        root.appendChild(svg("polygon", { class: "smm-r-grid", points: rows.map((r, i) => point(i, level).slice(0, 2).join(",")).join(" ") }));
        root.appendChild(svg("text", { class: "smm-r-tick", x: cx + 4, y: cy - (R * level) / HIGHEST - 3 }, String(level)));
      }
      rows.forEach((r, i) => {
        var end = point(i, HIGHEST), label = point(i, HIGHEST + 0.35), cos = Math.cos(end[2]), sin = Math.sin(end[2]);
        root.appendChild(svg("line", { class: "smm-r-grid", x1: cx, y1: cy, x2: end[0], y2: end[1] }));
        var lines = wrap(r.p.name, 24), top = label[1] + (sin > 0.3 ? 10 : sin < -0.3 ? -15 * (lines.length - 1) - 2 : 4 - 7.5 * (lines.length - 1));
        var text = root.appendChild(svg("text", { class: "smm-r-label", "text-anchor": cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle" }));
        lines.forEach((line, k) => { text.appendChild(svg("tspan", { x: label[0].toFixed(1), y: (top + 15 * k).toFixed(1) }, line)); });
      });
      function shape(cls, value) {
        return svg("polygon", { class: cls, points: rows.map((r, i) => { return point(i, value(r)).slice(0, 2).map((v) => v.toFixed(1)).join(","); }).join(" ") });
      }
      root.appendChild(shape("smm-r-achieved", (r) => r.s.achieved));
      if (rows.some((r) => r.t.level !== null)) root.appendChild(shape("smm-r-target", (r) => r.t.level || 0));
      return el("figure", { class: "smm-radar" }, [root, el("figcaption", {}, [
        el("span", { class: "smm-key smm-key-target", "aria-hidden": "true" }), " Target (dashed line)  ",
        el("span", { class: "smm-key smm-key-achieved", "aria-hidden": "true" }), " Achieved (filled area)"])]);
    }

    function nextSteps(rows, fw) {
      var wanted = rows.filter((r) => r.s.gap).sort((a, b) => b.s.gap - a.s.gap || a.index - b.index);
      if (!wanted.length) {
        return el("p", { text: rows.some((r) => r.t.level !== null) ? "Every practice has reached its target." : "Set targets in step 2 to see the next steps." });
      }
      var list = el("ol", { class: "smm-next-steps" });
      wanted.forEach((r) => {
        var next = r.s.achieved + 1, open = itemsAt(r.pid, next).filter((id) => { var s = statusOf(id); return s !== MET && s !== NA; });
        var li = el("li", { "data-practice": r.pid }, [el("strong", { text: r.p.name }), ": from level " + r.s.achieved + " to level " + next +
          " (target " + r.t.level + ", gap " + r.s.gap + ")" + (r.s.provisional ? ", provisional" : "") + "."]);
        var items = el("ul", {});
        open.forEach((id) => {
          var place = itemById[id], s = statusOf(id);
          items.appendChild(el("li", { "data-item": id }, [el("a", { href: pageLink("practices/" + r.pid) + "#" + id }, [el("code", { class: "smm-id", text: id })]),
            " " + unmark(place.item.text) + " (" + (s === NONE ? "not assessed" : LABELS[s].toLowerCase()) + ")"]));
        });
        if (!open.length) li.appendChild(el("p", { text: "Every item of level " + next + " is met or not applicable; a level needs at least one item met." }));
        else li.appendChild(items);
        if (fw) {
          var brought = M.mappings.filter((m) => m.framework === fw.framework.id && m.practice === r.pid && m.level === next);
          var reqs = el("ul", { class: "smm-reqs" });
          brought.forEach((m) => {
            var node = fw.nodes[m.requirement];
            reqs.appendChild(el("li", {}, [el("a", { href: pageLink("frameworks/" + fw.framework.id + "/" + m.requirement), text: node.code }),
              " " + unmark(node.title || node.name) + " (" + (S.relationships[m.relationship] || m.relationship).toLowerCase() + ")"]));
          });
          li.appendChild(el("p", { text: brought.length ? fw.framework.short_name + " requirements this level brings:" : "No " + fw.framework.short_name + " requirement is mapped to level " + next + " of this practice." }));
          if (brought.length) li.appendChild(reqs);
        }
        list.appendChild(li);
      });
      return list;
    }

    function evidence() {
      var rows = [];
      ids.forEach((pid) => {
        LEVELS.forEach((n) => {
          itemsAt(pid, n).forEach((id) => {
            var a = state.answers[id];
            if (a) rows.push(el("tr", {}, [el("td", { text: practiceById[pid].name }), el("td", { text: id }), el("td", { text: LABELS[a.status] }), el("td", { text: a.note })]));
          });
        });
      });
      return el("details", { class: "smm-evidence-list" }, [el("summary", { text: "Answers and evidence notes (" + rows.length + ")" }),
        rows.length ? table(["Practice", "Item", "Status", "Evidence note"], rows, "smm-answers") : el("p", { text: "No answers yet." })]);
    }

    /* --------------------------------------------------------- 5. keep */

    function message(box, text, error) {
      var ok = box.querySelector(".smm-ok"), bad = box.querySelector(".smm-error");
      ok.textContent = error ? "" : text;
      bad.textContent = error ? text : "";
    }
    function readFile(input, box, done, lenient) {
      var verb = lenient ? "Not loaded: " : "Not imported: ";
      var file = input.files[0];
      input.value = "";
      if (!file) return;
      if (file.size > S.max_bytes) {
        return message(box, verb + "the file is " + (file.size / 1048576).toFixed(1) + " MB; an assessment file is at most " + S.max_bytes / 1048576 + " MB. Nothing was changed.", true);
      }
      var reader = new FileReader();
      reader.onload = () => {
        var data, problems;
        try { data = JSON.parse(reader.result); problems = validate(data, M, S, lenient); } catch (e) { problems = ["It is not valid JSON (" + e.message + ")."]; }
        if (problems.length) return message(box, verb + problems.join(" ") + " Nothing was changed.", true);
        done(data, file.name);
      };
      reader.onerror = () => { message(box, verb + "the file could not be read. Nothing was changed.", true); };
      reader.readAsText(file);
    }
    function fileField(id, text, onData, box, lenient) {
      var input = el("input", { type: "file", id: id, accept: ".json,application/json" });
      input.addEventListener("change", () => { readFile(input, box, onData, lenient); });
      return el("p", { class: "smm-field" }, [el("label", { for: id, text: text }), input]);
    }
    function messages() { return [el("p", { class: "smm-ok", role: "status" }), el("p", { class: "smm-error", role: "alert" })]; }
    function stamp() { return new Date().toISOString().slice(0, 10); }

    function renderKeep() {
      var box = clear(parts.keep);
      box.appendChild(el("p", { class: "smm-buttons" }, [
        button("Export JSON", () => { download("smm-assessment-" + stamp() + ".json", JSON.stringify(exportData(), null, 2) + "\n", "application/json"); }),
        button("Export CSV", () => { download("smm-assessment-" + stamp() + ".csv", toCsv(), "text/csv"); }),
        button("Start a new assessment", () => {
          if (!window.confirm("Start a new assessment? The current one is removed from this browser; export it first to keep it.")) return;
          state = fresh();
          refresh();
          message(box, "A new assessment was started.", false);
        })
      ]));
      box.appendChild(fileField("smm-import", "Import a saved assessment (JSON)", (data, name) => {
        state = adopt(data);
        refresh();
        message(box, "Imported " + name + ".", false);
      }, box));
      messages().forEach((m) => { box.appendChild(m); });
      var kept = read(KEPT_KEY);
      if (notice || kept) {
        var keep = el("p", { class: "smm-warn" }, [notice || "An earlier assessment this page cannot open is kept in this browser. ", " "]);
        keep.appendChild(button("Download it", () => { download("smm-assessment-unread.json", read(KEPT_KEY) || "", "application/json"); }));
        keep.appendChild(document.createTextNode(" "));
        keep.appendChild(button("Discard it", () => { write(KEPT_KEY, null); notice = null; keep.remove(); }));
        box.appendChild(keep);
      }
    }
    function toCsv() {
      var out = csvLine(S.csv_columns);
      ids.forEach((pid) => {
        var p = practiceById[pid];
        LEVELS.forEach((n) => {
          if (!p.levels[n]) return;
          itemsAt(pid, n).forEach((id) => {
            var place = itemById[id], a = state.answers[id] || { status: NONE, note: "" };
            out += csvLine([pid, p.name, n, id, flat(place.item.text), flat(place.item.pass), flat(place.item.evidence), place.source,
              (requirementsOf[id] || []).join("; "), a.status === NONE ? "" : LABELS[a.status], a.note, "", "", ""]);
          });
        });
      });
      return out;
    }

    /* --------------------------------------------------------- 6. compare */

    function renderCompare() {
      var box = clear(parts.compare);
      box.appendChild(fileField("smm-baseline", "Load an earlier export as the baseline", (data, name) => {
        baseline = data;
        write(BASELINE_KEY, JSON.stringify(data));
        renderCompare();
        message(parts.compare, "Loaded " + name + " as the baseline.", false);
      }, box, true));
      messages().forEach((m) => { box.appendChild(m); });
      if (!baseline) return;
      var remove = button("Remove the baseline", () => { baseline = null; write(BASELINE_KEY, null); renderCompare(); });
      var other = baseline.model_version !== S.model_version;
      box.appendChild(el("p", {}, ["Baseline: " + (baseline.system || "assessment") + " started " + String(baseline.created).slice(0, 10) + ". " +
        (other ? "It was made with another version of the model (" + baseline.model_version + "): its answers to items this model no longer has are left out. " : ""), remove]));
      box.appendChild(table(["Practice", "Baseline", "Now", "Change"], ids.map((pid) => {
        var before = scoreOf(pid, baseline).achieved, now = scoreOf(pid).achieved, change = now - before;
        return el("tr", { "data-practice": pid }, [el("td", { text: practiceById[pid].name }), el("td", { text: before }),
          el("td", { text: now }), el("td", { class: "smm-change", text: change > 0 ? "+" + change : change < 0 ? "−" + -change : "no change" })]);
      }), "smm-compare-table"));
    }

    /* --------------------------------------------------------- start */

    function renderAll() { [renderGuidance, renderCharacterize, renderAssess, renderResults, renderKeep, renderCompare].forEach((f) => { f(); }); }
    function refresh() { suggestions = null; save(); renderAll(); }
    load();
    loadBaseline();
    buildStatus();
    renderAll();
    renderStatus();
    if (bar && !read(KEY)) {
      bar.querySelector(".smm-saved").textContent = notice ? "The assessment saved earlier could not be opened: see step 5" : "Nothing saved yet";
      bar.querySelector(".smm-saved").className = "smm-saved smm-unsaved";
    }
  }

  function boot() {
    var parts = {};
    each(document.querySelectorAll(".smm-assess[data-step]"), (node) => { parts[node.getAttribute("data-step")] = node; });
    if (!parts.assess || parts.assess.hasAttribute("data-ready") || !window.SMM_MODEL) return;
    parts.assess.setAttribute("data-ready", "");
    each(document.querySelectorAll(".smm-assess-nojs"), (node) => { node.hidden = true; });
    start(parts, window.SMM_MODEL, window.SMM_ASSESSMENT);
    document.documentElement.setAttribute("data-smm-assess", "ready");
  }

  // Printing opens the answers and evidence list, and closes it again afterwards.
  if (!window.smmAssessPrint) {
    window.smmAssessPrint = true;
    window.addEventListener("beforeprint", () => {
      each(document.querySelectorAll(".smm-evidence-list:not([open])"), (d) => { d.open = true; d.setAttribute("data-print-open", ""); });
    });
    window.addEventListener("afterprint", () => {
      each(document.querySelectorAll("[data-print-open]"), (d) => { d.open = false; d.removeAttribute("data-print-open"); });
    });
  }
  // The model script calls this when it runs after this one (instant navigation runs both unordered).
  window.smmAssessBoot = boot;
  // Material's instant navigation swaps pages without a load event; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function" && !window.smmAssessSubscribed) {
    window.smmAssessSubscribed = true;
    window.document$.subscribe(boot);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
