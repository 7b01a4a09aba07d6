// Every user-facing error of the core ops: PyTorch's words, both shapes, and the fix.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as torch from "./index";

let before = 0;
beforeEach(() => {
  before = torch.memoryInfo().numTensors;
});
afterEach(() => {
  // A failed op must not leak what it had made before throwing.
  expect(torch.memoryInfo().numTensors).toBe(before);
});

const m = (): torch.Tensor => torch.zeros(3, 4);
const v = (): torch.Tensor => torch.zeros(4);
const run = (f: () => unknown) => () => torch.scope(() => void f());

describe("shape errors", () => {
  it("view/reshape", () => {
    expect(run(() => m().view(5, -1))).toThrow("shape '[5, -1]' is invalid for input of size 12");
    expect(run(() => m().view(-1, -1))).toThrow("only one dimension can be inferred");
    expect(run(() => m().reshape(5, 5))).toThrow("shape '[5, 5]' is invalid for input of size 12 (the new shape has 25 elements");
  });
  it("permute, transpose, squeeze, unsqueeze, flatten, t", () => {
    expect(run(() => m().permute(0))).toThrow("input.dim() = 2 is not equal to len(dims) = 1");
    expect(run(() => m().permute(0, 0))).toThrow("permute(): duplicate dims are not allowed");
    expect(run(() => m().transpose(0, 2))).toThrow("Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    expect(run(() => m().squeeze(2))).toThrow("Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    expect(run(() => m().unsqueeze(3))).toThrow("Dimension out of range (expected to be in range of [-3, 2], but got 3)");
    expect(run(() => m().flatten(1, 0))).toThrow("flatten() has invalid args: start_dim cannot come after end_dim");
    expect(run(() => torch.zeros(2, 3, 4).t())).toThrow("t() expects a tensor with <= 2 dimensions, but self is 3D");
  });
  it("expand and repeat", () => {
    expect(run(() => v().expand(3, 5))).toThrow(
      "The expanded size of the tensor (5) must match the existing size (4) at non-singleton dimension 1.  Target sizes: [3, 5].  Tensor sizes: [4]",
    );
    expect(run(() => m().expand(4))).toThrow("the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)");
    expect(run(() => m().expand(-1, 3, 4))).toThrow("The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0");
    expect(run(() => m().repeat(2))).toThrow("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
  });
  it("cat, stack, split, chunk", () => {
    expect(run(() => torch.cat([m(), v()]))).toThrow("Tensors must have same number of dimensions: got 2 and 1");
    expect(run(() => torch.cat([m(), torch.zeros(2, 5)]))).toThrow(
      "Sizes of tensors must match except in dimension 0. Expected size 4 but got size 5 for tensor number 1 in the list",
    );
    expect(run(() => torch.cat([]))).toThrow("torch.cat(): expected a non-empty list of Tensors");
    expect(run(() => torch.stack([m(), v()]))).toThrow("stack expects each tensor to be equal size, but got [3, 4] at entry 0 and [4] at entry 1");
    expect(run(() => m().split(0))).toThrow("split_size can only be 0 if dimension size is 0, but got dimension size of 3");
    expect(run(() => m().split([1, 1]))).toThrow("split_with_sizes expects split_sizes to sum exactly to 3");
    expect(run(() => m().chunk(0))).toThrow("chunk expects `chunks` to be greater than 0, got: 0");
  });
  it("matmul family", () => {
    expect(run(() => m().matmul(torch.zeros(5)))).toThrow("size mismatch, got 3, 3x4,5");
    expect(run(() => v().matmul(torch.zeros(5, 3)))).toThrow("mat1 and mat2 shapes cannot be multiplied (1x4 and 5x3)");
    expect(run(() => v().matmul(torch.zeros(5)))).toThrow("inconsistent tensor size, expected tensor [4] and src [5]");
    expect(run(() => torch.zeros(2, 3, 4).matmul(torch.zeros(5, 2)))).toThrow("mat1 and mat2 shapes cannot be multiplied (6x4 and 5x2)");
    expect(run(() => torch.zeros(2, 3, 4).matmul(torch.zeros(3, 4, 2)))).toThrow(
      "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    );
    expect(run(() => torch.bmm(torch.zeros(2, 3, 4), torch.zeros(2, 5, 2)))).toThrow(
      "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].",
    );
    expect(run(() => torch.bmm(m(), m()))).toThrow("batch1 must be a 3D tensor");
    expect(run(() => torch.mm(v(), m()))).toThrow("self must be a matrix");
    expect(run(() => torch.mm(m(), m()))).toThrow("mat1 and mat2 shapes cannot be multiplied (3x4 and 3x4)");
  });
  it("broadcasting names both shapes", () => {
    expect(run(() => m().add(torch.zeros(3)))).toThrow(
      "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1 (shapes [3, 4] and [3] do not broadcast)",
    );
  });
});

describe("indexing errors", () => {
  it("at / select / slice / narrow", () => {
    expect(run(() => m().at(3))).toThrow("index 3 is out of bounds for dimension 0 with size 3");
    expect(run(() => m().at(-4))).toThrow("index -4 is out of bounds for dimension 0 with size 3");
    expect(run(() => m().at(0, 0, 0))).toThrow("too many indices for tensor of dimension 2");
    expect(run(() => m().at("...", "..."))).toThrow("an index can only have a single ellipsis ('...')");
    expect(run(() => m().at("1-3"))).toThrow('at(): "1-3" is not a slice');
    expect(run(() => m().at(":", "::0"))).toThrow("slice step cannot be zero");
    expect(run(() => m().at("::-1"))).toThrow("step must be greater than zero");
    expect(run(() => m().narrow(0, 2, 2))).toThrow("start (2) + length (2) exceeds dimension size (3).");
    expect(run(() => m().at(torch.tensor([0, 5])))).toThrow("index 5 is out of bounds for dimension 0 with size 3");
    expect(run(() => m().at(torch.tensor([0.5])))).toThrow("tensors used as indices must be long, int, byte or bool tensors");
    expect(run(() => m().at(torch.tensor([true, false])))).toThrow("The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0");
    expect(run(() => m().at([0, 1], [0, 1, 2]))).toThrow("shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]");
  });
  it("indexSelect, gather, where, maskedFill, oneHot", () => {
    expect(run(() => m().indexSelect(0, torch.tensor([0, 5])))).toThrow("index out of range in self");
    expect(run(() => m().indexSelect(0, torch.tensor([[0]])))).toThrow("index_select(): Index is supposed to be a vector");
    expect(run(() => m().indexSelect(0, torch.tensor([0.5])))).toThrow("index_select(): Expected dtype int32 or int64 for index");
    expect(run(() => m().gather(1, torch.tensor([0, 1, 2])))).toThrow("Index tensor must have the same number of dimensions as input tensor");
    expect(run(() => m().gather(1, torch.tensor([[0], [5], [1]])))).toThrow("index 5 is out of bounds for dimension 1 with size 4");
    expect(run(() => m().gather(1, torch.tensor([[0], [1], [1], [1]])))).toThrow(
      "Size does not match at dimension 0 expected index [4, 1] to be smaller than self [3, 4] apart from dimension 1",
    );
    expect(run(() => m().gather(1, torch.tensor([[0.5]])))).toThrow("gather(): Expected dtype int64 for index");
    expect(run(() => torch.where(m(), m(), m()))).toThrow("where expected condition to be a boolean tensor, but got a tensor with dtype Float");
    expect(run(() => torch.where(m().gt(0), m(), torch.zeros(2, 4)))).toThrow("The size of tensor a (3) must match the size of tensor b (2)");
    expect(run(() => m().maskedFill(m(), 0))).toThrow("masked_fill_ only supports boolean masks");
    expect(run(() => m().maskedFill(m().gt(0), torch.zeros(2)))).toThrow("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).");
    expect(run(() => torch.oneHot(torch.tensor([0, 3]), 3))).toThrow("Class values must be smaller than num_classes.");
    expect(run(() => torch.oneHot(torch.tensor([-1, 1])))).toThrow("Class values must be non-negative.");
    expect(run(() => torch.oneHot(torch.tensor([0.5])))).toThrow("one_hot is only applicable to index tensor.");
  });
});

describe("dtype and reduction errors", () => {
  it("needs floats where PyTorch does", () => {
    const i = (): torch.Tensor => torch.tensor([1, 2, 3]);
    expect(run(() => i().mean())).toThrow("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long");
    expect(run(() => i().var())).toThrow("std and var only support floating point and complex dtypes.");
    expect(run(() => i().norm())).toThrow("norm(): input dtype should be either floating point or complex. Got Long instead.");
    expect(run(() => i().requiresGrad_())).toThrow("only Tensors of floating point dtype can require gradients");
    expect(run(() => torch.zeros(0).max())).toThrow("max(): Expected reduction dim to be specified for input.numel() == 0.");
    expect(run(() => torch.ones(3).sum(5))).toThrow("Dimension out of range (expected to be in range of [-1, 0], but got 5)");
    expect(run(() => torch.ones(2, 3).item())).toThrow("a Tensor with 6 elements cannot be converted to Scalar");
    expect(run(() => torch.ones(2, 3).clamp())).toThrow("torch.clamp: At least one of 'min' or 'max' must not be None");
    expect(run(() => torch.ones(2).to("tpu"))).toThrow('to(): expected a dtype (torch.float32, torch.int64, torch.bool) or a device ("cpu", "cuda"), got "tpu"');
  });
  it("factories", () => {
    expect(run(() => torch.arange(0, 5, -1))).toThrow("upper bound and larger bound inconsistent with step sign");
    expect(run(() => torch.arange(0, 5, 0))).toThrow("step must be nonzero");
    expect(run(() => torch.linspace(0, 1, -1))).toThrow("number of steps must be non-negative");
    expect(run(() => torch.eye(-1))).toThrow("n must be greater or equal to 0, got -1");
    expect(run(() => torch.randint(5, 3, [2]))).toThrow("random_ expects 'from' to be less than 'to', but got from=5 >= to=3");
    expect(run(() => torch.zeros(2, -1))).toThrow("zeros(): sizes must be non-negative integers, got [2, -1]");
  });
});
