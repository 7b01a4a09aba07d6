// Tests for the headless runner's command line: flags, -p forms, and the errors for mistakes.
import { describe, expect, it } from "vitest";
import { defaultOutPath, parseArgs, UsageError } from "./run-notebook-args";

describe("parseArgs", () => {
  it("reads the notebook, options and repeated -p in their spellings", () => {
    expect(
      parseArgs(["nb.ipynb", "-p", "epochs=1", "-plr=0.5", "--parameter=name=adam", "--backend", "wasm", "-o", "x.ipynb", "--timeout=90"]),
    ).toEqual({
      notebook: "nb.ipynb",
      parameters: { epochs: 1, lr: 0.5, name: "adam" },
      backend: "wasm",
      out: "x.ipynb",
      timeoutMs: 90_000,
      logOutput: false,
      build: "auto",
    });
    expect(parseArgs(["--no-build", "--log-output", "--port", "4400", "--", "-odd.ipynb"])).toMatchObject({
      notebook: "-odd.ipynb",
      build: "never",
      logOutput: true,
      port: 4400,
    });
    expect(parseArgs(["a.ipynb", "--build"])?.build).toBe("always");
    expect(parseArgs(["a.ipynb", "--help"])).toBeNull();
  });

  it("says what is wrong and how to write it", () => {
    const fails = (argv: string[], message: RegExp) => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    };
    fails([], /name the notebook to run/);
    fails(["a.ipynb", "b.ipynb"], /one notebook at a time/);
    fails(["a.ipynb", "-p", "epochs"], /write -p NAME=VALUE/);
    fails(["a.ipynb", "-p"], /-p needs a value/);
    fails(["a.ipynb", "--backend", "gpu"], /pick one of auto, webgpu, webgl, wasm, cpu/);
    fails(["a.ipynb", "--timeout", "soon"], /in seconds/);
    fails(["a.ipynb", "--port", "99999"], /port number/);
    fails(["a.ipynb", "--verbose"], /unknown option --verbose/);
  });
});

describe("--to-python", () => {
  it("takes a .py or .ipynb to write instead of running, and refuses -p with it", () => {
    expect(parseArgs(["a.ipynb", "--to-python", "out.py"])?.toPython).toBe("out.py");
    expect(parseArgs(["a.ipynb", "--to-python=out.ipynb"])?.toPython).toBe("out.ipynb");
    expect(() => parseArgs(["a.ipynb", "--to-python", "out.txt"])).toThrow(/name a \.py \(script\) or \.ipynb/);
    expect(() => parseArgs(["a.ipynb", "--to-python", "out.py", "-p", "epochs=1"])).toThrow(/-p does not apply with --to-python/);
  });
});

describe("defaultOutPath", () => {
  it("puts .executed before the extension, beside the input", () => {
    expect(defaultOutPath("runs/a.ipynb")).toBe("runs/a.executed.ipynb");
    expect(defaultOutPath("b")).toBe("b.executed.ipynb");
  });
});
