// Editor section for imaging studies and their lesions. "Add follow-up study" copies the lesion
// ids (and organ, location, site) of the latest study, so the same lesion keeps its id across
// studies as the model requires; status and size are left for the new reading.
import {
  BIOPSY_RESULTS,
  DIFFUSE_FINDING_LABELS,
  DIFFUSE_FINDINGS,
  IMAGING_REGIONS,
  LESION_LOCATIONS,
  LESION_STATUSES,
  MODALITIES,
  MODALITY_LABELS,
  ORGANS,
} from "../../../core/index.ts";
import { getAt, type Json, type JsonObject, nextId } from "../../lib/paths.ts";
import { useEditor } from "./editor-context.ts";
import {
  BooleanField,
  CheckboxListField,
  DateField,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
} from "./fields.tsx";
import { ItemList, itemText } from "./ItemList.tsx";

function ids(items: readonly Json[]): string[] {
  return items.map((x) => itemText(x, "id")).filter((s) => s !== "");
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

/** The follow-up study: same lesion ids, location, organ and site as the latest study (by date). */
export function followUpStudy(studies: readonly Json[]): JsonObject {
  const id = nextId("S", ids(studies));
  const latest = [...studies]
    .map(asObject)
    .filter((s): s is JsonObject => s !== undefined)
    .sort((a, b) => String(a["date"] ?? "").localeCompare(String(b["date"] ?? "")))
    .at(-1);
  const lesions = Array.isArray(latest?.["lesions"]) ? latest["lesions"] : [];
  const copied: Json[] = lesions
    .map(asObject)
    .filter((l): l is JsonObject => l !== undefined)
    .map((l) => {
      const out: JsonObject = {};
      for (const key of ["id", "location", "organ", "site", "laterality"]) {
        const v = l[key];
        if (v !== undefined) out[key] = v;
      }
      return out;
    });
  const study: JsonObject = { id, modality: latest?.["modality"] ?? "ct", lesions: copied };
  if (latest?.["region"] !== undefined) study["region"] = latest["region"];
  return study;
}

export function ImagingSection() {
  const { draft, set } = useEditor();
  const raw = getAt(draft, "imagingStudies");
  const studies = Array.isArray(raw) ? raw : [];
  return (
    <section className="card" aria-labelledby="sec-imaging">
      <ItemList
        path="imagingStudies"
        title="Imaging studies and lesions"
        addLabel="Add imaging study"
        itemTitle={(s, i) =>
          `Study ${itemText(s, "id") || i + 1}${itemText(s, "date") !== "" ? ` of ${itemText(s, "date")}` : ""}${
            itemText(s, "modality") !== ""
              ? ` (${MODALITY_LABELS[itemText(s, "modality") as keyof typeof MODALITY_LABELS] ?? itemText(s, "modality")})`
              : ""
          }`
        }
        newItem={(items) => ({ id: nextId("S", ids(items)), modality: "ct", lesions: [] })}
        extraActions={
          studies.length > 0 && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => set("imagingStudies", [...studies, followUpStudy(studies)])}
            >
              Add follow-up study (copy lesions of the latest)
            </button>
          )
        }
      >
        {(si) => <StudyFields index={si} />}
      </ItemList>
    </section>
  );
}

function StudyFields({ index }: { readonly index: number }) {
  const base = `imagingStudies[${index}]`;
  return (
    <>
      <div className="field-grid">
        <TextField path={`${base}.id`} label="Study id" required />
        <DateField path={`${base}.date`} label="Date" required />
        <SelectField
          path={`${base}.modality`}
          label="Modality"
          required
          options={MODALITIES.map((m) => ({ value: m, label: MODALITY_LABELS[m] }))}
        />
        <SelectField
          path={`${base}.region`}
          label="Region"
          options={IMAGING_REGIONS}
          emptyLabel="not recorded"
        />
        <BooleanField path={`${base}.contrast`} label="Contrast" />
        <TextField path={`${base}.tracer`} label="PET tracer" placeholder="e.g. 68Ga-PSMA-11" />
        <TextField
          path={`${base}.workup`}
          label="Work-up label"
          hint="Studies with the same label form one staging work-up."
        />
      </div>
      <CheckboxListField
        path={`${base}.diffuseFindings`}
        label="Diffuse / uncountable disease"
        options={DIFFUSE_FINDINGS.map((d) => ({ value: d, label: DIFFUSE_FINDING_LABELS[d] }))}
      />
      <ItemList
        path={`${base}.lesions`}
        level="h3"
        title="Lesions"
        addLabel="Add lesion"
        itemTitle={(l, li) => {
          const organ = itemText(l, "organ").replaceAll("_", " ");
          return `Lesion ${itemText(l, "id") || li + 1}${organ !== "" ? ` (${organ})` : ""}`;
        }}
        newItem={(items) => ({ id: nextId("L", ids(items)), location: "distant" })}
      >
        {(li) => <LesionFields path={`${base}.lesions[${li}]`} />}
      </ItemList>
      <TextAreaField path={`${base}.note`} label="Study note" />
    </>
  );
}

function LesionFields({ path }: { readonly path: string }) {
  return (
    <div className="field-grid">
      <TextField
        path={`${path}.id`}
        label="Lesion id"
        required
        hint="Same id for the same lesion on every study."
      />
      <SelectField path={`${path}.location`} label="Location" required options={LESION_LOCATIONS} />
      <SelectField
        path={`${path}.organ`}
        label="Organ"
        options={ORGANS}
        emptyLabel="—"
        hint="Required for distant lesions."
      />
      <TextField path={`${path}.site`} label="Site" placeholder="e.g. L3 vertebral body" />
      <SelectField
        path={`${path}.laterality`}
        label="Laterality"
        options={["left", "right", "midline", "not_applicable"]}
        emptyLabel="—"
      />
      <NumberField path={`${path}.sizeMm`} label="Longest diameter" unit="mm" />
      <NumberField path={`${path}.shortAxisMm`} label="Short axis" unit="mm" />
      <SelectField
        path={`${path}.status`}
        label="Status on this study"
        options={LESION_STATUSES}
        emptyLabel="derived"
        hint="Empty: derived from the sizes on earlier studies."
      />
      <BooleanField path={`${path}.viable`} label="Viable tumour" />
      <SelectField path={`${path}.biopsy`} label="Biopsy" options={BIOPSY_RESULTS} emptyLabel="none" />
      <BooleanField path={`${path}.avid`} label="Malignant tracer uptake" />
      <TextField path={`${path}.note`} label="Note" />
    </div>
  );
}
