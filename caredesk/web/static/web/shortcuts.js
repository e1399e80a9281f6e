// Keyboard shortcuts for the agent workspace. Keys are ignored while typing in a field.
(function () {
  "use strict";

  var pendingG = false;
  var pendingTimer = null;

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-queue-row]"));
  }

  function moveSelection(step) {
    var all = rows();
    if (all.length === 0) return;
    var current = all.findIndex(function (row) { return row.classList.contains("is-selected"); });
    var next = current === -1 ? 0 : Math.min(Math.max(current + step, 0), all.length - 1);
    if (current !== -1) all[current].classList.remove("is-selected");
    all[next].classList.add("is-selected");
    var link = all[next].querySelector("[data-queue-link]");
    if (link) link.focus();
  }

  function openSelection() {
    var selected = document.querySelector("[data-queue-row].is-selected [data-queue-link]");
    if (selected) window.location.assign(selected.href);
  }

  function focusSearch() {
    var search = document.querySelector("[data-shortcut-search]");
    if (!search) return false;
    search.focus();
    search.select();
    return true;
  }

  function focusReply() {
    var reply = document.querySelector("#reply-form textarea");
    if (!reply) return false;
    reply.focus();
    return true;
  }

  function goTo(key) {
    var link = document.querySelector('a[data-shortcut="' + key + '"]');
    if (link) window.location.assign(link.href);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (pendingG) {
      pendingG = false;
      window.clearTimeout(pendingTimer);
      if (event.key === "m" || event.key === "u" || event.key === "a") {
        event.preventDefault();
        goTo(event.key);
      }
      return;
    }
    switch (event.key) {
      case "j": moveSelection(1); break;
      case "k": moveSelection(-1); break;
      case "Enter":
        if (document.querySelector("[data-queue-row].is-selected")) {
          event.preventDefault();
          openSelection();
        }
        break;
      case "/":
        if (focusSearch()) event.preventDefault();
        break;
      case "r":
        if (focusReply()) event.preventDefault();
        break;
      case "g":
        pendingG = true;
        // A lone "g" expires, so a later "m" typed for another reason does not navigate.
        pendingTimer = window.setTimeout(function () { pendingG = false; }, 1500);
        break;
      default:
        return;
    }
  });
})();
