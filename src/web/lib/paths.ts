// Reading and writing a JSON draft by model path (`imagingStudies[0].lesions[1].sizeMm`, the
// form core's formatPath writes and the API's issues carry). Updates are immutable: a new object
// along the path, everything else shared, so React sees exactly what changed.

export type PathKey = string | number;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const TOKEN = /([^.[\]]+)|\[(\d+)\]/g;

/** `a.b[2].c` -> ["a", "b", 2, "c"]; inverse of core's formatPath. */
export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  for (const m of path.matchAll(TOKEN)) {
    if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[1] !== undefined) keys.push(m[1]);
  }
  return keys;
}

/** The same as core's formatPath, for building paths in the browser. */
export function joinPath(...keys: readonly PathKey[]): string {
  let out = "";
  for (const key of keys) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function getAt(root: Json | undefined, path: string | readonly PathKey[]): Json | undefined {
  const keys = typeof path === "string" ? parsePath(path) : path;
  let v: Json | undefined = root;
  for (const key of keys) {
    if (typeof key === "number") v = Array.isArray(v) ? v[key] : undefined;
    else v = isObject(v) ? v[key] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/**
 * Sets the value at a path; `undefined` deletes an object key (an optional field left empty).
 * Missing containers are created (an object, or an array when the next key is a number).
 */
export function setAt(
  root: Json | undefined,
  path: string | readonly PathKey[],
  value: Json | undefined,
): Json {
  const keys = typeof path === "string" ? parsePath(path) : path;
  return setKeys(root, keys, 0, value) ?? {};
}

function setKeys(
  node: Json | undefined,
  keys: readonly PathKey[],
  i: number,
  value: Json | undefined,
): Json | undefined {
  if (i === keys.length) return value;
  const key = keys[i]!;
  if (typeof key === "number") {
    const arr = Array.isArray(node) ? [...node] : [];
    const child = setKeys(arr[key], keys, i + 1, value);
    if (child === undefined) arr.splice(key, 1);
    else arr[key] = child;
    return arr;
  }
  const obj: JsonObject = isObject(node) ? { ...node } : {};
  const child = setKeys(obj[key], keys, i + 1, value);
  if (child === undefined) delete obj[key];
  else obj[key] = child;
  return obj;
}

/** Removes item `index` of the array at `path`. */
export function removeAt(root: Json | undefined, path: string, index: number): Json {
  const arr = getAt(root, path);
  if (!Array.isArray(arr)) return root ?? {};
  return setAt(
    root,
    path,
    arr.filter((_, i) => i !== index),
  );
}

/** Appends an item to the array at `path` (created when missing). */
export function appendAt(root: Json | undefined, path: string, item: Json): Json {
  const arr = getAt(root, path);
  return setAt(root, path, [...(Array.isArray(arr) ? arr : []), item]);
}

/**
 * Drops optional objects the user emptied (e.g. every TNM field cleared leaves `tnm: {}`, which
 * would fail on the required edition). `keep` lists paths that stay even when empty.
 */
export function pruneEmptyObjects(node: Json, keep: ReadonlySet<string>, path = ""): Json | undefined {
  if (Array.isArray(node)) {
    return node.map((item, i) => pruneEmptyObjects(item, keep, joinPath(...parsePath(path), i)) ?? {});
  }
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    const child = pruneEmptyObjects(v, keep, path === "" ? k : `${path}.${k}`);
    if (child !== undefined) out[k] = child;
  }
  if (Object.keys(out).length === 0 && path !== "" && !keep.has(path)) return undefined;
  return out;
}

/** A new id not yet used in `existing`: prefix + the next number (S1, S2 …). */
export function nextId(prefix: string, existing: readonly string[]): string {
  const used = new Set(existing);
  for (let n = existing.length + 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}
