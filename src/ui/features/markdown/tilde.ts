// A marked extension: only `~~x~~` strikes through; a single `~` stays a tilde (Korean writes ranges as 0~255, 95~96%).
import type { MarkedExtension, Tokens } from "marked";

/**
 * GFM lets a single `~` pair strike text through, so "0~255 … 0~1" lost its middle to <del>. The del tokenizer
 * hands `~~` to marked's own rule (return false) and turns a lone `~` into plain text.
 */
export const singleTildeIsText: MarkedExtension = {
  tokenizer: {
    del(src: string) {
      if (!src.startsWith("~") || src.startsWith("~~")) return false;
      const text: Tokens.Text = { type: "text", raw: "~", text: "~", escaped: false };
      return text as unknown as Tokens.Del;
    },
  },
};
