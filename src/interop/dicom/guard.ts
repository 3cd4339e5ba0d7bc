// Last line of defence: the readers promise never to throw. Any exception that escapes the checks
// (a bug, or a dicom-parser path not anticipated) becomes a dicom_corrupt issue instead of a crash.
import { fail, issue, type Result } from "../../core/index.ts";

export function guarded<T>(read: () => Result<T>): Result<T> {
  try {
    return read();
  } catch (e) {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return fail([issue("dicom_corrupt", "", `the file could not be read (unexpected structure): ${text}`)]);
  }
}
