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

/** Classes the kernel's own HTML outputs use (table(), summary(), confusionMatrix()); they only style a table. */
const KERNEL_CLASS = /^(gb-(table|summary|confusion|num|cm-diag|cm-off)|gb-heat-\d+)$/;

// Notebook HTML never wears the app's classes: `<div class="gb-drop-overlay">` would cover the page and
// `gb-notice-error` fake an alert. Every other class gets GitHub's `user-content-` prefix (ids and names get it from
// SANITIZE_NAMED_PROPS), so no app selector matches and no app code finds notebook elements by id.
DOMPurify.addHook("uponSanitizeAttribute", (_node, data) => {
  if (data.attrName !== "class") return;
  data.attrValue = data.attrValue
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => (KERNEL_CLASS.test(c) ? c : `user-content-${c}`))
    .join(" ");
});

const PURIFY_CONFIG = {
  // <style> and inline styles could restyle or cover the app (fake buttons, position: fixed); forms could phish.
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
  FORBID_ATTR: ["style"],
  ALLOW_DATA_ATTR: false,
  SANITIZE_NAMED_PROPS: true,
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

/** Blockquotes nest at most this deep: marked recurses once per level, and `"> ".repeat(5000)` overflowed the stack. */
export const MAX_QUOTE_DEPTH = 32;

/** Drops each line's `>` markers past MAX_QUOTE_DEPTH, in one linear scan (a regex for this would backtrack). */
export function capQuoteDepth(source: string): string {
  if (!source.includes(">")) return source;
  return source
    .split("\n")
    .map((line) => {
      let i = 0;
      let depth = 0;
      let keepTo = 0;
      for (;;) {
        let j = i;
        while (j < line.length && j - i < 3 && (line[j] === " " || line[j] === "\t")) j++;
        if (line[j] !== ">") break;
        j++;
        if (line[j] === " " || line[j] === "\t") j++;
        depth++;
        if (depth === MAX_QUOTE_DEPTH) keepTo = j;
        i = j;
      }
      return depth > MAX_QUOTE_DEPTH ? line.slice(0, keepTo) + line.slice(i) : line;
    })
    .join("\n");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * marked's HTML for `source`. Other nesting marked recurses on (a run of thousands of `*`, lists thousands deep) can
 * still overflow its stack; such a cell shows its text with a note instead of taking the page down.
 */
function parse(source: string): string {
  try {
    return marked.parse(capQuoteDepth(source)) as string;
  } catch {
    return `<p><em>This Markdown is nested too deeply to format; it is shown as plain text.</em></p><pre>${escapeHtml(source)}</pre>`;
  }
}

/** Renders Markdown (GitHub flavour) to sanitized HTML; remembers the last CACHE_SIZE short sources. */
export function renderMarkdown(source: string): string {
  if (source.length > CACHE_MAX_CHARS) return sanitizeHtml(parse(source));
  let html = cache.get(source);
  if (html !== undefined) {
    cache.delete(source); // re-insert: Map order is the least-recently-used order
  } else {
    html = sanitizeHtml(parse(source));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(source, html);
  return html;
}
