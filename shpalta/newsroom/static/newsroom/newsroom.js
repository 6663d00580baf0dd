// The newsroom's live parts of cached pages: the breaking-news banner, the read beacon and
// «Найпопулярніше». Everything is fetched from small JSON endpoints, never baked into HTML.
(function () {
  "use strict";

  // "no-cache" skips only this browser's own copy: a banner fetched by the previous page a
  // moment ago must not hide a new one. A CDN still answers from its 5-second copy.
  function getJSON(url, fresh) {
    var options = { headers: { Accept: "application/json" }, credentials: "omit" };
    if (fresh) { options.cache = "no-cache"; }
    return fetch(url, options).then(function (r) { return r.ok ? r.json() : null; });
  }

  function safeHref(url) {
    return /^\/(?!\/)/.test(url) || /^https?:\/\//.test(url) ? url : "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function renderBreaking(slot, data) {
    var key = data && data.active ? data.id + "|" + data.text + "|" + data.url : "";
    if (slot.dataset.shown === key) { return; }
    slot.dataset.shown = key;
    slot.replaceChildren();
    slot.hidden = !key;
    if (!key) { return; }
    var row = el("div", "wrap");
    var href = safeHref(data.url || "");
    var message = el(href ? "a" : "span", "breaking-text", data.text);
    if (href) { message.href = href; }
    row.append(el("span", "breaking-label", "Терміново"), message);
    slot.append(row);
  }

  function watchBreaking(slot) {
    var load = function () {
      getJSON(slot.dataset.breakingUrl, true).then(function (data) {
        if (data) { renderBreaking(slot, data); }
      }).catch(function () {});
    };
    load();
    var seconds = Number(slot.dataset.pollSeconds) || 15;
    setInterval(function () {
      if (document.visibilityState === "visible") { load(); }
    }, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { load(); }
    });
  }

  // One read per article per tab: sessionStorage stays in the browser, nothing is sent.
  function countRead(article) {
    var key = "shpalta-read-" + article.dataset.articleId;
    try {
      if (sessionStorage.getItem(key)) { return; }
      sessionStorage.setItem(key, "1");
    } catch (e) { /* private mode: count anyway */ }
    var url = article.dataset.readUrl;
    if (navigator.sendBeacon) { navigator.sendBeacon(url); return; }
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
  }

  function renderMostRead(block, items) {
    var list = block.querySelector("ol");
    list.replaceChildren();
    items.forEach(function (item) {
      var li = el("li");
      var link = el("a", "", item.headline);
      link.href = safeHref(item.url);
      li.append(link, el("span", "most-read-section", item.section));
      list.append(li);
    });
    block.hidden = items.length === 0;
  }

  function loadMostRead(block) {
    getJSON(block.dataset.mostReadUrl).then(function (data) {
      if (data && data.items) { renderMostRead(block, data.items); }
    }).catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-breaking-url]").forEach(watchBreaking);
    document.querySelectorAll("article[data-read-url]").forEach(countRead);
    document.querySelectorAll("[data-most-read-url]").forEach(loadMostRead);
  });
})();
