// Tests for md5.ts: RFC 1321 test suite vectors and the real MNIST files against their MD5SUMS.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_MNIST_FILES } from "../data/mnist-files";
import { MNIST_DIR, itWithMnist } from "../data/test-mnist-source";
import { md5Hex } from "./md5";

const enc = (s: string) => new TextEncoder().encode(s);

describe("md5Hex", () => {
  it("matches the RFC 1321 test suite", () => {
    expect(md5Hex(enc(""))).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex(enc("a"))).toBe("0cc175b9c0f1b6a831c399e269772661");
    expect(md5Hex(enc("abc"))).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex(enc("message digest"))).toBe("f96b697d7cb7938d525a2f31aaf161d0");
    expect(md5Hex(enc("abcdefghijklmnopqrstuvwxyz"))).toBe("c3fcd3d76192e4007dfb496cca67e13b");
    expect(md5Hex(enc("1234567890".repeat(8)))).toBe("57edf4a22be3c955ac49da2e2107b67a");
  });

  it("agrees with node:crypto at every length around the block and padding boundaries", () => {
    const data = new Uint8Array(200).map((_, i) => (i * 131 + 7) & 255);
    for (let n = 0; n <= 200; n++) {
      const slice = data.subarray(0, n);
      expect(md5Hex(slice), `length ${n}`).toBe(createHash("md5").update(slice).digest("hex"));
    }
  });

  it("hashes a subarray view, not its whole underlying buffer", () => {
    const buf = enc("xxabcxx");
    expect(md5Hex(buf.subarray(2, 5))).toBe("900150983cd24fb0d6963f7d28e17f72");
  });

  // The files come from wherever the app finds them (GRADBOOK_MNIST_DIR, ../shared/mnist, .cache/mnist).
  itWithMnist("matches the known md5 (MD5SUMS) of the real MNIST files", () => {
    expect(ALL_MNIST_FILES).toHaveLength(4);
    for (const { name, md5 } of ALL_MNIST_FILES) {
      expect(md5Hex(new Uint8Array(readFileSync(resolve(MNIST_DIR, name)))), name).toBe(md5);
    }
  });
});
