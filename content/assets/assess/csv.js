// CSV as Python's csv module writes it (checklists.to_csv); tested in Node.
((P) => {
  "use strict";
  // Text a spreadsheet would run as a formula gets a leading apostrophe.
  function neutralizeFormula(text) { return /^[=+\-@\t\r]/.test(text) ? "'" + text : text; }
  function csvLine(cells) {
    return cells.map((cell) => {
      var text = typeof cell === "string" ? neutralizeFormula(cell) : String(cell);
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }).join(",") + "\r\n";
  }
  Object.assign(P, { neutralizeFormula, csvLine });
})(typeof exports === "object" ? exports : (window.SMMAssess = window.SMMAssess || {}));
