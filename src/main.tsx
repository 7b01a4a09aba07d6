// Entry point: builds the one kernel client from the page URL and mounts the notebook library around the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { wasmPath } from "virtual:tfjs-wasm";
import { backendFromSearch, KernelClient } from "./kernel/client/client";
import { App } from "./ui/App";
import { LibraryRoot } from "./ui/features/library/LibraryRoot";
import { setUpServiceWorker } from "./ui/features/pwa/service-worker";
import "./ui/styles.css";

const client = new KernelClient({
  backend: backendFromSearch(location.search),
  // BASE_URL is the build's base ("/" or GRADBOOK_BASE, e.g. "/gradbook/").
  mnistBaseUrl: new URL(`${import.meta.env.BASE_URL}mnist/`, location.href).href,
  wasmBaseUrl: new URL(wasmPath, location.href).href,
});

/** The kernel's first `ready` (or 20 s, whatever comes first): a page already isolated registers its worker then. */
const kernelUp = new Promise<void>((resolve) => {
  const off = client.on((e) => e.type === "ready" && (off(), resolve()));
  setTimeout(resolve, 20_000);
});

// On a host without COOP/COEP the service worker isolates the page (one reload).
const serviceWorker = setUpServiceWorker(
  import.meta.env.BASE_URL,
  import.meta.env.PROD,
  (text) => {
    document.getElementById("root")!.textContent = text;
  },
  kernelUp,
);
// The kernel starts loading as early as it can, beside the service worker's registration, React's first render and
// the notebook's load from storage (not after them). A page not yet isolated may still reload into isolation: its
// kernel waits for that (a kernel started now would be thrown away, or run without threads).
if (crossOriginIsolated) client.start();
const isolation = await serviceWorker;
client.start();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LibraryRoot client={client} search={location.search} renderNotebook={(opened) => <App client={client} opened={opened} isolation={isolation} />} />
  </StrictMode>,
);
