// Entry point: builds the one kernel client from the page URL and mounts the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { wasmPath } from "virtual:tfjs-wasm";
import { backendFromSearch, KernelClient } from "./kernel/client";
import { App } from "./ui/App";
import { openFromSearch } from "./ui/features/notebook/open-tutorial";
import "./ui/styles.css";

const client = new KernelClient({
  backend: backendFromSearch(location.search),
  mnistBaseUrl: new URL("/mnist/", location.href).href,
  wasmBaseUrl: new URL(wasmPath, location.href).href,
});
const opened = openFromSearch(location.search);
document.title = `${opened.title} · Gradbook`;

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={client} opened={opened} />
  </StrictMode>,
);
