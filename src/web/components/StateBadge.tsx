// ESTRO/EORTC 2020 state shown as a labelled badge. Colour marks the family (genuine de-novo,
// repeat, induced, not OMD, insufficient data) but the label text always carries the meaning.
import { stateFamily } from "../lib/state-family.ts";

export function StateBadge({
  code,
  label,
  size = "normal",
}: {
  readonly code: string;
  readonly label: string;
  readonly size?: "normal" | "large";
}) {
  const family = stateFamily(code);
  return (
    <span className={`badge badge-${family} ${size === "large" ? "badge-large" : ""}`} title={code}>
      {label}
    </span>
  );
}
