// Splits a text stream into JSON records without holding the whole input: one JSON object, a JSON
// array of objects (each element a record), or NDJSON / concatenated objects. Only the current
// record is buffered, so memory stays flat for any input size. Records are returned as text; the
// caller runs JSON.parse (so a syntax error stays confined to its record).

export type SplitRecord = {
  readonly kind: "record";
  /** 0-based record number in the input */
  readonly index: number;
  /** 1-based line where the record starts */
  readonly line: number;
  readonly text: string;
};

export type SplitError = {
  readonly kind: "error";
  readonly index: number;
  readonly line: number;
  /** snake_case code (docs/errors.md) */
  readonly code: "invalid_json";
  readonly message: string;
};

export type SplitEvent = SplitRecord | SplitError;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const BOM = 0xfeff;

// "lines": NDJSON detected (the first object ended on its own line): every non-blank line is one
// record, so a broken line cannot swallow the records after it.
type Mode = "unknown" | "array" | "sequence" | "array_closed" | "lines";

export class JsonRecordSplitter {
  private buf = "";
  private pos = 0;
  private mode: Mode = "unknown";
  private depth = 0;
  private inString = false;
  private start = -1;
  private startLine = 1;
  private line = 1;
  private count = 0;
  private skipping = false;

  /** Total records and errors emitted so far. */
  get emitted(): number {
    return this.count;
  }

  /** Feeds the next chunk of text; complete records and errors are appended to `out`. */
  push(chunk: string, out: SplitEvent[]): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.scan(out);
  }

  /** Ends the input: an unfinished record becomes an error. */
  end(out: SplitEvent[]): void {
    if (this.mode === "lines") {
      const rest = this.buf.slice(this.start >= 0 ? this.start : this.pos);
      if (rest.trim() !== "") {
        this.startLine = this.line;
        this.emit(out, rest);
      }
      this.buf = "";
      this.pos = 0;
      this.start = -1;
      return;
    }
    if (this.mode === "array" && this.depth === 1 && this.start >= 0 && !this.inString) {
      // the last element is complete; only the closing ] is missing
      this.emit(out, this.buf.slice(this.start));
      this.start = -1;
    }
    if (this.start >= 0 || this.inString || (this.mode === "array" && this.depth > 0)) {
      const what =
        this.mode === "array" && this.start < 0
          ? "the JSON array is not closed with ]"
          : "the record is incomplete (unbalanced braces or an unterminated string)";
      this.error(out, this.start >= 0 ? this.startLine : this.line, `unexpected end of input: ${what}`);
    }
    this.buf = "";
    this.pos = 0;
    this.start = -1;
  }

  private emit(out: SplitEvent[], text: string): void {
    out.push({ kind: "record", index: this.count++, line: this.startLine, text });
  }

  private error(out: SplitEvent[], line: number, message: string): void {
    out.push({ kind: "error", index: this.count++, line, code: "invalid_json", message });
  }

  private scanLines(out: SplitEvent[]): void {
    const s = this.buf;
    let i = this.pos;
    for (;;) {
      const nl = s.indexOf("\n", i);
      if (nl < 0) break;
      const text = s.slice(i, nl);
      if (text.trim() !== "") {
        this.startLine = this.line;
        this.emit(out, text);
      }
      this.line++;
      i = nl + 1;
    }
    this.buf = s.slice(i);
    this.pos = 0;
    this.start = -1;
  }

  private scan(out: SplitEvent[]): void {
    if (this.mode === "lines") {
      this.scanLines(out);
      return;
    }
    const s = this.buf;
    const n = s.length;
    let i = this.pos;
    while (i < n) {
      if (this.skipping) {
        const nl = s.indexOf("\n", i);
        if (nl < 0) {
          i = n;
          break;
        }
        this.skipping = false;
        i = nl; // the newline itself is counted below
        continue;
      }
      if (this.inString) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          i = n;
          break;
        }
        let b = q - 1;
        while (s.charCodeAt(b) === BACKSLASH) b--;
        i = q + 1;
        if ((q - 1 - b) % 2 === 0) this.inString = false;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === NEWLINE) {
        this.line++;
        i++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR || c === BOM) {
        i++;
        continue;
      }
      switch (this.mode) {
        case "unknown":
          if (c === OPEN_BRACKET) {
            this.mode = "array";
            this.depth = 1;
            i++;
            continue;
          }
          this.mode = "sequence";
          continue; // re-read this character in sequence mode
        case "array_closed":
          this.error(out, this.line, "unexpected content after the closing ] of the JSON array");
          this.skipping = true;
          continue;
        case "sequence":
          if (this.depth === 0 && c !== OPEN_BRACE && c !== OPEN_BRACKET) {
            this.error(out, this.line, `expected a JSON object (a patient record) at line ${this.line}`);
            this.skipping = true;
            continue;
          }
          break;
        case "array":
          break;
      }
      if (this.mode === "array" && this.depth === 1 && this.start < 0 && c !== COMMA && c !== CLOSE_BRACKET) {
        this.start = i;
        this.startLine = this.line;
      }
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (this.mode === "sequence" && this.depth === 0) {
          this.start = i;
          this.startLine = this.line;
        }
        this.depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.mode === "sequence" && this.depth === 0) {
          const text = s.slice(this.start, i + 1);
          this.emit(out, text);
          this.start = -1;
          if (this.count === 1 && !text.includes("\n")) {
            // NDJSON: continue line by line after the end of this first line
            const nl = s.indexOf("\n", i + 1);
            const between = nl < 0 ? s.slice(i + 1) : s.slice(i + 1, nl);
            if (between.trim() === "") {
              this.mode = "lines";
              if (nl < 0) {
                this.buf = "";
                this.pos = 0;
                return;
              }
              this.line++;
              this.buf = s.slice(nl + 1);
              this.pos = 0;
              this.scanLines(out);
              return;
            }
          }
        } else if (this.mode === "array" && this.depth === 0) {
          if (this.start >= 0) this.emit(out, s.slice(this.start, i));
          this.start = -1;
          this.mode = "array_closed";
        } else if (this.depth < 0) {
          this.error(out, this.line, `unbalanced "${String.fromCharCode(c)}" at line ${this.line}`);
          this.depth = 0;
          this.start = -1;
          this.skipping = true;
        }
      } else if (c === COMMA && this.mode === "array" && this.depth === 1) {
        if (this.start >= 0) this.emit(out, s.slice(this.start, i));
        else this.error(out, this.line, `empty element in the JSON array at line ${this.line}`);
        this.start = -1;
      }
      i++;
    }
    // keep only the unfinished record
    if (this.start >= 0) {
      this.buf = s.slice(this.start);
      this.pos = i - this.start;
      this.start = 0;
    } else {
      this.buf = "";
      this.pos = 0;
    }
  }
}
