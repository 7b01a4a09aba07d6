// PyTorch's spellings in cells: legacy constructors and x.data work; snake_case names and wrong options fail naming the fix.
import { describe, expect, it } from "vitest";
import { Tensor } from "../../core";
import { cellSession } from "./cell-session";

const session = () => cellSession();

describe("PyTorch's older spellings", () => {
  it("torch.Tensor(2, 2) and torch.Tensor([[…]]), with and without new, are float tensors", async () => {
    const s = session();
    expect(await s.value("const a = new torch.Tensor(2, 2); [a.shape, a.dtype]")).toEqual([[2, 2], "float32"]);
    expect(await s.value("torch.Tensor(3).shape")).toEqual([3]);
    expect(await s.value("const b = torch.Tensor([[1, 2], [3, 4]]); [b.dtype, b.tolist()]")).toEqual(["float32", [[1, 2], [3, 4]]]);
    expect(await s.value("new torch.Tensor([1, 2]).dtype")).toBe("float32");
    expect(await s.value("[torch.zeros(1) instanceof torch.Tensor, torch.zeros(1) instanceof Tensor]")).toEqual([true, true]);
    expect(await s.message("torch.Tensor('a')")).toContain("torch.Tensor(): expected sizes, e.g. torch.Tensor(2, 3)");
    expect(await s.message("new Tensor(2, 2)")).toContain("make a tensor with torch.Tensor(2, 3)");
  });

  it("FloatTensor, LongTensor (int32), IntTensor, BoolTensor", async () => {
    const s = session();
    expect(
      await s.value("[torch.FloatTensor([1, 2]).dtype, torch.LongTensor([1, 2]).dtype, torch.IntTensor(2).dtype, torch.BoolTensor([1, 0]).tolist()]"),
    ).toEqual(["float32", "int32", "int32", [true, false]]);
    expect(await s.value("[torch.ones(1) instanceof torch.FloatTensor, torch.ones(1) instanceof torch.LongTensor]")).toEqual([true, false]);
  });

  it("Variable passes through; torch.cuda seeds are no-ops", async () => {
    const s = session();
    expect(await s.value("const x = torch.ones(2); const v = torch.autograd.Variable(x, { requiresGrad: true }); [v === x, x.requiresGrad]")).toEqual([true, true]);
    expect(await s.value("new torch.autograd.Variable(x) === x")).toBe(true);
    expect(await s.value("torch.cuda.manualSeed(1); torch.cuda.manualSeedAll(1); torch.cuda.isAvailable()")).toBe(false);
  });

  it("x.data is a detached tensor sharing x's values; p.data -= … and x.data = y change x", async () => {
    const s = session();
    await s.value("const p = torch.ones(2, { requiresGrad: true }); (p * 3).sum().backward()");
    expect(await s.value("const d = p.data; [d.requiresGrad, d.gradFn, d instanceof Tensor, d.tolist()]")).toEqual([false, null, true, [1, 1]]);
    await s.value("p.data -= 0.5 * p.grad");
    expect((s.scope.vars.p as Tensor).tolist()).toEqual([-0.5, -0.5]);
    expect((s.scope.vars.p as Tensor).requiresGrad).toBe(true);
    await s.value("p.data = torch.tensor([7, 8]).float()");
    expect(await s.value("[p.tolist(), p.requiresGrad]")).toEqual([[7, 8], true]);
    expect(await s.message("p.data = [1, 2]")).toContain("x.data = … expects a Tensor");
  });
});

describe("no silent undefined: PyTorch's snake_case names name Gradbook's", () => {
  const cases: Array<[string, string, string]> = [
    ["optimizer.zero_grad()", "zero_grad", "zeroGrad()"],
    ["torch.manual_seed(0)", "manual_seed", "manualSeed()"],
    ["x.requires_grad", "requires_grad", "requiresGrad"],
    ["x.requires_grad = true", "requires_grad", "requiresGrad"],
    ["model.state_dict()", "state_dict", "stateDict()"],
    ["model.load_state_dict({})", "load_state_dict", "loadStateDict()"],
    ["torch.no_grad(() => 1)", "no_grad", "noGrad()"],
    ["env.action_space", "action_space", "actionSpace"],
    ["env.observation_space.n", "observation_space", "observationSpace"],
    ["torch.from_numpy([1])", "from_numpy", "torch.tensor(array)"],
    ["x.grad_fn", "grad_fn", "gradFn"],
    ["x.is_leaf", "is_leaf", "isLeaf"],
    ["x.numpy()", "numpy", "tolist()"],
    ["optimizer.param_groups[0]", "param_groups", "paramGroups"],
    ["model.named_parameters()", "named_parameters", "namedParameters()"],
    ["torch.cuda.manual_seed_all(0)", "manual_seed_all", "manualSeedAll()"],
    ["torch.cuda.is_available()", "is_available", "isAvailable()"],
    ["F.cross_entropy(x, x)", "cross_entropy", "crossEntropy()"],
    ["nn.functional.log_softmax(x, 0)", "log_softmax", "logSoftmax()"],
    ["optim.lr_scheduler", "lr_scheduler", "optim.lrScheduler"],
    ["torch.float64", "float64", "torch.float32"],
    ["loader.batch_size", "batch_size", "batchSize"],
  ];
  it.each(cases)("%s", async (code, name, fix) => {
    const s = session();
    await s.value(
      'const x = torch.ones(2); const model = new nn.Linear(2, 1); const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });' +
        ' const env = gym.make("FrozenLake-v1"); const loader = new DataLoader(new TensorDataset(x), { batchSize: 1 })',
    );
    const out = await s.run(code);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.evalue).toContain(`'${name}' is PyTorch's name; in Gradbook it is ${fix}`);
  });

  it("loss.data[0] is PyTorch's 0-dim error pointing at item(), and x[i] is row i", async () => {
    const s = session();
    expect(await s.message("const loss = torch.tensor(0.5); loss.data[0]")).toContain("Use `tensor.item()`");
    expect(await s.value("torch.tensor([[1, 2], [3, 4]])[1].tolist()")).toEqual([3, 4]);
    expect(await s.message("const r = torch.zeros(2); r[0] = 1")).toContain("x[0] = value does not change a Tensor");
  });

  it("unknown dtypes and option names list what Gradbook accepts", async () => {
    const s = session();
    expect(await s.message('torch.zeros(2, { dtype: "float64" })')).toContain('unknown dtype "float64"; Gradbook\'s dtypes are torch.float32');
    expect(await s.message("torch.tensor([1.0], { requires_grad: true })")).toContain("'requires_grad'; options use camelCase here: requiresGrad");
    expect(await s.message("torch.randn(2, { dtyp: torch.float32 })")).toContain("known options: dtype, requiresGrad");
    expect(await s.message("new optim.SGD(new nn.Linear(1, 1).parameters(), { learning_rate: 0.1 })")).toContain(
      "unexpected keyword argument 'learning_rate'; known options: lr,",
    );
    expect(await s.value("torch.zeros(2, { device: 'cuda' }).shape")).toEqual([2]);
  });
});
