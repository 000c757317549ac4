// The trace viewer's behaviour: hover linking of drawn parts, plan nodes and checks; showing or hiding the drawn
// parts; following a running run's events and reloading when it ends. No inline handlers: everything is wired here.
"use strict";

function sameAttribute(name, value) {
  return document.querySelectorAll("[" + name + '="' + CSS.escape(value) + '"]');
}

function linkOnHover(name) {
  document.addEventListener("mouseover", function (event) {
    const target = event.target.closest("[" + name + "]");
    if (!target || !target.getAttribute(name)) return;
    sameAttribute(name, target.getAttribute(name)).forEach(function (el) { el.classList.add("hl"); });
  });
  document.addEventListener("mouseout", function (event) {
    const target = event.target.closest("[" + name + "]");
    if (!target || !target.getAttribute(name)) return;
    sameAttribute(name, target.getAttribute(name)).forEach(function (el) { el.classList.remove("hl"); });
  });
}

function wireBoxToggles() {
  document.querySelectorAll(".toggle-boxes").forEach(function (box) {
    box.addEventListener("change", function () {
      const overlay = box.closest("figure").querySelector(".overlay");
      if (overlay) overlay.classList.toggle("boxes-hidden", !box.checked);
    });
  });
}

function followLive() {
  const live = document.getElementById("live");
  if (!live || live.dataset.state !== "running") return;
  const log = document.getElementById("live-log");
  let received = Number(live.dataset.from || "0");
  let source = null;

  function add(text) {
    const item = document.createElement("li");
    item.textContent = text;
    log.appendChild(item);
  }

  function connect() {
    const url = "/runs/" + encodeURIComponent(live.dataset.runId) + "/events?start=" + received;
    source = new EventSource(url);
    source.addEventListener("progress", function (event) {
      received += 1;
      const data = JSON.parse(event.data);
      add((data.node || "") + (data.attempt ? " " + data.attempt : "") + " " + (data.message || ""));
      // A queued run that sends progress is running: the heading says so until the finished page replaces it.
      const chip = document.getElementById("run-status");
      if (chip && chip.textContent !== "running") {
        chip.textContent = "running";
        chip.className = "chip big run-running";
      }
    });
    source.addEventListener("end", function (event) {
      const data = JSON.parse(event.data);
      source.close();
      live.dataset.state = data.status;
      add("ended: " + data.status + (data.summary ? " · " + data.summary : "") + (data.error ? " · " + data.error : ""));
      window.setTimeout(function () { window.location.reload(); }, 600);
    });
    source.onerror = function () {
      // The stream resends from the start on its own reconnect: reconnect here instead, from what arrived.
      source.close();
      if (live.dataset.state === "running") window.setTimeout(connect, 2000);
    };
  }
  connect();
}

document.addEventListener("DOMContentLoaded", function () {
  linkOnHover("data-node");
  linkOnHover("data-item");
  wireBoxToggles();
  followLive();
});
