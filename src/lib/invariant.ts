// Internal invariants (programmer errors, not user errors) and exhaustive-switch helper.

export function invariant(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`Gradbook internal error: ${msg}`);
}

export function assertNever(x: never, what = "value"): never {
  throw new Error(`Gradbook internal error: unexpected ${what}: ${JSON.stringify(x)}`);
}
