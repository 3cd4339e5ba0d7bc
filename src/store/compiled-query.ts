// Hot queries compiled once per dialect. Building and compiling a Kysely query (builder nodes,
// freeze, visitor) cost about as much CPU as running it on SQLite; for the queries every API
// request runs (session lookup, patient read, audit append) the SQL text is compiled on first
// use and then executed with new parameters through the same Kysely executor (one query path,
// SQLite's statement cache hits the same text). The first compilation checks that the builder
// produced exactly the given parameters in the given order, so a query that inlines a value or
// reorders parameters fails at once instead of running with the wrong bindings.
import { type Compilable, CompiledQuery } from "kysely";
import type { Db } from "./open-store.ts";

/** dialect adapter class -> query name -> SQL text */
const compiledSql = new WeakMap<object, Map<string, string>>();

export async function runCompiled<R>(
  db: Db,
  name: string,
  params: readonly unknown[],
  build: (db: Db) => Compilable<R>,
): Promise<R[]> {
  const adapterClass = db.getExecutor().adapter.constructor;
  let byName = compiledSql.get(adapterClass);
  if (byName === undefined) {
    byName = new Map();
    compiledSql.set(adapterClass, byName);
  }
  let text = byName.get(name);
  if (text === undefined) {
    const compiled = build(db).compile();
    const same =
      compiled.parameters.length === params.length && compiled.parameters.every((p, i) => p === params[i]);
    if (!same) {
      throw new Error(
        `compiled query "${name}": the builder's parameters ${JSON.stringify(compiled.parameters)} differ from the given ${JSON.stringify(params)}`,
      );
    }
    text = compiled.sql;
    byName.set(name, text);
  }
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
  return result.rows as R[];
}
