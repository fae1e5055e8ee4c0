/* The case page follows its case: on each event of the stream, the page's live sections are
   fetched again from the server and swapped in place, so the same server-rendered markup
   serves visitors with and without JavaScript. A message being typed is never replaced. */
(function () {
  "use strict";
  var tag = document.currentScript;
  var url = tag && tag.getAttribute("data-events");
  if (!url || !window.EventSource) { return; }
  var pending = null;
  var announce = document.getElementById("annonce");

  function typing() {
    var box = document.getElementById("text");
    return box && (box.value.trim() !== "" || document.activeElement === box);
  }

  function refresh() {
    pending = null;
    fetch(window.location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var changed = false;
        fresh.querySelectorAll("[data-live]").forEach(function (section) {
          var here = document.getElementById(section.id);
          if (!here || here.innerHTML === section.innerHTML) { return; }
          if (section.id === "question" && typing()) { return; }
          here.innerHTML = section.innerHTML;
          changed = true;
        });
        if (changed && announce) {
          var status = document.getElementById("statut");
          announce.textContent = "Dossier mis à jour. Statut : " + (status ? status.textContent : "");
        }
      })
      .catch(function () { /* the next event tries again */ });
  }

  var source = new EventSource(url);
  ["received", "message", "status", "holder", "notice", "decision", "withdrawn"].forEach(function (name) {
    source.addEventListener(name, function () {
      // Events come in bursts (a step's message, notice and status): one fetch for them.
      if (pending === null) { pending = window.setTimeout(refresh, 150); }
    });
  });
  document.documentElement.setAttribute("data-live", "on");
})();
