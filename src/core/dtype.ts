// Dtypes Gradbook supports and how they map to tfjs's.

/** PyTorch's names for the three dtypes tfjs can hold. int64 labels become int32 here. */
export type DType = "float32" | "int32" | "bool";

export const float32: DType = "float32";
export const int32: DType = "int32";
/** PyTorch's `long`; stored as int32 (tfjs has no int64). */
export const int64: DType = "int32";
export const bool: DType = "bool";

/** Result dtype of a binary arithmetic op (PyTorch's type promotion, restricted to our three dtypes). */
export function promote(a: DType, b: DType): DType {
  if (a === "float32" || b === "float32") return "float32";
  if (a === "int32" || b === "int32") return "int32";
  return "bool";
}
