// Gradbook's notebook builtins (the kernel scope's functions) → their Python counterparts, or a comment saying what
// the browser did. `section` names the prelude helper the program must then include.

/** How a call to a Gradbook builtin becomes Python. */
export type Builtin =
  /** Call `py(...)` with the same arguments (a trailing options object as keyword arguments). */
  | { kind: "call"; py: string; section?: string; kwargs?: false }
  /** Browser-only: a comment line saying what it did (and the call, quoted); the program goes on. */
  | { kind: "comment"; did: string };

export const BUILTINS: Record<string, Builtin> = {
  print: { kind: "call", py: "print", kwargs: false },
  manualSeed: { kind: "call", py: "torch.manual_seed", kwargs: false },
  showImages: { kind: "call", py: "show_images", section: "figures" },
  showWeights: { kind: "call", py: "show_weights", section: "figures" },
  showMisclassified: { kind: "call", py: "show_misclassified", section: "figures" },
  plot: { kind: "call", py: "plot", section: "figures" },
  table: { kind: "call", py: "table", section: "table" },
  log: { kind: "call", py: "log", section: "log" },
  summary: { kind: "call", py: "summary", section: "summary" },
  confusionMatrix: { kind: "call", py: "confusion_matrix", section: "confusion" },
  exportWeights: { kind: "call", py: "save_weights", section: "safetensors" },
  display: { kind: "call", py: "print", kwargs: false },
  drawPad: { kind: "comment", did: "opened a pad to draw a digit and watch the model's guess live; Python has no counterpart" },
  showFeatureMaps: { kind: "comment", did: "drew a layer's feature maps for one image; use a forward hook and show_images() to see them" },
  liveChart: { kind: "comment", did: "drew a live chart while training; log() prints the same numbers" },
  progress: { kind: "comment", did: "showed a progress bar" },
  nextTick: { kind: "comment", did: "yielded to the browser so it could free memory; Python needs no pause" },
  clearOutput: { kind: "comment", did: "cleared the cell's output" },
};

/** `resumable(epochs, { model, optimizer })` counts epochs (and checkpoints them in the browser). */
export const RESUMABLE = "resumable";
/** `noGrad(fn)`: PyTorch's `with torch.no_grad():`. */
export const NO_GRAD = "noGrad";
