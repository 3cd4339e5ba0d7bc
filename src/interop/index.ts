// interop layer: external formats to core values (bytes in, values or issues out; no I/O).
// See src/interop/README.md.

export { type CsvTable, type ParseCsvOptions, parseCsv } from "./csv/parse-csv.ts";
export {
  type CovariateColumn,
  isMissingField,
  type LabelledCodes,
  parseDecimal,
  rLevelOrder,
  type SurvivalCsvData,
  type SurvivalCsvSpec,
  survivalColumns,
} from "./csv/survival-columns.ts";
export { type DicomIdentity, identifyDicom } from "./dicom/identify-dicom.ts";
export { type ReadRtDoseOptions, type RtDoseRead, readRtDose } from "./dicom/read-rt-dose.ts";
export { type RtPlanRead, readRtPlan } from "./dicom/read-rt-plan.ts";
export { type RtStructRead, readRtStruct } from "./dicom/read-rt-struct.ts";
export type { DicomKind } from "./dicom/sop-classes.ts";
export {
  JsonRecordSplitter,
  type SplitError,
  type SplitEvent,
  type SplitRecord,
} from "./json-records/json-record-splitter.ts";
