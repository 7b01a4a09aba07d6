// What each backend really runs on (adapter, renderer, wasm features), for the notes under the bench table.
import { tf } from "../src/core";

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

async function webgpuAdapter(): Promise<string> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: AdapterInfoLike } | null> } }).gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  const info = adapter?.info ?? {};
  return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unknown adapter";
}

function webglRenderer(): string {
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
  if (!gl) return "no webgl2 context";
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** One line: the device behind `backend`, and whether the worker is cross-origin isolated. */
export async function describeDevice(backend: string): Promise<string> {
  const isolated = `crossOriginIsolated=${String(self.crossOriginIsolated)}`;
  try {
    if (backend === "webgpu") return `adapter: ${await webgpuAdapter()}; ${isolated}`;
    if (backend === "webgl") return `renderer: ${webglRenderer()}; ${isolated}`;
    if (backend === "wasm" || backend === "fastcpu") {
      const ours = backend === "fastcpu" ? "tfjs-wasm + Gradbook's SIMD GEMM/conv kernels; " : "";
      const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
      return `${ours}SIMD ${simd ? "on" : "off"}, tfjs-wasm threads ${tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT") ? "on" : "off"}; ${isolated}`;
    }
    return `tfjs's plain JavaScript kernels; ${isolated}`;
  } catch (e) {
    return `device info unavailable (${e instanceof Error ? e.message : String(e)})`;
  }
}
