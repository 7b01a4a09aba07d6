// Tests for the start-up line's words and numbers in both UI languages.
import { describe, expect, it } from "vitest";
import { VIEW_STRINGS } from "../i18n/view-strings";
import { phaseText, progressText } from "./KernelStartup";

describe("start-up line", () => {
  it("bytes in KB (the file in the tooltip), threads as n / m, nothing without numbers", () => {
    expect(progressText({ phase: "engine", label: "tfjs-backend-wasm-simd.wasm", done: 217_088, total: 424_594, unit: "bytes", since: 0 })).toBe("212 / 415 KB");
    expect(progressText({ phase: "engine", label: "x.wasm", done: 2048, unit: "bytes", since: 0 })).toBe("2 KB");
    expect(progressText({ phase: "threads", label: "fastcpu threads", done: 1, total: 2, unit: "threads", since: 0 })).toBe("1 / 2");
    expect(progressText({ phase: "warmup", label: "fastcpu: first kernels", since: 0 })).toBe("");
  });

  it("every phase has words in English and Korean, and a failure names its phase", () => {
    for (const phase of ["engine", "state", "threads", "warmup", "measure"] as const) {
      expect(phaseText(VIEW_STRINGS.en, phase)).toMatch(/^[a-z]/);
      expect(phaseText(VIEW_STRINGS.ko, phase)).toMatch(/[\uac00-\ud7a3]/);
    }
    expect(phaseText(VIEW_STRINGS.en, "engine")).toBe("loading the engine");
    expect(VIEW_STRINGS.en.startupFailed(phaseText(VIEW_STRINGS.en, "threads"))).toBe("failed while starting threads");
    expect(VIEW_STRINGS.ko.startupFailed(phaseText(VIEW_STRINGS.ko, "engine"))).toBe("시작 실패(엔진 불러오는 중)");
  });
});
