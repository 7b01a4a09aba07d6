// How a live output reaches its kernel-side widget: a context the app fills with the kernel client.
import { createContext, useContext } from "react";
import type { KernelEvent } from "../../../kernel/client/client";
import type { WidgetReply, WidgetRequest } from "../../../kernel/protocol";

/** The part of KernelClient a widget uses. */
export interface WidgetChannel {
  widgetRequest(widgetId: string, request: WidgetRequest): Promise<WidgetReply>;
  /** Kernel events: a `kernel-restarted` retires every widget at once. */
  on(listener: (event: KernelEvent) => void): () => void;
}

/** null outside an app with a kernel (e.g. a static render): widgets then say they need the cell re-run. */
export const WidgetChannelContext = createContext<WidgetChannel | null>(null);

export function useWidgetChannel(): WidgetChannel | null {
  return useContext(WidgetChannelContext);
}
