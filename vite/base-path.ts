// The site's base path for hosting under a sub-path: GRADBOOK_BASE=/gradbook/ npm run build (default "/").

/** Vite's `base` from GRADBOOK_BASE: an absolute path, given a trailing slash; errors say what to write instead. */
export function basePath(env: Record<string, string | undefined> = process.env): string {
  const raw = env.GRADBOOK_BASE?.trim();
  if (!raw) return "/";
  if (!raw.startsWith("/") || raw.includes("://")) {
    throw new Error(`GRADBOOK_BASE must be the site's path on its host, like /gradbook/, got "${raw}"`);
  }
  return raw.endsWith("/") ? raw : `${raw}/`;
}
