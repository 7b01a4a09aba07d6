// Types for Monaco's TypeScript tokenizer module (its Monarch grammar and language configuration; the module ships no .d.ts).
declare module "monaco-editor/languages/definitions/typescript/typescript" {
  import type { languages } from "monaco-editor/editor/editor.api";
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
