// Create or edit a patient record. The draft is validated with the same core function the server
// uses (parsePatient) on every change; errors appear inline next to each field once it was left,
// and all of them in a summary when saving. Errors the server returns (400) are shown the same way.
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type Issue, parsePatient } from "../../core/index.ts";
import { ApiError, describeError } from "../api/errors.ts";
import type { PatientInput } from "../api/types.ts";
import { useApp } from "../app-context.ts";
import { ErrorSummary } from "../components/editor/ErrorSummary.tsx";
import { EditorContext, type EditorContextValue } from "../components/editor/editor-context.ts";
import { ImagingSection } from "../components/editor/ImagingSection.tsx";
import {
  JudgementsSection,
  LabsSection,
  OutcomesSection,
  PatientSection,
  PrimarySection,
} from "../components/editor/PatientSections.tsx";
import { LocalSection, SystemicSection } from "../components/editor/TherapySections.tsx";
import { PageTitle } from "../components/PageTitle.tsx";
import { ErrorAlert, Loading } from "../components/Status.tsx";
import { useAsync } from "../hooks/use-async.ts";
import { navigate } from "../hooks/use-route.ts";
import { type Json, type JsonObject, pruneEmptyObjects, setAt } from "../lib/paths.ts";
import { hrefFor } from "../lib/route.ts";

/** Paths that stay even when empty (the required primary object). */
const KEEP_EMPTY: ReadonlySet<string> = new Set(["primary"]);

export function PatientEditPage({ id }: { readonly id: string | undefined }) {
  const { api, session } = useApp();
  const existing = useAsync(() => (id === undefined ? Promise.resolve(undefined) : api.getPatient(id)), [id]);
  if (id !== undefined && existing.status === "error") {
    return (
      <section>
        <PageTitle>Edit patient {id}</PageTitle>
        <ErrorAlert error={existing.error} onRetry={existing.reload} />
      </section>
    );
  }
  if (id !== undefined && existing.data === undefined) return <Loading what={`patient ${id}`} />;
  const initial: Json =
    existing.data !== undefined
      ? (JSON.parse(JSON.stringify(existing.data.patient)) as Json)
      : ({
          id: "",
          ...(session.user.siteId !== null ? { siteId: session.user.siteId } : {}),
          primary: {},
          imagingStudies: [],
          systemicTherapies: [],
          localTherapies: [],
        } satisfies JsonObject);
  return <Editor key={id ?? "new"} id={id} initial={initial} version={existing.data?.version} />;
}

function Editor({
  id,
  initial,
  version,
}: {
  readonly id: string | undefined;
  readonly initial: Json;
  readonly version: number | undefined;
}) {
  const { api, session } = useApp();
  const isNew = id === undefined;
  const [draft, setDraft] = useState<Json>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<readonly Issue[]>([]);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const dirty = draft !== initial;
  const summaryRef = useRef<HTMLDivElement>(null);

  const cleaned = useMemo(() => pruneEmptyObjects(draft, KEEP_EMPTY) ?? {}, [draft]);
  const validation = useMemo(() => parsePatient(cleaned), [cleaned]);
  const clientIssues: readonly Issue[] = validation.ok ? [] : validation.issues;
  const shownIssues = clientIssues.length > 0 ? clientIssues : serverIssues;

  // warn before leaving the page with unsaved changes (reload, closing the tab)
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  const set = useCallback((path: string, value: Json | undefined) => {
    setDraft((d) => setAt(d, path, value));
    setServerIssues([]);
  }, []);
  const touch = useCallback((path: string) => {
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  }, []);
  const visibleIssues = useCallback(
    (path: string): readonly Issue[] =>
      submitted || touched.has(path) ? shownIssues.filter((i) => i.path === path) : [],
    [submitted, touched, shownIssues],
  );
  const context = useMemo<EditorContextValue>(
    () => ({ draft, set, touch, visibleIssues }),
    [draft, set, touch, visibleIssues],
  );

  const save = (e: FormEvent): void => {
    e.preventDefault();
    setSubmitted(true);
    setSaveError(undefined);
    if (!validation.ok) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSaving(true);
    const body = cleaned as unknown as PatientInput;
    const request = isNew ? api.createPatient(body) : api.updatePatient(id, body, version);
    request.then(
      (saved) => {
        setSaving(false);
        // the draft is now the saved record: leaving must not warn
        setDraft(initial);
        navigate({ page: "patient", id: saved.patient.id, query: {} });
      },
      (err: unknown) => {
        setSaving(false);
        if (err instanceof ApiError && err.issues.length > 0) {
          setServerIssues(err.issues);
          requestAnimationFrame(() => summaryRef.current?.focus());
        } else if (err instanceof ApiError && err.status === 409) {
          setSaveError(
            new ApiError(
              409,
              err.code,
              isNew
                ? `A patient with the id "${String((cleaned as JsonObject)["id"])}" already exists: choose another id.`
                : "Someone saved this record after you opened it. Your changes are still in the form: copy what you need, then reload the page to see theirs.",
            ),
          );
        } else {
          setSaveError(err);
        }
      },
    );
  };

  const cancel = (): void => {
    if (dirty && !window.confirm("Discard your changes?")) return;
    setDraft(initial);
    navigate(isNew ? { page: "patients", query: {} } : { page: "patient", id, query: {} });
  };

  const title = isNew
    ? "New patient"
    : `Edit ${typeof (initial as JsonObject)["name"] === "string" ? (initial as JsonObject)["name"] : `patient ${id}`}`;
  return (
    <EditorContext.Provider value={context}>
      <form className="editor" onSubmit={save} noValidate aria-labelledby="editor-title">
        <div className="page-head">
          <PageTitle focusKey={id ?? "new"}>
            <span id="editor-title">{title}</span>
          </PageTitle>
          {!isNew && (
            <a className="button-link" href={hrefFor({ page: "patient", id, query: {} })}>
              Back to the patient
            </a>
          )}
        </div>
        <p className="muted">
          Fields marked * are required. Each imaging study holds the lesions read on it; use the same lesion
          id on follow-up studies. The classification is recomputed when you save.
        </p>
        {submitted && shownIssues.length > 0 && <ErrorSummary ref={summaryRef} issues={shownIssues} />}
        {saveError !== undefined && (
          <div className="alert alert-error" role="alert">
            Could not save: {describeError(saveError)}
          </div>
        )}
        <PatientSection isNew={isNew} canChooseSite={session.user.role === "admin"} />
        <PrimarySection />
        <ImagingSection />
        <SystemicSection />
        <LocalSection />
        <JudgementsSection />
        <LabsSection />
        <OutcomesSection />
        <div className="save-bar">
          <button type="submit" className="button-primary" disabled={saving}>
            {saving ? "Saving…" : isNew ? "Register patient" : "Save changes"}
          </button>
          <button type="button" className="button-secondary" onClick={cancel}>
            Cancel
          </button>
          <span className="save-state" aria-live="polite">
            {clientIssues.length > 0
              ? `${clientIssues.length} field${clientIssues.length === 1 ? "" : "s"} to correct`
              : dirty
                ? "Unsaved changes"
                : "No changes"}
          </span>
        </div>
      </form>
    </EditorContext.Provider>
  );
}
