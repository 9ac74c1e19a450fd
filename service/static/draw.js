// Drawing scores: meters, highlighted text and the tooltip. Text goes in as text nodes, never as HTML.

export const HEADS = ["framing", "us", "china", "russia"];
export const NAMES = { framing: "Framing", us: "US", china: "China", russia: "Russia" };
// [pole at score -1, pole at score +1]
export const POLES = {
  framing: ["cooperative", "hawkish"], us: ["against", "favor"],
  china: ["against", "favor"], russia: ["against", "favor"],
};
// The sign of a weight that pushes toward the hostile pole (hawkish framing, against a country).
export const HOSTILE_SIGN = { framing: 1, us: -1, china: -1, russia: -1 };
export const NEUTRAL_BAND = 0.15;

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function signed(x) {
  if (x === null || x === undefined) return "n/a";
  const text = Math.abs(x).toFixed(2);
  if (text === "0.00") return text;
  return x > 0 ? `+${text}` : `\u2212${text}`;
}

export function wordFor(head, score) {
  if (score === null || score === undefined) return "not mentioned";
  if (Math.abs(score) < NEUTRAL_BAND) return "neutral";
  return POLES[head][score > 0 ? 1 : 0];
}

export function direction(head, weight) {
  return Math.sign(weight) === HOSTILE_SIGN[head] ? "hostile" : "friendly";
}

const tip = () => document.getElementById("tip");
const markHits = new WeakMap();

function hitLine(hit) {
  const pole = POLES[hit.head][hit.weight > 0 ? 1 : 0];
  return `${NAMES[hit.head]}: ${signed(hit.weight)} toward ${pole}`;
}

function markClass(hits) {
  const kinds = new Set(hits.map((hit) => direction(hit.head, hit.weight)));
  return kinds.size === 1 ? [...kinds][0] : "mixed";
}

export function drawText(container, text, terms, lens) {
  const spans = [];
  const cuts = new Set([0, text.length]);
  for (const term of terms) {
    if (lens !== "all" && term.head !== lens) continue;
    for (const [start, end] of term.spans) {
      if (start < 0 || end > text.length || start >= end) continue;
      spans.push({ start, end, term });
      cuts.add(start);
      cuts.add(end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const hits = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.term);
    if (!hits.length) {
      pieces.push(document.createTextNode(piece));
      continue;
    }
    const label = `\u201c${piece}\u201d moved ${hits.map(hitLine).join("; ")}`;
    const mark = el("mark", { class: `hl ${markClass(hits)}`, tabindex: "0", "aria-label": label }, piece);
    markHits.set(mark, { piece, hits });
    pieces.push(mark);
  }
  container.replaceChildren(...pieces);
}

export function showTip(mark) {
  const info = markHits.get(mark);
  if (!info) return;
  const box = tip();
  box.replaceChildren(el("strong", {}, `\u201c${info.piece}\u201d`),
    ...info.hits.map((hit) => el("span", { class: `tip-line ${direction(hit.head, hit.weight)}` }, hitLine(hit))));
  box.hidden = false;
  const rect = mark.getBoundingClientRect();
  const width = box.offsetWidth;
  const left = Math.max(8, Math.min(window.scrollX + rect.left, window.scrollX + window.innerWidth - width - 8));
  box.style.left = `${left}px`;
  box.style.top = `${window.scrollY + rect.bottom + 6}px`;
}

export function hideTip() {
  tip().hidden = true;
}

export function meter(head, score, { label = null, absent = false, note = "" } = {}) {
  const [low, high] = POLES[head];
  const word = absent ? "not mentioned" : (label || wordFor(head, score));
  const value = absent || score === null || score === undefined ? null : score;
  const name = head === "framing" ? "Framing" : `${NAMES[head]} stance`;
  const valueText = value === null ? `${name}: ${word}` : `${name}: ${word}, ${signed(value)}`;
  const marker = el("span", { class: "marker", "aria-hidden": "true" });
  if (value !== null) marker.style.left = `${((value + 1) / 2) * 100}%`;
  return el("div", {
    class: `meter meter-${head === "framing" ? "framing" : "stance"}${value === null ? " absent" : ""}`,
    role: "meter", "aria-valuemin": "-1", "aria-valuemax": "1", "aria-valuenow": value === null ? "0" : value,
    "aria-valuetext": valueText, "aria-label": name, "data-head": head,
  },
  el("span", { class: "meter-name" }, NAMES[head]),
  el("span", { class: `meter-value ${value === null || word === "neutral" ? "" : direction(head, value)}` },
    value === null ? word : `${word} ${signed(value)}`),
  el("span", { class: "meter-track", "aria-hidden": "true" }, marker),
  el("span", { class: "meter-poles", "aria-hidden": "true" }, el("span", {}, `\u2190 ${low}`),
    el("span", {}, `${high} \u2192`)),
  note ? el("span", { class: "meter-note" }, note) : null);
}

export function paragraphMeters(scores) {
  return HEADS.map((head) => meter(head, scores[head].score, {
    label: scores[head].label, absent: head !== "framing" && scores[head].label === "absent",
  }));
}

