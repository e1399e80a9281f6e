/* The agent's Chats page: a live queue and the conversations, over /ws/chat/agent/.
 *
 * The server renders the queue once; this keeps it current, opens a panel per chat, and resumes
 * after a dropped connection: panels rejoin from the last message id they show, and replies not
 * yet acknowledged are sent again (the server stores each once, by its client id).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-chats]");
  if (!root) { return; }
  var me = Number(root.getAttribute("data-agent-id"));
  var socketPath = root.getAttribute("data-socket-path");
  var waitingBody = root.querySelector("[data-chats-waiting]");
  var waitingEmpty = root.querySelector("[data-chats-waiting-empty]");
  var waitingCount = root.querySelector("[data-chats-waiting-count]");
  var mine = root.querySelector("[data-chats-mine]");
  var mineEmpty = root.querySelector("[data-chats-mine-empty]");
  var template = root.querySelector("[data-chat-template]");
  var connection = root.querySelector("[data-chats-connection]");
  var errorBox = root.querySelector("[data-chats-error]");
  var availability = root.querySelector("[data-chats-availability]");
  var limit = root.querySelector("[data-chats-limit]");
  var HEARTBEAT_MS = 20000;
  var TYPING_IDLE_MS = 3000;
  var MAX_BACKOFF_MS = 10000;

  var socket = null;
  var backoff = 500;
  var panels = {};    // session id -> {element, lastId, seen, pending: {client_id: text}}

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function clientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return "a" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function waitingText(seconds) {
    if (seconds < 60) { return seconds + " s"; }
    return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
  }

  function upsertWaiting(chat) {
    var row = waitingBody.querySelector("[data-chat-row='" + chat.session + "']");
    if (chat.state !== "waiting") {
      if (row) { row.remove(); }
      refreshCounts();
      return;
    }
    if (!row) {
      row = document.createElement("tr");
      row.setAttribute("data-chat-row", String(chat.session));
      waitingBody.appendChild(row);
    }
    row.textContent = "";
    cell(row, chat.customer);
    cell(row, chat.subject);
    cell(row, chat.team || "—");
    var since = document.createElement("span");
    since.setAttribute("data-waiting-since", chat.queued_at);
    since.textContent = waitingText(chat.waiting_seconds);
    cell(row, "").appendChild(since);
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Accept";
    button.setAttribute("data-chat-accept", String(chat.session));
    cell(row, "").appendChild(button);
    refreshCounts();
  }

  function refreshCounts() {
    var rows = waitingBody.querySelectorAll("[data-chat-row]").length;
    waitingCount.textContent = String(rows);
    waitingEmpty.hidden = rows > 0;
    mineEmpty.hidden = Object.keys(panels).length > 0;
  }

  function tick() {
    var now = Date.now();
    waitingBody.querySelectorAll("[data-waiting-since]").forEach(function (span) {
      var since = Date.parse(span.getAttribute("data-waiting-since"));
      if (!isNaN(since)) { span.textContent = waitingText(Math.max(0, Math.round((now - since) / 1000))); }
    });
  }

  function panelFor(chat) {
    var existing = panels[chat.session];
    if (existing) { return existing; }
    var placeholder = mine.querySelector("[data-chat-pending='" + chat.session + "']");
    var element = template.content.firstElementChild.cloneNode(true);
    element.setAttribute("data-chat-session", String(chat.session));
    element.querySelector("[data-chat-title]").textContent = chat.customer + " — " + chat.subject;
    element.querySelector("[data-chat-ticket]").href = "/workspace/tickets/" + chat.ticket + "/";
    element.querySelector("[data-chat-ticket]").textContent = "Ticket #" + chat.ticket;
    if (placeholder) { placeholder.replaceWith(element); } else { mine.appendChild(element); }
    var panel = { element: element, lastId: 0, seen: {}, pending: {}, typingSent: false, typingTimer: null };
    panels[chat.session] = panel;
    wirePanel(chat.session, panel);
    refreshCounts();
    return panel;
  }

  function setState(panel, chat) {
    var label = { waiting: "Waiting", active: "Active", ended: "Ended", converted: "Answered by email" };
    var text = label[chat.state] || chat.state;
    if (chat.state === "active" && chat.agent_id && chat.agent_id !== me) { text = "Transferred to " + chat.agent; }
    panel.element.querySelector("[data-chat-state]").textContent = text;
    var open = chat.state === "active" && (!chat.agent_id || chat.agent_id === me);
    panel.element.querySelector("[data-chat-reply]").hidden = !open;
    panel.element.querySelector("[data-chat-transfer]").hidden = !open;
  }

  function addMessage(panel, message) {
    if (panel.seen[message.id]) { return; }
    panel.seen[message.id] = true;
    if (message.id > panel.lastId) { panel.lastId = message.id; }
    var log = panel.element.querySelector("[data-chat-log]");
    var item = document.createElement("li");
    item.className = "chat-message chat-from-" + message.author;
    item.setAttribute("data-message-id", String(message.id));
    var author = document.createElement("span");
    author.className = "chat-author";
    author.textContent = message.name;
    var text = document.createElement("p");
    text.className = "chat-text";
    text.textContent = message.text;
    item.appendChild(author);
    item.appendChild(text);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function wirePanel(sessionId, panel) {
    var reply = panel.element.querySelector("[data-chat-reply]");
    var input = panel.element.querySelector("[data-chat-input]");
    function typing(isTyping) {
      if (panel.typingSent === isTyping) { return; }
      panel.typingSent = isTyping;
      send({ type: "typing", session: sessionId, is_typing: isTyping });
    }
    reply.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) { return; }
      var id = clientId();
      panel.pending[id] = text;
      input.value = "";
      typing(false);
      send({ type: "message", session: sessionId, client_id: id, text: text });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); reply.requestSubmit(); }
    });
    input.addEventListener("input", function () {
      typing(input.value.length > 0);
      window.clearTimeout(panel.typingTimer);
      panel.typingTimer = window.setTimeout(function () { typing(false); }, TYPING_IDLE_MS);
    });
    panel.element.querySelector("[data-chat-transfer]").addEventListener("submit", function (event) {
      event.preventDefault();
      var target = panel.element.querySelector("[data-chat-transfer-target]").value.split(":");
      if (target.length !== 2) { return; }
      var frame = { type: "transfer", session: sessionId };
      frame[target[0]] = Number(target[1]);
      send(frame);
    });
    panel.element.querySelector("[data-chat-end]").addEventListener("click", function () {
      send({ type: "end", session: sessionId });
    });
  }

  function receive(frame) {
    var panel;
    if (frame.type === "snapshot") {
      availability.value = frame.availability;
      limit.textContent = String(frame.max_concurrent);
      waitingBody.textContent = "";
      frame.queue.forEach(upsertWaiting);
      frame.mine.forEach(function (chat) {
        panelFor(chat);
        send({ type: "open", session: chat.session, after: panels[chat.session].lastId });
      });
      Object.keys(panels).forEach(function (sessionId) {
        Object.keys(panels[sessionId].pending).forEach(function (id) {
          send({ type: "message", session: Number(sessionId), client_id: id, text: panels[sessionId].pending[id] });
        });
      });
      refreshCounts();
    } else if (frame.type === "chat") {
      upsertWaiting(frame);
      if (panels[frame.session]) { setState(panels[frame.session], frame); }
    } else if (frame.type === "opened" || frame.type === "assigned") {
      panel = panelFor(frame);
      setState(panel, frame);
      upsertWaiting(frame);
      if (frame.type === "assigned") { send({ type: "open", session: frame.session, after: panel.lastId }); }
    } else if (frame.type === "message") {
      if (panels[frame.session]) { addMessage(panels[frame.session], frame); }
    } else if (frame.type === "state") {
      if (panels[frame.session]) { setState(panels[frame.session], { state: frame.state, agent: frame.agent }); }
    } else if (frame.type === "typing") {
      panel = panels[frame.session];
      if (panel) {
        var typing = panel.element.querySelector("[data-chat-typing]");
        typing.textContent = "The customer is typing…";
        typing.hidden = !frame.is_typing;
      }
    } else if (frame.type === "ack") {
      Object.keys(panels).forEach(function (sessionId) { delete panels[sessionId].pending[frame.client_id]; });
    } else if (frame.type === "availability") {
      availability.value = frame.value;
    } else if (frame.type === "error") {
      errorBox.textContent = frame.detail;
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var current = new WebSocket(scheme + window.location.host + socketPath);
    socket = current;
    current.addEventListener("open", function () {
      backoff = 500;
      connection.textContent = "Connected";
    });
    current.addEventListener("message", function (event) {
      try { receive(JSON.parse(event.data)); } catch (error) { /* not ours */ }
    });
    current.addEventListener("close", function (event) {
      if (socket !== current) { return; }
      socket = null;
      if (event.code === 4403) { connection.textContent = "Sign in again to take chats."; return; }
      connection.textContent = "Reconnecting…";
      window.setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    });
  }

  root.addEventListener("click", function (event) {
    var accept = event.target.closest("[data-chat-accept]");
    if (accept) {
      errorBox.textContent = "";
      send({ type: "accept", session: Number(accept.getAttribute("data-chat-accept")), after: 0 });
    }
  });
  availability.addEventListener("change", function () {
    send({ type: "availability", value: availability.value });
  });
  window.setInterval(tick, 1000);
  window.setInterval(function () { send({ type: "heartbeat" }); }, HEARTBEAT_MS);
  connect();
}());
