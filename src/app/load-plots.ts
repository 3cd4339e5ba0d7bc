// The SVG plot use cases, loaded on first use. Their npm packages (Observable Plot and linkedom)
// take ≈ 0.45 s to load on the 2-core machine, which a DVH, a plan check or a survival table
// without `--svg` need not pay (decision 0012, amended).
import type { cifPlotSvg } from "./cif-plot.ts";
import type { dvhPlotSvg } from "./dvh-plot.ts";
import type { kmPlotSvg } from "./km-plot.ts";

export type PlotRenderers = {
  readonly dvhPlotSvg: typeof dvhPlotSvg;
  readonly kmPlotSvg: typeof kmPlotSvg;
  readonly cifPlotSvg: typeof cifPlotSvg;
};

/** The plot renderers, their modules (and npm packages) loaded by the first call. */
export async function loadPlotRenderers(): Promise<PlotRenderers> {
  const [dvh, km, cif] = await Promise.all([
    import("./dvh-plot.ts"),
    import("./km-plot.ts"),
    import("./cif-plot.ts"),
  ]);
  return { dvhPlotSvg: dvh.dvhPlotSvg, kmPlotSvg: km.kmPlotSvg, cifPlotSvg: cif.cifPlotSvg };
}
