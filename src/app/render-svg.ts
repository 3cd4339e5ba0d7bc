// Renders an Observable Plot figure to a standalone SVG string on the server (no browser): the
// plot is drawn into a linkedom document. Pass options without `title`, `subtitle`, `caption` or
// a `legend` (those make Plot return an HTML figure); draw legends and titles as marks instead.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export function renderPlotSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const el = Plot.plot({ ...options, document: document as unknown as Document }) as unknown as Element;
  const svg = el.tagName.toLowerCase() === "svg" ? el : el.querySelector("svg");
  if (svg === null) throw new Error("Observable Plot returned no SVG element");
  if (!svg.hasAttribute("xmlns")) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`;
}
