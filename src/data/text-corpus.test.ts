// datasets.TextCorpus: fixed 256/64 split, four balanced topics, no sentence in both splits, clear index errors.
import { describe, expect, it } from "vitest";
import { datasets } from ".";

describe("datasets.TextCorpus", () => {
  const train = datasets.TextCorpus();
  const test = datasets.TextCorpus({ train: false });

  it("has four balanced topics and a fixed split", () => {
    expect(train.classes).toEqual(["sports", "technology", "food", "weather"]);
    expect(train.length).toBe(256);
    expect(test.length).toBe(64);
    for (let c = 0; c < 4; c++) {
      expect(train.labels.filter((l) => l === c).length).toBe(64);
      expect(test.labels.filter((l) => l === c).length).toBe(16);
    }
    expect(datasets.TextCorpus().texts).toEqual(train.texts);
  });

  it("keeps the test sentences out of training, with no duplicates", () => {
    const all = [...train.texts, ...test.texts];
    expect(new Set(all).size).toBe(320);
    for (const t of all) expect(t).toMatch(/^[A-Z].*[.!?]$/);
  });

  it("serves [text, label] samples like torchtext", () => {
    const [text, label] = train.get(0);
    expect(typeof text).toBe("string");
    expect(train.classes[label]).toBe("sports");
    expect(train.get(-1)[1]).toBe(3);
    expect(() => train.get(256)).toThrow(/index 256 is out of range for TextCorpus \(train\) of length 256/);
    expect(String(test)).toContain("Number of datapoints: 64");
  });
});
