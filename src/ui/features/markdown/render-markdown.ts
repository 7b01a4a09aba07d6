// Markdown → sanitized HTML (marked + DOMPurify): notebooks come from anywhere, so their HTML is never trusted.
import DOMPurify from "dompurify";
import { Marked } from "marked";
import { singleTildeIsText } from "./tilde";

const marked = new Marked({ gfm: true, breaks: false, async: false }, singleTildeIsText);

// Links leave the notebook in a new tab and cannot reach back through window.opener.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.getAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

const PURIFY_CONFIG = {
  // <style> and inline styles could restyle or cover the app (fake buttons); forms could phish.
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
  FORBID_ATTR: ["style"],
  ALLOW_DATA_ATTR: false,
};

/** Sanitizes untrusted HTML for display inside the notebook. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, PURIFY_CONFIG);
}

// Parsing and sanitizing costs a few ms per cell; a cell remounted (reopened notebook, KO/EN toggle) reuses its HTML.
const cache = new Map<string, string>();
const CACHE_SIZE = 500;
/** Longer sources (big Markdown outputs) are rendered each time rather than kept in memory. */
const CACHE_MAX_CHARS = 10_000;

/** Renders Markdown (GitHub flavour) to sanitized HTML; remembers the last CACHE_SIZE short sources. */
export function renderMarkdown(source: string): string {
  if (source.length > CACHE_MAX_CHARS) return sanitizeHtml(marked.parse(source) as string);
  let html = cache.get(source);
  if (html !== undefined) {
    cache.delete(source); // re-insert: Map order is the least-recently-used order
  } else {
    html = sanitizeHtml(marked.parse(source) as string);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(source, html);
  return html;
}
