// Markdown → sanitized HTML (marked + DOMPurify): notebooks come from anywhere, so their HTML is never trusted.
import DOMPurify from "dompurify";
import { Marked } from "marked";

const marked = new Marked({ gfm: true, breaks: false, async: false });

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

/** Renders Markdown (GitHub flavour) to sanitized HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source) as string);
}
