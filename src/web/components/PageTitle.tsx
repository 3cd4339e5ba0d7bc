// The page's h1. It takes focus when the page opens after a navigation, so screen-reader and
// keyboard users land at the new content (single-page apps do not reset focus by themselves).
// The first page after loading the app does not move focus: Tab then reaches the skip link first,
// as on any web page.
import { type ReactNode, useEffect, useRef } from "react";

let firstPageOfTheLoad = true;

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
    if (firstPageOfTheLoad) {
      firstPageOfTheLoad = false;
      return;
    }
    if (takeFocus) ref.current?.focus();
  }, [focusKey, takeFocus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
