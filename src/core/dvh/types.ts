// Values exchanged between the DICOM reader (src/interop/dicom) and the DVH engine (src/core/dvh).
// Plain readonly data, units in names, typed arrays for large data. Patient coordinates in mm
// (DICOM patient coordinate system, LPS).

export type Vec3 = readonly [number, number, number];

/** A dose grid from RTDOSE, normalised by the reader: dose in Gy, frames in file order. */
export type DoseGrid = {
  readonly kind: "dose_grid";
  /** number of columns (along rowDirection), rows (along columnDirection) and frames */
  readonly columns: number;
  readonly rows: number;
  readonly frames: number;
  /** ImagePositionPatient: patient coordinates (mm) of the centre of the first voxel of frame 0 */
  readonly originMm: Vec3;
  /** ImageOrientationPatient: direction cosines of a row (increasing column index) and of a column (increasing row index) */
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
  /** PixelSpacing as in DICOM: [spacing between rows (mm), spacing between columns (mm)] */
  readonly pixelSpacingMm: readonly [number, number];
  /** GridFrameOffsetVector converted to offsets (mm) along rowDirection x columnDirection from originMm, one per frame, file order (ascending or descending) */
  readonly frameOffsetsMm: Float64Array;
  /** dose in Gy (DoseGridScaling applied); index = frame * rows * columns + row * columns + column */
  readonly doseGy: Float32Array;
  /** DoseSummationType (PLAN, FRACTION, BEAM …) and DoseType (PHYSICAL, EFFECTIVE, ERROR) as read */
  readonly summationType: string;
  readonly doseType: string;
  readonly frameOfReferenceUid?: string;
  /** DoseUnits as read; "RELATIVE" only when the reader was told to accept relative dose (doseGy then holds relative values) */
  readonly doseUnits?: "GY" | "RELATIVE";
};

export type ContourGeometry = "CLOSED_PLANAR" | "POINT" | "OPEN_PLANAR" | "OPEN_NONPLANAR";

/** One contour of an ROI: points as x,y,z triplets in mm (ContourData). */
export type Contour = {
  readonly geometry: ContourGeometry;
  readonly pointsMm: Float64Array;
};

export type Roi = {
  /** ROINumber */
  readonly number: number;
  /** ROIName */
  readonly name: string;
  /** RTROIInterpretedType when present (PTV, ORGAN, EXTERNAL …) */
  readonly interpretedType?: string;
  readonly frameOfReferenceUid?: string;
  readonly color?: readonly [number, number, number];
  readonly contours: readonly Contour[];
};

export type StructureSet = {
  readonly kind: "structure_set";
  readonly label?: string;
  readonly frameOfReferenceUid?: string;
  readonly rois: readonly Roi[];
};

/** DVH stored in the RTDOSE DVH Sequence, if any (used for comparison only). */
export type StoredDvh = {
  readonly roiNumber: number;
  readonly type: "CUMULATIVE" | "DIFFERENTIAL" | "NATURAL";
  readonly doseUnits: string;
  readonly volumeUnits: string;
  /** bin upper edges in Gy */
  readonly doseGy: Float64Array;
  /** volume per bin in volumeUnits */
  readonly volume: Float64Array;
};

/** Prescription facts from RTPLAN. */
export type PlanInfo = {
  readonly kind: "plan";
  readonly label?: string;
  readonly fractions?: number;
  /** total prescription dose (Gy) when stated (DoseReferenceSequence TargetPrescriptionDose) */
  readonly prescriptionDoseGy?: number;
  readonly targets: readonly {
    readonly roiNumber?: number;
    readonly prescriptionDoseGy?: number;
    /** DoseReferenceStructureType as read (POINT, VOLUME, COORDINATES, SITE) */
    readonly structureType?: string;
    /** DoseReferenceDescription as read */
    readonly description?: string;
  }[];
};

/**
 * Read access to one ROI's computed cumulative DVH, as the constraint evaluator needs it.
 * Implemented by the DVH engine (src/core/dvh); consumed by src/core/constraints.
 * All look-ups interpolate on the curve (never nearest bin).
 */
export type DvhQuery = {
  /** total structure volume (cc), including any part outside the dose grid */
  readonly volumeCc: number;
  /** volume (cc) of the structure that lies outside the dose grid (no dose known) */
  readonly volumeOutsideGridCc: number;
  readonly minGy: number;
  readonly meanGy: number;
  readonly maxGy: number;
  /** D{v}cc: minimum dose received by the hottest v cc */
  doseAtVolumeCc(volumeCc: number): number;
  /** D{p}%: minimum dose received by the hottest p % of the structure */
  doseAtVolumePercent(percent: number): number;
  /** V{x}Gy in cc: volume receiving >= x Gy */
  volumeAtDoseCc(doseGy: number): number;
  /** V{x}Gy in % of the structure volume */
  volumeAtDosePercent(doseGy: number): number;
};
