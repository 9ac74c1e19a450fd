// What if? Edit one paragraph in place; its scores and highlights follow as you type.
import { UserError, flattenTerms, scoreText } from "./api.js";
import { HEADS, NAMES, POLES, el, signed } from "./draw.js";

const DEBOUNCE_MS = 300;

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function drawChanges(view) {
  const before = view.original.scores;
  const now = view.p.scores;
  view.changes.replaceChildren(...HEADS.map((head) => {
    const delta = now[head].score - before[head].score;
    const moved = Math.abs(delta) < 0.005 ? "no change"
      : `toward ${POLES[head][delta > 0 ? 1 : 0]} by ${Math.abs(delta).toFixed(2)}`;
    return el("li", { "data-head": head },
      `${NAMES[head]}: ${signed(before[head].score)} \u2192 ${signed(now[head].score)} (${moved})`);
  }));
}

async function rescore(view, redraw) {
  const text = view.textarea.value;
  if (!text.trim()) {
    view.editStatus.textContent = "Type some words to see their scores.";
    return;
  }
  if (view.controller) view.controller.abort();
  view.controller = new AbortController();
  view.editStatus.textContent = "Scoring your version\u2026";
  let result;
  try {
    result = await scoreText(text, null, view.controller.signal);
  } catch (error) {
    if (error.name === "AbortError") return;
    if (!(error instanceof UserError)) throw error;
    view.editStatus.textContent = error.message;
    return;
  }
  const content = result.paragraphs.filter((p) => p.content);
  if (!content.length) {
    view.editStatus.textContent = "The model reads this as a heading or byline, not as content, so it "
      + "gives it no scores. Add a full sentence.";
    return;
  }
  const first = content[0];
  Object.assign(view.p, {
    text, scores: first.scores, terms: flattenTerms(first.explanation, 0), edited: text !== view.original.text,
  });
  view.editStatus.textContent = content.length > 1
    ? `The model reads your text as ${content.length} paragraphs; these are the scores of the first.`
    : "Scores updated.";
  redraw();
  drawChanges(view);
  view.li.dataset.rescored = String(Number(view.li.dataset.rescored || 0) + 1);
}

/** Build the (hidden) editor of a card's ``view``; ``redraw`` draws the card from ``view.p``. */
export function buildEditor(view, redraw) {
  const textarea = el("textarea", { class: "edit-text", rows: "5", spellcheck: "false" });
  const status = el("p", { class: "edit-status", role: "status", "aria-live": "polite" });
  const changes = el("ul", { class: "changes", "aria-label": "How the scores changed" });
  const reset = el("button", { type: "button" }, "Back to the original");
  const done = el("button", { type: "button", class: "primary" }, "Done");
  const box = el("div", { class: "editor", hidden: true },
    el("label", { class: "field" }, "Change the words and watch the scores move", textarea),
    status, changes, el("p", { class: "editor-actions" }, reset, done));
  Object.assign(view, { editorBox: box, textarea, editStatus: status, changes, controller: null });
  textarea.addEventListener("input", debounce(() => rescore(view, redraw), DEBOUNCE_MS));
  reset.addEventListener("click", () => {
    if (view.controller) view.controller.abort();
    textarea.value = view.original.text;
    Object.assign(view.p, view.original, { edited: false });
    status.textContent = "Back to the original paragraph.";
    redraw();
    drawChanges(view);
  });
  done.addEventListener("click", () => {
    box.hidden = true;
    view.li.classList.remove("editing");
    view.editButton.hidden = false;
    view.editButton.focus();
  });
  return box;
}

export function openEditor(view) {
  view.textarea.value = view.p.text;
  view.editorBox.hidden = false;
  view.li.classList.add("editing");
  view.editButton.hidden = true;
  view.editStatus.textContent = "Edit the text: the scores below follow as you type.";
  drawChanges(view);
  view.textarea.focus();
}
