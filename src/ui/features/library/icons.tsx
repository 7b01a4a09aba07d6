// Small line icons for the notebook list (inline SVG: no icon font, nothing missing from the user's fonts).
const paths = {
  rename: "M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4",
  duplicate: "M9 9h10v10H9zM5 15V5h10",
  delete: "M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13",
  reset: "M4 12a8 8 0 1 0 2.5-5.8M4 4v4h4",
};

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={paths[name]} />
    </svg>
  );
}
