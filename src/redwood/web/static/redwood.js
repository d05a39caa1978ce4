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

  // Sign-up in the background: an error comes back beside its field while both passwords
  // stay as typed (the server never writes a password into a page, so without this file a
  // refused form comes back with them empty). Success goes where the server says.
  function keepTyped(ev) {
    var form = ev.target;
    if (!form.matches || !form.matches("form[data-keep-typed]")) { return; }
    ev.preventDefault();
    if (form.getAttribute("data-busy")) { return; }
    form.setAttribute("data-busy", "1");
    var data = new FormData(form), typed = {};
    if (ev.submitter && ev.submitter.name) { data.append(ev.submitter.name, ev.submitter.value); }
    form.querySelectorAll("input[type=password]").forEach(function (i) { typed[i.name] = i.value; });
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) {
        if (r.redirected) { window.location.assign(r.url); return null; }
        return r.text();
      })
      .then(function (text) {
        if (text === null) { return; }
        var fresh = new DOMParser().parseFromString(text, "text/html").querySelector("main");
        if (!fresh) { form.removeAttribute("data-busy"); HTMLFormElement.prototype.submit.call(form); return; }
        document.querySelector("main").replaceWith(fresh);
        fresh.querySelectorAll("form[data-keep-typed] input[type=password]").forEach(function (i) {
          if (typed[i.name] !== undefined) { i.value = typed[i.name]; }
        });
        var bad = fresh.querySelector("[aria-invalid=true]"), live = document.getElementById("live");
        var said = fresh.querySelector(".error");
        if (live && said) { live.textContent = said.textContent.trim(); }
        if (bad) { bad.focus(); if (bad.select && bad.type !== "password") { bad.select(); } }
      })
      .catch(function () { form.removeAttribute("data-busy"); HTMLFormElement.prototype.submit.call(form); });
  }
  document.addEventListener("submit", keepTyped);

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
