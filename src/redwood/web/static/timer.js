// Redwood's rest timer. The server renders when the rest ends (right after a set is logged);
// this counts it down, keeps the end on the device so a reload or a visit to another page
// shows it again, says "Rest over", vibrates and (if the lifter turned it on) sounds a tone.
"use strict";
window.RedwoodTimer = (function () {
  var KEY = "redwood.rest", TONE = "redwood.tone";
  var STALE_MS = 15 * 60 * 1000, OVER_SHOWN_MS = 60 * 1000;
  var ticking = null;

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the timer still runs, it just is not kept */ }
  }

  function stored() {
    var raw = load(KEY);
    if (!raw) { return null; }
    try {
      var kept = JSON.parse(raw);
      if (typeof kept.end === "number" && typeof kept.rest === "number") { return kept; }
    } catch (e) { /* ignore a damaged entry */ }
    return null;
  }

  function clear() { save(KEY, null); stop(); }
  function stop() { if (ticking) { clearInterval(ticking); ticking = null; } }

  function tone() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx || load(TONE) !== "on") { return; }
    try {
      var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.frequency.value = 880; gain.gain.value = 0.2;
      osc.connect(gain); gain.connect(ctx.destination);
      osc.start(); osc.stop(ctx.currentTime + 0.25);
      osc.onended = function () { ctx.close(); };
    } catch (e) { /* no sound: the vibration and the text remain */ }
  }

  function toneSwitch(box) {
    if (box.querySelector(".tone")) { return; }
    var label = document.createElement("label");
    label.className = "tone";
    var box2 = document.createElement("input");
    box2.type = "checkbox";
    box2.checked = load(TONE) === "on";
    box2.addEventListener("change", function () { save(TONE, box2.checked ? "on" : "off"); });
    label.appendChild(box2);
    label.appendChild(document.createTextNode(" Tone"));
    box.appendChild(label);
  }

  function build(slot, rest) {
    var box = document.createElement("div");
    box.className = "card timer";
    box.setAttribute("role", "timer");
    box.setAttribute("aria-live", "off");
    box.innerHTML = '<span class="label">Rest</span> <span class="clock"></span> ' +
      '<small class="until"></small>';
    box.querySelector(".until").textContent = rest + " s rest";
    slot.appendChild(box);
    return box;
  }

  function run(box, end) {
    stop();
    var clock = box.querySelector(".clock"), label = box.querySelector(".label");
    var until = box.querySelector(".until");
    if (until && until.textContent.indexOf(":") < 0) {
      // The clock time in the lifter's own time zone, which the server does not know.
      until.textContent += ": next set at " + new Date(end).toLocaleTimeString(
        [], { hour: "2-digit", minute: "2-digit" });
    }
    toneSwitch(box);
    var over = false;
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      clock.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (left === 0 && !over) {
        over = true;
        box.classList.add("over");
        if (label) { label.textContent = "Rest over"; }
        // Said once, politely, for a screen reader.
        var live = document.getElementById("live");
        if (live) { live.textContent = "Rest over: next set"; }
        if (Date.now() - end < 2000) {
          if (navigator.vibrate) { navigator.vibrate(200); }
          tone();
        }
        stop();
      }
    }
    tick();
    if (!over) { ticking = setInterval(tick, 250); }
  }

  // Start the timer the page came with, or bring back the one kept on the device.
  function refresh() {
    var slot = document.querySelector("[data-timer-slot]");
    if (!slot) { stop(); return; }
    var started = document.querySelector("[data-session-started]");
    if (!started || started.hasAttribute("data-session-done")) { clear(); }
    var box = slot.querySelector("[data-rest-end]");
    if (box) {
      // Server time and ours may differ: count from the gap the server saw.
      var end = Date.now() + (Number(box.dataset.restEnd) - Number(box.dataset.serverNow));
      save(KEY, JSON.stringify({ end: end, rest: Number(box.dataset.rest) || 0 }));
      run(box, end);
      return;
    }
    var kept = stored();
    if (!kept || !started) { stop(); return; }
    var now = Date.now();
    if (kept.end - now > STALE_MS || now - kept.end > OVER_SHOWN_MS) { clear(); return; }
    run(build(slot, kept.rest), kept.end);
  }

  return { refresh: refresh, clear: clear };
})();
