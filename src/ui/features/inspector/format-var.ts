// One inspector row as text: shape and dtype for tensors, parameters for models, lr for optimizers; bytes in KB/MB.
import type { VarInfo } from "../../../kernel/protocol";

/** 1536 → "1.5 KB" (binary units, as PyTorch's memory summaries). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The details column: what a learner checks first for each kind of value. */
export function describeVar(v: VarInfo): string {
  const parts: string[] = [];
  if (v.shape) parts.push(`[${v.shape.join(", ")}]`);
  if (v.dtype) parts.push(v.dtype);
  if (v.params !== undefined) parts.push(`${v.params.toLocaleString("en-US")} parameters`);
  if (v.bytes !== undefined) parts.push(formatBytes(v.bytes));
  if (v.requiresGrad) parts.push("requiresGrad");
  if (v.lr !== undefined) parts.push(`lr ${v.lr}`);
  if (v.summary) parts.push(v.summary);
  return parts.join(" · ");
}
