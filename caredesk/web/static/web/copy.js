// Copy buttons for secrets shown once. Without JavaScript the text stays selectable by hand.
(function () {
  "use strict";

  function selectAll(event) {
    event.target.select();
  }

  document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
    input.addEventListener("focus", selectAll);
    input.addEventListener("click", selectAll);
  });

  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector("[data-copy-status]");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(
        function () {
          if (status) status.textContent = "Copied to the clipboard.";
        },
        function () {
          source.select();
          if (status) status.textContent = "Copying was refused; the token is selected, press Ctrl+C.";
        }
      );
    });
  });
})();
