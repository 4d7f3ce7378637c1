/* Vendor portal: after an autosave, mark the question answered (or not) without reloading. The
   status fragment says whether the saved answer counts (data-answered), see _save_status.html. */
(function () {
  document.addEventListener("htmx:afterSettle", function (event) {
    var status = event.target;
    if (!status.classList || !status.classList.contains("sl-autosave") || !status.dataset.answered) return;
    var card = status.closest(".sl-q");
    if (card) card.classList.toggle("is-answered", status.dataset.answered === "1");
  });
})();
