// English UI strings; the shape every other language follows (ko.ts).

export const en = {
  // Header and toolbar
  runAll: "▶▶ Run all",
  interrupt: "■ Interrupt",
  restart: "↻ Restart",
  clearOutputs: "Clear outputs",
  exportWeights: "⤓ Export weights",
  downloadIpynb: "⤓ .ipynb",
  downloadIpynbTitle: "Download this notebook as .ipynb (outputs included)",
  toolbarLabel: "Notebook",
  kernelLabel: "kernel",
  backendLabel: "backend",
  dismiss: "Dismiss",
  // Cells (for the cell components)
  runCell: "Run cell (Shift+Enter)",
  deleteCell: "Delete cell",
  addCode: "+ Code",
  addMarkdown: "+ Markdown",
  markdownPlaceholder: "Markdown… (Shift+Enter to render)",
  doubleClickToEdit: "Double-click to edit",
  // Cell toolbar, run menu and editor (notebook editing)
  restartRunAll: "↻▶▶ Restart & run all",
  restartRunAllTitle: "Restart the kernel, then run every cell from the top",
  interruptTitle: "Stop the running cell; the kernel keeps its variables (I, I)",
  restartTitle: "A fresh kernel: variables are gone, the notebook and its outputs stay (0, 0)",
  clearAllOutputsTitle: "Clear every cell's outputs",
  themeToDark: "☾",
  themeToLight: "☀",
  themeToDarkTitle: "Switch to the dark theme",
  themeToLightTitle: "Switch to the light theme",
  cellToolbarLabel: "Cell",
  runAllAbove: "Run all cells above this one",
  runAllBelow: "Run this cell and all below",
  moveUp: "Move cell up",
  moveDown: "Move cell down",
  addCellAbove: "Insert a code cell above (A)",
  addCellBelow: "Insert a code cell below (B)",
  toMarkdown: "Make this a Markdown cell (M)",
  toCode: "Make this a code cell (Y)",
  clearCellOutputs: "Clear this cell's outputs",
  deleteCellTitle: "Delete cell (D, D; undo with Z)",
  elapsedTitle: "How long the last run took",
  runningTitle: "Running…",
  queuedTitle: "Waiting for the cells above to finish",
  // Language toggle: shows the language in use; the title says what a click does.
  langToggle: "EN",
  langToggleTitle: "Language: English. Click for 한국어.",
  // Notebook list
  notebooks: "Notebooks",
  showNotebooks: "Show the notebook list",
  hideNotebooks: "Hide the notebook list",
  tutorials: "Tutorials",
  myNotebooks: "My notebooks",
  noNotebooks: "No notebooks of your own yet: start a new one, duplicate a tutorial, or open a .ipynb file.",
  newNotebook: "+ New notebook",
  openIpynb: "Open .ipynb…",
  dropHint: "Drop a .ipynb file to open it as a new notebook",
  edited: "edited",
  rename: "Rename",
  duplicate: "Duplicate",
  delete: "Delete",
  cancel: "Cancel",
  resetToOriginal: "Reset to original",
  untitled: "Untitled",
  copyOf: (title: string) => `${title} (copy)`,
  confirmDelete: (title: string) => `Delete "${title}"? This cannot be undone.`,
  confirmReset: (title: string) => `Reset "${title}" to the original? Your edits and outputs in it are lost.`,
  confirmSwitchBusy: "The kernel is still running a cell. Opening another notebook restarts the kernel and stops that cell. Continue?",
  // Storage
  confirmLoseUnsaved:
    "The latest changes to this notebook could not be saved (browser storage is full). Leave it anyway and lose them? Choose Cancel, then download it as .ipynb.",
  saveSaved: "Saved in this browser",
  saveSaving: "Saving…",
  saveFailed: "Not saved",
  saveOff: "Not saved: no browser storage",
  storageFull:
    "Browser storage is full, so your latest changes are not saved: they are kept in this tab only. Download the notebook (.ipynb) or delete notebooks you no longer need; saving resumes by itself.",
  storageError: (reason: string) =>
    `Could not save to browser storage (${reason}). Your changes are kept in this tab only; download the notebook (.ipynb) to keep them.`,
  storageUnavailable: (reason: string) =>
    `Browser storage is unavailable (${reason}), so notebooks are not saved between visits. Download your notebook (.ipynb) to keep it.`,
  // Opening files and notebooks
  openErrorTooBig: (name: string, mb: string) =>
    `Could not open ${name}: it is ${mb} MB and Gradbook opens notebooks up to 50 MB. Clear its outputs in Jupyter and save it again.`,
  openErrorBinary: (name: string) =>
    `Could not open ${name}: it is not a text file. A .ipynb notebook is JSON text; pick the notebook itself, not an archive or an image.`,
  openErrorFormat: (name: string, detail: string) => `Could not open ${name}: ${detail}`,
  openErrorRead: (name: string, detail: string) => `Could not read ${name} (${detail}); try again or pick another copy.`,
  openErrorNotIpynb: (name: string) => `${name} is not a .ipynb file; Gradbook opens Jupyter notebooks (.ipynb).`,
  openErrorUntouched: "The notebook you were working on is unchanged.",
  noSuchNotebook: (wanted: string, opened: string) => `There is no notebook "${wanted}"; opened "${opened}" instead.`,
  storedCopyUnreadable: (title: string, detail: string) =>
    `The saved copy of "${title}" could not be read (${detail}); opened the original instead.`,
  foreignNotebook: (language: string) =>
    `This notebook was written for ${language}. Its code cells are ${language}; Gradbook runs TypeScript with PyTorch's API, so they will not run as they are: rewrite them in TypeScript.`,
  foreignCell: (language: string) => `This cell is ${language}; Gradbook runs TypeScript`,
};

type Widen<T> = { [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string };

/** The strings of one language. */
export type Strings = Widen<typeof en>;
