// Decoding of DICOM text values under Specific Character Set (0008,0005), DICOM PS3.3 C.12.1.1.2 and
// PS3.5 section 6.1. Only single-byte sets and the Unicode/GB sets map directly onto WHATWG encodings;
// ISO 2022 code extensions (escape sequences) are decoded with the base set and reported.

/** WHATWG encoding labels for the Defined Terms of Specific Character Set (PS3.3 Table C.12-2/-3/-4/-5). */
const encodingByTerm: Readonly<Record<string, string>> = {
  "": "latin1", // default repertoire (ISO-IR 6, ASCII) – latin1 is a superset
  "ISO_IR 6": "latin1",
  "ISO_IR 100": "latin1",
  "ISO_IR 101": "iso-8859-2",
  "ISO_IR 109": "iso-8859-3",
  "ISO_IR 110": "iso-8859-4",
  "ISO_IR 144": "iso-8859-5",
  "ISO_IR 127": "iso-8859-6",
  "ISO_IR 126": "iso-8859-7",
  "ISO_IR 138": "iso-8859-8",
  "ISO_IR 148": "iso-8859-9",
  "ISO_IR 203": "iso-8859-15",
  "ISO_IR 13": "shift_jis",
  "ISO_IR 166": "windows-874",
  "ISO_IR 192": "utf-8",
  GB18030: "gb18030",
  GBK: "gbk",
};

export type TextDecoding = {
  readonly decoder: TextDecoder;
  /** set when the character set could not be honoured exactly */
  readonly note?: string;
};

const decoders = new Map<string, TextDecoder>();
function decoderFor(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    d = new TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

/** Chooses the decoder for a data set's Specific Character Set value (undefined = default repertoire). */
export function textDecodingFor(specificCharacterSet: string | undefined): TextDecoding {
  const terms = (specificCharacterSet ?? "").split("\\").map((t) => t.trim());
  const first = terms[0] ?? "";
  if (terms.length > 1 || first.startsWith("ISO 2022")) {
    // Code extensions: the first value is the base set (may be empty = ASCII); escapes switch sets in text.
    const base = first.replace(/^ISO 2022 IR /, "ISO_IR ");
    const label = encodingByTerm[base] ?? "latin1";
    return {
      decoder: decoderFor(label),
      note: `Specific Character Set "${specificCharacterSet}" uses ISO 2022 code extensions; text was decoded as ${label}, characters from other sets may be wrong`,
    };
  }
  const label = encodingByTerm[first];
  if (label !== undefined) {
    try {
      return { decoder: decoderFor(label) };
    } catch {
      // the runtime lacks this encoding (small-ICU builds): fall through to latin1
    }
  }
  return {
    decoder: decoderFor("latin1"),
    note: `Specific Character Set "${specificCharacterSet}" is not supported; text was decoded as latin1`,
  };
}

/** Decoder for ASCII-only values (UI, CS, DS, IS, AS …): latin1 never fails and is fast. */
export const asciiDecoder: TextDecoder = decoderFor("latin1");
