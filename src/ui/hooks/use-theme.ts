// Light or dark theme: the saved choice, else the system's; set on <html data-theme> (Monaco follows it).
import { useCallback, useLayoutEffect, useState } from "react";

export type Theme = "light" | "dark";
const STORAGE_KEY = "gradbook.theme";

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // storage disabled: fall back to the system preference
  }
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function useTheme(): { theme: Theme; toggleTheme: () => void } {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggleTheme = useCallback(() => {
    setTheme((t) => {
      const next = t === "dark" ? "light" : "dark";
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not remembered; the toggle still works for this visit
      }
      return next;
    });
  }, []);
  return { theme, toggleTheme };
}
