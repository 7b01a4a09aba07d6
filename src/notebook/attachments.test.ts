// Tests for attachments.ts: `attachment:name` links in Markdown become the cell's own images, and nothing else does.
import { describe, expect, it } from "vitest";
import { attachmentUrl, resolveAttachments } from "./attachments";

const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==";

describe("resolveAttachments", () => {
  it("replaces image links, reference definitions and <img src> that name an attachment", () => {
    const attachments = { "x.png": { "image/png": png + "\n" }, "my pic.png": { "image/png": png } };
    const md = "![a](attachment:x.png)\n[r]: attachment:x.png\n<img src=\"attachment:x.png\">\n![b](attachment:my%20pic.png)";
    const out = resolveAttachments(md, attachments);
    expect(out).toBe(
      `![a](data:image/png;base64,${png})\n[r]: data:image/png;base64,${png}\n<img src="data:image/png;base64,${png}">\n![b](data:image/png;base64,${png})`,
    );
  });

  it("leaves unknown names, prose and inherited keys alone", () => {
    const attachments = { "x.png": { "image/png": png } };
    expect(resolveAttachments("see attachment:x.png in the text", attachments)).toBe("see attachment:x.png in the text");
    expect(resolveAttachments("![](attachment:y.png)", attachments)).toBe("![](attachment:y.png)");
    expect(resolveAttachments("![](attachment:__proto__)", attachments)).toBe("![](attachment:__proto__)");
    expect(resolveAttachments("![](attachment:x.png)", undefined)).toBe("![](attachment:x.png)");
  });

  it("makes SVG text a data URL and refuses a bundle with no image or with non-base64 bytes", () => {
    expect(attachmentUrl({ "image/svg+xml": ["<svg>\n", "</svg>"] })).toBe("data:image/svg+xml;charset=utf-8,%3Csvg%3E%0A%3C%2Fsvg%3E");
    expect(attachmentUrl({ "text/plain": "x" })).toBeNull();
    expect(attachmentUrl({ "image/png": 'AAAA"onerror=alert(1)' })).toBeNull();
  });
});
