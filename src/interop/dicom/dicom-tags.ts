// The DICOM attributes the RT readers use, keyed by keyword. Tags from DICOM PS3.6 (Data Dictionary);
// `key` is dicom-parser's element key ("x" + group + element, lower-case hex).

export type DicomTag = {
  /** dicom-parser element key, e.g. "x3004000c" */
  readonly key: string;
  /** DICOM keyword (PS3.6), used in issue paths */
  readonly keyword: string;
  /** "(gggg,eeee)" as printed in the standard, used in messages */
  readonly label: string;
  /** value representation per PS3.6 (used to parse implicit-VR files correctly) */
  readonly vr: string;
};

function tag(group: number, element: number, keyword: string, vr: string): DicomTag {
  const g = group.toString(16).padStart(4, "0");
  const e = element.toString(16).padStart(4, "0");
  return { key: `x${g}${e}`, keyword, label: `(${g.toUpperCase()},${e.toUpperCase()})`, vr };
}

/** Attributes read by src/interop/dicom (PS3.6 tags and VRs). */
export const T = {
  // File meta information (PS3.10 7.1)
  TransferSyntaxUID: tag(0x0002, 0x0010, "TransferSyntaxUID", "UI"),
  // SOP common, patient, study, series, frame of reference (PS3.3 C.12.1, C.7)
  SpecificCharacterSet: tag(0x0008, 0x0005, "SpecificCharacterSet", "CS"),
  SOPClassUID: tag(0x0008, 0x0016, "SOPClassUID", "UI"),
  SOPInstanceUID: tag(0x0008, 0x0018, "SOPInstanceUID", "UI"),
  Modality: tag(0x0008, 0x0060, "Modality", "CS"),
  ReferencedSOPClassUID: tag(0x0008, 0x1150, "ReferencedSOPClassUID", "UI"),
  ReferencedSOPInstanceUID: tag(0x0008, 0x1155, "ReferencedSOPInstanceUID", "UI"),
  PatientName: tag(0x0010, 0x0010, "PatientName", "PN"),
  PatientID: tag(0x0010, 0x0020, "PatientID", "LO"),
  StudyInstanceUID: tag(0x0020, 0x000d, "StudyInstanceUID", "UI"),
  SeriesInstanceUID: tag(0x0020, 0x000e, "SeriesInstanceUID", "UI"),
  ImagePositionPatient: tag(0x0020, 0x0032, "ImagePositionPatient", "DS"),
  ImageOrientationPatient: tag(0x0020, 0x0037, "ImageOrientationPatient", "DS"),
  FrameOfReferenceUID: tag(0x0020, 0x0052, "FrameOfReferenceUID", "UI"),
  // Image pixel and multi-frame modules (PS3.3 C.7.6.3, C.7.6.6)
  SamplesPerPixel: tag(0x0028, 0x0002, "SamplesPerPixel", "US"),
  PhotometricInterpretation: tag(0x0028, 0x0004, "PhotometricInterpretation", "CS"),
  NumberOfFrames: tag(0x0028, 0x0008, "NumberOfFrames", "IS"),
  Rows: tag(0x0028, 0x0010, "Rows", "US"),
  Columns: tag(0x0028, 0x0011, "Columns", "US"),
  PixelSpacing: tag(0x0028, 0x0030, "PixelSpacing", "DS"),
  BitsAllocated: tag(0x0028, 0x0100, "BitsAllocated", "US"),
  BitsStored: tag(0x0028, 0x0101, "BitsStored", "US"),
  HighBit: tag(0x0028, 0x0102, "HighBit", "US"),
  PixelRepresentation: tag(0x0028, 0x0103, "PixelRepresentation", "US"),
  PixelData: tag(0x7fe0, 0x0010, "PixelData", "OW"),
  FloatPixelData: tag(0x7fe0, 0x0008, "FloatPixelData", "OF"),
  DoubleFloatPixelData: tag(0x7fe0, 0x0009, "DoubleFloatPixelData", "OD"),
  // RT Dose module and RT DVH module (PS3.3 C.8.8.3, C.8.8.4)
  DVHType: tag(0x3004, 0x0001, "DVHType", "CS"),
  DoseUnits: tag(0x3004, 0x0002, "DoseUnits", "CS"),
  DoseType: tag(0x3004, 0x0004, "DoseType", "CS"),
  DoseSummationType: tag(0x3004, 0x000a, "DoseSummationType", "CS"),
  GridFrameOffsetVector: tag(0x3004, 0x000c, "GridFrameOffsetVector", "DS"),
  DoseGridScaling: tag(0x3004, 0x000e, "DoseGridScaling", "DS"),
  DVHSequence: tag(0x3004, 0x0050, "DVHSequence", "SQ"),
  DVHDoseScaling: tag(0x3004, 0x0052, "DVHDoseScaling", "DS"),
  DVHVolumeUnits: tag(0x3004, 0x0054, "DVHVolumeUnits", "CS"),
  DVHNumberOfBins: tag(0x3004, 0x0056, "DVHNumberOfBins", "IS"),
  DVHData: tag(0x3004, 0x0058, "DVHData", "DS"),
  DVHReferencedROISequence: tag(0x3004, 0x0060, "DVHReferencedROISequence", "SQ"),
  // Structure set, ROI contour, RT ROI observations modules (PS3.3 C.8.8.5, C.8.8.6, C.8.8.8)
  StructureSetLabel: tag(0x3006, 0x0002, "StructureSetLabel", "SH"),
  StructureSetName: tag(0x3006, 0x0004, "StructureSetName", "LO"),
  ReferencedFrameOfReferenceSequence: tag(0x3006, 0x0010, "ReferencedFrameOfReferenceSequence", "SQ"),
  StructureSetROISequence: tag(0x3006, 0x0020, "StructureSetROISequence", "SQ"),
  ROINumber: tag(0x3006, 0x0022, "ROINumber", "IS"),
  ReferencedFrameOfReferenceUID: tag(0x3006, 0x0024, "ReferencedFrameOfReferenceUID", "UI"),
  ROIName: tag(0x3006, 0x0026, "ROIName", "LO"),
  ROIDisplayColor: tag(0x3006, 0x002a, "ROIDisplayColor", "IS"),
  ROIContourSequence: tag(0x3006, 0x0039, "ROIContourSequence", "SQ"),
  ContourSequence: tag(0x3006, 0x0040, "ContourSequence", "SQ"),
  ContourGeometricType: tag(0x3006, 0x0042, "ContourGeometricType", "CS"),
  NumberOfContourPoints: tag(0x3006, 0x0046, "NumberOfContourPoints", "IS"),
  ContourData: tag(0x3006, 0x0050, "ContourData", "DS"),
  RTROIObservationsSequence: tag(0x3006, 0x0080, "RTROIObservationsSequence", "SQ"),
  ReferencedROINumber: tag(0x3006, 0x0084, "ReferencedROINumber", "IS"),
  RTROIInterpretedType: tag(0x3006, 0x00a4, "RTROIInterpretedType", "CS"),
  // RT general plan, prescription, fraction scheme modules (PS3.3 C.8.8.9, C.8.8.10, C.8.8.13)
  RTPlanLabel: tag(0x300a, 0x0002, "RTPlanLabel", "SH"),
  RTPlanName: tag(0x300a, 0x0003, "RTPlanName", "LO"),
  DoseReferenceSequence: tag(0x300a, 0x0010, "DoseReferenceSequence", "SQ"),
  DoseReferenceNumber: tag(0x300a, 0x0012, "DoseReferenceNumber", "IS"),
  DoseReferenceStructureType: tag(0x300a, 0x0014, "DoseReferenceStructureType", "CS"),
  DoseReferenceDescription: tag(0x300a, 0x0016, "DoseReferenceDescription", "LO"),
  DoseReferenceType: tag(0x300a, 0x0020, "DoseReferenceType", "CS"),
  TargetPrescriptionDose: tag(0x300a, 0x0026, "TargetPrescriptionDose", "DS"),
  FractionGroupSequence: tag(0x300a, 0x0070, "FractionGroupSequence", "SQ"),
  FractionGroupNumber: tag(0x300a, 0x0071, "FractionGroupNumber", "IS"),
  NumberOfFractionsPlanned: tag(0x300a, 0x0078, "NumberOfFractionsPlanned", "IS"),
  BeamSequence: tag(0x300a, 0x00b0, "BeamSequence", "SQ"),
  IonBeamSequence: tag(0x300a, 0x03a2, "IonBeamSequence", "SQ"),
  ReferencedRTPlanSequence: tag(0x300c, 0x0002, "ReferencedRTPlanSequence", "SQ"),
  ReferencedStructureSetSequence: tag(0x300c, 0x0060, "ReferencedStructureSetSequence", "SQ"),
} as const;

/** VR of the listed attributes by element key, for dicom-parser's implicit-VR vrCallback. */
export const knownVrByKey: ReadonlyMap<string, string> = new Map(Object.values(T).map((t) => [t.key, t.vr]));
