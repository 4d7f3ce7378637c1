/* The evaluator's scoring page, by keyboard as well as by mouse (the page lists the keys):
   - 0 to 5 score the answer that has the focus (the radio's change event saves it through htmx);
   - J / K move to the next / previous answer, N / P follow the next / previous page link;
   - a PDF preview loads its file only when the evaluator opens it (each opening is logged).
   Keys typed into a text field are left alone, so a comment can hold any digit or letter. */
(function () {
  "use strict";

  function rows() { return Array.from(document.querySelectorAll("[data-answer-row]")); }

  function focusRow(row) {
    if (!row) return;
    var target = row.querySelector("input[name=points]:checked") || row.querySelector("input[name=points]") || row;
    target.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function typing(element) {
    if (!element || !element.tagName) return false;
    var tag = element.tagName;
    return tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && !/^(radio|checkbox)$/.test(element.type));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key.toLowerCase();
    var all = rows();
    var current = document.activeElement && document.activeElement.closest ? document.activeElement.closest("[data-answer-row]") : null;
    if (/^[0-5]$/.test(key) && current) {
      var radio = current.querySelector("input[name=points][value='" + key + "']");
      if (radio) { radio.click(); radio.focus(); event.preventDefault(); }
    } else if (key === "j" || key === "k") {
      var index = current ? all.indexOf(current) : -1;
      var next = key === "j" ? all[index + 1] : all[index - 1];
      focusRow(next || (index < 0 ? all[0] : null));
      event.preventDefault();
    } else if (key === "n" || key === "p") {
      var link = document.querySelector("a[data-key='" + key + "']");
      if (link) { window.location.href = link.href; event.preventDefault(); }
    }
  });

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.classList || !details.classList.contains("sl-preview") || !details.open) return;
    var frame = details.querySelector("iframe[data-src]");
    if (frame && !frame.getAttribute("src")) frame.setAttribute("src", frame.dataset.src);
  }, true);
})();
