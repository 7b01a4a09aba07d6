// The chunk arithmetic behind progressive cell rendering: every cell arrives, and a finished list stays finished.
import { describe, expect, it } from "vitest";
import { ALL_AT_ONCE, CHUNK_CELLS, FIRST_CELLS, firstCount, nextCount } from "./use-progressive-count";

describe("firstCount", () => {
  it("renders a notebook the size of a tutorial in one go, and only a screenful of a long one", () => {
    expect(firstCount(ALL_AT_ONCE)).toBe(Infinity);
    expect(firstCount(200)).toBe(FIRST_CELLS);
  });
});

describe("nextCount", () => {
  it("adds a chunk while cells are still missing", () => {
    expect(nextCount(FIRST_CELLS, 200)).toBe(FIRST_CELLS + CHUNK_CELLS);
  });

  it("becomes Infinity once the chunk reaches the end, so cells added later render at once", () => {
    expect(nextCount(200 - CHUNK_CELLS, 200)).toBe(Infinity);
    expect(nextCount(190, 200)).toBe(Infinity);
  });

  it("reaches every cell of a 200-cell notebook in a handful of chunks", () => {
    let count = firstCount(200);
    let chunks = 0;
    while (count < 200) {
      count = nextCount(count, 200);
      chunks++;
    }
    expect(count).toBe(Infinity);
    expect(chunks).toBeLessThanOrEqual(Math.ceil((200 - FIRST_CELLS) / CHUNK_CELLS));
  });
});
