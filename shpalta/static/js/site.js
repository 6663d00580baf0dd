// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";

  function setSummary(node, text, isError) {
    node.textContent = text;
    node.classList.toggle("is-error", Boolean(isError));
  }

  function refreshSummary(section) {
    var node = section.querySelector("[data-rating-summary]");
    fetch(section.dataset.summaryUrl, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { setSummary(node, data.label, false); } })
      .catch(function () {});
  }

  function sendVote(event) {
    var form = event.target;
    var section = form.closest(".rating");
    var node = section.querySelector("[data-rating-summary]");
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (result) {
        if (!result.ok) { setSummary(node, result.data.error, true); return; }
        setSummary(node, result.data.label + " · Ваша оцінка: " + result.data.your_stars + " з 5", false);
      })
      .catch(function () { setSummary(node, "Не вдалося надіслати оцінку. Спробуйте ще раз.", true); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".rating[data-summary-url]").forEach(function (section) {
      refreshSummary(section);
      section.querySelector("form").addEventListener("submit", sendVote);
    });
  });
})();
