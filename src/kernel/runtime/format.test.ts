// Tests for notebook value formatting: repr for results, str/print for output.
import { describe, expect, it } from "vitest";
import { formatPrint, repr, str } from "./format";

describe("repr", () => {
  it("formats primitives like a notebook would", () => {
    expect(repr("hi")).toBe('"hi"');
    expect(repr(1.5)).toBe("1.5");
    expect(repr(-0)).toBe("-0.0");
    expect(repr(10n)).toBe("10n");
    expect(repr(null)).toBe("null");
    expect(repr(undefined)).toBe("undefined");
    expect(repr(true)).toBe("true");
    expect(repr(Symbol("s"))).toBe("Symbol(s)");
  });

  it("writes numbers as Python's print does (issue 13)", () => {
    const cases: Array<[number, string]> = [
      [5.24e-5, "5.24e-05"], [0.0001, "0.0001"], [1e-7, "1e-07"], [0.6931471824645996, "0.6931471824645996"],
      [1e16, "1e+16"], [1.5e300, "1.5e+300"], [-2.5e-10, "-2.5e-10"], [123.25, "123.25"], [3, "3"],
      [NaN, "nan"], [Infinity, "inf"], [-Infinity, "-inf"],
    ];
    for (const [v, py] of cases) expect(repr(v)).toBe(py);
    expect(formatPrint(["loss", 5.24e-5, [1e-5, 0.5]])).toBe("loss 5.24e-05 [1e-05, 0.5]");
  });

  it("formats arrays and objects compactly", () => {
    expect(repr([1, "a", [2, 3]])).toBe('[1, "a", [2, 3]]');
    expect(repr({ a: 1, "b-c": [true] })).toBe('{ a: 1, "b-c": [true] }');
    expect(repr([])).toBe("[]");
    expect(repr({})).toBe("{}");
    expect(repr(new Float32Array([1, 2]))).toBe("Float32Array(2) [1, 2]");
    expect(repr(new Map([["k", 1]]))).toBe('Map(1) { "k" => 1 }');
    expect(repr(new Set([1]))).toBe("Set(1) { 1 }");
  });

  it("limits depth and length, and survives cycles", () => {
    expect(repr({ a: { b: { c: { d: 1 } } } })).toBe("{ a: { b: { c: [Object] } } }");
    const long = repr(Array.from({ length: 150 }, (_, i) => i));
    expect(long).toContain("… 50 more");
    const cyc: Record<string, unknown> = { name: "x" };
    cyc.self = cyc;
    expect(repr(cyc)).toBe('{ name: "x", self: [Circular] }');
  });

  it("breaks long values over lines", () => {
    const text = repr({ first: "a".repeat(40), second: "b".repeat(40) });
    expect(text.split("\n")).toEqual(["{", `  first: "${"a".repeat(40)}",`, `  second: "${"b".repeat(40)}"`, "}"]);
  });

  it("uses a class's own toString (Tensor, Module), else its class name", () => {
    class Tensorish {
      toString() {
        return "tensor([1, 2])";
      }
    }
    class Plain {
      x = 1;
    }
    expect(repr(new Tensorish())).toBe("tensor([1, 2])");
    expect(repr([new Tensorish()])).toBe("[tensor([1, 2])]");
    expect(repr(new Plain())).toBe("Plain { x: 1 }");
    expect(repr(Object.create(null))).toBe("{}");
    const callable = Object.setPrototypeOf(() => 1, Tensorish.prototype) as unknown;
    expect(repr(callable)).toBe("tensor([1, 2])"); // nn.Module instances are callable functions
  });

  it("formats functions, classes, errors and promises", () => {
    expect(repr(function named() {})).toBe("[Function named]");
    expect(repr(class Foo {})).toBe("[class Foo]");
    expect(repr(new TypeError("bad"))).toBe("TypeError: bad");
    expect(repr(Promise.resolve(1))).toBe("Promise {…}");
  });
});

describe("str and print", () => {
  it("leaves strings as they are and joins print arguments with spaces", () => {
    expect(str("plain")).toBe("plain");
    expect(formatPrint(["loss:", 0.25, [1, 2], "done"])).toBe("loss: 0.25 [1, 2] done");
    expect(formatPrint([])).toBe("");
  });
});
