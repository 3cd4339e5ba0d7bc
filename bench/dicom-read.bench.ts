// DICOM RT reading speed: real files from ../shared/data/dicom-rt (warm, median of repeated reads) and a
// synthetic 512 x 512 x 200 RTDOSE (the size of a large body dose grid). Run: npm run bench -- dicom-read
import { readFileSync } from "node:fs";
import { identifyDicom, readRtDose, readRtPlan, readRtStruct } from "../src/interop/index.ts";
import { syntheticRtDose } from "../test/support/dicom-writer.ts";
import { sharedDataPath } from "../test/support/shared-data.ts";

type Stats = { median: number; p90: number; min: number };

function measure(run: () => unknown, repeats: number, warmup = 5): Stats {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    const r = run() as { ok?: boolean };
    times.push(performance.now() - t);
    if (r && r.ok === false) throw new Error("read failed during benchmark");
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { median: at(0.5), p90: at(0.9), min: times[0] as number };
}

const rows: string[][] = [];
function report(name: string, sizeBytes: number, s: Stats): void {
  rows.push([
    name,
    `${(sizeBytes / 1e6).toFixed(2)} MB`,
    s.median.toFixed(2),
    s.p90.toFixed(2),
    s.min.toFixed(2),
  ]);
}

const brain = sharedDataPath("dicom-rt", "raystation-srs-brain-pps", "BrainSRSRaystationIMRT");
if (brain) {
  const rd = new Uint8Array(readFileSync(`${brain}/RD1.2.752.243.1.1.20180405114728128.4000.85245.dcm`));
  const rs = new Uint8Array(readFileSync(`${brain}/RS1.2.752.243.1.1.20180405120828292.2900.76357.dcm`));
  const rp = new Uint8Array(readFileSync(`${brain}/RP1.2.752.243.1.1.20180405114728127.3000.13138.dcm`));
  report(
    "brain SRS RTDOSE 63x78x79 16-bit: readRtDose",
    rd.length,
    measure(() => readRtDose(rd), 50),
  );
  report(
    "brain SRS RTSTRUCT 28 ROIs, 158k points: readRtStruct",
    rs.length,
    measure(() => readRtStruct(rs), 30),
  );
  report(
    "brain SRS RTPLAN: readRtPlan",
    rp.length,
    measure(() => readRtPlan(rp), 50),
  );
  report(
    "brain SRS RTSTRUCT: identifyDicom",
    rs.length,
    measure(() => identifyDicom(rs), 30),
  );
  report(
    "brain SRS RD + RS + RP together",
    rd.length + rs.length + rp.length,
    measure(() => [readRtDose(rd), readRtStruct(rs), readRtPlan(rp)].find((r) => !r.ok) ?? { ok: true }, 30),
  );
  const eclipse = sharedDataPath("dicom-rt", "eclipse-prostate-slicerrt");
  if (eclipse) {
    const rsE = new Uint8Array(
      readFileSync(`${eclipse}/RS.1.2.246.352.71.4.2088656855.2404649.20110920153449.dcm`),
    );
    const rdE = new Uint8Array(readFileSync(`${eclipse}/derived/RD.reconstructed-from-nrrd.dcm`));
    report(
      "Eclipse prostate RTSTRUCT (implicit VR): readRtStruct",
      rsE.length,
      measure(() => readRtStruct(rsE), 30),
    );
    report(
      "Eclipse prostate RTDOSE 136x86x92: readRtDose",
      rdE.length,
      measure(() => readRtDose(rdE), 30),
    );
  }
} else {
  console.log("NOTICE: ../shared/data/dicom-rt not found: only the synthetic grid is measured");
}

// Synthetic large grid (stored value pattern, not a dose distribution: reading cost does not depend on it).
const big = { rows: 512, columns: 512, frames: 200, doseGridScaling: 1e-4 };
const pattern = new Uint16Array(512 * 512 * 200);
for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 2654435761) >>> 16;
const le16 = syntheticRtDose({ ...big, storedValues: pattern });
report(
  "synthetic 512x512x200 16-bit LE: readRtDose",
  le16.length,
  measure(() => readRtDose(le16), 5, 1),
);
const be16 = syntheticRtDose({ ...big, storedValues: pattern, transferSyntax: "explicit-be" });
report(
  "synthetic 512x512x200 16-bit big endian: readRtDose",
  be16.length,
  measure(() => readRtDose(be16), 5, 1),
);

const header = ["case", "file", "median ms", "p90 ms", "min ms"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
const line = (r: string[]) =>
  r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
console.log(`Node ${process.version}, warm runs (5 warm-up reads first)`);
console.log(line(header));
for (const r of rows) console.log(line(r));
