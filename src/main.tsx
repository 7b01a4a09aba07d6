// Entry point: builds the one kernel client from the page URL and mounts the notebook library around the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { wasmPath } from "virtual:tfjs-wasm";
import { backendFromSearch, KernelClient } from "./kernel/client";
import { App } from "./ui/App";
import { LibraryRoot } from "./ui/features/library/LibraryRoot";
import "./ui/styles.css";

const client = new KernelClient({
  backend: backendFromSearch(location.search),
  mnistBaseUrl: new URL("/mnist/", location.href).href,
  wasmBaseUrl: new URL(wasmPath, location.href).href,
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LibraryRoot client={client} search={location.search} renderNotebook={(opened) => <App client={client} opened={opened} />} />
  </StrictMode>,
);
