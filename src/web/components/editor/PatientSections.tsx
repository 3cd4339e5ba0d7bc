// Editor sections for the patient, the primary tumour (with TNM and biomarkers) and labs.
import {
  BIOMARKER_NAMES,
  BIOMARKER_RESULTS,
  DIAGNOSIS_DATE_BASES,
  LAB_NAMES,
  PRIMARY_SITE_LABELS,
  PRIMARY_SITES,
  PRIMARY_STATUSES,
  SEXES,
} from "../../../core/index.ts";
import { BooleanField, DateField, NumberField, SelectField, TextAreaField, TextField } from "./fields.tsx";
import { ItemList, itemText } from "./ItemList.tsx";

export function PatientSection({
  isNew,
  canChooseSite,
}: {
  readonly isNew: boolean;
  readonly canChooseSite: boolean;
}) {
  return (
    <section className="card" aria-labelledby="sec-patient">
      <h2 id="sec-patient">Patient</h2>
      <div className="field-grid">
        <TextField
          path="id"
          label="Patient id"
          required
          readOnly={!isNew}
          hint={isNew ? "Registry id; cannot be changed later." : "The id cannot be changed."}
        />
        <TextField path="name" label="Name" hint="Identifying: removed from research exports." />
        <TextField
          path="mrn"
          label="Medical record number"
          hint="Identifying: removed from research exports."
        />
        <TextField
          path="siteId"
          label="Treating site"
          readOnly={!canChooseSite}
          {...(canChooseSite ? {} : { hint: "Your own site." })}
        />
        <NumberField path="birthYear" label="Birth year" integer />
        <SelectField path="sex" label="Sex" options={SEXES} emptyLabel="not recorded" />
        <SelectField
          path="smoking"
          label="Smoking"
          options={["never", "former", "current", "unknown"]}
          emptyLabel="not recorded"
        />
        <NumberField path="comorbidityIndex" label="Comorbidity index" integer hint="e.g. Charlson, 0–40" />
        <SelectField
          path="performanceStatus.ecog"
          label="ECOG / WHO PS"
          options={["0", "1", "2", "3", "4"]}
          numeric
          emptyLabel="not recorded"
        />
        <NumberField path="performanceStatus.kps" label="Karnofsky PS" integer hint="0–100 in steps of 10" />
        <DateField path="performanceStatus.date" label="Performance status date" />
      </div>
    </section>
  );
}

export function PrimarySection() {
  return (
    <section className="card" aria-labelledby="sec-primary">
      <h2 id="sec-primary">Primary tumour</h2>
      <div className="field-grid">
        <SelectField
          path="primary.site"
          label="Primary site"
          required
          options={PRIMARY_SITES.map((s) => ({ value: s, label: PRIMARY_SITE_LABELS[s] }))}
        />
        <TextField path="primary.histology" label="Histology" placeholder="e.g. adenocarcinoma" />
        <TextField path="primary.icdO3Topography" label="ICD-O-3 topography" placeholder="e.g. C34.1" />
        <TextField path="primary.icdO3Morphology" label="ICD-O-3 morphology" placeholder="e.g. 8140/3" />
        <TextField path="primary.grade" label="Grade" />
        <DateField
          path="primary.diagnosisDate"
          label="Diagnosis date"
          hint="Histological/cytological confirmation; else first diagnostic imaging (1.4.2)."
        />
        <SelectField
          path="primary.diagnosisDateBasis"
          label="Diagnosis date by"
          options={DIAGNOSIS_DATE_BASES}
          emptyLabel="not recorded"
        />
        <SelectField
          path="primary.laterality"
          label="Laterality"
          options={["left", "right", "bilateral", "midline", "not_applicable"]}
          emptyLabel="not recorded"
        />
        <SelectField
          path="primary.status"
          label="Status of the primary"
          options={PRIMARY_STATUSES}
          emptyLabel="not recorded"
        />
        <DateField path="primary.definitiveTreatmentDate" label="Definitive treatment of the primary" />
      </div>
      <fieldset className="subsection">
        <legend>TNM at diagnosis</legend>
        <div className="field-grid field-grid-6">
          <TextField path="primary.tnm.t" label="T" />
          <TextField path="primary.tnm.n" label="N" />
          <TextField path="primary.tnm.m" label="M" />
          <NumberField path="primary.tnm.edition" label="Edition" integer hint="e.g. 8" />
          <SelectField
            path="primary.tnm.basis"
            label="Basis"
            options={["clinical", "pathological"]}
            emptyLabel="—"
          />
          <TextField path="primary.tnm.stage" label="Stage" />
        </div>
      </fieldset>
      <ItemList
        path="primary.biomarkers"
        level="h3"
        title="Biomarkers"
        addLabel="Add biomarker"
        itemTitle={(b, i) =>
          `Biomarker ${i + 1}${itemText(b, "name") !== "" ? `: ${itemText(b, "name")}` : ""}`
        }
        newItem={() => ({ name: "EGFR" })}
      >
        {(i) => (
          <div className="field-grid">
            <SelectField
              path={`primary.biomarkers[${i}].name`}
              label="Marker"
              required
              options={BIOMARKER_NAMES}
            />
            <TextField path={`primary.biomarkers[${i}].label`} label="Label" hint='Required for "other".' />
            <SelectField
              path={`primary.biomarkers[${i}].result`}
              label="Result"
              options={BIOMARKER_RESULTS}
              emptyLabel="—"
            />
            <TextField
              path={`primary.biomarkers[${i}].variant`}
              label="Variant"
              placeholder="e.g. exon 19 deletion"
            />
            <NumberField path={`primary.biomarkers[${i}].value`} label="Value" />
            <TextField path={`primary.biomarkers[${i}].unit`} label="Unit" />
            <DateField path={`primary.biomarkers[${i}].date`} label="Date" />
          </div>
        )}
      </ItemList>
    </section>
  );
}

