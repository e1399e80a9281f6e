// Tells the presence poll whether this agent is writing a reply: recent keystrokes in the reply
// box with text in it. Other agents' pages show "… is writing a reply" from this flag.
(function () {
  "use strict";

  var IDLE_MS = 10000;
  var lastInput = 0;

  function flag() {
    return document.getElementById("reply-typing");
  }

  function update() {
    var box = document.querySelector("#reply-form textarea");
    var field = flag();
    if (!field) return;
    var writing = box && box.value.trim() !== "" && Date.now() - lastInput < IDLE_MS;
    field.value = writing ? "1" : "0";
  }

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#reply-form")) {
      lastInput = Date.now();
      update();
    }
  });
  // The flag also drops back once the agent pauses, before the next 5-second poll reads it.
  window.setInterval(update, 1000);
})();
