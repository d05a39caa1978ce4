// Gym mode: Redwood works with no signal.
// - Registers the service worker (/sw.js), which keeps the app shell, Today and the plan.
// - On Today, a set logged with no network (and an edit, an undo, Finish) is stored on the
//   device at once (IndexedDB) and shown as logged; "3 sets waiting to sync" says what is
//   left to send. The rest timer runs as online.
// - The queue is sent in order when the network returns and at every page open, each set
//   with the id made for it here (a UUID), so the server stores it exactly once however
//   often it is sent (two tabs, a sync cut in the middle). A refused entry stays, shown,
//   to fix or discard; a set deleted on another device stays deleted; an edit of a set
//   that no longer exists is reported. After a sync, Today is reloaded and says whether
//   the coach's targets changed.
// Without this file every page works online as before.
"use strict";
window.RedwoodOffline = (function () {
  var DB = "redwood-offline", STORE = "queue";
  var entries = [];  // this lifter's queue, oldest first
  var notes = [];    // what the last sync has to tell (conflicts, changed targets)
  var syncing = false;
  var user = document.body.dataset.user || "";

  // --- the queue in IndexedDB ------------------------------------------------------------

  function withStore(mode, work) {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open(DB, 1);
      opening.onupgradeneeded = function () {
        opening.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
      };
      opening.onerror = function () { reject(opening.error); };
      opening.onsuccess = function () {
        var db = opening.result, tx = db.transaction(STORE, mode), out = null;
        var request = work(tx.objectStore(STORE));
        if (request) { request.onsuccess = function () { out = request.result; }; }
        tx.oncomplete = function () { db.close(); resolve(out); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      };
    });
  }
  function load() {
    return withStore("readonly", function (s) { return s.getAll(); }).then(function (all) {
      entries = (all || []).filter(function (e) { return e.user === user; })
        .sort(function (a, b) { return a.seq - b.seq; });
    });
  }
  function save(entry) {
    entry.user = user;
    return withStore("readwrite", function (s) { return s.put(entry); }).then(load);
  }
  function drop(entry) {
    return withStore("readwrite", function (s) { return s.delete(entry.seq); }).then(load);
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) { h += (b[i] + 256).toString(16).slice(1); }
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" +
      h.slice(16, 20) + "-" + h.slice(20);
  }
  function localDay() {
    var d = new Date();
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }
  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit",
                                                 hour12: false });
  }
  function waiting() { return entries.filter(function (e) { return e.state !== "refused"; }); }

  // --- Today: what the forms turn into --------------------------------------------------

  function status() { return document.querySelector("[data-sync-status]"); }

  function setFacts(form) {
    var field = form.querySelector("input[name=reps]") ? "reps" : "seconds";
    var card = form.closest("article");
    var unit = form.querySelector("label");
    return {
      item: Number(form.querySelector("input[name=item]").value),
      set: Number(form.querySelector("input[name=set]").value),
      exercise_id: form.querySelector("input[name=exercise]").value,
      weight: form.querySelector("input[name=weight]").value.trim(),
      amount: form.querySelector("input[name=" + field + "]").value.trim(),
      // A calibrating lift's RPE: what the coach finds the working load from.
      rpe: form.querySelector("input[name=rpe]") ? form.querySelector("input[name=rpe]").value.trim() : "",
      field: field, unit: unit ? unit.textContent : "",
      label: liftName(card),
    };
  }
  // The lift's name as its card's title shows it, without its mark ("A1.") and its tags
  // ("calibrating", "done"): "Back Squat", as the server names it in Undo's label.
  function liftName(card) {
    var title = card && card.querySelector("h2");
    if (!title) { return ""; }
    var copy = title.cloneNode(true);
    copy.querySelectorAll(".tag").forEach(function (tag) { tag.remove(); });
    return copy.textContent.replace(/^[\w\d]+\.\s*/, "").trim();
  }
  function setText(e) {
    var amount = e.field === "seconds" ? e.amount + " s" : e.amount;
    var unit = (e.unit || "").replace(/ assist$/, ""), assist = unit !== (e.unit || "");
    // The weight as typed: a unit typed with the number ("2.5kg", which the server refuses)
    // is shown once, not "2.5kg kg".
    var load = /[a-z]\s*$/i.test(e.weight) ? e.weight : e.weight + " " + unit;
    // On an assisted machine the weight is help: "-20 kg assist", as the server writes it.
    if (assist) { load = "-" + load.replace(/^-/, "") + " assist"; }
    return (e.weight ? load : "bodyweight") + " x " + amount;
  }
  function button(text, cls, action, label) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "secondary small " + (cls || ""); b.textContent = text;
    if (label) { b.setAttribute("aria-label", label); }
    b.addEventListener("click", action);
    return b;
  }
  function row(text) {
    var div = document.createElement("div");
    div.className = "done-set";
    div.setAttribute("data-queued", "");
    var check = document.createElement("span");
    check.className = "check"; check.setAttribute("aria-hidden", "true"); check.textContent = "✓";
    var span = document.createElement("span");
    span.textContent = text;
    div.appendChild(check); div.appendChild(span);
    return div;
  }
  function hide(el) { el.hidden = true; el.setAttribute("data-offline-hidden", ""); }

  // An inline editor of weight and reps (or seconds) in place of a logged set.
  function editor(place, facts, done) {
    var box = document.createElement("div");
    box.className = "set"; box.setAttribute("data-queued", "");
    var w = document.createElement("input"), a = document.createElement("input");
    w.value = facts.weight; w.inputMode = "decimal"; w.setAttribute("aria-label", facts.unit);
    a.value = facts.amount; a.inputMode = "numeric"; a.setAttribute("aria-label", facts.field);
    w.name = "weight"; a.name = facts.field;
    box.appendChild(w); box.appendChild(a);
    box.appendChild(button("Save", "save", function () { done(w.value.trim(), a.value.trim()); }));
    box.appendChild(button("Cancel", "", render));
    // Not a form: Enter (a phone keyboard's "Go") saves and Escape cancels, as in a form.
    [w, a].forEach(function (input) {
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") { ev.preventDefault(); done(w.value.trim(), a.value.trim()); }
        else if (ev.key === "Escape") { ev.preventDefault(); render(); }
      });
    });
    place.replaceWith(box);
    w.focus();
  }

  // A queued set is drawn in place of its form only on the page of the session it was logged
  // in: after Finish Today shows the next session, whose forms may share its ids (set-0-3 of
  // another lift) or lack it (a lift with fewer sets).
  function ownForm(e, form, here) {
    var p = e.planned;
    if (here && p && (p.plan_id !== here.plan_id || p.week !== here.week ||
                      p.session !== here.session)) { return false; }
    var ex = form.querySelector("input[name=exercise]");
    return !ex || !e.exercise_id || ex.value === e.exercise_id;
  }
  function elsewhereCard() {
    var card = document.createElement("section");
    card.className = "card"; card.setAttribute("data-elsewhere", "");
    var h = document.createElement("h2");
    h.textContent = "From an earlier session";
    card.appendChild(h);
    // Under the page's title (its h1), where the lifter looks first.
    var title = document.querySelector("main h1") || status();
    title.parentNode.insertBefore(card, title.nextSibling);
    return card;
  }

  function render() {
    var main = document.querySelector("main");
    if (!main || !status()) { return; }
    main.querySelectorAll("[data-queued]").forEach(function (el) { el.remove(); });
    main.querySelectorAll("[data-ramp-hint]").forEach(function (el) { el.remove(); });
    main.querySelectorAll("[data-offline-hidden]").forEach(function (el) {
      el.hidden = false; el.removeAttribute("data-offline-hidden");
      if (el.dataset.offlineId) { el.id = el.dataset.offlineId; delete el.dataset.offlineId; }
    });
    main.querySelectorAll("[data-elsewhere]").forEach(function (el) { el.remove(); });
    var sets = entries.filter(function (e) { return e.op === "set"; });
    var lastSet = sets.length ? sets[sets.length - 1] : null;
    var here = seenSession(), elsewhere = null, loggedHere = false;
    entries.forEach(function (e) {
      if (e.op === "set") {
        var form = document.getElementById("set-" + e.item + "-" + e.set);
        var onPage = form && ownForm(e, form, here);
        if (onPage) { hide(form); }
        var name = onPage ? "Set " + e.set : e.label + " set " + e.set;
        var line = e.state === "refused"
          ? row(name + ": " + setText(e) + " refused: " + e.error)
          : row(name + ": " + setText(e) + " (waiting to sync)");
        line.setAttribute("data-entry", e.seq);
        if (e.state === "refused") {
          line.classList.add("refused");
          line.appendChild(button("Fix", "fix", function () {
            editor(line, e, function (w, a) {
              e.weight = w; e.amount = a; e.state = "waiting"; e.error = "";
              save(e).then(render).then(sync);
            });
          }));
          line.appendChild(button("Discard", "discard", function () { drop(e).then(render); }));
        } else {
          var which = " set " + e.set + " of " + e.label;
          line.appendChild(button("Edit", "edit", function () {
            editor(line, e, function (w, a) {
              e.weight = w; e.amount = a; save(e).then(render).then(sync);
            });
          }, "Edit" + which));
          if (e === lastSet && onPage) {
            line.appendChild(button("Undo", "undo", function () { undoQueued(e); },
                                    "Undo" + which));
          }
        }
        if (onPage) {
          loggedHere = true;
          form.parentNode.insertBefore(line, form);
          return;
        }
        // Its session is not the one on the page (Today moved on after Finish): the entry
        // still waits on screen, above the session, to be fixed or discarded.
        if (!elsewhere) { elsewhere = elsewhereCard(); }
        elsewhere.appendChild(line);
      } else if (e.op === "delete" || e.op === "edit") {
        var done = main.querySelector('[data-client-id="' + e.client_id + '"]');
        if (!done) { return; }
        if (e.op === "delete") {
          // The set taken back can be logged again, offline too: its form in its place.
          var again = logForm(done, done.id);
          hide(done);
          if (done.id) { done.dataset.offlineId = done.id; done.removeAttribute("id"); }
          if (again) { done.parentNode.insertBefore(again, done); }
          return;
        }
        var shown = row("Set " + e.set + ": " + setText(e) + " (edited, waiting to sync)");
        hide(done);
        done.parentNode.insertBefore(shown, done);
      } else if (e.op === "finish") {
        var finish = document.getElementById("finish");
        var p = e.planned, mine = !here || !p || (p.plan_id === here.plan_id &&
                                                  p.week === here.week && p.session === here.session);
        if (finish && !mine && e.state === "refused") {
          // The Finish of a session Today has moved on from: with the other leftovers.
          if (!elsewhere) { elsewhere = elsewhereCard(); }
          var old = row("Finish refused: " + e.error);
          old.classList.add("refused");
          old.appendChild(button("Discard", "discard", function () { drop(e).then(render); }));
          elsewhere.appendChild(old);
        } else if (finish) {
          var refusedFinish = e.state === "refused";
          var card = row(refusedFinish ? "Finish refused: " + e.error
                                       : "Finish (waiting to sync)");
          card.classList.add("card");
          if (refusedFinish) {
            // Said, and let go of: Finish is offered again (once the sets are fixed).
            card.classList.add("refused");
            card.appendChild(button("Discard", "discard", function () { drop(e).then(render); }));
          } else {
            hide(finish);
          }
          finish.parentNode.insertBefore(card, finish);
        }
      }
    });
    // A first session that works up by feel: online, the server fills each next set's
    // load from the set before (coach/ramp.py); a set kept on the phone has not reached it,
    // so the next form says so instead of a load the coach did not give.
    main.querySelectorAll("article[data-ramp]").forEach(function (card) {
      var index = Number(card.id.replace("item-", ""));
      var queued = entries.some(function (e) {
        return e.op === "set" && e.state !== "refused" && e.item === index &&
          ownForm(e, card, here);
      });
      var form = queued && card.querySelector("form.set:not([hidden])");
      if (!form) { return; }
      var hint = document.createElement("p");
      hint.className = "muted"; hint.setAttribute("data-ramp-hint", "");
      hint.textContent = "By feel: pick this set's load from how the last one felt " +
        "(lighter if it was hard, heavier if it was easy). The coach's next load comes " +
        "once the phone syncs.";
      form.appendChild(hint);
    });
    // A session begun on the phone can be finished on the phone: the server hid Finish
    // before its first set (unless Finish is queued already, which hid it above).
    var finishForm = document.getElementById("finish");
    if (finishForm && finishForm.hasAttribute("data-until-started") &&
        !finishForm.hasAttribute("data-offline-hidden")) {
      finishForm.hidden = !loggedHere;
    }
    // Logged sets kept on the server can be corrected here too (offline or not).
    main.querySelectorAll(".done-set[data-client-id]:not([hidden])").forEach(function (done) {
      if (done.querySelector("button.edit")) { return; }
      var name = done.closest("article");
      done.appendChild(button("Edit", "edit", function () { editServerSet(done); },
        "Edit " + done.querySelector("span:not(.check)").textContent.split(":")[0].toLowerCase() +
        (name ? " of " + liftName(name) : "")));
    });
    showStatus();
  }

  function showStatus() {
    var line = status();
    if (!line) { return; }
    var parts = [];
    if (!navigator.onLine) {
      parts.push("offline: showing " + (seenSession() ? "the session" : "Today") + " as of " +
                 clock(Number(document.body.dataset.renderedAt) || Date.now()));
    }
    var todo = waiting(), sets = todo.filter(function (e) { return e.op === "set"; }).length;
    var other = todo.length - sets;
    if (sets) { parts.push(sets + (sets === 1 ? " set" : " sets") + " waiting to sync"); }
    if (other) { parts.push(other + (other === 1 ? " change" : " changes") + " waiting to sync"); }
    var refused = entries.length - todo.length;
    if (refused) {
      parts.push(refused + (refused === 1 ? " entry" : " entries") +
                 " refused by the server: fix or discard it below");
    }
    parts = parts.concat(notes);
    line.textContent = parts.join(" · ");
    line.hidden = parts.length === 0;
  }

  // --- taking a form's action into the queue --------------------------------------------

  function undoQueued(e) {
    // Sent before (the answer may have been lost): make sure the server deletes it too.
    var next = e.sent ? save({ op: "delete", client_id: e.client_id, label: e.label,
                               set: e.set, state: "waiting" }) : Promise.resolve();
    next.then(function () { return drop(e); }).then(function () {
      render();
      say("Undone: " + e.label + " set " + e.set);
      var form = document.getElementById("set-" + e.item + "-" + e.set);
      if (form) { focusForm(form); }
    });
  }

  function editServerSet(done) {
    var text = done.querySelector("span:not(.check)").textContent;
    var m = /Set (\d+): (?:-?([\d.,]+) (\w+(?: assist)?)|bodyweight) x (\d+)( s)?/.exec(text) || [];
    var card = done.closest("article");
    var facts = { weight: m[2] || "", unit: m[3] || "", amount: m[4] || "",
                  field: m[5] ? "seconds" : "reps", set: Number(m[1]),
                  label: liftName(card) };
    editor(done, facts, function (w, a) {
      var cid = done.getAttribute("data-client-id");
      var old = entries.filter(function (x) {
        return x.op === "edit" && x.client_id === cid && x.state !== "refused" && !x.sent;
      })[0];
      var e = old || { op: "edit", client_id: cid, state: "waiting" };
      e.weight = w; e.amount = a; e.field = facts.field; e.unit = facts.unit;
      e.set = facts.set; e.label = facts.label;
      save(e).then(render).then(sync);
    });
  }

  function say(text) {
    var live = document.getElementById("live");
    if (live) { live.textContent = text; }
  }

  function focusForm(form) {
    document.querySelectorAll("[data-next]").forEach(function (f) { f.removeAttribute("data-next"); });
    form.setAttribute("data-next", "");
    if (window.RedwoodLog) { window.RedwoodLog.bringIntoView(form); }
    var b = form.querySelector("button[type=submit]");
    if (b) { b.focus({ preventScroll: true }); }
  }

  function startRest(seconds) {
    var slot = document.querySelector("[data-timer-slot]");
    if (!slot || !seconds || !window.RedwoodTimer) { return; }
    var now = Date.now();
    slot.innerHTML = '<div class="card timer" role="timer" aria-live="off">' +
      '<span class="label">Rest</span> <span class="clock"></span> <small class="until"></small></div>';
    var box = slot.firstChild;
    box.dataset.restEnd = String(now + seconds * 1000);
    box.dataset.serverNow = String(now);
    box.dataset.rest = String(seconds);
    box.querySelector(".until").textContent = seconds + " s rest";
    window.RedwoodTimer.refresh();
  }

  // The session on the page: what is queued goes to that one, even if it arrives late.
  function seenSession() {
    var seen = status().dataset;
    return seen.plan ? { plan_id: Number(seen.plan), week: Number(seen.week),
                         session: Number(seen.session) } : null;
  }

  function queueSet(form) {
    var facts = setFacts(form);
    facts.op = "set"; facts.state = "waiting"; facts.day = localDay();
    facts.planned = seenSession();
    facts.client_id = form.dataset.clientId || newId();
    return save(facts).then(function () {
      render();
      say("Saved on this phone: " + facts.label + " " + setText(facts));
      var forms = Array.prototype.slice.call(document.querySelectorAll("form.set:not([hidden])"));
      var after = forms.filter(function (f) {
        return form.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      var next = after[0] || forms[0];
      if (next) {
        startRest(Number(form.dataset.rest) || 0);
        focusForm(next);
      } else {
        // The session's last set: no rest to time (as online), Finish is next.
        if (window.RedwoodTimer) { window.RedwoodTimer.clear(); }
        var slot = document.querySelector("[data-timer-slot]");
        if (slot) { slot.innerHTML = ""; }
        var finish = document.getElementById("finish");
        if (finish) { focusForm(finish); }
      }
    });
  }

  // A Log form for the set shown by a logged row (its card says the lift, its place the set):
  // what the server would show after the undo.
  function logForm(done, sid) {
    var card = done.closest("article"), m = /^set-(\d+)-(\d+)$/.exec(sid || "");
    if (!card || !m) { return null; }
    var text = done.querySelector("span:not(.check)").textContent;
    var v = /: (?:-?([\d.,]+) (\w+(?: assist)?)|bodyweight) x (\d+)( s)?/.exec(text) || [];
    var field = v[4] ? "seconds" : "reps", rest = /Rest (\d+) s/.exec(card.textContent);
    var form = document.createElement("form");
    form.method = "post"; form.action = "/today/set"; form.className = "set";
    form.id = sid; form.setAttribute("data-enhance", ""); form.setAttribute("data-queued", "");
    form.dataset.rest = rest ? rest[1] : "0";
    var hidden = { csrf_token: csrf(), item: m[1], set: m[2],
                   exercise: card.getAttribute("data-exercise") };
    Object.keys(hidden).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = name; input.value = hidden[name];
      form.appendChild(input);
    });
    var n = document.createElement("span");
    n.className = "n"; n.textContent = m[2];
    form.appendChild(n);
    var fields = [["weight", v[2] ? v[1] : "", v[2] || (document.querySelector("form.set label") || {}).textContent || "kg"],
                  [field, v[3] || "", field]];
    // A calibrating lift, or one with the plan's effort target, asks the RPE of every set,
    // this one again too (the server marks its card data-asks-rpe).
    if (card.hasAttribute("data-asks-rpe") && field === "reps") { fields.push(["rpe", "", "RPE"]); }
    fields.forEach(function (f, i) {
      var wrap = document.createElement("span"), label = document.createElement("label");
      var input = document.createElement("input");
      input.id = "offline-" + f[0] + "-" + sid; input.name = f[0]; input.type = "text";
      input.inputMode = i === 1 ? "numeric" : "decimal"; input.value = f[1];
      label.htmlFor = input.id; label.textContent = f[2];
      wrap.appendChild(label); wrap.appendChild(input); form.appendChild(wrap);
    });
    var log = document.createElement("button");
    log.type = "submit"; log.textContent = "Log";
    form.appendChild(log);
    return form;
  }

  function queueUndo(form) {
    var done = form.closest(".done-set");
    var cid = done && done.getAttribute("data-client-id");
    if (!cid) {
      notes = ["Undo of this set needs the network (it was logged without gym mode)"];
      showStatus();
      return Promise.resolve();
    }
    var label = liftName(done.closest("article"));
    return save({ op: "delete", client_id: cid, label: label, state: "waiting" }).then(function () {
      render();
      say("Undone: " + label + " (waiting to sync)");
      var again = document.querySelector("form#" + (done.dataset.offlineId || done.id));
      if (again) { focusForm(again); }
    });
  }

  function queueFinish(form) {
    var notesField = form.querySelector("textarea[name=notes]");
    var rpe = form.querySelector("[name=rpe]");
    return save({ op: "finish", day: localDay(), state: "waiting", planned: seenSession(),
                  notes: notesField ? notesField.value : "",
                  rpe: rpe && rpe.value ? rpe.value : null }).then(function () {
      if (window.RedwoodTimer) { window.RedwoodTimer.clear(); }
      render();
    });
  }

  // Called by logset.js before it posts a form (failed: after the post failed for want of a
  // network). True when the form's action went to the queue instead.
  function take(form, failed) {
    if (!status()) { return false; }
    if (!failed && navigator.onLine && !waiting().length) { return false; }
    var action = new URL(form.action, location.href).pathname;
    var work = action === "/today/set" ? queueSet : action === "/today/undo" ? queueUndo
      : action === "/today/finish" ? queueFinish : null;
    if (!work) { return false; }
    work(form).then(function () { if (navigator.onLine) { sync(); } });
    return true;
  }

  // The set's client id, sent with the form online too: a post whose answer is lost and is
  // then queued is stored once.
  function stamp(form, data) {
    if (!form.querySelector("input[name=exercise]")) { return; }
    if (!form.dataset.clientId) { form.dataset.clientId = newId(); }
    data.set("client_id", form.dataset.clientId);
  }

  // --- sending the queue ------------------------------------------------------------------

  function csrf() {
    var field = document.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }
  function amountOf(e) {
    var out = {};
    out[e.field] = e.amount;
    return out;
  }
  function request(e) {
    var weight = e.weight === "" || e.weight === undefined ? null : e.weight.replace(",", ".");
    if (e.op === "set") {
      return ["POST", "/api/v1/today/sets", Object.assign({
        client_id: e.client_id, date: e.day, item: e.item, exercise_id: e.exercise_id,
        weight: weight, planned: e.planned || null,
        rpe: e.rpe ? e.rpe.replace(",", ".") : null }, amountOf(e))];
    }
    if (e.op === "edit") {
      return ["PATCH", "/api/v1/sets/" + encodeURIComponent(e.client_id),
              Object.assign({ weight: weight }, amountOf(e))];
    }
    if (e.op === "delete") { return ["DELETE", "/api/v1/sets/" + encodeURIComponent(e.client_id)]; }
    return ["POST", "/api/v1/today/finish", { date: e.day, notes: e.notes || null,
                                              session_rpe: e.rpe || null,
                                              planned: e.planned || null }];
  }
  function send(e) {
    var r = request(e);
    var init = { method: r[0], credentials: "same-origin",
                 headers: { "X-CSRF-Token": csrf(), "Content-Type": "application/json" } };
    if (r[2]) { init.body = JSON.stringify(r[2]); }
    if (e.op === "set") { init.headers["Idempotency-Key"] = e.client_id; }
    return fetch(r[1], init);
  }
  function errorOf(response) {
    return response.json().then(function (b) { return String(b.error || b.detail); },
                                function () { return "HTTP " + response.status; });
  }

  // Today as just answered (after a set was logged online, or a sync): the copy to open with
  // no network, as the service worker keeps a page it downloads.
  function keepToday(html) {
    if (!window.caches || !status()) { return; }
    caches.open("redwood-pages").then(function (cache) {
      return cache.put("/today", new Response(html, { headers: {
        "content-type": "text/html; charset=utf-8", "x-redwood-saved-at": String(Date.now()) } }));
    }).catch(function () { /* no room: the previous copy stays */ });
  }

  function answered(html) {
    keepToday(html);
    render();
  }

  function targets() {
    var out = {};
    document.querySelectorAll("article.exercise").forEach(function (a) {
      var t = a.querySelector("[data-target]");
      if (t) { out[a.getAttribute("data-exercise")] = [liftName(a), t.textContent.trim()]; }
    });
    return out;
  }

  function refreshToday(before) {
    return fetch("/today", { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
      if (!fresh) { return; }
      var old = document.querySelector("main"), focus = document.activeElement;
      // The lifter's place in the session survives the swap: the focus (on a Log button, or
      // nowhere) goes to the next set's Log button, where the server's page puts it; it fell
      // to the top of the page, ten tab stops away.
      var keep = !focus || focus === document.body || old.contains(focus);
      old.replaceWith(fresh);
      var next = keep && fresh.querySelector("[data-next] button[type=submit]");
      if (next) { next.focus({ preventScroll: true }); }
      document.body.dataset.renderedAt = String(Date.now());
      if (window.RedwoodTimer) { window.RedwoodTimer.refresh(); }
      var after = targets(), changed = [];
      Object.keys(after).forEach(function (id) {
        if (before[id] && before[id][1] !== after[id][1]) {
          changed.push(after[id][0] + " now " + after[id][1] + " (was " + before[id][1] + ")");
        }
      });
      if (changed.length) { notes.push("after sync the coach changed the targets: " + changed.join("; ")); }
      keepToday(html);
    });
  }

  function runSync() {
    var before = targets(), sent = 0;
    notes = [];
    function next() {
      var todo = waiting();
      if (!todo.length || !navigator.onLine) { return Promise.resolve(); }
      var e = todo[0];
      e.sent = true;
      return save(e).then(function () { return send(e); }).then(function (r) {
        if (r.ok) {
          sent++;
          // A load that looks like a typo was kept (no one could be asked "Log anyway?"
          // offline): the server says against what, and the lifter can undo or correct it.
          var told = e.op === "set" ? r.json().then(function (b) {
            if (b && b.doubt) { notes.push(e.label + " set " + e.set + ": " + b.doubt); }
          }, function () { /* no body to read: nothing to tell */ }) : Promise.resolve();
          return told.then(function () { return drop(e); }).then(next);
        }
        if (r.status === 410 || (r.status === 404 && e.op !== "set")) {
          notes.push(e.op === "set" ? e.label + " set " + e.set + " was deleted on another device: it stays deleted"
            : e.op === "edit" ? "the edit of " + e.label + " set " + e.set + " was not applied: the set no longer exists (deleted on another device?)"
              : "");
          notes = notes.filter(Boolean);
          return drop(e).then(next);
        }
        if (r.status === 401 || r.status === 403) {
          notes.push("sign in again to send what is waiting");
          return null;
        }
        if (r.status >= 500) { return null; }
        return errorOf(r).then(function (message) {
          e.state = "refused"; e.error = message;
          return save(e).then(next);
        });
      }, function () { return null; });  // the network went: the rest waits
    }
    return next().then(function () {
      if (sent && status()) { return refreshToday(before); }
    }).then(function () { render(); });
  }

  function sync() {
    if (syncing || !navigator.onLine) { return Promise.resolve(); }
    syncing = true;
    var work = function () { return load().then(runSync); };
    var done = navigator.locks ? navigator.locks.request("redwood-sync", work) : work();
    return done.catch(function () { /* kept: tried again on the next open or online */ })
      .then(function () { syncing = false; showStatus(); });
  }

  function notSent(form, submitter) {
    document.querySelectorAll("[data-not-sent]").forEach(function (el) { el.remove(); });
    var line = document.createElement("p");
    line.className = "error"; line.setAttribute("role", "alert");
    line.setAttribute("data-not-sent", "");
    var what = submitter && submitter.textContent.trim();
    var typed = form.querySelector("input:not([type=hidden]), select, textarea");
    line.textContent = "No network: not sent. " + (typed ? "What you typed stays here; tap " : "Tap ") +
      (what ? "\u201c" + what + "\u201d" : "it") + " again when you are back online.";
    var main = document.querySelector("main");
    if (form.closest("main") || !main) { form.appendChild(line); }
    else {  // Log out, in the header: the line goes where there is room, atop the page
      line.classList.add("card", "alert");
      main.insertBefore(line, main.firstChild);
    }
    if (window.RedwoodLog) { window.RedwoodLog.bringIntoView(line); }
    else { line.scrollIntoView({ block: "nearest" }); }
  }

  function start() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    }
    window.addEventListener("online", function () { showStatus(); sync(); });
    window.addEventListener("offline", showStatus);
    // Finish is a plain form (logset.js takes the others): offline, it goes to the queue.
    // Any other form (a check-in, a set corrected in History, Settings) cannot be sent with
    // no network: it says so beside its button and keeps what was typed, instead of the
    // browser's "no internet" page that lost it.
    document.addEventListener("submit", function (ev) {
      var form = ev.target;
      if (form.id === "finish" && !form.matches("[data-enhance]") && take(form, false)) {
        ev.preventDefault();
        return;
      }
      if (ev.defaultPrevented || navigator.onLine || form.matches("[data-enhance]") ||
          (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
      ev.preventDefault();
      notSent(form, ev.submitter);
    });
    window.addEventListener("online", function () {
      document.querySelectorAll("[data-not-sent]").forEach(function (el) { el.remove(); });
    });
    if (!window.indexedDB || !user) { return; }
    load().then(render).then(sync);
  }

  document.addEventListener("DOMContentLoaded", start);
  return { take: take, stamp: stamp, sync: sync, render: render, answered: answered,
           pending: function () { return waiting().length; },
           setText: setText };  // a queued set as shown (its tests read it)
})();
