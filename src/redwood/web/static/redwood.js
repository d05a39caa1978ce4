// Redwood: a little progressive enhancement. Every page works without this file.
"use strict";
(function () {
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

  // A printed plan carries every reason: open the folded ones before printing.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("main details:not([open])").forEach(function (d) {
      d.setAttribute("open", ""); d.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("main details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("open"); d.removeAttribute("data-print-opened");
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.RedwoodTimer) { window.RedwoodTimer.refresh(); }
    if (window.RedwoodLog) { window.RedwoodLog.start(); }
    wizard();
  });
})();
