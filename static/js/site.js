// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Buttons with data-copy="<element id>" copy that element's text to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    navigator.clipboard.writeText(source.innerText.trim()).then(function () {
      var original = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = original; }, 1500);
    });
  });

  // Forms marked data-autosubmit submit when one of their selects changes.
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.matches("select")) form.requestSubmit ? form.requestSubmit() : form.submit();
  });

  // Copy buttons are hidden until this script runs (they do nothing without it).
  document.querySelectorAll("[data-copy][hidden]").forEach(function (b) { b.hidden = false; });
})();
