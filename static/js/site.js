/* Shortlist's behaviour, in one static file: the Content-Security-Policy allows no inline script.
   Everything is delegated from the document, so content that htmx swaps in works as well.
   - data-confirm="question" on a button or a form: asks before submitting.
   - data-autosubmit on a select or radio button: submits its form when it changes.
   - data-reload on a link: reloads the page instead of following it.
   - data-mirror on a range input: shows its value in the <output> right after it.
   - textarea[data-word-limit]: a live word counter in the element its aria-describedby names.
   - form#question-form: shows only the fields that apply to the chosen type, rule and knockout.
   - input[name=bank_sections] with #bank-summary: counts the bank sections and questions ticked. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm], [data-reload]") : null;
    if (!target) return;
    if (target.hasAttribute("data-reload")) {
      event.preventDefault();
      window.location.reload();
    } else if (target.tagName !== "FORM" && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute && form.hasAttribute("data-confirm") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute("data-autosubmit") && target.form) target.form.submit();
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute("data-mirror") && target.nextElementSibling) {
      target.nextElementSibling.value = target.value;
    }
    if (target.matches && target.matches("textarea[data-word-limit]")) countWords(target);
  });

  function countWords(area) {
    var note = document.getElementById(area.getAttribute("aria-describedby"));
    if (!note || !note.dataset.template) return;
    var limit = parseInt(area.dataset.wordLimit, 10);
    var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
    note.textContent = note.dataset.template.replace("{count}", words).replace("{limit}", limit);
    note.classList.toggle("text-danger", words > limit);
  }

  function questionForm(form) {
    function pick(name) { return form.querySelector("[name=" + name + "]").value; }
    function refresh() {
      var type = pick("type"), rule = pick("rule_kind"), knockout = pick("knockout_op");
      form.querySelectorAll("[data-show-types]").forEach(function (el) {
        el.hidden = el.dataset.showTypes.split(" ").indexOf(type) < 0;
      });
      form.querySelectorAll("[data-show-rule]").forEach(function (el) {
        var wanted = el.dataset.showRule;
        el.hidden = wanted === "" ? rule !== "" : wanted !== rule;
      });
      form.querySelectorAll("[data-show-knockout]").forEach(function (el) {
        el.hidden = el.dataset.showKnockout.split(" ").indexOf(knockout) < 0;
      });
    }
    form.addEventListener("change", refresh);
    refresh();
  }

  function bankPicker(summary) {
    var boxes = Array.from(document.querySelectorAll("input[name=bank_sections]"));
    function refresh() {
      var ticked = boxes.filter(function (b) { return b.checked; });
      var questions = ticked.reduce(function (sum, b) {
        return sum + parseInt(b.closest("label").querySelector(".sl-bank-option-meta").textContent, 10);
      }, 0);
      summary.textContent = summary.dataset.template.replace("{n}", ticked.length).replace("{q}", questions);
    }
    document.querySelectorAll("[data-tick]").forEach(function (button) {
      button.addEventListener("click", function () {
        boxes.forEach(function (b) { b.checked = button.dataset.tick === "all"; });
        refresh();
      });
    });
    boxes.forEach(function (b) { b.addEventListener("change", refresh); });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-word-limit]").forEach(function (area) { if (area.value) countWords(area); });
    var form = document.getElementById("question-form");
    if (form) questionForm(form);
    var summary = document.getElementById("bank-summary");
    if (summary) bankPicker(summary);
  });
})();
