/* Practice pages: the reader chooses which profiles' considerations are shown. Without this script
   every profile is shown and the chooser stays hidden. The choice is kept in localStorage as the
   profiles turned off, so a profile added to the site later is shown until the reader turns it off. */
(function () {
  "use strict";

  var KEY = "smm-guide.hidden-profiles";

  function readHidden() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (error) {
      return []; // storage refused (private mode, file://) or unreadable: show everything
    }
  }

  function writeHidden(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list));
    } catch (error) {
      // the choice then lasts for this page only
    }
  }

  // Hide a profile's sections and their entries in the table of contents.
  function apply(hidden) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-smm-profile]"), function (section) {
      var off = hidden.indexOf(section.getAttribute("data-smm-profile")) >= 0;
      section.hidden = off;
      var heading = section.querySelector("h3[id]");
      if (!heading) return;
      Array.prototype.forEach.call(document.querySelectorAll('.md-nav a[href="#' + heading.id + '"]'), function (link) {
        link.parentNode.hidden = off;
      });
    });
  }

  function init() {
    var chooser = document.querySelector("[data-smm-profiles]");
    if (!chooser) return;
    var hidden = readHidden();
    var boxes = chooser.querySelectorAll("input[type=checkbox]");
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = hidden.indexOf(box.value) < 0;
      box.addEventListener("change", function () {
        var now = readHidden().filter(function (id) { return id !== box.value; });
        if (!box.checked) now.push(box.value);
        writeHidden(now);
        apply(now);
      });
    });
    apply(hidden);
    chooser.hidden = false;
  }

  // Material's instant navigation swaps pages without a load event; document$ announces each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
