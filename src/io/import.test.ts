// Importing safetensors: round trip, one error listing every mismatch in PyTorch's words, bad files; the model never half-changes.
import { describe, expect, it } from "vitest";
import { manualSeed, noGrad, randn, scope, tf, type Tensor } from "../core";
import * as nn from "../nn";
import { stateDictToSafetensors } from "./export";
import { loadSafetensors, loadSafetensorsInto } from "./import";
import { importFile } from "./weights-files";
import { readSafetensors, writeSafetensors, type SafetensorsInput } from "./safetensors";
import { checkpointBytes, restoreCheckpoint } from "./checkpoint";

class Net extends nn.Module {
  fc1 = new nn.Linear(4, 3);
  bn = new nn.BatchNorm1d(3);
  fc2 = new nn.Linear(3, 2);
  override forward(x: Tensor): Tensor {
    return this.fc2(nn.functional.relu(this.bn(this.fc1(x))));
  }
}

const values = (m: nn.Module) => Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, Array.from(t.tfData.dataSync())]));

/** Net's state as safetensors entries, with `edit` applied to the list. */
function entries(edit: (list: SafetensorsInput[]) => SafetensorsInput[] = (l) => l): Uint8Array {
  const list: SafetensorsInput[] = [
    { name: "fc1.weight", dtype: "F32", shape: [3, 4], data: new Float32Array(12).fill(0.5) },
    { name: "fc1.bias", dtype: "F32", shape: [3], data: new Float32Array(3) },
    { name: "bn.weight", dtype: "F32", shape: [3], data: new Float32Array(3).fill(1) },
    { name: "bn.bias", dtype: "F32", shape: [3], data: new Float32Array(3) },
    { name: "bn.running_mean", dtype: "F32", shape: [3], data: new Float32Array(3) },
    { name: "bn.running_var", dtype: "F32", shape: [3], data: new Float32Array(3).fill(1) },
    { name: "bn.num_batches_tracked", dtype: "I64", shape: [], data: new BigInt64Array([5n]) },
    { name: "fc2.weight", dtype: "F32", shape: [2, 3], data: new Float32Array(6) },
    { name: "fc2.bias", dtype: "F32", shape: [2], data: new Float32Array(2) },
  ];
  return writeSafetensors(edit(list), { format: "pt" });
}

