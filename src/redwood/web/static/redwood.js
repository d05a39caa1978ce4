// Redwood: a little progressive enhancement. Every page works without this file.
"use strict";
(function () {
  // The rest timer: the server renders when the rest ends; this counts it down.
  var ticking = null;
  function startTimer() {
    var box = document.querySelector("[data-rest-end]");
    if (ticking) { clearInterval(ticking); ticking = null; }
    if (!box) { return; }
    var clock = box.querySelector(".clock");
    var label = box.querySelector(".label");
    // Server time and ours may differ: count from the gap the server saw.
    var end = Date.now() + (Number(box.dataset.restEnd) - Number(box.dataset.serverNow));
    var until = box.querySelector(".until");
    if (until && until.textContent.indexOf(":") < 0) {
      // The clock time in the lifter's own time zone, which the server does not know.
      until.textContent += ": next set at " + new Date(end).toLocaleTimeString();
    }
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      clock.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (left === 0) {
        box.classList.add("over");
        if (label) { label.textContent = "Rest over: next set"; }
        if (navigator.vibrate) { navigator.vibrate(200); }
        clearInterval(ticking); ticking = null;
      }
    }
    tick();
    ticking = setInterval(tick, 250);
  }

  // Log a set without leaving the page: post the same form, swap in the page the server
  // answers with, keep the scroll position near the exercise.
  function enhanceSets() {
    document.addEventListener("submit", function (ev) {
      var form = ev.target;
      if (!form.matches || !form.matches("form[data-enhance]")) { return; }
      ev.preventDefault();
      var button = form.querySelector("button");
      if (button) { button.disabled = true; }
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (r) { return r.text().then(function (t) { return [r, t]; }); })
        .then(function (pair) {
          var doc = new DOMParser().parseFromString(pair[1], "text/html");
          var fresh = doc.querySelector("main");
          if (!fresh) { form.submit(); return; }
          document.querySelector("main").replaceWith(fresh);
          var anchor = pair[0].url.split("#")[1] || form.dataset.anchor;
          var to = anchor && document.getElementById(anchor);
          if (to) { to.scrollIntoView({ block: "start" }); }
          startTimer();
        })
        .catch(function () { form.submit(); });
    });
  }

  // Onboarding as a wizard: one step at a time. Without JavaScript it is one long form.
  function wizard() {
    var form = document.querySelector("form[data-wizard]");
    if (!form) { return; }
    var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset.step"));
    var submit = form.querySelector("button[type=submit]");
    var at = 0;
    // Open on the first step with an error, if the server sent one back.
    steps.forEach(function (s, i) { if (at === 0 && s.querySelector(".error")) { at = i; } });
    function show() {
      steps.forEach(function (s, i) { s.classList.toggle("step-hidden", i !== at); });
      submit.classList.toggle("step-hidden", at !== steps.length - 1);
    }
    steps.forEach(function (s, i) {
      var nav = document.createElement("div");
      nav.className = "row spread wizard-nav";
      if (i > 0) { nav.appendChild(button("Back", "secondary", i - 1)); }
      if (i < steps.length - 1) { nav.appendChild(button("Next", "", i + 1)); }
      s.appendChild(nav);
    });
    function button(label, cls, to) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.className = cls;
      b.addEventListener("click", function () {
        at = to; show(); steps[at].querySelector("legend").scrollIntoView();
      });
      return b;
    }
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    startTimer();
    enhanceSets();
    wizard();
  });
})();
