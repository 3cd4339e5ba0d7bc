// SVG figure options shared by `survival km` and `survival cif`: the layout options (--title,
// --width, --height, --font-size), their parsing into plot options, and writing the SVG file.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { type CliIo, InputError } from "../../io.ts";
import { numberOption } from "./options.ts";

/** The raw values of the SVG layout options, as commander gives them. */
export type SvgLayoutCliOptions = {
  title?: string;
  width?: string;
  height?: string;
  fontSize?: string;
};

/** Adds --title, --width, --height and --font-size (in this order) to an SVG-writing command. */
export function addSvgLayoutOptions(
  cmd: Command,
  fontSizeHelp = "SVG: text size in px (default 13)",
): Command {
  return cmd
    .option("--title <text>", "SVG: title above the plot")
    .option("--width <px>", "SVG: width in px (default 720)")
    .option("--height <px>", "SVG: height in px (default: fits the number-at-risk table)")
    .option("--font-size <px>", fontSizeHelp);
}

/**
 * The given layout options as plot options (absent ones left out): width 320–4000 px, height
 * 240–4000 px, font size 6–40 px; a value out of range is an InputError naming the option.
 */
export function parseSvgLayout(opts: SvgLayoutCliOptions): {
  title?: string;
  width?: number;
  height?: number;
  fontSize?: number;
} {
  const px = (option: string, raw: string | undefined, min: number, max: number) =>
    numberOption(option, raw, (v) => v >= min && v <= max, `a size in px between ${min} and ${max}`);
  const width = px("--width", opts.width, 320, 4000);
  const height = px("--height", opts.height, 240, 4000);
  const fontSize = px("--font-size", opts.fontSize, 6, 40);
  return {
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    ...(fontSize !== undefined ? { fontSize } : {}),
  };
}

/** Writes the SVG to `path` (InputError naming --svg when it cannot) and says so on stderr. */
export function writeSvgFile(io: CliIo, path: string, svg: string, what: string): void {
  try {
    writeFileSync(path, svg);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`--svg: cannot write "${path}"${code ? ` (${code})` : ""}`);
  }
  io.stderr.write(`${what} written to ${path}\n`);
}
