// Scoring and target suggestion, as macros/rules/; tested in Node.
((P) => {
  "use strict";
  var MET = "met", PARTLY = "partly", NOT_MET = "not-met", NA = "na", NONE = "";
  var REACHED = "reached", NOT_REACHED = "not reached", UNASSESSED = "not assessed";
  var LEVELS = [1, 2, 3, 4], LOWEST = 0, HIGHEST = 4;

  // Whether one level is reached, from the statuses of all its items (scoring.level_state).
  function levelState(statuses) {
    if (statuses.some((s) => s === NOT_MET || s === PARTLY)) return NOT_REACHED;
    if (statuses.indexOf(NONE) >= 0) return UNASSESSED;
    return statuses.indexOf(MET) >= 0 ? REACHED : NOT_REACHED;
  }

  // Score one practice (scoring.score): levels maps 1-4 to the statuses of their items. Out of scope
  // (inScope false; in scope when left out) or not assessed, a practice has no gap.
  function score(levels, target, inScope) {
    var states = {}, achieved = 0, counting = true, assessed = false;
    LEVELS.forEach((n) => {
      var statuses = levels[n] || [];
      states[n] = levelState(statuses);
      if (counting && states[n] === REACHED) achieved = n; else counting = false;
      if (statuses.some((s) => s !== NONE)) assessed = true;
    });
    return withGap({ achieved, target: target === undefined ? null : target, assessed, states, inScope: inScope !== false,
      provisional: states[achieved + 1] === UNASSESSED });
  }
  // The gap and over-achievement of a score (scoring.with_gap), after its achieved level or assessed changed.
  function withGap(s) {
    var counted = s.target !== null && s.inScope && s.assessed;
    return Object.assign(s, { gap: counted ? Math.max(s.target - s.achieved, 0) : null, over: counted ? Math.max(s.achieved - s.target, 0) : 0 });
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
      result[id] = { practice: id, level, net, reasons: reasons[id] };
    });
    return result;
  }

  // A target against its characterization (targets.goes_against).
  function goesAgainst(target, suggestion, baseline) {
    var wrongSide = (suggestion.net > 0 && target < baseline) || (suggestion.net < 0 && target > baseline);
    return wrongSide || Math.abs(target - suggestion.level) >= 2;
  }

  // Several profiles' suggestions (profile id -> practice id -> level): the highest wins; on a tie,
  // the profile first in profileIds, the model's order. suggested_by keeps every profile's level
  // (in that order), so each profile's reasons can be shown (selection.combine).
  function combine(profileIds, suggestions) {
    var found = {};
    profileIds.forEach((id) => {
      var levels = suggestions[id] || {};
      Object.keys(levels).forEach((pid) => {
        var c = found[pid] = found[pid] || { level: levels[pid], profile: id, suggested_by: {} };
        if (levels[pid] > c.level) Object.assign(c, { level: levels[pid], profile: id });
        c.suggested_by[id] = levels[pid];
      });
    });
    return found;
  }

  // The scope after using an archetype: its practices go out with its reasons, unless the assessor
  // has given a reason of their own; nothing comes back in.
  function archetypeScope(outOfScope, archetype) {
    var out = Object.assign({}, outOfScope), own = archetype.out_of_scope || {};
    Object.keys(own).forEach((pid) => { if (!out[pid]) out[pid] = own[pid]; });
    return out;
  }

  Object.assign(P, {
    MET, PARTLY, NOT_MET, NA, NONE, STATUSES: [MET, PARTLY, NOT_MET, NA, NONE], LEVELS, ALL_LEVELS: [0, 1, 2, 3, 4], HIGHEST,
    LABELS: { met: "Met", partly: "Partly met", "not-met": "Not met", na: "Not applicable", "": "Not assessed" },
    levelState, score, withGap, suggest, goesAgainst, combine, archetypeScope
  });
})(typeof exports === "object" ? exports : (window.SMMAssess = window.SMMAssess || {}));
