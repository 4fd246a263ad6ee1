// Which items an assessment with a choice of profiles has; tested in Node.
((P) => {
  "use strict";
  function find(list, id) { return list.find((x) => x.id === id); }

  // The chosen profiles (ids) in the model's order.
  function inOrder(profiles, chosen) { return profiles.filter((p) => chosen.indexOf(p.id) >= 0); }

  // "general", or the chosen profile ids in the model's order joined by "+".
  function selectionId(profiles, chosen) { return inOrder(profiles, chosen).map((p) => p.id).join("+") || "general"; }

  // "General", or the chosen profiles' short names in the model's order joined by " + ".
  function shortTitle(profiles, chosen) { return inOrder(profiles, chosen).map((p) => p.short_name).join(" + ") || "General"; }

  // Every item of the model with its label: "General" or its profile's short name.
  function eachItem(model, fn) {
    model.practices.forEach((p) => {
      Object.keys(p.levels).forEach((n) => { p.levels[n].indicators.forEach((i) => { fn(i, "General"); }); });
    });
    model.profiles.forEach((pr) => {
      Object.keys(pr.practices).forEach((pid) => {
        Object.keys(pr.practices[pid]).forEach((n) => { pr.practices[pid][n].forEach((c) => { fn(c, pr.short_name); }); });
      });
    });
  }

  // A practice level's items: general indicators, then the chosen profiles' considerations.
  function itemsAt(model, pid, n, chosen) {
    var block = find(model.practices, pid).levels[n], found = block ? block.indicators.map((i) => i.id) : [];
    inOrder(model.profiles, chosen).forEach((pr) => {
      ((pr.practices[pid] || {})[n] || []).forEach((c) => { found.push(c.id); });
    });
    return found;
  }

  // A selection: its id, the items of the levels each practice has, their labels.
  function selection(model, chosen) {
    var all = {}, out = { selection: selectionId(model.profiles, chosen), title: shortTitle(model.profiles, chosen), items: {}, labels: {} };
    eachItem(model, (item, label) => { all[item.id] = label; });
    model.practices.forEach((p) => {
      var levels = out.items[p.id] = {};
      Object.keys(p.levels).forEach((n) => {
        levels[n] = itemsAt(model, p.id, n, chosen);
        levels[n].forEach((id) => { out.labels[id] = all[id]; });
      });
    });
    return out;
  }

  Object.assign(P, { find, inOrder, selectionId, shortTitle, eachItem, itemsAt, selection });
})(typeof exports === "object" ? exports : (window.SMMAssess = window.SMMAssess || {}));
