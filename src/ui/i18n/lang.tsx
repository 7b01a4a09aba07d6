// The UI language: Korean or English, the browser's by default, remembered in localStorage; `useT()` gives its strings.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en, type Strings } from "./en";
import { ko } from "./ko";

export type UiLang = "ko" | "en";

export const STRINGS: Record<UiLang, Strings> = { en, ko };
const STORAGE_KEY = "gradbook.lang";

/** Korean for a browser that prefers Korean (before English), else English. */
export function detectLang(languages: readonly string[]): UiLang {
  for (const l of languages) {
    const tag = l.toLowerCase();
    if (tag.startsWith("ko")) return "ko";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

/** The remembered choice, else the browser's language. */
export function initialLang(stored: string | null, languages: readonly string[]): UiLang {
  return stored === "ko" || stored === "en" ? stored : detectLang(languages);
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the browser language still works
  }
}

interface LangContextValue {
  lang: UiLang;
  setLang: (lang: UiLang) => void;
  t: Strings;
}

const LangContext = createContext<LangContextValue>({ lang: "en", setLang: () => {}, t: en });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<UiLang>(() =>
    initialLang(readStored(), typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language])),
  );
  const setLang = useCallback((next: UiLang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; the toggle still works for this visit
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang, t: STRINGS[lang] }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

/** The UI language and its setter. */
export function useLang(): { lang: UiLang; setLang: (lang: UiLang) => void } {
  const { lang, setLang } = useContext(LangContext);
  return { lang, setLang };
}

/** The strings of the UI language. */
export function useT(): Strings {
  return useContext(LangContext).t;
}
