// `oligoscope definitions`: the OMD definition presets (id, name, version, source) and the gates.
import type { Command } from "commander";
import { DEFAULT_GATE_ID, GATE_IDS, GATE_PRESETS, listDefinitions } from "../../app/index.ts";
import type { CliIo } from "../io.ts";

export function register(program: Command, io: CliIo): void {
  program
    .command("definitions")
    .description("list the OMD definition presets (checked by classify) and the OMD gates (--gate)")
    .option("--json", "write {definitions: [...], gates: [...]} as JSON")
    .action((o: { json?: boolean }) => {
      const defs = listDefinitions();
      const gates = GATE_IDS.map((id) => ({ ...GATE_PRESETS[id], default: id === DEFAULT_GATE_ID }));
      if (o.json === true) {
        io.stdout.write(`${JSON.stringify({ definitions: defs, gates }, null, 2)}\n`);
        return;
      }
      const lines: string[] = ["OMD definition presets (classify --definitions <ids>):", ""];
      for (const d of defs) {
        lines.push(
          `${d.id}  (version ${d.version}, evaluated at the ${d.evaluatedAt === "index" ? "index date" : "presentation"})`,
        );
        lines.push(`  ${d.name}`);
        lines.push(`  Rule: ${d.summary}`);
        lines.push(`  Source: ${d.source}`);
        lines.push("");
      }
      lines.push("OMD gates for the ESTRO/EORTC 2020 classification (classify --gate <id>):", "");
      for (const g of gates) {
        lines.push(`${g.id}${g.default ? " (default)" : ""}: ${g.label}`);
        lines.push(`  Source: ${g.source}`);
      }
      io.stdout.write(`${lines.join("\n")}\n`);
    });
}
