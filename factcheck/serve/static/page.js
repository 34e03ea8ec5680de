// factcheck serve: the page re-checks the story as the editor types.
//
// Only the report under the form is replaced; the text box is never written to while the
// editor types, so its text, cursor and selection stay as they are. A check starts 400 ms
// after the last keystroke; an answer to an older version of the text is dropped. Without
// this script the form is a plain post and the server sends the whole page back.
"use strict";
(() => {
  const form = document.getElementById("check");
  const report = document.getElementById("report");
  const status = document.getElementById("status");
  if (!form || !report || !status || !window.fetch || !window.DOMParser) {
    return;
  }
  const text = form.elements.namedItem("text");
  const file = form.elements.namedItem("file");
  const format = form.elements.namedItem("format");
  const date = form.elements.namedItem("date");
  const path = form.elements.namedItem("path");
  const maxBytes = Number(form.dataset.maxBytes || 0);
  const DELAY_MS = 400;
  const FORMATS = [
    [/\.(md|markdown|mdown|mkd|mkdn|mdx)$/i, "markdown"],
    [/\.(html?|xhtml)$/i, "html"],
    [/\.(txt|text)$/i, "text"],
  ];
  let timer = 0;
  let sequence = 0;
  let running = null;

  const say = (message, isError) => {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  };

  const body = () => {
    const fields = { text: text.value, format: format.value };
    if (date.value) fields.date = date.value;
    if (path.value) fields.path = path.value;
    return JSON.stringify(fields);
  };

  async function check() {
    window.clearTimeout(timer);
    const mine = ++sequence;
    if (running) running.abort();
    if (!text.value.trim()) {
      report.replaceChildren();
      say("", false);
      return;
    }
    running = new AbortController();
    form.dataset.state = "checking";
    say("Checking…", false);
    try {
      const response = await fetch(new URL("report", document.baseURI), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: body(),
        signal: running.signal,
        credentials: "same-origin",
      });
      const answer = await response.text();
      if (mine !== sequence) return;
      if (!response.ok) {
        let message = `The check failed (HTTP ${response.status}).`;
        try {
          message = JSON.parse(answer).error.message || message;
        } catch (_) {
          // not our JSON: keep the generic message
        }
        say(message, true);
        form.dataset.state = "error";
        return;
      }
      const parsed = new DOMParser().parseFromString(answer, "text/html");
      report.replaceChildren(...parsed.body.childNodes);
      say(response.headers.get("X-Factcheck-Summary") || "Checked.", false);
      form.dataset.state = "checked";
      form.dataset.checks = String(Number(form.dataset.checks || 0) + 1);
    } catch (error) {
      if (error.name !== "AbortError" && mine === sequence) {
        say("The checker could not be reached.", true);
        form.dataset.state = "error";
      }
    }
  }

  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, DELAY_MS);
  };

  async function load(chosen) {
    if (!chosen) return;
    if (maxBytes && chosen.size > maxBytes) {
      say(`${chosen.name} is over the limit of ${maxBytes.toLocaleString()} bytes.`, true);
      return;
    }
    text.value = await chosen.text();
    path.value = chosen.name;
    const known = FORMATS.find(([pattern]) => pattern.test(chosen.name));
    format.value = known ? known[1] : "auto";
    file.value = "";
    check();
  }

  text.addEventListener("input", later);
  format.addEventListener("change", check);
  date.addEventListener("change", check);
  file.addEventListener("change", () => load(file.files[0]));
  // a file dropped on the text box is read into it; dragged text is left to the browser
  const carriesFile = (event) =>
    Boolean(event.dataTransfer) && Array.from(event.dataTransfer.types).includes("Files");
  text.addEventListener("dragover", (event) => {
    if (!carriesFile(event)) return;
    event.preventDefault();
    text.classList.add("dragging");
  });
  text.addEventListener("dragleave", () => text.classList.remove("dragging"));
  text.addEventListener("drop", (event) => {
    text.classList.remove("dragging");
    if (!carriesFile(event) || !event.dataTransfer.files.length) return;
    event.preventDefault();
    load(event.dataTransfer.files[0]);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check();
  });
  form.dataset.live = "on";
})();
