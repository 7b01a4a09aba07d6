// stdout/stderr text under a cell; very long output shows its tail so the page stays light.
export interface StreamOutputProps {
  name: "stdout" | "stderr";
  text: string;
}

const MAX_LINES = 2000;

export function StreamOutput({ name, text }: StreamOutputProps) {
  const clean = text.replace(/\r$/, "");
  const lines = clean.split("\n");
  const hidden = lines.length - MAX_LINES;
  return (
    <pre className={`gb-stream gb-${name}`} data-stream={name}>
      {hidden > 0 && <span className="gb-stream-hidden">… {hidden} earlier lines hidden …{"\n"}</span>}
      {hidden > 0 ? lines.slice(-MAX_LINES).join("\n") : clean}
    </pre>
  );
}
