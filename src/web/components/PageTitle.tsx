// The page's h1. It takes focus when the page opens, so screen-reader and keyboard users land
// at the new content after a route change (single-page apps do not reset focus by themselves).
import { type ReactNode, useEffect, useRef } from "react";

export function PageTitle({
  children,
  focusKey,
  takeFocus = true,
}: {
  readonly children: ReactNode;
  /** focus again when this changes (e.g. another patient id) */
  readonly focusKey?: string;
  /** false on pages whose first field takes focus instead (sign-in) */
  readonly takeFocus?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when the page (focusKey) changes
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [focusKey, takeFocus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
