// Starts the page once the model and all its files have run, in any order.
((P) => {
  "use strict";
  var STEPS = ["renderGuidance", "renderCharacterize", "renderAssess", "renderResults", "renderKeep", "renderCompare", "renderPortfolio"];
  // A name from each file, to know that all have run.
  var NEEDED = STEPS.concat("score", "itemsAt", "csvLine", "el", "open", "radar");

  function renderAll() { STEPS.forEach((name) => { P[name](); }); }

  function boot() {
    if (NEEDED.some((name) => !P[name])) {
      // Not every file has run yet: try again as each one does.
      Array.from(document.scripts).forEach((s) => { s.addEventListener("load", boot); });
      return;
    }
    var parts = {};
    document.querySelectorAll(".smm-assess[data-step]").forEach((node) => { parts[node.getAttribute("data-step")] = node; });
    if (!parts.assess || parts.assess.hasAttribute("data-ready") || !window.SMM_MODEL) return;
    parts.assess.setAttribute("data-ready", "");
    document.querySelectorAll(".smm-assess-nojs").forEach((node) => { node.hidden = true; });
    P.open(parts, window.SMM_MODEL, window.SMM_ASSESSMENT);
    P.buildStatus();
    renderAll();
    P.renderStatus();
    document.documentElement.setAttribute("data-smm-assess", "ready");
  }
  P.refresh = () => { P.suggestions = null; P.save(); renderAll(); };

  // Printing opens the answers and evidence list, and closes it again afterwards.
  if (!window.smmAssessPrint) {
    window.smmAssessPrint = true;
    window.addEventListener("beforeprint", () => {
      document.querySelectorAll(".smm-evidence-list:not([open])").forEach((d) => { d.open = true; d.setAttribute("data-print-open", ""); });
    });
    window.addEventListener("afterprint", () => {
      document.querySelectorAll("[data-print-open]").forEach((d) => { d.open = false; d.removeAttribute("data-print-open"); });
    });
  }
  // The model script calls this when it runs after these.
  window.smmAssessBoot = boot;
  // Material's instant navigation swaps pages without a load event; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function" && !window.smmAssessSubscribed) {
    window.smmAssessSubscribed = true;
    window.document$.subscribe(boot);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.SMMAssess = window.SMMAssess || {});
