// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // Copy buttons for suggested language.
  document.querySelectorAll("button.copy[data-copy]").forEach(function (btn) {
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var el = document.getElementById(btn.dataset.copy);
      if (!el) return;
      var text = el.textContent.replace(/\s+/g, " ").trim();
      var done = function () { btn.textContent = "Copied"; setTimeout(function () { btn.textContent = "Copy"; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(el); done(); });
      } else { fallback(el); done(); }
    });
  });
  function fallback(el) {
    var range = document.createRange(); range.selectNodeContents(el);
    var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    try { document.execCommand("copy"); } catch (e) { /* the text stays selected */ }
  }

  // Findings filters: apply on change (without JavaScript, the Filter button submits the form).
  var filters = document.getElementById("filters");
  if (filters) {
    var apply = filters.querySelector("button.apply");
    if (apply) apply.hidden = true;
    filters.querySelectorAll("select").forEach(function (sel) {
      sel.addEventListener("change", function () { filters.submit(); });
    });
  }

  // Busy state on upload forms; confirmation on delete forms.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { ev.preventDefault(); return; }
      var btn = form.querySelector("button[data-busy]");
      if (btn) { btn.disabled = true; btn.textContent = btn.dataset.busy; }
    });
  });

  // Live batch progress.
  var batch = document.getElementById("batch");
  if (batch && batch.dataset.batch && batch.dataset.status !== "done") {
    var url = "/api/v1/batches/" + encodeURIComponent(batch.dataset.batch);
    var shown = -1;
    var tick = function () {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (b) {
          var finished = b.done + b.failed;
          document.getElementById("progress").value = finished;
          document.getElementById("progress-text").textContent = finished + " of " + b.total + " finished";
          document.getElementById("done").textContent = b.done;
          document.getElementById("failed").textContent = b.failed;
          document.getElementById("status").textContent = b.status;
          if (b.status === "done") { window.location.reload(); return; }
          if (shown >= 0 && finished !== shown && finished % 10 === 0) { window.location.reload(); return; }
          shown = finished;
          setTimeout(tick, 1000);
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 1000);
  }

  // Sortable matrix: click a heading to sort in place (links sort on the server without JS).
  var table = document.getElementById("matrix");
  if (table) {
    table.querySelectorAll("thead th").forEach(function (th, idx) {
      th.addEventListener("click", function (ev) {
        ev.preventDefault();
        var numeric = th.dataset.sort === "num";
        var desc = th.classList.contains("sorted-asc") ? true : th.classList.contains("sorted-desc") ? false : numeric;
        table.querySelectorAll("thead th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(desc ? "sorted-desc" : "sorted-asc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[idx].dataset.value || "", y = b.cells[idx].dataset.value || "";
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
})();
