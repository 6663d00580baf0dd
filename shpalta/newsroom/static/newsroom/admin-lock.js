// Keeps this editor's lock on the article alive and says when someone else holds it.
(function () {
  "use strict";
  var EVERY_MS = 60 * 1000;

  function check(node, token) {
    fetch(node.dataset.lockUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        node.textContent = data.ours ? "" : data.message;
        node.hidden = Boolean(data.ours);
      })
      .catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    var node = document.querySelector(".newsroom-lock[data-lock-url]");
    var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!node || !tokenInput) { return; }
    setInterval(function () {
      if (document.visibilityState === "visible") { check(node, tokenInput.value); }
    }, EVERY_MS);
  });
})();
