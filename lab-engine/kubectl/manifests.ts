// Reading manifests for -f: files, directories (-R), stdin (`-`), multi-document YAML and JSON,
// with kubectl's error texts. Manifest size and YAML alias expansion are capped so a hostile
// file cannot exhaust memory.

import { parseYamlDocuments, manifestObjectError } from "./output/yamlparse.ts";
import type { KObject } from "../api/types.ts";
import type { Invocation } from "./invocation.ts";
import { kerror, KubectlError } from "./errors.ts";
import { FsError } from "../shell/types.ts";


export interface SourcedObject {
  obj: KObject;
  source: string; // file name as given, or "STDIN"
}

function parseText(text: string, source: string): KObject[] {
  // kubectl decodes documents one by one and reports the first bad one with its line.
  const { docs, error } = parseYamlDocuments(text, source);
  if (error) throw new KubectlError(`error: ${error}`);
  const out: KObject[] = [];
  for (const v of docs as any[]) {
    const err = manifestObjectError(v, source);
    if (err) throw new KubectlError(`error: ${err}`);
    if (v.kind === "List" && Array.isArray(v.items)) out.push(...v.items);
    else out.push(v);
  }
  return out;
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
