// Drag and drop of files anywhere on the page: calls `onFile` with the first dropped file (and all of them); `dragging` drives the hint.
import { useEffect, useState } from "react";

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");

export function useFileDrop(onFile: (file: File, all: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0; // dragenter/dragleave fire for every child crossed
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // the browser would otherwise navigate to the file
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files[0]) onFile(files[0], files);
    };
    // Capture phase: a file dropped on a code editor opens as a notebook instead of landing in the editor.
    addEventListener("dragenter", enter, true);
    addEventListener("dragleave", leave, true);
    addEventListener("dragover", over, true);
    addEventListener("drop", drop, true);
    return () => {
      removeEventListener("dragenter", enter, true);
      removeEventListener("dragleave", leave, true);
      removeEventListener("dragover", over, true);
      removeEventListener("drop", drop, true);
    };
  }, [onFile]);
  return dragging;
}
