// Talking to the scoring service; failures become sentences a class can read.
import { HEADS } from "./draw.js";

export class UserError extends Error {}

export function describeHttpError(status, data) {
  let said = data && (data.detail ?? data.error ?? data.message ?? data.description);
  if (said && typeof said === "object") said = said.message ?? said.description ?? JSON.stringify(said);
  const detail = typeof said === "string" && said ? said : "";
  if (status === 413) {
    return `This text is too long to score in one go${detail ? ` (${detail})` : ""}. Try a shorter article.`;
  }
  if (status >= 500) {
    return `The server hit a problem (error ${status}). Try again; if it keeps happening, tell whoever runs it.`;
  }
  return detail ? `The text could not be scored: ${detail}` : `The server refused the request (error ${status}).`;
}

export async function api(path, body, signal) {
  const options = body === undefined ? { signal } : {
    method: "POST", signal, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new UserError("The scoring server can't be reached. Check that it is still running "
      + "(and this laptop is connected to it), then try again.");
  }
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = null; // not JSON: the status alone tells the story
  }
  if (!response.ok) throw new UserError(describeHttpError(response.status, data));
  if (data === null) throw new UserError("The server sent an answer this page cannot read. Try again.");
  return data;
}

export function scoreText(text, title, signal) {
  const body = { text, explain: true };
  if (title) body.title = title;
  return api("/v1/score", body, signal);
}

// Paragraphs with their own text and spans relative to it, so an edited paragraph stands alone.
export function flattenTerms(explanation, offset) {
  const terms = [];
  for (const head of HEADS) {
    for (const term of (explanation && explanation[head]) || []) {
      terms.push({
        head, term: term.term, weight: term.weight,
        spans: term.spans.map(([start, end]) => [start - offset, end - offset]),
      });
    }
  }
  return terms;
}

export function readParagraphs(article, result) {
  return result.paragraphs.map((p) => ({
    index: p.index, kind: p.kind, content: p.content, text: article.slice(p.start, p.end),
    scores: p.scores || null, terms: flattenTerms(p.explanation, p.start), edited: false,
  }));
}

