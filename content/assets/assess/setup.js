// Steps 1 and 2: the guidance, the characterization and the targets.
((P) => {
  "use strict";
  function renderGuidance() {
    var el = P.el, M = P.M, state = P.state, box = P.clear(P.parts.guidance);
    var systemInput = el("input", { type: "text", id: "smm-system", value: state.system, autocomplete: "off" });
    box.append(P.field("Assessed system", systemInput));
    systemInput.addEventListener("input", () => { state.system = systemInput.value; P.save(); P.scheduleResults(); });
    if (M.profiles.length) {
      var set = el("fieldset", {}, [el("legend", "Profiles (the general indicators are always included)")]);
      M.profiles.forEach((pr) => {
        var box2 = el("input", { type: "checkbox", id: "smm-profile-" + pr.id, value: pr.id, checked: state.guidance.profiles.indexOf(pr.id) >= 0 });
        box2.addEventListener("change", () => {
          var chosen = state.guidance.profiles.filter((id) => id !== pr.id);
          if (box2.checked) chosen.push(pr.id);
          state.guidance.profiles = P.inOrder(M.profiles, chosen).map((p) => p.id);
          P.changed("guidance");
        });
        set.append(el("p.smm-check", {}, [box2, el("label", { for: "smm-profile-" + pr.id, text: "Add the considerations of the " + pr.name })]));
      });
      box.append(set);
    }
    if (M.frameworks.length) {
      var select = P.select({ id: "smm-framework" },
        [["", "None"]].concat(M.frameworks.map((f) => [f.id, f.name])), state.guidance.framework || "");
      select.addEventListener("change", () => { state.guidance.framework = select.value || null; P.changed("framework"); });
      box.append(P.field("Framework whose requirements the next steps show", select));
    }
  }

  function renderCharacterize() {
    var el = P.el, box = P.clear(P.parts.characterize), characterized = P.chosen().filter((pr) => pr.dimensions.length);
    if (!characterized.length) {
      box.append(el("p.smm-hint", P.M.profiles.some((p) => p.dimensions.length)
        ? "Add a profile with a system characterization in step 1 to get suggested targets, or set the targets below yourself."
        : "Set the targets below yourself."));
    }
    characterized.forEach((pr) => {
      var ch = P.characterizationOf(pr.id), section = el("div.smm-profile-dims", {}, [el("h3", pr.name + ": system characterization")]);
      if (pr.archetypes.length) {
        var pick = P.select({ id: "smm-archetype-" + pr.id },
          [["", "Choose an archetype"]].concat(pr.archetypes.map((a) => [a.id, a.name])), ch.archetype || "");
        var use = P.button("Use this archetype", () => {
          var archetype = P.find(pr.archetypes, pick.value);
          if (!archetype) return;
          ch.archetype = archetype.id;
          ch.options = JSON.parse(JSON.stringify(archetype.characterization));
          P.state.out_of_scope = P.archetypeScope(P.state.out_of_scope, archetype);
          syncRadios(section, pr, ch);
          P.changed("characterization");
        });
        section.append(P.field("Start from an archetype", pick, use));
      }
      section.append(el("p.smm-hint.smm-archetype-note"));
      pr.dimensions.forEach((dim) => {
        var name = "smm-dim-" + pr.id + "-" + dim.id, qid = name + "-q";
        var set = el("fieldset.smm-dim", { "aria-describedby": qid }, [el("legend", dim.name), el("p.smm-hint", { id: qid, text: P.unmark(dim.question) })]);
        [{ id: "", name: "Not decided", effects: [] }].concat(dim.options).forEach((option) => {
          var id = name + "-" + (option.id || "none");
          var radio = el("input", { type: "radio", name, id, value: option.id, checked: (ch.options[dim.id] || "") === option.id });
          radio.addEventListener("change", () => {
            if (option.id) ch.options[dim.id] = option.id; else delete ch.options[dim.id];
            ch.archetype = null;
            syncRadios(section, pr, ch);
            P.changed("characterization");
          });
          var effects = option.effects.map((e) => (e.direction === "up" ? "↑ " : "↓ ") + P.practiceById[e.practice].name).join(", ");
          set.append(el("p.smm-radio", {}, [radio, el("label", { for: id }, [option.name, effects ? el("span.smm-effects", " " + effects) : null])]));
        });
        section.append(set);
      });
      box.append(section);
      syncRadios(section, pr, ch);
    });
    box.append(el("h3", "Scope and targets"),
      el("p.smm-hint", "Untick the practices this assessment leaves out, and say why: counts, gaps, next steps, the chart, " +
        "the printed report and the exports then cover the practices in scope only. Answers are never removed: a practice " +
        "brought back into scope has its answers again."),
      el("p.smm-buttons", {}, [
        P.button("Every practice in scope", () => { P.state.out_of_scope = {}; P.changed("scope"); }),
        P.button("No practice in scope", () => {
          P.ids.forEach((pid) => { if (P.inScope(pid)) P.state.out_of_scope[pid] = ""; });
          P.changed("scope");
        })]));
    P.targetsBox = box.appendChild(el("div.smm-targets"));
    P.renderTargets();
  }
  function syncRadios(section, pr, ch) {
    pr.dimensions.forEach((dim) => {
      var want = ch.options[dim.id] || "";
      section.querySelectorAll('input[name="smm-dim-' + pr.id + "-" + dim.id + '"]').forEach((r) => { r.checked = r.value === want; });
    });
    var archetype = ch.archetype && P.find(pr.archetypes, ch.archetype);
    var out = archetype ? Object.keys(archetype.out_of_scope).map((pid) => P.practiceById[pid].name) : [];
    section.querySelector(".smm-archetype-note").textContent = archetype
      ? "Targets start from the archetype “" + archetype.name + "”. Changing an answer returns to the suggestion rule." +
        (out.length ? " It leaves out of scope: " + out.join(", ") + "." : "") : "";
  }

  function explain(profile, s) {
    var line = [P.el("span", "Baseline " + profile.baseline + (s.reasons.length ? "." : "; no chosen option moves it."))];
    s.reasons.forEach((r) => {
      var dim = P.find(profile.dimensions, r[0]), option = P.find(dim.options, r[1]);
      line.push(r[2].direction === "up" ? " Raised by " : " Lowered by ", P.el("strong", option.name), " (" + dim.name + "): " + P.sentence(r[2].why));
    });
    var raw = profile.baseline + s.net;
    if (raw !== s.level) line.push(" " + profile.baseline + (s.net > 0 ? " + " : " − ") + Math.abs(s.net) + " = " + (raw < 0 ? "−" + -raw : raw) + ", kept at " + s.level + ".");
    return line;
  }
  // Each characterized profile's suggestions, from its archetype or the rule, combined.
  function suggestions() {
    var ids = P.ids, byProfile = {}, levels = {};
    var characterized = P.chosen().filter((pr) => pr.dimensions.length);
    characterized.forEach((pr) => {
      var ch = P.characterizationOf(pr.id), rule = P.suggest(pr, ch.options, ids);
      var archetype = ch.archetype && P.find(pr.archetypes, ch.archetype);
      var mine = byProfile[pr.id] = {}, mineLevels = levels[pr.id] = {};
      ids.forEach((pid) => {
        var c = { level: rule[pid].level, source: "suggested", rule: rule[pid], profile: pr };
        if (archetype) {
          c.level = archetype.targets[pid];
          c.source = "archetype";
          c.explanation = [P.el("span", "Archetype "), P.el("strong", archetype.name), ": " + P.sentence(archetype.target_reasons[pid])];
          if (archetype.target_deviations[pid]) c.explanation.push(" The rule suggests " + rule[pid].level + ": " + P.sentence(archetype.target_deviations[pid]));
        } else c.explanation = explain(pr, rule[pid]);
        if (characterized.length > 1) c.explanation.unshift(pr.short_name + " suggests " + c.level + ": ");
        c.text = c.explanation.map((n) => typeof n === "string" ? n : n.textContent).join("");
        mine[pid] = c;
        mineLevels[pid] = c.level;
      });
    });
    var found = P.combine(characterized.map((pr) => pr.id), levels);
    // The winner's level, with every profile's suggestion and reasons in the model's order.
    Object.keys(found).forEach((pid) => {
      var winner = byProfile[found[pid].profile][pid], explanation = [];
      Object.keys(found[pid].suggested_by).forEach((id, i) => { explanation = explanation.concat(i ? [" "] : [], byProfile[id][pid].explanation); });
      found[pid] = Object.assign({}, winner, { explanation, text: explanation.map((n) => typeof n === "string" ? n : n.textContent).join("") });
    });
    return found;
  }
  function targetOf(pid) {
    if (!P.suggestions) P.suggestions = suggestions();
    var s = P.suggestions[pid] || null, set = P.state.targets[pid];
    if (set) {
      var against = !!s && P.goesAgainst(set.level, s.rule, s.profile.baseline);
      return { level: set.level, source: "set", justification: set.justification, suggestion: s, against };
    }
    return s ? { level: s.level, source: s.source, justification: s.text, suggestion: s, against: false }
      : { level: null, source: null, justification: "", suggestion: null, against: false };
  }

  // The In scope cell of a practice: a checkbox, and the reason when it is out.
  function scopeCell(pid, p) {
    var el = P.el, out = P.state.out_of_scope, inside = P.inScope(pid);
    var box = el("input", { type: "checkbox", id: "smm-scope-" + pid, checked: inside });
    box.addEventListener("change", () => {
      if (box.checked) delete out[pid]; else out[pid] = out[pid] || "";
      P.changed("scope");
      document.getElementById(box.id).focus();
    });
    var cell = el("td.smm-scope", {}, [box, el("label.smm-vh", { for: box.id, text: p.name + " is in scope" })]);
    if (inside) return cell;
    var warnId = "smm-scope-warn-" + pid, why = el("input", { type: "text", id: "smm-scope-why-" + pid, value: out[pid], autocomplete: "off",
      maxlength: P.S.scope_reason_length, "aria-describedby": warnId });
    var warn = el("span.smm-warn", { id: warnId, text: out[pid] ? "" : "Say why it is out of scope." });
    why.addEventListener("input", () => {
      out[pid] = why.value;
      warn.textContent = why.value.trim() ? "" : "Say why it is out of scope.";
      P.save();
      P.scheduleResults();
    });
    cell.append(el("label", { for: why.id, text: "Out of scope because" }), why, warn);
    return cell;
  }

  function renderTargets() {
    if (!P.targetsBox) return;
    var el = P.el, rows = P.ids.map((pid) => {
      var t = targetOf(pid), p = P.practiceById[pid], s = t.suggestion, targets = P.state.targets;
      var levels = (s ? [] : [["", "No target"]]).concat(P.ALL_LEVELS.map((n) => [String(n), String(n)]));
      var select = P.select({ id: "smm-target-" + pid }, levels, t.level === null ? "" : t.level);
      var why = el("input", { type: "text", id: "smm-why-" + pid, value: t.source === "set" ? t.justification : "", autocomplete: "off",
        disabled: t.level === null, "aria-describedby": t.against ? "smm-against-" + pid : null });
      select.addEventListener("change", () => {
        if (select.value === "") delete targets[pid];
        else targets[pid] = { level: +select.value, justification: (targets[pid] || {}).justification || "" };
        P.changed("target");
        document.getElementById(select.id).focus();
      });
      why.addEventListener("input", () => {
        var current = targetOf(pid), against = document.getElementById("smm-against-" + pid);
        if (current.level === null) return;
        targets[pid] = { level: current.level, justification: why.value };
        // The hint asks for a reason: once one is typed, it has been answered.
        if (against) against.textContent = why.value.trim() ? "" : "Far from the suggestion: say why.";
        P.save();
        P.scheduleResults();
      });
      var reset = t.source === "set" && s ? P.button("Use the suggestion", () => {
        delete targets[pid];
        P.changed("target");
        document.getElementById(select.id).focus();
      }, "smm-link") : null;
      var explanation = s ? el("tr.smm-why-row", { "data-why": pid }, [el("td.smm-why", { colspan: 5 },
        s.explanation.map((n) => typeof n === "string" ? n : n.cloneNode(true)))]) : null;
      var classes = [s ? "smm-has-why" : "", P.inScope(pid) ? "" : "smm-out"].join(" ").trim() || null;
      return [el("tr", { "data-practice": pid, class: classes }, [
        el("td", {}, [el("a", { href: P.pageLink("practices/" + pid), text: p.name })]), scopeCell(pid, p),
        el("td.smm-suggested", s ? s.level : "–"),
        el("td", {}, [el("label.smm-vh", { for: select.id, text: "Target of " + p.name }), select, reset]),
        el("td", {}, [el("label.smm-vh", { for: why.id, text: "Why this target for " + p.name }), why,
          t.against ? el("span.smm-warn", { id: "smm-against-" + pid, text: t.source === "set" && t.justification.trim() ? "" : "Far from the suggestion: say why." }) : null])
      ]), explanation];
    });
    rows = [].concat.apply([], rows);
    var inside = P.scope().length;
    P.clear(P.targetsBox).append(el("p.smm-scope-count", { role: "status", text: inside + " of " + P.ids.length + " practices in scope." }),
      P.table(["Practice", "In scope", "Suggested", "Target", "Your reason for another target"], rows, "smm-target-table"));
  }

  Object.assign(P, { renderGuidance, renderCharacterize, targetOf, renderTargets });
})(window.SMMAssess = window.SMMAssess || {});
