// Types for the parts of Monaco's TypeScript worker module that ts-operator.worker.ts extends (the module ships no .d.ts).
declare module "monaco-editor/languages/features/typescript/ts.worker" {
  import type * as TS from "typescript";
  export const ts: typeof TS;
  /** Monaco's language-service host and its async methods called by the editor (positions are offsets). */
  export class TypeScriptWorker {
    constructor(ctx: unknown, createData: unknown);
    _getScriptText(fileName: string): string | undefined;
    getScriptVersion(fileName: string): string;
    getSyntacticDiagnostics(fileName: string): Promise<TS.Diagnostic[]>;
    getSemanticDiagnostics(fileName: string): Promise<TS.Diagnostic[]>;
    getSuggestionDiagnostics(fileName: string): Promise<TS.Diagnostic[]>;
    getCompletionsAtPosition(fileName: string, position: number): Promise<TS.CompletionInfo | undefined>;
    getCompletionEntryDetails(fileName: string, position: number, entry: string): Promise<TS.CompletionEntryDetails | undefined>;
    getSignatureHelpItems(fileName: string, position: number, options: unknown): Promise<TS.SignatureHelpItems | undefined>;
    getQuickInfoAtPosition(fileName: string, position: number): Promise<TS.QuickInfo | undefined>;
    getDocumentHighlights(fileName: string, position: number, filesToSearch: string[]): Promise<TS.DocumentHighlights[] | undefined>;
    getDefinitionAtPosition(fileName: string, position: number): Promise<readonly TS.DefinitionInfo[] | undefined>;
    getReferencesAtPosition(fileName: string, position: number): Promise<TS.ReferenceEntry[] | undefined>;
    findRenameLocations(fileName: string, position: number, a: boolean, b: boolean, c: unknown): Promise<readonly TS.RenameLocation[] | undefined>;
    getRenameInfo(fileName: string, position: number, options: unknown): Promise<TS.RenameInfo>;
    getFormattingEditsForDocument(fileName: string, options: unknown): Promise<TS.TextChange[]>;
    getFormattingEditsForRange(fileName: string, start: number, end: number, options: unknown): Promise<TS.TextChange[]>;
    getFormattingEditsAfterKeystroke(fileName: string, position: number, ch: string, options: unknown): Promise<TS.TextChange[]>;
    getCodeFixesAtPosition(fileName: string, start: number, end: number, errorCodes: number[], options: unknown): Promise<readonly TS.CodeFixAction[]>;
    provideInlayHints(fileName: string, start: number, end: number): Promise<readonly TS.InlayHint[]>;
  }
  export function initialize(factory: (ctx: unknown, createData: unknown) => unknown): void;
}
