// Log a set without leaving the page: post the same form, put in the page the server answers
// with, then bring the next set to log into view (below the sticky timer, above the bottom
// navigation), give its Log button the focus and say "Saved: ..." to a screen reader. A
// refused value comes back in its field, marked, with the message under it.
// Every form works without this file (a plain POST and a redirect).
"use strict";
window.RedwoodLog = (function () {
  var busy = false;

  // The part of the window not covered by the sticky timer and the fixed navigation.
  function band() {
    var top = 8, bottom = window.innerHeight - 8;
    var timer = document.querySelector(".timer");
    if (timer) { top += timer.offsetHeight; }
    var nav = document.querySelector(".nav");
    if (nav && window.getComputedStyle(nav).position === "fixed") {
      bottom = Math.min(bottom, nav.getBoundingClientRect().top - 8);
    }
    return { top: top, bottom: bottom };
  }

  // Scroll so the element is fully in the band; with its card's heading too when both fit.
  function bringIntoView(el) {
    var b = band(), r = el.getBoundingClientRect();
    if (r.top >= b.top && r.bottom <= b.bottom) { return; }
    var card = el.closest("article") || el, c = card.getBoundingClientRect();
    var delta;
    if (r.bottom - c.top <= b.bottom - b.top) { delta = c.top - b.top; }
    else { delta = r.top - b.top - Math.max(0, Math.min(96, (b.bottom - b.top - r.height) / 3)); }
    window.scrollBy(0, delta);
  }

  function settle(main) {
    var live = document.getElementById("live");
    var said = main.querySelector("[data-announce]");
    if (live && said && said.textContent.trim()) { live.textContent = said.textContent.trim(); }
    var bad = main.querySelector("[aria-invalid=true]");
    if (bad) {
      var form = bad.closest("form");
      bringIntoView(form);
      bad.focus({ preventScroll: true });
      if (bad.select) { bad.select(); }
      return;
    }
    var next = main.querySelector("[data-next]");
    if (next) {
      bringIntoView(next);
      var button = next.querySelector("button[type=submit]");
      if (button) { button.focus({ preventScroll: true }); }
    }
  }

  function submit(ev) {
    var form = ev.target;
    if (!form.matches || !form.matches("form[data-enhance]")) { return; }
    ev.preventDefault();
    if (busy) { return; }  // a double tap stores one set
    // Gym mode (offline.js): with no network, or sets still waiting, it goes to the queue.
    var offline = window.RedwoodOffline;
    if (offline && offline.take(form, false)) { return; }
    busy = true;
    var data = new FormData(form);
    if (ev.submitter && ev.submitter.name) { data.append(ev.submitter.name, ev.submitter.value); }
    if (offline) { offline.stamp(form, data); }
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var fresh = doc.querySelector("main");
        if (!fresh) { busy = false; form.submit(); return; }
        document.querySelector("main").replaceWith(fresh);
        busy = false;
        if (window.RedwoodTimer) { window.RedwoodTimer.refresh(); }
        if (offline) { offline.answered(text); }
        settle(fresh);
      })
      .catch(function () {
        busy = false;
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        if (offline && offline.take(form, true)) { return; }
        form.submit();
      });
  }

  function start() {
    document.addEventListener("submit", submit);
  }

  return { start: start, bringIntoView: bringIntoView };
})();
