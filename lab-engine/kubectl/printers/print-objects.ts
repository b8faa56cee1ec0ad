// `-o` handling shared by get, create, apply, run, expose...: yaml, json, name, wide/table,
// jsonpath, custom-columns, go-template. Table printing for get lives in get-table.ts.

import type { KObject } from "../../api/types.ts";
import { resourceForKind, qualifiedKind } from "../../api/resources.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { toKubectlJson } from "../output/json.ts";
import { kerror } from "../errors.ts";
import * as jsonpath from "../output/jsonpath.ts";
import { extraFormatters } from "./formatters.ts";

export type OutputKind = "table" | "wide" | "yaml" | "json" | "name" | "jsonpath" | "jsonpath-as-json" | "custom-columns" | "custom-columns-file" | "go-template" | "go-template-file" | "jsonpath-file";

export interface OutputFormat {
  kind: OutputKind;
  arg?: string;
  /** --no-headers (custom-columns honours it). */
  noHeaders?: boolean;
}


/** `kubectl get` accepts every printer; write commands (create, apply, run...) have no table printers. */
const GET_FORMATS = ["custom-columns", "custom-columns-file", "go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "wide", "yaml"];
const WRITE_FORMATS = GET_FORMATS.filter((f) => !f.startsWith("custom-columns") && f !== "wide");

export function parseOutput(o: string | undefined, opts: { get?: boolean } = {}): OutputFormat {
  const allowedList = opts.get ? GET_FORMATS : WRITE_FORMATS;
  const allowed = `(${allowedList.join(",")})`;
  if (o === undefined || o === "") return { kind: "table" };
  const eq = o.indexOf("=");
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : undefined;
  const map: Record<string, OutputKind> = {
    wide: "wide",
    yaml: "yaml",
    json: "json",
    name: "name",
    jsonpath: "jsonpath",
    "jsonpath-as-json": "jsonpath-as-json",
    "jsonpath-file": "jsonpath-file",
    "custom-columns": "custom-columns",
    "custom-columns-file": "custom-columns-file",
    "go-template": "go-template",
    template: "go-template",
    "go-template-file": "go-template-file",
    templatefile: "go-template-file",
  };
  const kind = allowedList.includes(name) ? map[name] : undefined;
  if (!kind) throw kerror(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed.slice(1, -1)}`);
  if (["jsonpath", "jsonpath-as-json", "custom-columns", "go-template"].includes(kind) && arg === undefined) {
    if (kind === "custom-columns") throw kerror("custom-columns format specified but no custom columns given");
    throw kerror(`template format specified but no template given`);
  }
  return { kind, arg };
}

export function nameOf(o: KObject): string {
  const ri = resourceForKind(o.apiVersion, o.kind);
  const k = ri ? qualifiedKind(ri) : o.kind.toLowerCase();
  return `${k}/${o.metadata.name}`;
}

/** Wrap several objects the way kubectl does for -o yaml/json (a v1 List), or return the single object. */
export function asListOrSingle(objs: KObject[], forceList: boolean): unknown {
  if (!forceList && objs.length === 1) return objs[0];
  return { apiVersion: "v1", items: objs, kind: "List", metadata: { resourceVersion: "" } };
}

/**
 * Print objects in a non-table format. `forceList` is true when the request could match
 * several objects (get without a single name), which is when kubectl prints a List.
 */
export function printStructured(objs: KObject[], fmt: OutputFormat, forceList: boolean, readFile?: (p: string) => string, jsonOrder: "sorted" | "typed" = "sorted"): string {
  const data = asListOrSingle(objs, forceList);
  switch (fmt.kind) {
    case "yaml":
      return objs.length === 0 && !forceList ? "" : toKubectlYaml(data);
    case "json":
      // Objects built client-side (generators, run) are typed Go structs: struct field order.
      return toKubectlJson(data, { order: jsonOrder });
    case "name":
      return objs.map((o) => nameOf(o) + "\n").join("");
    case "jsonpath":
    case "jsonpath-as-json":
    case "jsonpath-file": {
      const tmpl = fmt.kind === "jsonpath-file" ? readFile!(fmt.arg!) : fmt.arg!;
      const r = jsonpath.printJsonPath(tmpl, data, { allowMissingKeys: true, outputJson: fmt.kind === "jsonpath-as-json" });
      if (r.error) throw kerror(r.error.trimEnd());
      return r.out;
    }
    case "go-template":
    case "go-template-file": {
      const tmpl = fmt.kind === "go-template-file" ? readFile!(fmt.arg!) : fmt.arg!;
      if (!extraFormatters.goTemplate) throw kerror("go-template output is not available");
      return extraFormatters.goTemplate(data, tmpl);
    }
    case "custom-columns":
    case "custom-columns-file": {
      const spec = fmt.kind === "custom-columns-file" ? readFile!(fmt.arg!) : fmt.arg!;
      if (!extraFormatters.customColumns) throw kerror("custom-columns output is not available");
      return extraFormatters.customColumns(objs, spec, fmt.kind === "custom-columns-file", !!fmt.noHeaders);
    }
    default:
      throw new Error(`not a structured format: ${fmt.kind}`);
  }
}
