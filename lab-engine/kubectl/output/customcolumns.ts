// kubectl -o custom-columns / custom-columns-file (cli-runtime customcolumn.go): specs are
// relaxed into `{.path}` jsonpath expressions, evaluated with AllowMissingKeys, every
// value printed with Go's %v (maps as `map[k:v]`), several values comma-joined, nothing
// found → `<none>`; rows go through kubectl's get tabwriter.

import { findJsonPathValues, JsonPathExecError, JsonPathParseError, parseJsonPath } from "./jsonpath.ts";
import { goV } from "./gofmt.ts";
import { newGetTabWriter } from "./tabwriter.ts";

export interface Column {
  header: string;
  /** a full jsonpath template, e.g. `{.metadata.name}` */
  fieldSpec: string;
}

export class CustomColumnsError extends Error {}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = RELAXED.exec(expr);
  if (!m) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ? m[1] : m[2]}}`;
}

/** `-o custom-columns=SPEC`. Throws CustomColumnsError with kubectl's message. */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec.length === 0) throw new CustomColumnsError("custom-columns format specified but no custom columns given");
  return spec.split(",").map((part) => {
    const i = part.indexOf(":");
    if (i < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

const TEMPLATE_HINT = "Expected format is one line of space separated headers, one line of space separated column specs.";

/** `-o custom-columns-file=FILE` contents: a header line and a spec line, whitespace separated. */
export function parseCustomColumnsTemplate(text: string): Column[] {
  const lines = text.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop(); // bufio.ScanLines
  const words = (l: string) => l.replace(/\r$/, "").split(/[\s\u0085\u00a0]+/u).filter(Boolean);
  if (lines.length < 1) throw new CustomColumnsError(`invalid template, missing header line. ${TEMPLATE_HINT}`);
  const headers = words(lines[0]);
  if (lines.length < 2) throw new CustomColumnsError(`invalid template, missing spec line. ${TEMPLATE_HINT}`);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new CustomColumnsError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((h, i) => ({ header: h, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/** printers.EscapeTerminal */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, "^[").replace(/\r/g, "\\r");
}

/** The cells of one object's row. Throws JsonPathExecError/ParseError like kubectl. */
export function customColumnCells(columns: Column[], obj: unknown): string[] {
  return columns.map((c) => {
    const groups = findJsonPathValues(c.fieldSpec, obj);
    const vals: string[] = [];
    if (groups.length === 0 || groups[0].length === 0) vals.push("<none>");
    for (const g of groups) for (const v of g) vals.push(escapeTerminal(goV(v)));
    return vals.join(",");
  });
}

/**
 * Print objects (items of a List are passed individually) as kubectl does. `error` is the
 * text after "error: "; `out` holds what was printed before the error (kubectl flushes it).
 */
export function printCustomColumns(columns: Column[], objs: unknown[], opts: { noHeaders?: boolean } = {}): { out: string; error?: string } {
  const w = newGetTabWriter();
  if (!opts.noHeaders) w.write(columns.map((c) => c.header).join("\t") + "\n");
  for (const c of columns) {
    try {
      parseJsonPath(c.fieldSpec);
    } catch (e) {
      if (e instanceof JsonPathParseError) return { out: w.flush(), error: e.message };
      throw e;
    }
  }
  for (const o of objs) {
    try {
      w.write(customColumnCells(columns, o).join("\t") + "\n");
    } catch (e) {
      if (e instanceof JsonPathExecError || e instanceof JsonPathParseError) return { out: w.flush(), error: e.message };
      throw e;
    }
  }
  return { out: w.flush() };
}
