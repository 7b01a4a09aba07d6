// Markdown cells' attachments (Jupyter's pasted images): `attachment:name` links become data: URLs before rendering.
import type { MimeBundle } from "../kernel/protocol";

const IMAGE = /^image\/(png|jpeg|gif|webp|bmp|svg\+xml)$/;

/** A data: URL for the bundle's first image type (base64 as .ipynb stores it; SVG as text), or null. */
export function attachmentUrl(bundle: MimeBundle): string | null {
  for (const [mime, value] of Object.entries(bundle)) {
    if (!IMAGE.test(mime)) continue;
    const text = Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join("") : value;
    if (typeof text !== "string") continue;
    if (mime === "image/svg+xml") return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    const base64 = text.replace(/\s+/g, "");
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return `data:${mime};base64,${base64}`;
  }
  return null;
}

// `attachment:name` as a link target: `![](attachment:x.png)`, `[x]: attachment:x.png`, `<img src="attachment:x.png">`.
const REF = /(?<=\]\(\s*<?|\]:\s*<?|\bsrc\s*=\s*["']?)attachment:([^\s)"'<>]+)/g;

/** The Markdown with each `attachment:name` the cell has replaced by its data: URL; unknown names stay as written. */
export function resolveAttachments(source: string, attachments: Record<string, MimeBundle> | undefined): string {
  if (!attachments || !source.includes("attachment:")) return source;
  return source.replace(REF, (whole, raw: string) => {
    let name = raw;
    try {
      name = decodeURIComponent(raw);
    } catch {
      // a stray % in the name: look it up as written
    }
    const bundle = Object.hasOwn(attachments, name) ? attachments[name] : undefined;
    return (bundle && typeof bundle === "object" && attachmentUrl(bundle)) || whole;
  });
}
