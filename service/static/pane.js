// One article pane: pick or paste an article, score it, draw its summary and paragraph cards, export them.
import { UserError, api, readParagraphs, scoreText } from "./api.js";
import { HEADS, drawText, el, hideTip, meter, paragraphMeters, signed } from "./draw.js";
import { buildEditor, openEditor } from "./whatif.js";

// Resolves after the browser has painted what was just drawn.
function nextPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export class Pane {
  constructor(name, seeds) {
    this.name = name;
    this.root = document.getElementById("pane-template").content.firstElementChild.cloneNode(true);
    this.root.id = `pane-${name}`;
    this.root.setAttribute("aria-label", `Article ${name.toUpperCase()}`);
    this.root.dataset.renders = "0";
    this.q = (selector) => this.root.querySelector(selector);
    this.q(".pane-title").textContent = `Article ${name.toUpperCase()}`;
    this.lens = "all";
    this.cards = new Map();
    this.paragraphs = [];
    this.controller = null;
    const select = this.q(".seed-select");
    for (const seed of seeds) {
      select.append(el("option", { value: seed.id }, `${seed.id} \u2013 ${seed.title}`));
    }
    this.seeds = seeds;
    select.addEventListener("change", () => { if (select.value) this.loadSeed(select.value); });
    this.q(".picker").addEventListener("submit", (event) => {
      event.preventDefault();
      this.q(".seed-select").value = "";
      this.score(this.q(".paste-text").value, "Pasted article");
    });
    for (const radio of this.root.querySelectorAll(".lens input")) {
      radio.name = `lens-${name}`;
      radio.addEventListener("change", () => { if (radio.checked) this.setLens(radio.value); });
    }
    this.q(".jump-hawkish").addEventListener("click", () => this.jump(this.summary.most_hawkish));
    this.q(".jump-cooperative").addEventListener("click", () => this.jump(this.summary.most_cooperative));
    this.q(".export-csv").addEventListener("click", () => this.exportCsv());
  }

  setState(state, status = "") {
    this.root.dataset.state = state;
    this.q(".status").textContent = status;
  }

  showError(message) {
    const box = this.q(".error");
    box.textContent = message;
    box.hidden = false;
    this.setState("error");
  }

  async loadSeed(id) {
    this.setState("loading", "Loading the article\u2026");
    try {
      const seed = await api(`/v1/seeds/${encodeURIComponent(id)}`);
      await this.score(seed.text, seed.title, seed.date);
    } catch (error) {
      if (error instanceof UserError) this.showError(error.message);
      else if (error.name !== "AbortError") throw error;
    }
  }

  async score(text, title, date = null) {
    if (!text.trim()) {
      this.showError("There is no text to score yet: choose a seed article or paste an article first.");
      return;
    }
    const started = performance.now();
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    this.setState("loading", "Scoring\u2026");
    let result;
    try {
      result = await scoreText(text, title, this.controller.signal);
    } catch (error) {
      if (error.name === "AbortError") return;
      if (error instanceof UserError) {
        this.showError(error.message);
        return;
      }
      throw error;
    }
    this.q(".error").hidden = true;
    this.article = { text, title, date, words: text.split(/\s+/).filter(Boolean).length };
    this.summary = result.summary;
    this.paragraphs = readParagraphs(text, result);
    this.render();
    await nextPaint();
    const ms = performance.now() - started;
    performance.measure("stance:score-and-draw", { start: started, end: started + ms });
    this.root.dataset.renders = String(Number(this.root.dataset.renders) + 1);
    this.root.dataset.lastMs = ms.toFixed(1);
    this.setState("ready", `Scored ${this.summary.content_paragraphs} paragraphs.`);
  }

  render() {
    const { title, date, words } = this.article;
    const summary = this.summary;
    this.q(".article-title").textContent = title || "Untitled article";
    this.q(".article-meta").textContent = [date, `${words} words`,
      `${summary.content_paragraphs} scored paragraphs of ${this.paragraphs.length}`].filter(Boolean).join(" \u00b7 ");
    this.q(".summary-meters").replaceChildren(...HEADS.map((head) => {
      const part = summary[head];
      const note = head === "framing" ? `average of ${part.paragraphs} paragraphs`
        : `mentioned in ${part.paragraphs} of ${summary.content_paragraphs} paragraphs`;
      return meter(head, part.score, { absent: part.score === null, note });
    }));
    this.drawJump(".jump-hawkish", "Most hawkish", summary.most_hawkish);
    this.drawJump(".jump-cooperative", "Most cooperative", summary.most_cooperative);
    this.q(".summary").hidden = false;
    this.q(".lens").hidden = false;
    this.cards.clear();
    this.q(".cards").replaceChildren(...this.paragraphs.map((p) => this.card(p)));
  }

  drawJump(selector, label, index) {
    const button = this.q(selector);
    const p = this.paragraphs.find((item) => item.index === index);
    button.hidden = !p;
    if (p) button.textContent = `${label}: paragraph ${index + 1} (${signed(p.scores.framing.score)}) \u2192`;
  }

  card(p) {
    const li = el("li", { class: `card${p.content ? "" : " boilerplate"}`, id: `${this.root.id}-p${p.index}`,
      tabindex: "-1", "data-index": p.index, "data-kind": p.kind });
    const heading = el("h4", { class: "card-head" }, `Paragraph ${p.index + 1}`);
    li.append(heading);
    const textEl = el("p", { class: "para-text" });
    if (!p.content) {
      heading.append(el("span", { class: "kind" }, `${p.kind.replace("_", " ")} \u2013 not scored`));
      textEl.textContent = p.text;
      li.append(textEl);
      return li;
    }
    const view = { p, li, textEl, original: { text: p.text, scores: p.scores, terms: p.terms } };
    this.cards.set(p.index, view);
    const meters = el("div", { class: "card-meters" });
    const editButton = el("button", { type: "button", class: "edit-button" }, "What if? Edit this paragraph");
    const editor = buildEditor(view, () => this.drawCard(view));
    li.append(editor, textEl, meters, el("p", { class: "card-actions" }, editButton));
    view.meters = meters;
    view.editButton = editButton;
    editButton.addEventListener("click", () => openEditor(view));
    this.drawCard(view);
    return li;
  }

  drawCard(view) {
    const { p } = view;
    drawText(view.textEl, p.text, p.terms, this.lens);
    view.meters.replaceChildren(...paragraphMeters(p.scores));
    view.li.classList.toggle("edited", p.edited);
  }


  setLens(lens) {
    this.lens = lens;
    hideTip();
    for (const view of this.cards.values()) drawText(view.textEl, view.p.text, view.p.terms, lens);
  }

  jump(index) {
    const target = document.getElementById(`${this.root.id}-p${index}`);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    target.classList.remove("flash");
    void target.offsetWidth; // restart the highlight animation
    target.classList.add("flash");
  }

  exportCsv() {
    const header = ["article", "paragraph", "kind", "scored", "edited", "text"];
    for (const head of HEADS) header.push(`${head}_label`, `${head}_score`);
    const rows = [header];
    for (const p of this.paragraphs) {
      const row = [this.article.title || "", p.index + 1, p.kind, p.content ? "yes" : "no", p.edited ? "yes" : "no",
        p.text];
      for (const head of HEADS) row.push(p.scores ? p.scores[head].label : "", p.scores ? p.scores[head].score : "");
      rows.push(row);
    }
    const blob = new Blob([rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n"],
      { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `${slug(this.article.title)}-scores.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
}

function csvCell(value) {
  let text = String(value);
  // A spreadsheet would run a cell that starts like a formula; an apostrophe keeps it text.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function slug(title) {
  return (title || "article").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60)
    || "article";
}

