/* caredesk live chat widget.
 *
 * Embed with one tag:
 *   <script src="https://help.example.com/static/chat/widget.js"
 *           data-caredesk-url="https://help.example.com" data-team="support" defer></script>
 *
 * It builds its own DOM, loads its stylesheet (no inline styles, so strict CSPs allow it), starts
 * the chat over HTTP and talks over a WebSocket. A page reload or a dropped connection resumes the
 * chat: the widget rejoins with the id of the last message it saw and resends what the server has
 * not acknowledged; the server stores each message once (by its client id).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) { return; }
  var base = (script.getAttribute("data-caredesk-url") || new URL(script.src).origin).replace(/\/+$/, "");
  var team = script.getAttribute("data-team") || "";
  var storageKey = "caredesk-chat:" + base + ":" + team;
  var TYPING_IDLE_MS = 3000;
  var MAX_BACKOFF_MS = 10000;

  var saved = load();
  var state = {
    token: saved.token || "",
    lastId: 0,                    // a new page shows the whole transcript again
    outbox: saved.outbox || [],   // [{client_id, text}] not yet acknowledged
    seen: {},                     // message id -> true
    socket: null,
    backoff: 500,
    typingSent: false,
    typingTimer: null,
    ended: false
  };

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(storageKey) || "{}"); }
    catch (error) { return {}; }
  }

  function save() {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify({
        token: state.token, outbox: state.outbox
      }));
    } catch (error) { /* private mode: the chat still works until the page reloads */ }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function clientId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = base + "/static/chat/widget.css";
  document.head.appendChild(stylesheet);

  var root = element("div", "caredesk-chat");
  root.setAttribute("data-caredesk-chat", "");
  var launcher = element("button", "caredesk-chat-launcher", "Chat with us");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  var panel = element("section", "caredesk-chat-panel");
  panel.setAttribute("aria-label", "Live chat");
  panel.hidden = true;

  var header = element("header", "caredesk-chat-header");
  var title = element("h2", "caredesk-chat-title", "Chat with us");
  var status = element("p", "caredesk-chat-status");
  status.setAttribute("role", "status");
  header.appendChild(title);
  header.appendChild(status);

  var form = element("form", "caredesk-chat-start");
  form.noValidate = true;
  function field(label, name, type) {
    var wrapper = element("label", "caredesk-chat-field");
    wrapper.appendChild(element("span", "", label));
    var input = element(type === "textarea" ? "textarea" : "input");
    input.name = name;
    if (type !== "textarea") { input.type = type; }
    wrapper.appendChild(input);
    form.appendChild(wrapper);
    return input;
  }
  var nameInput = field("Your name", "name", "text");
  var emailInput = field("Email", "email", "email");
  var firstInput = field("How can we help?", "message", "textarea");
  var startError = element("p", "caredesk-chat-error");
  startError.setAttribute("role", "alert");
  var startButton = element("button", "caredesk-chat-send", "Start chat");
  startButton.type = "submit";
  form.appendChild(startError);
  form.appendChild(startButton);

  var log = element("ol", "caredesk-chat-log");
  log.setAttribute("aria-live", "polite");
  var typing = element("p", "caredesk-chat-typing");
  typing.hidden = true;
  var composer = element("form", "caredesk-chat-composer");
  var input = element("textarea", "caredesk-chat-input");
  input.setAttribute("aria-label", "Message");
  input.rows = 2;
  var send = element("button", "caredesk-chat-send", "Send");
  send.type = "submit";
  var end = element("button", "caredesk-chat-end", "End chat");
  end.type = "button";
  composer.appendChild(input);
  composer.appendChild(send);
  composer.appendChild(end);

  panel.appendChild(header);
  panel.appendChild(form);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(composer);
  root.appendChild(launcher);
  root.appendChild(panel);

  function showChat(inChat) {
    form.hidden = inChat;
    log.hidden = !inChat;
    composer.hidden = !inChat;
  }

  function describe(chatState, agent) {
    if (chatState === "waiting") { return "Waiting for the next available agent…"; }
    if (chatState === "active") { return agent ? "You are chatting with " + agent + "." : "Connected."; }
    if (chatState === "converted") { return "We will answer by email."; }
    if (chatState === "ended") { return "This chat has ended."; }
    return "";
  }

  function addMessage(payload) {
    if (state.seen[payload.id]) { return; }
    state.seen[payload.id] = true;
    if (payload.id > state.lastId) { state.lastId = payload.id; }
    var item = element("li", "caredesk-chat-message caredesk-chat-from-" + payload.author);
    item.setAttribute("data-message-id", String(payload.id));
    if (payload.author !== "customer") {
      item.appendChild(element("span", "caredesk-chat-author", payload.name));
    }
    item.appendChild(element("p", "caredesk-chat-text", payload.text));
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    save();
  }

  function transmit(frame) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      state.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function flushOutbox() {
    state.outbox.forEach(function (pending) {
      transmit({ type: "message", client_id: pending.client_id, text: pending.text });
    });
  }

  function connect() {
    if (!state.token || state.ended) { return; }
    var url = base.replace(/^http/, "ws") + "/ws/chat/visitor/";
    var socket = new WebSocket(url);
    state.socket = socket;
    socket.addEventListener("open", function () {
      state.backoff = 500;
      socket.send(JSON.stringify({ type: "join", token: state.token, after: state.lastId }));
    });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      receive(frame);
    });
    socket.addEventListener("close", function (event) {
      if (state.socket !== socket) { return; }
      state.socket = null;
      if (event.code === 4401) {
        state.token = "";
        save();
        showChat(false);
        status.textContent = "Your chat could not be resumed; start a new one.";
        return;
      }
      if (!state.ended) {
        status.textContent = "Reconnecting…";
        window.setTimeout(connect, state.backoff);
        state.backoff = Math.min(state.backoff * 2, MAX_BACKOFF_MS);
      }
    });
  }

  function receive(frame) {
    if (frame.type === "joined") {
      status.textContent = describe(frame.state, frame.agent);
      state.ended = frame.state === "ended";
      composer.hidden = state.ended;
      flushOutbox();
    } else if (frame.type === "state") {
      status.textContent = describe(frame.state, frame.agent);
      if (frame.state === "ended") {
        state.ended = true;
        composer.hidden = true;
      }
    } else if (frame.type === "message") {
      addMessage(frame);
      if (frame.author !== "customer") { typing.hidden = true; }
    } else if (frame.type === "ack") {
      state.outbox = state.outbox.filter(function (pending) { return pending.client_id !== frame.client_id; });
      save();
    } else if (frame.type === "typing") {
      typing.textContent = (frame.name || "The agent") + " is typing…";
      typing.hidden = !frame.is_typing;
    } else if (frame.type === "error") {
      status.textContent = frame.detail;
    }
  }

  function sendTyping(isTyping) {
    if (state.typingSent === isTyping) { return; }
    state.typingSent = isTyping;
    transmit({ type: "typing", is_typing: isTyping });
  }

  launcher.addEventListener("click", function () {
    panel.hidden = !panel.hidden;
    launcher.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) { (state.token ? input : nameInput).focus(); }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    startError.textContent = "";
    startButton.disabled = true;
    fetch(base + "/api/v1/chat/sessions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      body: JSON.stringify({
        name: nameInput.value, email: emailInput.value, message: firstInput.value, team: team
      })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      startButton.disabled = false;
      if (!result.ok) {
        startError.textContent = result.body.detail || "The chat could not start.";
        var wrong = form.querySelector("[name='" + result.body.field + "']");
        if (wrong) { wrong.setAttribute("aria-invalid", "true"); wrong.focus(); }
        return;
      }
      state.token = result.body.token;
      state.lastId = 0;
      save();
      showChat(true);
      status.textContent = describe(result.body.state, "");
      connect();
      input.focus();
    }).catch(function () {
      startButton.disabled = false;
      startError.textContent = "We could not reach the chat service; please try again.";
    });
  });

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    var pending = { client_id: clientId(), text: text };
    state.outbox.push(pending);
    save();
    input.value = "";
    sendTyping(false);
    transmit({ type: "message", client_id: pending.client_id, text: text });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  input.addEventListener("input", function () {
    sendTyping(input.value.length > 0);
    window.clearTimeout(state.typingTimer);
    state.typingTimer = window.setTimeout(function () { sendTyping(false); }, TYPING_IDLE_MS);
  });

  end.addEventListener("click", function () {
    transmit({ type: "end" });
  });

  function mount() {
    document.body.appendChild(root);
    showChat(Boolean(state.token));
    if (state.token) { connect(); }
  }

  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
}());