export function LabsSection() {
  return (
    <section className="card" aria-labelledby="sec-labs">
      <ItemList
        path="labs"
        title="Tumour markers and labs"
        addLabel="Add lab value"
        itemTitle={(l, i) =>
          `Lab ${i + 1}${itemText(l, "name") !== "" ? `: ${itemText(l, "name")} ${itemText(l, "date")}` : ""}`
        }
        newItem={() => ({ name: "PSA", unit: "ng/mL" })}
      >
        {(i) => (
          <div className="field-grid">
            <SelectField path={`labs[${i}].name`} label="Marker" required options={LAB_NAMES} />
            <TextField path={`labs[${i}].label`} label="Label" hint='Required for "other".' />
            <NumberField path={`labs[${i}].value`} label="Value" required />
            <TextField path={`labs[${i}].unit`} label="Unit" required />
            <DateField path={`labs[${i}].date`} label="Date" required />
          </div>
        )}
      </ItemList>
    </section>
  );
}

export function JudgementsSection() {
  return (
    <section className="card" aria-labelledby="sec-judgements">
      <ItemList
        path="judgements"
        title="Clinician judgements (MDT)"
        addLabel="Add judgement"
        itemTitle={(j, i) =>
          `Judgement ${i + 1}${itemText(j, "date") !== "" ? ` of ${itemText(j, "date")}` : ""}`
        }
        newItem={() => ({})}
      >
        {(i) => (
          <div className="field-grid">
            <DateField path={`judgements[${i}].date`} label="Date" required />
            <BooleanField
              path={`judgements[${i}].clinicianProgression`}
              label="Unequivocal progression on current imaging"
              hint="Counts as progression for Q5 (1.4.7)."
            />
            <BooleanField
              path={`judgements[${i}].allSitesSafelyTreatable`}
              label="All sites safely treatable (ESTRO-ASTRO)"
            />
            <BooleanField
              path={`judgements[${i}].radicalTreatmentFeasible`}
              label="Radical treatment feasible (EORTC-LCG)"
            />
            <BooleanField
              path={`judgements[${i}].biopsyWaiverByMdt`}
              label="MDT waived biopsy of a solitary lesion"
            />
            <BooleanField
              path={`judgements[${i}].thoracoscopyPerformed`}
              label="Thoracoscopy done (pleural lesion)"
            />
            <BooleanField
              path={`judgements[${i}].lifeExpectancyAtLeast6Months`}
              label="Life expectancy ≥ 6 months"
            />
            <TextAreaField path={`judgements[${i}].note`} label="Note" />
          </div>
        )}
      </ItemList>
    </section>
  );
}

export function OutcomesSection() {
  return (
    <section className="card" aria-labelledby="sec-outcomes">
      <h2 id="sec-outcomes">Outcomes and classification settings</h2>
      <div className="field-grid">
        <DateField path="outcomes.lastFollowUpDate" label="Last follow-up" />
        <DateField path="outcomes.death.date" label="Date of death" />
        <TextField path="outcomes.death.cause" label="Cause of death" />
      </div>
      <ItemList
        path="outcomes.progressionDates"
        level="h3"
        title="Progression dates"
        addLabel="Add progression date"
        itemTitle={(d, i) => `Progression ${i + 1}${typeof d === "string" && d !== "" ? ` on ${d}` : ""}`}
        newItem={() => ""}
      >
        {(i) => <DateField path={`outcomes.progressionDates[${i}]`} label="Date" required />}
      </ItemList>
      <fieldset className="subsection">
        <legend>Classification settings</legend>
        <div className="field-grid">
          <BooleanField
            path="classificationSettings.classifyAtFirstOmdDiagnosis"
            label="Report the state at the first OMD diagnosis"
            hint="For trial exports (clinical reference 1.6, A3)."
          />
          <DateField
            path="classificationSettings.indexDate"
            label="Index date"
            hint="Date of an imaging study; empty = latest work-up (1.4.1)."
          />
        </div>
      </fieldset>
    </section>
  );
}
