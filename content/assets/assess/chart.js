// The radar chart (SVG) of the targets and achieved levels.
((P) => {
  "use strict";
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
  // The width the chart is drawn for: the box's, within bounds. One unit of the drawing is then about
  // a pixel on screen, so that its 13-unit labels are read at 11 px or more, on a phone too.
  P.radarWidth = (box) => Math.round(Math.max(320, Math.min(760, box.clientWidth || 760)) / 20) * 20;
  // rows: {p: practice, s: its score, t: its target}, in the model's order; width from radarWidth.
  P.radar = (rows, width) => {
    // Narrow, the names of many practices would overlap: the axes are numbered, the names listed below.
    var el = P.el, numbered = width < 640 && rows.length > 6, R = width / 2 - (numbered ? 36 : 200), room = numbered ? 34 : 95;
    var cx = width / 2, cy = R + room, count = rows.length;
    var root = svg("svg", { viewBox: "0 0 " + width + " " + (2 * (R + room)), class: "smm-radar-chart", role: "img", "aria-labelledby": "smm-radar-title smm-radar-desc" });
    root.append(svg("title", { id: "smm-radar-title" }, "Radar chart of the target and the achieved level of every practice"));
    root.append(svg("desc", { id: "smm-radar-desc" }, "One axis per practice from level 0 at the centre to level 4 at the edge; " +
      "the dashed line is the target, the filled area the achieved level. The gap table gives the same numbers."));
    function point(i, level) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / count, r = (R * level) / P.HIGHEST;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle), angle];
    }
    for (var level = 1; level <= P.HIGHEST; level += 1) {
      root.append(svg("polygon", { class: "smm-r-grid", points: rows.map((r, i) => point(i, level).slice(0, 2).join(",")).join(" ") }));
      root.append(svg("text", { class: "smm-r-tick", x: cx + 4, y: cy - (R * level) / P.HIGHEST - 3 }, String(level)));
    }
    rows.forEach((r, i) => {
      var end = point(i, P.HIGHEST), cos = Math.cos(end[2]), sin = Math.sin(end[2]);
      // Names near the top and the bottom stand a line further out, clear of their neighbours'.
      var label = point(i, P.HIGHEST * (1 + (numbered || Math.abs(cos) > 0.35 ? 16 : 31) / R));
      root.append(svg("line", { class: "smm-r-grid", x1: cx, y1: cy, x2: end[0], y2: end[1] }));
      var lines = numbered ? [String(i + 1)] : wrap(r.p.name, 24), top = label[1] + (sin > 0.3 ? 10 : sin < -0.3 ? -15 * (lines.length - 1) - 2 : 4 - 7.5 * (lines.length - 1));
      var text = root.appendChild(svg("text", { class: "smm-r-label", "text-anchor": cos > 0.1 ? "start" : cos < -0.1 ? "end" : "middle" }));
      lines.forEach((line, k) => { text.append(svg("tspan", { x: label[0].toFixed(1), y: (top + 15 * k).toFixed(1) }, line)); });
    });
    function shape(cls, value) {
      return svg("polygon", { class: cls, points: rows.map((r, i) => { return point(i, value(r)).slice(0, 2).map((v) => v.toFixed(1)).join(","); }).join(" ") });
    }
    root.append(shape("smm-r-achieved", (r) => r.s.achieved));
    if (rows.some((r) => r.t.level !== null)) root.append(shape("smm-r-target", (r) => r.t.level || 0));
    return el("figure.smm-radar", {}, [root, numbered ? el("ol.smm-radar-names", {}, rows.map((r) => el("li", r.p.name))) : null, el("figcaption", {}, [
      el("span.smm-key.smm-key-target", { "aria-hidden": "true" }), " Target (dashed line)  ",
      el("span.smm-key.smm-key-achieved", { "aria-hidden": "true" }), " Achieved (filled area)"])]);
  };
})(window.SMMAssess = window.SMMAssess || {});
