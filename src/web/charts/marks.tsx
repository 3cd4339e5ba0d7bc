// Marker shapes of the swimmer timeline, centred on (0, 0). Shape and colour both differ, so
// the marks stay distinguishable without colour vision.
import type { MarkKind } from "./swimmer-model.ts";

export function MarkShape({ kind }: { readonly kind: MarkKind }) {
  const cls = `mark mark-${kind}`;
  switch (kind) {
    case "diagnosis":
      return <path d="M0,-6L6,0L0,6L-6,0Z" className={cls} />;
    case "primary_treatment":
      return <rect x={-5} y={-5} width={10} height={10} className={cls} />;
    case "imaging":
      return <circle r={5} className={cls} />;
    case "lesion_new":
      return <circle r={5} className={cls} />;
    case "lesion_progressing":
      return <path d="M0,-6L6,5L-6,5Z" className={cls} />;
    case "lesion_responding":
      return <path d="M0,6L6,-5L-6,-5Z" className={cls} />;
    case "lesion_stable":
      return <rect x={-4.5} y={-4.5} width={9} height={9} className={cls} />;
    case "lesion_ablated":
      return <path d="M-5,-5L5,5M5,-5L-5,5" className={cls} />;
    case "lesion_seen":
      return <circle r={3.5} className={cls} />;
    case "local_therapy":
      return <path d="M-2,-8L3,-1L-1,-1L2,8L-4,0L0,0Z" className={cls} />;
    case "progression":
      return <path d="M0,-6L6,5L-6,5Z" className={cls} />;
    case "last_follow_up":
      return <path d="M-4,-6L5,0L-4,6Z" className={cls} />;
    case "death":
      return <path d="M-5,-5L5,5M5,-5L-5,5" className={cls} />;
  }
}

export const MARK_LEGEND: readonly { readonly kind: MarkKind; readonly label: string }[] = [
  { kind: "diagnosis", label: "primary diagnosis" },
  { kind: "imaging", label: "imaging study" },
  { kind: "lesion_new", label: "lesion new" },
  { kind: "lesion_progressing", label: "progressing" },
  { kind: "lesion_stable", label: "stable" },
  { kind: "lesion_responding", label: "responding" },
  { kind: "lesion_ablated", label: "ablated" },
  { kind: "local_therapy", label: "lesion treated" },
  { kind: "progression", label: "progression (outcome)" },
  { kind: "last_follow_up", label: "last follow-up" },
  { kind: "death", label: "death" },
];
