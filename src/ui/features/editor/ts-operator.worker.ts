// Monaco's TypeScript worker, checking each cell through its operator view (operator-view.ts) so Tensor operators type.
import type * as TS from "typescript";
import { initialize, ts as tsServices, TypeScriptWorker } from "monaco-editor/languages/features/typescript/ts.worker";
import { operatorDiagnostic, operatorView, type OperatorView } from "./operator-view";

// Monaco's `ts` export is a module of a few re-exports (createLanguageService, ScriptTarget…); the whole compiler API
// (createSourceFile, forEachChild) is its `typescript` member. Without this every check threw "createSourceFile is not a function".
const ts: typeof TS = (tsServices as unknown as { typescript?: typeof TS }).typescript ?? tsServices;

/** Cell models (extra-libs.ts cellModelPath); library files are never rewritten. */
const isCell = (fileName: string): boolean => fileName.startsWith("file:///notebook/");

type Span = { start: number; length: number };

class OperatorWorker extends TypeScriptWorker {
  private readonly views = new Map<string, { version: string; source: string; view: OperatorView }>();

  private view(fileName: string): OperatorView | null {
    if (!isCell(fileName)) return null;
    const source = super._getScriptText(fileName);
    if (source === undefined) return null;
    const version = this.getScriptVersion(fileName);
    const cached = this.views.get(fileName);
    if (cached && cached.version === version && cached.source === source) return cached.view;
    const view = operatorView(ts, source);
    this.views.set(fileName, { version, source, view });
    return view;
  }

  override _getScriptText(fileName: string): string | undefined {
    return this.view(fileName)?.text ?? super._getScriptText(fileName);
  }

  private toView(fileName: string, pos: number): number {
    return this.view(fileName)?.toView(pos) ?? pos;
  }

  /** A span in `fileName`'s view, as a span of the cell's own text. */
  private span<T extends Span | undefined>(fileName: string, s: T): T {
    const v = this.view(fileName);
    if (!v || !s) return s;
    const start = v.fromView(s.start);
    return { ...s, start, length: Math.max(0, v.fromView(s.start + s.length) - start) };
  }

  private diagnostics(fileName: string, ds: TS.Diagnostic[]): TS.Diagnostic[] {
    const v = this.view(fileName);
    if (!v) return ds;
    return ds.map((d) => {
      if (d.start === undefined) return d;
      const message = typeof d.messageText === "string" ? d.messageText : ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const mapped = this.span(fileName, { start: d.start, length: d.length ?? 0 });
      return { ...d, ...mapped, messageText: operatorDiagnostic(v, d.start, message) ?? d.messageText };
    });
  }

  override async getSyntacticDiagnostics(f: string) { return this.diagnostics(f, await super.getSyntacticDiagnostics(f)); }
  override async getSemanticDiagnostics(f: string) { return this.diagnostics(f, await super.getSemanticDiagnostics(f)); }
  override async getSuggestionDiagnostics(f: string) { return this.diagnostics(f, await super.getSuggestionDiagnostics(f)); }

  override async getCompletionsAtPosition(f: string, p: number) {
    const info = await super.getCompletionsAtPosition(f, this.toView(f, p));
    if (!info) return info;
    return {
      ...info,
      optionalReplacementSpan: this.span(f, info.optionalReplacementSpan),
      entries: info.entries.map((e) => (e.replacementSpan ? { ...e, replacementSpan: this.span(f, e.replacementSpan) } : e)),
    };
  }
  override async getCompletionEntryDetails(f: string, p: number, entry: string) {
    return super.getCompletionEntryDetails(f, this.toView(f, p), entry);
  }
  override async getSignatureHelpItems(f: string, p: number, options: unknown) {
    const h = await super.getSignatureHelpItems(f, this.toView(f, p), options);
    return h && { ...h, applicableSpan: this.span(f, h.applicableSpan) };
  }
  override async getQuickInfoAtPosition(f: string, p: number) {
    const q = await super.getQuickInfoAtPosition(f, this.toView(f, p));
    return q && { ...q, textSpan: this.span(f, q.textSpan) };
  }
  override async getDocumentHighlights(f: string, p: number, files: string[]) {
    const hs = await super.getDocumentHighlights(f, this.toView(f, p), files);
    return hs?.map((h) => ({ ...h, highlightSpans: h.highlightSpans.map((s) => ({ ...s, textSpan: this.span(h.fileName, s.textSpan) })) }));
  }
  private located<T extends { fileName: string; textSpan: Span; contextSpan?: Span }>(xs: readonly T[] | undefined): T[] | undefined {
    return xs?.map((x) => ({ ...x, textSpan: this.span(x.fileName, x.textSpan), contextSpan: this.span(x.fileName, x.contextSpan) }));
  }
  override async getDefinitionAtPosition(f: string, p: number) { return this.located(await super.getDefinitionAtPosition(f, this.toView(f, p))); }
  override async getReferencesAtPosition(f: string, p: number) { return this.located(await super.getReferencesAtPosition(f, this.toView(f, p))); }
  override async findRenameLocations(f: string, p: number, a: boolean, b: boolean, c: unknown) {
    return this.located(await super.findRenameLocations(f, this.toView(f, p), a, b, c));
  }
  override async getRenameInfo(f: string, p: number, options: unknown) {
    const r = await super.getRenameInfo(f, this.toView(f, p), options);
    return r.canRename ? { ...r, triggerSpan: this.span(f, r.triggerSpan) } : r;
  }
  // Formatting and quick fixes would edit the view's text, not the cell's: offered only where the two are the same.
  private same(f: string): boolean {
    const v = this.view(f);
    return !v || v.calls.length === 0;
  }
  override async getFormattingEditsForDocument(f: string, o: unknown) { return this.same(f) ? super.getFormattingEditsForDocument(f, o) : []; }
  override async getFormattingEditsForRange(f: string, s: number, e: number, o: unknown) {
    return this.same(f) ? super.getFormattingEditsForRange(f, s, e, o) : [];
  }
  override async getFormattingEditsAfterKeystroke(f: string, p: number, ch: string, o: unknown) {
    return this.same(f) ? super.getFormattingEditsAfterKeystroke(f, p, ch, o) : [];
  }
  override async getCodeFixesAtPosition(f: string, s: number, e: number, codes: number[], o: unknown) {
    return this.same(f) ? super.getCodeFixesAtPosition(f, s, e, codes, o) : [];
  }
  override async provideInlayHints(f: string, s: number, e: number) {
    if (this.same(f)) return super.provideInlayHints(f, s, e);
    const v = this.view(f)!;
    const hints = await super.provideInlayHints(f, v.toView(s), v.toView(e));
    return hints.map((h) => ({ ...h, position: v.fromView(h.position) }));
  }
}

// Replaces the handler the imported module installed, so the editor gets our subclass.
self.onmessage = () => {
  initialize((ctx, createData) => new OperatorWorker(ctx, createData));
};
