// The classroom page: one article pane (two when comparing), the help panel, large text and printing.
// Article text only ever reaches the page through textContent and text nodes, never as HTML.
import { api } from "./api.js";
import { HEADS, NAMES, el, hideTip, showTip } from "./draw.js";
import { Pane } from "./pane.js";

async function loadModelInfo() {
  const training = document.getElementById("model-training");
  const list = document.getElementById("model-accuracy");
  let info;
  try {
    info = await api("/v1/model");
  } catch (error) {
    training.textContent = `The model's details could not be loaded: ${error.message}`;
    return;
  }
  const labels = info.labels || info.label_counts || {};
  const counts = labels.counts || labels;
  const paragraphs = labels.paragraphs;
  const sources = labels.sources;
  const version = info.version || info.model_version || "unknown";
  const trained = info.trained_at || info.training_date;
  const framing = counts.framing;
  const parts = [`This is model version ${version}`];
  if (trained) parts.push(`, trained on ${String(trained).slice(0, 10)}`);
  if (paragraphs) parts.push(` from ${paragraphs} news paragraphs${sources ? ` of ${sources} articles` : ""}`);
  parts.push(" that people labeled by hand, following the project's labeling guide.");
  if (framing) {
    parts.push(` Their framing labels: ${Object.entries(framing).map(([k, v]) => `${v} ${k}`).join(", ")}.`);
  }
  training.textContent = parts.join("");
  const metrics = info.cv_metrics || info.metrics || {};
  const rows = HEADS.filter((head) => metrics[head] && typeof metrics[head].accuracy === "number").map((head) => {
    const m = metrics[head];
    const chance = Math.round(100 / (head === "framing" ? 3 : 4));
    return el("li", { "data-head": head }, el("strong", {}, `${NAMES[head]}: ${Math.round(m.accuracy * 100)}%`),
      ` of ${m.n ?? "the"} paragraphs (guessing at random would get about ${chance}%)`);
  });
  if (rows.length) list.replaceChildren(...rows);
  else list.replaceChildren(el("li", {}, "This model was not cross-validated, so its accuracy is unknown."));
  showFresh(info.fresh);
}

// The harder test: paragraphs written after the previous version was made, scored by that version.
function showFresh(fresh) {
  const line = document.getElementById("model-fresh");
  const metrics = (fresh && fresh.metrics) || {};
  const heads = HEADS.filter((head) => metrics[head] && typeof metrics[head].accuracy === "number");
  line.hidden = !heads.length;
  if (!heads.length) return;
  const scores = heads.map((head) => `${NAMES[head]} ${Math.round(metrics[head].accuracy * 100)}%`).join(", ");
  line.textContent = `A harder test: ${fresh.paragraphs} paragraphs written after the previous version of the model ` +
    `was made, which it had never seen. That version agreed with people on ${scores}. Expect real news to be at ` +
    "least this hard.";
}

function setLarge(on) {
  document.documentElement.classList.toggle("large", on);
  document.getElementById("large-toggle").setAttribute("aria-pressed", String(on));
  try {
    localStorage.setItem("stance-large-text", on ? "1" : "0");
  } catch (_) {
    // storage may be disabled; the toggle still works for this visit
  }
}

function readLarge() {
  try {
    return localStorage.getItem("stance-large-text") === "1";
  } catch (_) {
    return false;
  }
}

async function start() {
  const main = document.getElementById("main");
  let seeds = [];
  let seedError = null;
  try {
    seeds = (await api("/v1/seeds")).seeds;
  } catch (error) {
    seedError = error.message;
  }
  const panes = [new Pane("a", seeds)];
  main.append(panes[0].root);
  if (seedError) panes[0].showError(`The seed articles could not be loaded: ${seedError} You can still paste one.`);
  else panes[0].setState("idle", "Choose a seed article or paste one to see its scores.");

  const compare = document.getElementById("compare-toggle");
  compare.addEventListener("click", () => {
    const on = compare.getAttribute("aria-pressed") !== "true";
    compare.setAttribute("aria-pressed", String(on));
    main.dataset.compare = String(on);
    if (on && panes.length === 1) {
      panes.push(new Pane("b", seeds));
      main.append(panes[1].root);
      panes[1].setState("idle", "Choose a second article to compare.");
    }
    if (panes[1]) panes[1].root.hidden = !on;
    if (on) panes[1].q(".seed-select").focus();
  });

  const help = document.getElementById("help");
  const helpToggle = document.getElementById("help-toggle");
  helpToggle.addEventListener("click", () => {
    help.hidden = !help.hidden;
    helpToggle.setAttribute("aria-expanded", String(!help.hidden));
    if (!help.hidden) help.focus();
  });
  document.getElementById("large-toggle").addEventListener("click", () => {
    setLarge(!document.documentElement.classList.contains("large"));
  });
  document.getElementById("print-button").addEventListener("click", () => window.print());
  setLarge(readLarge());

  for (const type of ["mouseover", "focusin"]) {
    document.addEventListener(type, (event) => {
      const mark = event.target.closest && event.target.closest("mark.hl");
      if (mark) showTip(mark);
      else if (type === "focusin") hideTip();
    });
  }
  document.addEventListener("mouseout", (event) => {
    if (event.target.closest && event.target.closest("mark.hl")) hideTip();
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTip(); });
  window.addEventListener("scroll", hideTip, { passive: true });
  document.body.dataset.ready = "true";
  await loadModelInfo();
}

start();