describe("loadSafetensors / loadSafetensorsInto", () => {
  it("round trip: export → import into a fresh model → identical outputs", () => {
    manualSeed(0);
    const a = new Net();
    scope(() => a(randn(8, 4)));
    a.eval();
    const b = new Net();
    b.eval();
    loadSafetensorsInto(b, stateDictToSafetensors(a));
    expect(values(b)).toEqual(values(a));
    const [ya, yb] = scope(() => noGrad(() => {
      const x = randn(5, 4);
      return [Array.from(a(x).tfData.dataSync()), Array.from(b(x).tfData.dataSync())];
    }));
    expect(yb).toEqual(ya);
  });

  it("model.loadStateDict(loadSafetensors(bytes)) works as in PyTorch, F16 included", () => {
    const m = new nn.Linear(2, 1);
    const before = tf.memory().numTensors;
    scope(() => {
      const bytes = writeSafetensors([
        { name: "weight", dtype: "F16", shape: [1, 2], data: new Uint16Array([0x3c00, 0xc000]) },
        { name: "bias", dtype: "F32", shape: [1], data: new Float32Array([0.25]) },
      ]);
      m.loadStateDict(loadSafetensors(bytes));
    });
    expect(values(m)).toEqual({ weight: [1, -2], bias: [0.25] });
    expect(tf.memory().numTensors).toBe(before); // the loaded tensors are freed with the scope
  });

  it("lists every missing, unexpected, mis-shaped and mis-typed key in one error; the model is unchanged", () => {
    const m = new Net();
    const snapshot = values(m);
    const bad = entries((l) => {
      const kept = l.filter((e) => e.name !== "fc2.bias" && e.name !== "bn.running_var");
      kept[0] = { name: "fc1.weight", dtype: "F32", shape: [4, 3], data: new Float32Array(12) };
      kept[1] = { name: "fc1.bias", dtype: "I64", shape: [3], data: new BigInt64Array(3) };
      return [...kept, { name: "fc3.weight", dtype: "F32", shape: [1], data: new Float32Array(1) }];
    });
    expect(() => loadSafetensorsInto(m, bad)).toThrow(
      "Error(s) in loading state_dict for Net:\n" +
        '\tMissing key(s) in state_dict: "bn.running_var", "fc2.bias". \n' +
        '\tUnexpected key(s) in state_dict: "fc3.weight". \n' +
        "\tsize mismatch for fc1.weight: copying a param with shape torch.Size([4, 3]) from checkpoint, the shape in current model is torch.Size([3, 4]).\n" +
        "\tdtype mismatch for fc1.bias: copying a param with dtype torch.int64 from checkpoint, the dtype in current model is torch.float32; convert it before saving (e.g. .float() in PyTorch).",
    );
    expect(values(m)).toEqual(snapshot);
    loadSafetensorsInto(m, entries());
    expect(values(m)["bn.num_batches_tracked"]).toEqual([5]);
  });

  it("rejects bad files with an error naming what is wrong, leaving the model unchanged", () => {
    const m = new Net();
    const snapshot = values(m);
    const good = entries();
    const n = Number(new DataView(good.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(good.subarray(8, 8 + n));
    const withHeader = (h: string, data = good.subarray(8 + n)) => {
      const json = new TextEncoder().encode(h);
      const out = new Uint8Array(8 + json.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      out.set(data, 8 + json.length);
      return out;
    };
    const lyingSize = new Uint8Array(good);
    new DataView(lyingSize.buffer).setBigUint64(0, BigInt(good.length), true);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["header size past the end", lyingSize, /Header size \d+ reaches beyond the end/],
      ["truncated", good.subarray(0, good.length - 4), /past the end of the \d+-byte data buffer; the file is truncated/],
      ["non-JSON header", withHeader("{not json"), /Header is not valid UTF-8 JSON/],
      ["unknown dtype", withHeader(header.replace('"dtype":"F32"', '"dtype":"F64"')), /has dtype "F64"; Gradbook reads/],
      ["size that lies", withHeader(header.replace('"shape":[3,4]', '"shape":[3,5]')), /needs 60/],
      ["overlap", withHeader(header.replace('"data_offsets":[48,60]', '"data_offsets":[40,52]')), /overlaps|needs/],
      ["out of range", withHeader(header.replace(/"data_offsets":\[(\d+),(\d+)\]\}\}/, '"data_offsets":[$1,99999]}}')), /needs|past the end/],
      ["too short", new Uint8Array(3), /too short/],
    ];
    for (const [what, bytes, message] of cases) {
      expect(() => loadSafetensorsInto(m, bytes), what).toThrow(message);
      expect(values(m), what).toEqual(snapshot);
    }
  });

  it("treats every tensor name as data: __proto__, constructor, toString … are unexpected keys, never prototype tricks", () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"]) {
      const extra = entries((l) => [...l, { name, dtype: "F32", shape: [1], data: new Float32Array([7]) }]);
      const m = new Net();
      const snapshot = values(m);
      expect(() => loadSafetensorsInto(m, extra), name).toThrow(`Error(s) in loading state_dict for Net:\n\tUnexpected key(s) in state_dict: "${name}". `);
      expect(values(m), name).toEqual(snapshot);
      expect(() => importFile(m, extra, { filename: "evil.safetensors" }), name).toThrow(`Unexpected key(s) in state_dict: "${name}"`);

      const sd = loadSafetensors(extra);
      expect(Object.keys(sd), name).toContain(name);
      expect(Object.hasOwn(sd, name) && sd[name].shape, name).toEqual([1]);
      expect(m.loadStateDict(sd, false), name).toEqual({ missingKeys: [], unexpectedKeys: [name] });
      for (const t of Object.values(sd)) t.dispose();
    }
  });

  it("a checkpoint with an extra model.__proto__ tensor is refused like any unexpected key", () => {
    const m = new Net();
    const file = readSafetensors(checkpointBytes({ model: m, epoch: 1 }));
    const list: SafetensorsInput[] = [...file.tensors].map(([name, e]) => ({ name, ...e }));
    list.push({ name: "model.__proto__", dtype: "F32", shape: [1], data: new Float32Array([7]) });
    const evil = writeSafetensors(list, file.metadata);
    expect(() => restoreCheckpoint(evil, { model: m })).toThrow('Unexpected key(s) in state_dict: "__proto__"');
  });

  it("says what to pass when the model or the bytes are wrong", () => {
    expect(() => loadSafetensorsInto({}, entries())).toThrow(/needs an nn.Module/);
    expect(() => loadSafetensors("x" as unknown as Uint8Array)).toThrow(/expects the file's bytes/);
    const big = writeSafetensors([{ name: "weight", dtype: "I64", shape: [1], data: new BigInt64Array([2n ** 40n]) }]);
    expect(() => loadSafetensors(big)).toThrow(/outside int32/);
  });
});
