// Building the page's elements.
((P) => {
  "use strict";
  function unmark(text) { return String(text || "").replace(/[*`_]/g, "").split(/\s+/).filter(Boolean).join(" "); }
  function flat(text) { return String(text).split(/\s+/).filter(Boolean).join(" "); }
  function sentence(text) { text = unmark(text); return /[.!?]$/.test(text) ? text : text + "."; }

  // el("p.smm-x", {id: "y", text: "..."}, [children]): a tag and its classes, attributes, then
  // text or child nodes; el("td", text) for text alone.
  function el(tag, attrs, children) {
    var classes = tag.split("."), node = document.createElement(classes.shift());
    if (classes.length) node.className = classes.join(" ");
    if (typeof attrs !== "object") attrs = { text: attrs };
    Object.keys(attrs || {}).forEach((name) => {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach((child) => {
      if (child !== null && child !== undefined) node.append(child);
    });
    return node;
  }
  function clear(node) { node.textContent = ""; return node; }
  // A <select> of choices ([value, text]) with value selected.
  function select(attrs, choices, value) {
    return el("select", attrs, choices.map((c) => el("option", { value: c[0], text: c[1], selected: String(c[0]) === String(value) })));
  }
  function field(text, control, after) { return el("p.smm-field", {}, [el("label", { for: control.id, text }), control, after]); }
  function button(text, action, className) {
    var b = el("button", { type: "button", class: className || "smm-button", text });
    b.addEventListener("click", action);
    return b;
  }
  // Tables keep Material's look (it styles tables without a class); the class goes on the wrapper.
  function table(headers, rows, className) {
    return el("div", { class: "md-typeset__table " + className }, [el("table", {}, [
      el("thead", {}, [el("tr", {}, headers.map((h) => typeof h === "string" ? el("th", { scope: "col", text: h }) : h))]),
      el("tbody", {}, rows.filter(Boolean))
    ])]);
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type }));
    var link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    // The browser fetches the blob after the click returns; on a busy machine that can take seconds,
    // and a URL revoked before it does gives no file at all (FileSaver.js waits 40 s for this reason).
    setTimeout(() => { URL.revokeObjectURL(url); }, 40000);
  }

  Object.assign(P, { unmark, flat, sentence, el, clear, select, field, button, table, download });
})(window.SMMAssess = window.SMMAssess || {});
