// SOP classes the plan check meets (UIDs from DICOM PS3.4 Annex B.5 / PS3.6 Annex A).

/** What a DICOM file is, for the plan check: the three RT objects it reads, images, or something else. */
export type DicomKind = "rtdose" | "rtstruct" | "rtplan" | "image" | "other";

type SopClass = {
  readonly uid: string;
  readonly name: string;
  readonly kind: DicomKind;
  readonly modality: string;
};

export const RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2";
export const RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
export const RT_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.5";
export const RT_ION_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.8";

const sopClasses: readonly SopClass[] = [
  { uid: RT_DOSE_STORAGE, name: "RT Dose Storage", kind: "rtdose", modality: "RTDOSE" },
  { uid: RT_STRUCTURE_SET_STORAGE, name: "RT Structure Set Storage", kind: "rtstruct", modality: "RTSTRUCT" },
  { uid: RT_PLAN_STORAGE, name: "RT Plan Storage", kind: "rtplan", modality: "RTPLAN" },
  { uid: RT_ION_PLAN_STORAGE, name: "RT Ion Plan Storage", kind: "rtplan", modality: "RTPLAN" },
  { uid: "1.2.840.10008.5.1.4.1.1.481.1", name: "RT Image Storage", kind: "other", modality: "RTIMAGE" },
  {
    uid: "1.2.840.10008.5.1.4.1.1.481.4",
    name: "RT Beams Treatment Record Storage",
    kind: "other",
    modality: "RTRECORD",
  },
  {
    uid: "1.2.840.10008.5.1.4.1.1.481.6",
    name: "RT Brachy Treatment Record Storage",
    kind: "other",
    modality: "RTRECORD",
  },
  {
    uid: "1.2.840.10008.5.1.4.1.1.481.7",
    name: "RT Treatment Summary Record Storage",
    kind: "other",
    modality: "RTRECORD",
  },
  {
    uid: "1.2.840.10008.5.1.4.1.1.481.9",
    name: "RT Ion Beams Treatment Record Storage",
    kind: "other",
    modality: "RTRECORD",
  },
  { uid: "1.2.840.10008.5.1.4.1.1.2", name: "CT Image Storage", kind: "image", modality: "CT" },
  { uid: "1.2.840.10008.5.1.4.1.1.2.1", name: "Enhanced CT Image Storage", kind: "image", modality: "CT" },
  { uid: "1.2.840.10008.5.1.4.1.1.4", name: "MR Image Storage", kind: "image", modality: "MR" },
  { uid: "1.2.840.10008.5.1.4.1.1.4.1", name: "Enhanced MR Image Storage", kind: "image", modality: "MR" },
  {
    uid: "1.2.840.10008.5.1.4.1.1.128",
    name: "Positron Emission Tomography Image Storage",
    kind: "image",
    modality: "PT",
  },
  {
    uid: "1.2.840.10008.5.1.4.1.1.20",
    name: "Nuclear Medicine Image Storage",
    kind: "image",
    modality: "NM",
  },
  {
    uid: "1.2.840.10008.5.1.4.1.1.66.1",
    name: "Spatial Registration Storage",
    kind: "other",
    modality: "REG",
  },
  {
    uid: "1.2.840.10008.5.1.4.1.1.66.3",
    name: "Deformable Spatial Registration Storage",
    kind: "other",
    modality: "REG",
  },
  { uid: "1.2.840.10008.5.1.4.1.1.66.4", name: "Segmentation Storage", kind: "other", modality: "SEG" },
  {
    uid: "1.2.840.10008.5.1.4.1.1.7",
    name: "Secondary Capture Image Storage",
    kind: "image",
    modality: "OT",
  },
];

const byModality: Readonly<Record<string, DicomKind>> = {
  RTDOSE: "rtdose",
  RTSTRUCT: "rtstruct",
  RTPLAN: "rtplan",
  CT: "image",
  MR: "image",
  PT: "image",
  NM: "image",
};

/** Name of a SOP class UID, or undefined when not in the list above. */
export function sopClassName(uid: string | undefined): string | undefined {
  return uid === undefined ? undefined : sopClasses.find((s) => s.uid === uid)?.name;
}

/**
 * Kind of a DICOM object. The SOP Class UID decides; Modality is used only when the SOP class is missing
 * or unknown (some exports write private SOP classes but the right Modality).
 */
export function kindOf(sopClassUid: string | undefined, modality: string | undefined): DicomKind {
  const bySop = sopClasses.find((s) => s.uid === sopClassUid);
  if (bySop) return bySop.kind;
  if (modality !== undefined) return byModality[modality] ?? "other";
  return "other";
}

/** Human description for messages: "RT Plan Storage (RTPLAN)", "a CT image", "SOP class 1.2.3 (modality XX)". */
export function describeObject(sopClassUid: string | undefined, modality: string | undefined): string {
  const name = sopClassName(sopClassUid);
  if (name) return `${name}${modality ? ` (${modality})` : ""}`;
  const parts = [
    sopClassUid ? `SOP class ${sopClassUid}` : "no SOP Class UID",
    modality ? `modality ${modality}` : "no Modality",
  ];
  return parts.join(", ");
}
