// State shared by the fields of the patient editor: the JSON draft, the validation issues by
// path, and which fields the user has left (errors show after a field was left or on save).
import { createContext, useContext } from "react";
import type { Issue } from "../../../core/index.ts";
import type { Json } from "../../lib/paths.ts";

export type EditorContextValue = {
  readonly draft: Json;
  readonly set: (path: string, value: Json | undefined) => void;
  /** issues to show at exactly this path (empty until the field was touched or save was tried) */
  readonly visibleIssues: (path: string) => readonly Issue[];
  readonly touch: (path: string) => void;
};

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const v = useContext(EditorContext);
  if (v === null) throw new Error("editor field outside <EditorContext.Provider>");
  return v;
}

/** DOM id of the input for a model path (`imagingStudies[0].date` -> `f-imagingStudies-0-date`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[[\].]+/g, "-").replace(/-+$/, "")}`;
}
