// Progressive enhancement only: every feature below already works without this file.
"use strict";

/* --- ratings: vote and step report without a reload (ratings app) ------------------------------------- */
(function () {
  var storageKey = "ratings:own-votes";

  function ownVotes() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "{}"); } catch (e) { return {}; }
  }

  function rememberVote(pageId, stars) {
    var votes = ownVotes();
    votes[pageId] = stars;
    try { window.localStorage.setItem(storageKey, JSON.stringify(votes)); } catch (e) { /* private mode */ }
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }

  function updateTally(widget, key, numbers) {
    var box = widget.querySelector('[data-tally="' + key + '"]');
    if (!box || !numbers) { return; }
    var totals = box.querySelector("[data-tally-totals]");
    if (totals && numbers.text) { totals.textContent = numbers.text; }
    numbers.bars.forEach(function (bar) {
      var row = box.querySelector('[data-bar="' + bar.stars + '"]');
      if (!row) { return; }
      row.querySelector("[data-bar-fill]").setAttribute("width", String(bar.percent));
      row.querySelector("[data-bar-count]").textContent = String(bar.count);
    });
  }

  function showOwnVote(widget, stars) {
    var input = widget.querySelector('input[name="stars"][value="' + stars + '"]');
    if (input) { input.checked = true; }
  }

  document.querySelectorAll("[data-rating]").forEach(function (widget) {
    var form = widget.querySelector("[data-rating-form]");
    var status = widget.querySelector("[data-rating-status]");
    var pageId = widget.getAttribute("data-page-id");
    var known = ownVotes()[pageId];
    if (known) { showOwnVote(widget, known); }
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      post(form).then(function (result) {
        if (status) { status.textContent = result.data.message || result.data.error || ""; }
        if (result.ok) {
          rememberVote(pageId, result.data.own_vote);
          showOwnVote(widget, result.data.own_vote);
          updateTally(widget, "all", result.data.tally.all_time);
          updateTally(widget, "since", result.data.tally.since_update);
        }
      }).catch(function () { form.submit(); });
    });
  });

  document.querySelectorAll("[data-step-report-form]").forEach(function (form) {
    var status = form.parentNode.querySelector("[data-step-report-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      post(form).then(function (result) {
        status.textContent = result.data.message || result.data.error || "";
        if (result.ok) { form.hidden = true; }
      }).catch(function () { form.submit(); });
    });
  });
})();
