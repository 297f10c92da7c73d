// Admin list filters with many values (kb_site.admin.SearchableFilterMixin): a box that narrows the
// list as one types. Progressive enhancement: without this script the whole list shows.
(function () {
  "use strict";

  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFKC").replace(/ё/g, "е");
  }

  function wire(filter) {
    var box = filter.querySelector(".filter-search");
    var input = box.querySelector("input");
    var empty = filter.querySelector(".filter-no-match");
    var items = Array.prototype.slice.call(filter.querySelectorAll("ul li"));
    box.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim().replace(/^#/, ""));
      var shown = 0;
      items.forEach(function (item, index) {
        var matches = index !== 0 && fold(item.textContent).indexOf(wanted) !== -1;
        // "All" (the first) and the selected value always stay.
        item.hidden = !(matches || index === 0 || item.classList.contains("selected"));
        if (matches) shown += 1;
      });
      empty.hidden = shown > 0 || wanted === "";
    });
  }

  function start() {
    document.querySelectorAll("details.searchable-filter").forEach(wire);
  }
  // The admin loads its media in <head>: wait for the filters.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
