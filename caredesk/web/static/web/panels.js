// The ticket page: an answer that changed the ticket (a reply, a field, a panel's action) carries
// the "ticket-changed" event. Every other part of the page that has a data-reload-url reloads
// itself from it: the apps' panels, and the frame (header, conversation, fields, timeline, swapped
// out of band) unless the frame itself answered. The part that asked keeps its own answer.
document.addEventListener("ticket-changed", (event) => {
  const reloadFrame = !(event.detail && event.detail.frame === false);
  document.querySelectorAll("[data-reload-url]").forEach((part) => {
    if (part.contains(event.target)) {
      return;
    }
    if (part.hidden && !reloadFrame) {
      return;
    }
    htmx.ajax("GET", part.dataset.reloadUrl, { target: part, swap: "innerHTML" });
  });
});
