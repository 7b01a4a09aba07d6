// Tests for mnist-control.ts: the kernel's answer to an MNIST upload (names kept, or the error with its requestId).
import { describe, expect, it } from "vitest";
import { DataFileError } from "../../data/idx";
import type { KernelDeps } from "../runtime/kernel-deps";
import { importMnist } from "./mnist-control";
import type { FromKernel } from "../protocol";

type Deps = KernelDeps<{ dispose(): void }>;
const files = [{ name: "labels.gz", buffer: new Uint8Array([31, 139, 8]).buffer }];

async function answer(deps: Partial<Deps>): Promise<FromKernel[]> {
  const posted: FromKernel[] = [];
  await importMnist(deps as Deps, { type: "import-mnist", requestId: "mnist-1", files }, (m) => void posted.push(m));
  return posted;
}

describe("importMnist", () => {
  it("hands the bytes to the data layer and answers with the names kept", async () => {
    let got: Array<{ name: string; bytes: Uint8Array }> = [];
    const posted = await answer({ importMnist: async (f) => ((got = f), ["t10k-labels-idx1-ubyte"]) });
    expect(got.map((f) => [f.name, [...f.bytes]])).toEqual([["labels.gz", [31, 139, 8]]]);
    expect(posted).toEqual([{ type: "weights-result", requestId: "mnist-1", message: "t10k-labels-idx1-ubyte" }]);
  });

  it("answers a bad file with its error and the requestId", async () => {
    const posted = await answer({
      importMnist: async () => {
        throw new DataFileError("labels.gz", "labels.gz is gzip data that does not un-gzip: upload the original file.");
      },
    });
    expect(posted).toEqual([
      expect.objectContaining({ type: "error", requestId: "mnist-1", ename: "DataFileError", evalue: expect.stringMatching(/does not un-gzip/) }),
    ]);
  });

  it("says so when this kernel has no storage for uploads", async () => {
    const posted = await answer({});
    expect(posted[0]).toMatchObject({ type: "error", requestId: "mnist-1", evalue: expect.stringMatching(/cannot keep MNIST files/) });
  });
});
