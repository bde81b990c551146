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
      row.querySelector("[data-bar-count]").textContent = bar.count_text || String(bar.count);
    });
  }

  function showOwnVote(widget, stars) {
    var input = widget.querySelector('input[name="stars"][value="' + stars + '"]');
    if (input) { input.checked = true; }
  }

  // The vote a reader cast earlier lives only in this browser (localStorage), never in a cookie or on the
  // server: the page itself is the same for everyone, and this marks the reader's stars and says so.
  document.querySelectorAll("[data-rating]").forEach(function (widget) {
    var form = widget.querySelector("[data-rating-form]");
    var status = widget.querySelector("[data-rating-status]");
    var pageId = widget.getAttribute("data-page-id");
    var rated = widget.getAttribute("data-rated");  // set after a plain form vote (?rated=N)
    if (rated) { rememberVote(pageId, Number(rated)); }
    var known = ownVotes()[pageId];
    if (known && /^[1-5]$/.test(String(known))) {
      showOwnVote(widget, known);
      if (status && !status.textContent) {
        status.textContent = widget.getAttribute("data-remembered-" + known) || "";
      }
    }
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

/* --- guides: surface tabs and deadline countdowns (guides-site) ------------------------------------- */
(function () {
  // Surface tabs. Without this script each tab is a link (?surface=x#steps) and the server shows only the
  // chosen panel; with it they become an ARIA tab list (arrow keys, Home, End) that switches in place.
  function setUpTabs(container) {
    var list = container.querySelector(".tabs__list");
    var tabs = Array.prototype.slice.call(container.querySelectorAll(".tabs__tab"));
    if (!list || tabs.length < 2) { return; }
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-labelledby", container.getAttribute("data-tabs-label") || "");
    Array.prototype.forEach.call(list.children, function (item) { item.setAttribute("role", "presentation"); });

    function panelFor(tab) { return document.getElementById(tab.getAttribute("data-tab-target")); }
    function surfaceOf(tab) { return new URL(tab.href, window.location.href).searchParams.get("surface"); }

    // The address and the language switcher follow the reader's own choice of tab, so a reload or the same page
    // in another language shows that tab too. A tab chosen for the reader (below) changes neither.
    function remember(tab) {
      var surface = surfaceOf(tab);
      if (window.history && window.history.replaceState) {
        var address = new URL(window.location.href);
        address.searchParams.set("surface", surface);
        window.history.replaceState(null, "", address.pathname + address.search + address.hash);
      }
      document.querySelectorAll(".language-switcher a[href]").forEach(function (link) {
        var target = new URL(link.href, window.location.href);
        target.searchParams.set("surface", surface);
        link.setAttribute("href", target.pathname + target.search);
      });
    }

    function select(tab, moveFocus, chosenByReader) {
      tabs.forEach(function (other) {
        var selected = other === tab;
        other.setAttribute("aria-selected", selected ? "true" : "false");
        other.setAttribute("tabindex", selected ? "0" : "-1");
        other.removeAttribute("aria-current");
        panelFor(other).hidden = !selected;
      });
      if (moveFocus) { tab.focus(); }
      if (chosenByReader) { remember(tab); }
    }

    var initial = tabs[0];
    tabs.forEach(function (tab) {
      var panel = panelFor(tab);
      tab.setAttribute("role", "tab");
      tab.id = tab.id || "tab-" + tab.getAttribute("data-tab-target");
      tab.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.setAttribute("tabindex", "0");
      if (!panel.hidden) { initial = tab; }
      tab.addEventListener("click", function (event) { event.preventDefault(); select(tab, false, true); });
      tab.addEventListener("keydown", function (event) {
        var index = tabs.indexOf(tab);
        var target = null;
        if (event.key === "ArrowRight") { target = tabs[(index + 1) % tabs.length]; }
        else if (event.key === "ArrowLeft") { target = tabs[(index - 1 + tabs.length) % tabs.length]; }
        else if (event.key === "Home") { target = tabs[0]; }
        else if (event.key === "End") { target = tabs[tabs.length - 1]; }
        if (target) { event.preventDefault(); select(target, true, true); }
      });
    });
    // Unless the address names a surface, a phone opens the guide on its own app's steps. Only this page
    // sees what the browser tells about its system: nothing is stored or sent.
    if (!new URLSearchParams(window.location.search).has("surface")) {
      var own = readerSurface();
      tabs.forEach(function (tab) { if (own && surfaceOf(tab) === own) { initial = tab; } });
    }
    container.classList.add("tabs--enhanced");
    select(initial, false, false);
  }

  // "android" or "ios" when the browser says it runs on one of them (iPads that present themselves as a Mac
  // give themselves away by their touch screen), otherwise null.
  function readerSurface() {
    var hints = navigator.userAgentData;
    var platform = (hints && hints.platform) || "";
    var agent = navigator.userAgent || "";
    if (/android/i.test(platform) || /Android/.test(agent)) { return "android"; }
    if (/ios/i.test(platform) || /iPhone|iPad|iPod/.test(agent)) { return "ios"; }
    if (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1) { return "ios"; }
    return null;
  }

  document.querySelectorAll("[data-tabs]").forEach(setUpTabs);

  // Countdowns. The server renders the text at page load; this keeps it right while the page stays open (or
  // comes from a cache). The words come from data attributes the server translated; "{n}" is the day count.
  function dateInZone(moment, zone) {
    // en-CA formats as YYYY-MM-DD, which Date.UTC can take apart.
    var parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(moment).split("-").map(Number);
    return Date.UTC(parts[0], parts[1] - 1, parts[2]);
  }

  function countdownText(element, now) {
    var due = new Date(element.getAttribute("data-countdown-due"));
    var zone = element.getAttribute("data-countdown-zone") || "UTC";
    if (isNaN(due.getTime())) { return null; }
    if (now > due) { return { state: "passed", text: element.getAttribute("data-countdown-passed") }; }
    var days = Math.round((dateInZone(due, zone) - dateInZone(now, zone)) / 86400000);
    if (days <= 0) { return { state: "due_today", text: element.getAttribute("data-countdown-today") }; }
    var form = new Intl.PluralRules(document.documentElement.lang || undefined).select(days) === "one" ? "one" : "other";
    var template = element.getAttribute("data-countdown-" + form) || "";
    return { state: "upcoming", text: template.replace("{n}", new Intl.NumberFormat(document.documentElement.lang || undefined).format(days)) };
  }

  function updateCountdowns() {
    var now = new Date();
    document.querySelectorAll("[data-countdown-due]").forEach(function (element) {
      var result = countdownText(element, now);
      var holder = element.querySelector("[data-countdown-text]");
      if (!result || !holder || holder.textContent === result.text) { return; }
      holder.textContent = result.text;
      element.className = element.className.replace(/countdown--[a-z_]+/, "countdown--" + result.state);
    });
  }

  if (document.querySelector("[data-countdown-due]")) {
    updateCountdowns();
    window.setInterval(updateCountdowns, 60000);
  }
})();

/* --- guides: the reader's own "done" ticks on the steps, kept in this browser only (guides-site) ----------- */
(function () {
  // Without this script the steps are a plain numbered list. With it each step gets a real checkbox, and each
  // surface a counter (a polite live region) and a button that clears its ticks. Ticks live in localStorage
  // only: no cookie, no request. Each tick keeps the step's version token (guides/step_versions.py); when a
  // significant update gives the step a new token, the tick is undone and the step says it changed.
  var storageKey = "guides:step-progress";

  function loadAll() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "{}") || {}; } catch (e) { return {}; }
  }

  function saveAll(all) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(all)); } catch (e) { /* private mode, full */ }
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function setUpProgress(section) {
    var pageId = section.getAttribute("data-step-progress");
    var words = function (name) { return section.getAttribute("data-progress-" + name) || ""; };
    var language = document.documentElement.lang || undefined;
    var plurals = new Intl.PluralRules(language);
    var numbers = new Intl.NumberFormat(language);

    section.querySelectorAll("[data-progress-surface]").forEach(function (list) {
      var surface = list.getAttribute("data-progress-surface");
      var steps = Array.prototype.filter.call(list.children, function (item) { return item.hasAttribute("data-step-key"); });
      if (!steps.length) { return; }

      function ticks() {
        var all = loadAll();
        return (all[pageId] && all[pageId][surface]) || {};
      }

      function storeTicks(surfaceTicks) {
        var all = loadAll();
        all[pageId] = all[pageId] || {};
        if (Object.keys(surfaceTicks).length) { all[pageId][surface] = surfaceTicks; } else { delete all[pageId][surface]; }
        if (!Object.keys(all[pageId]).length) { delete all[pageId]; }
        saveAll(all);
      }

      var box = element("div", "step-progress");
      var count = element("p", "step-progress__count");
      count.setAttribute("role", "status");
      count.setAttribute("aria-live", "polite");
      var privacy = element("p", "step-progress__privacy", words("privacy"));
      var clear = element("button", "step-progress__clear", words("clear"));
      clear.type = "button";
      box.appendChild(count);
      box.appendChild(clear);
      box.appendChild(privacy);
      list.parentNode.insertBefore(box, list);

      function showCount() {
        var done = steps.filter(function (step) { return step.querySelector(".step-done__input").checked; }).length;
        var template = words("count-" + (plurals.select(steps.length) === "one" ? "one" : "other"));
        count.textContent = template.replace("{done}", numbers.format(done)).replace("{total}", numbers.format(steps.length));
      }

      function markChanged(step, changed) {
        var input = step.querySelector(".step-done__input");
        var note = step.querySelector(".step-done__changed");
        if (changed && !note) {
          note = element("p", "step-done__changed", words("changed"));
          note.id = input.id + "-changed";
          step.querySelector(".step-done").insertAdjacentElement("afterend", note);
          input.setAttribute("aria-describedby", note.id);
        } else if (!changed && note) {
          note.parentNode.removeChild(note);
          input.removeAttribute("aria-describedby");
        }
        step.classList.toggle("step--changed", changed);
      }

      var stored = ticks();
      steps.forEach(function (step, index) {
        var key = step.getAttribute("data-step-key");
        var version = step.getAttribute("data-step-version");
        var label = element("label", "step-done");
        var input = element("input", "step-done__input");
        input.type = "checkbox";
        input.id = "step-done-" + surface + "-" + (index + 1);
        var title = step.querySelector(".step__title");
        label.appendChild(input);
        label.appendChild(element("span", "step-done__text", words("done")));
        // The step's title makes each box's name unique for screen readers listing the form controls.
        if (title) { label.appendChild(element("span", "visually-hidden", " – " + title.textContent)); }
        if (title) { title.insertAdjacentElement("afterend", label); } else { step.insertBefore(label, step.firstChild); }

        input.checked = stored[key] === version;
        step.classList.toggle("step--done", input.checked);
        markChanged(step, Boolean(stored[key]) && stored[key] !== version);

        input.addEventListener("change", function () {
          var current = ticks();
          if (input.checked) { current[key] = version; } else { delete current[key]; }
          storeTicks(current);
          step.classList.toggle("step--done", input.checked);
          markChanged(step, false);
          showCount();
        });
      });

      clear.addEventListener("click", function () {
        storeTicks({});
        steps.forEach(function (step) {
          step.querySelector(".step-done__input").checked = false;
          step.classList.remove("step--done");
          markChanged(step, false);
        });
        showCount();
      });
      showCount();
    });
  }

  // Where the browser keeps no storage for pages (some private modes), a tick could not outlive the page: the
  // steps then stay the plain list.
  function storageWorks() {
    try {
      window.localStorage.setItem(storageKey + ":probe", "1");
      window.localStorage.removeItem(storageKey + ":probe");
      return typeof Intl === "object" && typeof Intl.PluralRules === "function";
    } catch (e) { return false; }
  }

  if (document.querySelector("[data-step-progress]") && storageWorks()) {
    document.querySelectorAll("[data-step-progress]").forEach(setUpProgress);
  }
})();
