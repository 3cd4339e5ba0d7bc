// `oligoscope survival <analysis>`: survival analyses on a CSV table (docs/cli/survival.md).
// Each analysis is one file in ./survival/ exporting `register(group, io)`; add it to the list.
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { register as cif } from "./survival/cif.ts";
import { register as cox } from "./survival/cox.ts";
import { register as km } from "./survival/km.ts";
import { register as logrank } from "./survival/logrank.ts";
import { register as rmst } from "./survival/rmst.ts";

const analyses = [km, logrank, cox, cif, rmst];

export function register(program: Command, io: CliIo): void {
  const group = program
    .command("survival")
    .description("survival analytics on a CSV table: km, logrank, cox, cif (competing risks), rmst")
    .addHelpText(
      "after",
      `
Every analysis reads one CSV file (header row) and takes the columns by name: --time (follow-up)
and --event (status; R's Surv coding by default). Output is a human report, or JSON with --json.
Numbers follow R's survival package (see docs/survival.md and docs/cli/survival.md).
Example:
  oligoscope survival km --csv lung.csv --time time --event status --group sex --svg km.svg`,
    );
  for (const register of analyses) register(group, io);
  for (const c of group.commands) c.showHelpAfterError();
}
