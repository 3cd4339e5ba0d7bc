// Editor sections for systemic and local therapies.
import { LOCAL_THERAPY_TYPES, SYSTEMIC_CLASSES, TREATMENT_INTENTS } from "../../../core/index.ts";
import { getAt, type Json, nextId } from "../../lib/paths.ts";
import { useEditor } from "./editor-context.ts";
import {
  BooleanField,
  CheckboxListField,
  DateField,
  NumberField,
  SelectField,
  TextField,
} from "./fields.tsx";
import { ItemList, itemText } from "./ItemList.tsx";

function ids(items: readonly Json[]): string[] {
  return items.map((x) => itemText(x, "id")).filter((s) => s !== "");
}

/** Every lesion id of the record with where it was first seen, for choosing treatment targets. */
function lesionChoices(draft: Json): { value: string; label: string }[] {
  const studies = getAt(draft, "imagingStudies");
  const out = new Map<string, string>();
  if (Array.isArray(studies)) {
    for (const s of studies) {
      const lesions = getAt(s, "lesions");
      if (!Array.isArray(lesions)) continue;
      for (const l of lesions) {
        const id = itemText(l, "id");
        if (id === "" || out.has(id)) continue;
        const where = [itemText(l, "organ").replaceAll("_", " "), itemText(l, "site")]
          .filter((x) => x !== "")
          .join(", ");
        out.set(id, where === "" ? id : `${id} (${where})`);
      }
    }
  }
  return [...out].map(([value, label]) => ({ value, label }));
}

export function SystemicSection() {
  return (
    <section className="card" aria-labelledby="sec-systemic">
      <ItemList
        path="systemicTherapies"
        title="Systemic therapy"
        addLabel="Add systemic therapy"
        itemTitle={(t, i) =>
          `Systemic ${itemText(t, "id") || i + 1}${itemText(t, "agent") !== "" ? `: ${itemText(t, "agent")}` : ""}`
        }
        newItem={(items) => ({ id: nextId("ST", ids(items)), agent: "", class: "chemotherapy" })}
      >
        {(i) => {
          const p = `systemicTherapies[${i}]`;
          return (
            <div className="field-grid">
              <TextField path={`${p}.id`} label="Id" required />
              <TextField path={`${p}.agent`} label="Agent(s)" required placeholder="e.g. osimertinib" />
              <SelectField path={`${p}.class`} label="Class" required options={SYSTEMIC_CLASSES} />
              <DateField path={`${p}.start`} label="Start" required />
              <DateField path={`${p}.stop`} label="Last administration" hint="Empty = ongoing." />
              <NumberField path={`${p}.line`} label="Line" integer />
              <BooleanField path={`${p}.adjuvant`} label="Adjuvant" />
              <BooleanField path={`${p}.maintenance`} label="Maintenance" />
              <NumberField
                path={`${p}.depotIntervalDays`}
                label="Depot interval"
                unit="days"
                integer
                hint="e.g. 84 for a 3-monthly LHRH analogue"
              />
              <BooleanField
                path={`${p}.countAsAnticancer`}
                label="Count as anticancer therapy"
                hint="For bone-protective or supportive agents (1.4.5)."
              />
              <SelectField
                path={`${p}.bestResponse`}
                label="Best response"
                options={["CR", "PR", "SD", "PD", "NE"]}
                emptyLabel="—"
              />
            </div>
          );
        }}
      </ItemList>
    </section>
  );
}

export function LocalSection() {
  const { draft } = useEditor();
  const choices = lesionChoices(draft);
  return (
    <section className="card" aria-labelledby="sec-local">
      <ItemList
        path="localTherapies"
        title="Local therapy"
        addLabel="Add local therapy"
        itemTitle={(t, i) =>
          `Local ${itemText(t, "id") || i + 1}${itemText(t, "type") !== "" ? `: ${itemText(t, "type").replaceAll("_", " ")}` : ""}`
        }
        newItem={(items) => ({ id: nextId("LT", ids(items)), type: "sbrt", targetLesionIds: [] })}
      >
        {(i) => {
          const p = `localTherapies[${i}]`;
          return (
            <>
              <div className="field-grid">
                <TextField path={`${p}.id`} label="Id" required />
                <SelectField path={`${p}.type`} label="Type" required options={LOCAL_THERAPY_TYPES} />
                <DateField path={`${p}.start`} label="Start" required />
                <DateField path={`${p}.end`} label="End" />
                <SelectField path={`${p}.intent`} label="Intent" options={TREATMENT_INTENTS} emptyLabel="—" />
                <NumberField path={`${p}.doseGy`} label="Total dose" unit="Gy" />
                <NumberField path={`${p}.fractions`} label="Fractions" integer />
                <TextField path={`${p}.technique`} label="Technique" />
              </div>
              <CheckboxListField
                path={`${p}.targetLesionIds`}
                label="Target lesions"
                options={choices}
                hint="Add lesions to an imaging study first."
              />
            </>
          );
        }}
      </ItemList>
    </section>
  );
}
