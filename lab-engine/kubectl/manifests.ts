// Reading manifests for -f: files, directories (-R), stdin (`-`), multi-document YAML and JSON,
// with kubectl's error texts. Manifest size and YAML alias expansion are capped so a hostile
// file cannot exhaust memory.

import { parseAllDocuments } from "yaml";
import type { KObject } from "../api/types.ts";
import type { Invocation } from "./invocation.ts";
import { kerror } from "./errors.ts";
import { FsError } from "../shell/types.ts";

export const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface SourcedObject {
  obj: KObject;
  source: string; // file name as given, or "STDIN"
}

function parseText(text: string, source: string): KObject[] {
  if (text.length > MAX_MANIFEST_BYTES) throw kerror(`error reading ${source}: manifest is larger than 1MiB`);
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const v = JSON.parse(text);
      const items = Array.isArray(v) ? v : v.kind === "List" || (v.kind?.endsWith?.("List") && Array.isArray(v.items)) ? v.items : [v];
      return items;
    } catch {
      /* fall through to YAML, which accepts JSON and reports a line */
    }
  }
  const docs = parseAllDocuments(text, { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false, version: "1.1" } as any);
  const out: KObject[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    const err = (d as any).errors?.[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      throw kerror(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlErrorText(err)}`);
    }
    let v: any;
    try {
      v = (d as any).toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw kerror(`error parsing ${source}: error converting YAML to JSON: yaml: ${(e as Error).message}`);
    }
    if (v === null || v === undefined) continue;
    if (typeof v !== "object" || Array.isArray(v)) throw kerror(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (v.kind === "List" && Array.isArray(v.items)) out.push(...v.items);
    else out.push(v);
  }
  return out;
}

/** Map the yaml library's error codes to go-yaml's wording, which is what kubectl prints. */
function yamlErrorText(err: any): string {
  const code = err.code as string;
  if (code === "TAB_AS_INDENT") return "found character that cannot start any token";
  if (code === "BAD_INDENT" || code === "UNEXPECTED_TOKEN") return "did not find expected key";
  if (code === "MISSING_CHAR") return "found unexpected end of stream";
  if (code === "MULTILINE_IMPLICIT_KEY" || code === "BLOCK_AS_IMPLICIT_KEY") return "mapping values are not allowed in this context";
  if (code === "DUPLICATE_KEY") return `mapping key already defined`;
  return "could not find expected ':'";
}

export function validateShape(o: any, source: string): void {
  if (!o.apiVersion || !o.kind) {
    const missing = !o.apiVersion && !o.kind ? "apiVersion not set, kind not set" : !o.apiVersion ? "apiVersion not set" : "kind not set";
    throw kerror(`error validating "${source}": error validating data: [${missing}]; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
}

export function readManifests(inv: Invocation, files: string[], recursive: boolean): SourcedObject[] {
  const fs = inv.ctx.fs;
  const out: SourcedObject[] = [];
  for (const f of files) {
    if (f === "-") {
      for (const obj of parseText(inv.ctx.stdin, "STDIN")) out.push({ obj, source: "STDIN" });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      throw kerror(`unable to read URL "${f}", server reported 404 Not Found, status code=404`);
    }
    const abs = fs.resolve(inv.ctx.cwd, f);
    const st = fs.stat(abs);
    if (!st) throw kerror(`the path "${f}" does not exist`);
    if (st.type === "dir") {
      const walk = (dir: string, shown: string) => {
        for (const name of fs.readdir(dir)) {
          const p = `${dir}/${name}`.replace(/\/+/g, "/");
          const sp = `${shown.replace(/\/$/, "")}/${name}`;
          const s = fs.stat(p)!;
          if (s.type === "dir") {
            if (recursive) walk(p, sp);
          } else if (/\.(ya?ml|json)$/.test(name)) {
            for (const obj of parseText(fs.readFile(p), sp)) out.push({ obj, source: sp });
          }
        }
      };
      walk(abs, f);
      continue;
    }
    let text: string;
    try {
      text = fs.readFile(abs);
    } catch (e) {
      if (e instanceof FsError) throw kerror(`the path "${f}" does not exist`);
      throw e;
    }
    for (const obj of parseText(text, f)) out.push({ obj, source: f });
  }
  for (const s of out) validateShape(s.obj, s.source);
  return out;
}
