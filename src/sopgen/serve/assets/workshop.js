// The workshop page: follows the server's news of each save, shows the current and future state,
// and keeps the what-if (steps to automate, new staff, hours and times) in the address bar.
"use strict";

(() => {
  const KINDS = ["staff", "hours", "handling", "wait"];
  const $ = (id) => document.getElementById(id);
  const emptyWhatIf = () => ({ automate: [], staff: {}, hours: {}, handling: {}, wait: {} });

  const state = {
    lang: new URLSearchParams(location.search).get("lang") || "",
    whatif: readHash(),
    labels: {},
    shown: 0, // the version of the flow on the page
    inflight: false,
    again: false,
    svg: { current: null, future: null },
    stepsKey: "",
    languagesKey: "",
    live: false,
    page: null, // this page's number on the server, which then sends it its view after each save
  };
  // What tests and the benchmark read: when the news of each version arrived, and when it was
  // painted (milliseconds since the epoch).
  window.sopgenWorkshop = { announced: null, shown: null, state };

  function normal(whatif) {
    const result = emptyWhatIf();
    if (!whatif || typeof whatif !== "object") return result;
    if (Array.isArray(whatif.automate)) result.automate = whatif.automate.filter((id) => typeof id === "string");
    for (const kind of KINDS) {
      if (whatif[kind] && typeof whatif[kind] === "object") result[kind] = { ...whatif[kind] };
    }
    return result;
  }

  function readHash() {
    if (location.hash.length < 2) return emptyWhatIf();
    try {
      return normal(JSON.parse(decodeURIComponent(location.hash.slice(1))));
    } catch (error) {
      return emptyWhatIf();
    }
  }

  function isEmpty(whatif) {
    return whatif.automate.length === 0 && KINDS.every((kind) => Object.keys(whatif[kind]).length === 0);
  }

  function writeLocation() {
    const params = new URLSearchParams();
    if (state.lang) params.set("lang", state.lang);
    const hash = isEmpty(state.whatif) ? "" : "#" + encodeURIComponent(JSON.stringify(state.whatif));
    history.replaceState(null, "", "?" + params.toString() + hash);
  }

  // ------------------------------------------------------------------ talking to the server

  function askedNow() {
    const params = new URLSearchParams();
    if (state.lang) params.set("lang", state.lang);
    if (!isEmpty(state.whatif)) params.set("whatif", JSON.stringify(state.whatif));
    return params.toString();
  }

  async function refresh() {
    if (state.inflight) {
      state.again = true;
      return;
    }
    state.inflight = true;
    try {
      const asked = askedNow();
      const page = state.page === null ? "" : (asked ? "&" : "") + "page=" + state.page;
      const response = await fetch("/api/view?" + asked + page, { cache: "no-store" });
      const data = await response.json();
      if (asked !== askedNow()) {
        // The language or the what-if changed meanwhile: the request for them follows at once.
      } else if (response.ok) {
        render(data);
      } else {
        $("whatif-errors").textContent = (data.errors || []).join("\n");
      }
    } catch (error) {
      setLive(false);
    } finally {
      state.inflight = false;
      if (state.again) {
        state.again = false;
        refresh();
      }
    }
  }

  function connect() {
    const events = new EventSource("/api/events");
    events.addEventListener("version", (event) => {
      setLive(true);
      const news = JSON.parse(event.data);
      window.sopgenWorkshop.announced = { version: news.version, at: performance.timeOrigin + performance.now() };
      if (news.page !== undefined && news.page !== state.page) {
        state.page = news.page; // a new stream: ask again, so that the server learns what this page shows
        refresh();
      } else if (news.version !== state.shown) {
        refresh();
      }
    });
    // After a save the server sends the view this page last asked for; it is shown unless the
    // page has asked for another language or what-if since.
    events.addEventListener("view", (event) => {
      setLive(true);
      const view = JSON.parse(event.data);
      window.sopgenWorkshop.announced = { version: view.version, at: performance.timeOrigin + performance.now() };
      const same = view.lang === state.lang && JSON.stringify(normal(view.whatif)) === JSON.stringify(state.whatif);
      if (same && !state.inflight) {
        render(view);
      } else if (view.version !== state.shown) {
        refresh();
      }
    });
    events.addEventListener("open", () => setLive(true));
    events.addEventListener("error", () => setLive(false)); // EventSource connects again by itself
  }

  function setLive(live) {
    state.live = live;
    const element = $("live");
    element.dataset.state = live ? "live" : "offline";
    setText(element, (live ? state.labels.live : state.labels.offline) || "");
  }

  async function save() {
    const button = $("save");
    button.disabled = true;
    $("save-result").textContent = "";
    try {
      const response = await fetch("/api/save", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ whatif: state.whatif }),
      });
      const data = await response.json();
      $("save-result").textContent = response.ok ? state.labels.saved.replace("{path}", data.path) : (data.errors || []).join("\n");
      $("save-result").classList.toggle("problem", !response.ok);
    } finally {
      button.disabled = isEmpty(state.whatif);
    }
  }

  // ------------------------------------------------------------------ changing the what-if

  function changed() {
    $("save-result").textContent = "";
    writeLocation();
    syncSteps();
    refresh();
  }

  function toggleAutomate(stepId) {
    const automate = state.whatif.automate;
    if (automate.includes(stepId)) {
      state.whatif.automate = automate.filter((id) => id !== stepId);
    } else {
      state.whatif.automate = [...automate, stepId];
      delete state.whatif.staff[stepId]; // an automated step has no staff or hours
      delete state.whatif.hours[stepId];
    }
    changed();
  }

  function setValue(kind, stepId, value) {
    const text = value.trim();
    if (text === "") {
      delete state.whatif[kind][stepId];
    } else {
      state.whatif[kind][stepId] = text;
    }
    changed();
  }

  function onChartClick(event) {
    const node = event.target.closest("g.node.step");
    if (node && node.id.startsWith("step-")) toggleAutomate(node.id.slice("step-".length));
  }

  // ------------------------------------------------------------------ showing a view

  function render(view) {
    state.labels = view.labels;
    state.lang = view.lang;
    document.documentElement.lang = view.lang;
    for (const element of document.querySelectorAll("[data-label]")) {
      setText(element, view.labels[element.dataset.label]);
    }
    setLive(state.live);
    languages(view.languages, view.lang);
    setText($("title"), view.title);
    document.title = view.title + " · sopgen";
    setText($("file"), view.file);
    $("file").title = view.labels.source;

    $("errors").hidden = view.errors.length === 0;
    setText($("errors-heading"), view.current ? view.labels.errors_heading : view.labels.never_loaded);
    setText($("error-text"), view.errors.join("\n"));

    const hasFuture = Boolean(view.future);
    document.body.classList.toggle("has-future", hasFuture);
    setSvg("current", view.current ? view.current.svg : "");
    setSvg("future", hasFuture ? view.future.svg : "");
    $("current-chart").classList.toggle("stale", view.errors.length > 0 && Boolean(view.current));
    figures(view.figures, hasFuture);
    list("findings-current", view.current ? view.current.findings : []);
    list("findings-future", hasFuture ? view.future.findings : []);
    setText($("notes"), view.notes.join(" "));
    measured(view.measured);

    state.whatif = normal(view.whatif); // steps that left the flow are dropped by the server
    steps(view.steps);
    setText($("whatif-errors"), view.whatif_errors.join("\n"));
    $("save").disabled = !hasFuture;
    writeLocation();

    state.shown = view.version;
    requestAnimationFrame(() =>
      setTimeout(() => {
        document.body.dataset.version = String(view.version);
        document.body.dataset.errors = String(view.errors.length);
        window.sopgenWorkshop.shown = { version: view.version, at: performance.timeOrigin + performance.now() };
      }, 0),
    );
  }

  // Unchanged text is left alone, so that a save redoes the layout of what changed only.
  function setText(element, text) {
    if (text !== undefined && element.textContent !== text) element.textContent = text;
  }

  function unchanged(element, content) {
    const key = JSON.stringify(content);
    if (element.dataset.shown === key) return true;
    element.dataset.shown = key;
    return false;
  }

  function setSvg(which, svg) {
    if (state.svg[which] === svg) return;
    state.svg[which] = svg;
    $(which + "-chart").innerHTML = svg; // sopgen's own Graphviz output; user text in it is escaped
  }

  function languages(choices, current) {
    const select = $("language");
    const key = choices.map((choice) => choice.tag).join(",");
    if (key !== state.languagesKey) {
      state.languagesKey = key;
      select.replaceChildren(...choices.map((choice) => new Option(choice.name, choice.tag)));
    }
    select.value = current;
  }

  function cell(row, text, className) {
    const element = document.createElement("td");
    element.textContent = text;
    if (className) element.className = className;
    row.append(element);
    return element;
  }

  function figures(rows, hasFuture) {
    const body = $("figures").tBodies[0];
    if (unchanged(body, [rows, hasFuture])) return;
    body.replaceChildren(
      ...rows.map((row) => {
        const line = document.createElement("tr");
        line.dataset.figure = row.key;
        cell(line, row.label, "label");
        cell(line, row.current, "now");
        if (hasFuture) {
          cell(line, row.future || "", "future");
          const change = cell(line, row.change || "", "change");
          if (row.better === true) change.classList.add("better");
          if (row.better === false) change.classList.add("worse");
        }
        return line;
      }),
    );
  }

  function list(id, sentences) {
    if (unchanged($(id), sentences)) return;
    $(id).replaceChildren(
      ...sentences.map((sentence) => {
        const item = document.createElement("li");
        item.textContent = sentence;
        return item;
      }),
    );
  }

  function measured(data) {
    $("measured").hidden = !data;
    if (!data) return;
    $("measured-error").textContent = data.error || "";
    $("measured-table").tBodies[0].replaceChildren(
      ...data.rows.map((row) => {
        const line = document.createElement("tr");
        cell(line, row.label, "label");
        cell(line, row.designed);
        cell(line, row.measured);
        return line;
      }),
    );
  }

  function steps(rows) {
    const body = $("steps").tBodies[0];
    const key = state.lang + "\n" + rows.map((row) => row.id).join("\n");
    if (key !== state.stepsKey) {
      state.stepsKey = key;
      body.replaceChildren(...rows.map(stepRow));
    } else {
      rows.forEach((step, index) => fillRow(body.rows[index], step)); // same steps: keep the inputs and their focus
    }
    syncSteps();
  }

  function fillRow(line, step) {
    const cells = line.cells;
    setText(cells[0], step.title);
    setText(cells[1], step.lane);
    setText(cells[2], step.mode_label);
    line.querySelector('[data-kind="automate"]').setAttribute("aria-label", `${state.labels.automate}: ${step.title}`);
    for (const kind of KINDS) {
      const input = line.querySelector(`[data-kind="${kind}"]`);
      input.placeholder = step[kind] || "–";
      input.setAttribute("aria-label", `${state.labels[kind]}: ${step.title}`);
    }
    setText(cells[cells.length - 1], step.utilization);
  }

  function stepRow(step) {
    const line = document.createElement("tr");
    line.dataset.step = step.id;
    cell(line, "", "title");
    cell(line, "");
    cell(line, "");
    const automate = document.createElement("input");
    automate.type = "checkbox";
    automate.dataset.kind = "automate";
    automate.addEventListener("change", () => toggleAutomate(step.id));
    line.insertCell().append(automate);
    for (const kind of KINDS) {
      const input = document.createElement("input");
      input.type = kind === "staff" || kind === "hours" ? "number" : "text";
      if (input.type === "number") {
        input.min = "0";
        input.step = "any";
      }
      input.dataset.kind = kind;
      input.addEventListener("change", () => setValue(kind, step.id, input.value));
      line.insertCell().append(input);
    }
    cell(line, "", "utilization");
    fillRow(line, step);
    return line;
  }

  function syncSteps() {
    const whatif = state.whatif;
    for (const line of $("steps").tBodies[0].rows) {
      const id = line.dataset.step;
      const automated = whatif.automate.includes(id);
      line.querySelector('[data-kind="automate"]').checked = automated;
      for (const kind of KINDS) {
        const input = line.querySelector(`[data-kind="${kind}"]`);
        const value = whatif[kind][id];
        if (document.activeElement !== input) input.value = value === undefined ? "" : String(value);
        if (kind === "staff" || kind === "hours") input.disabled = automated;
      }
      line.classList.toggle("changed", automated || KINDS.some((kind) => whatif[kind][id] !== undefined));
    }
    for (const node of $("current-chart").querySelectorAll("g.node.step")) {
      node.classList.toggle("automating", whatif.automate.includes(node.id.slice("step-".length)));
    }
  }

  // ------------------------------------------------------------------ start

  document.addEventListener("DOMContentLoaded", () => {
    $("current-chart").addEventListener("click", onChartClick);
    $("future-chart").addEventListener("click", onChartClick);
    $("language").addEventListener("change", (event) => {
      state.lang = event.target.value;
      state.stepsKey = "";
      writeLocation();
      refresh();
    });
    $("reset").addEventListener("click", () => {
      state.whatif = emptyWhatIf();
      changed();
    });
    $("save").addEventListener("click", save);
    refresh();
    connect();
  });
})();
