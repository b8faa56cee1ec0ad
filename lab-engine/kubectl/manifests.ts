// Reading manifests for -f: files, directories (-R), stdin (`-`), multi-document YAML and JSON,
// with kubectl's error texts. Manifest size and YAML alias expansion are capped so a hostile
// file cannot exhaust memory.

import { parseYamlDocuments, manifestObjectError } from "./output/yamlparse.ts";
import type { KObject } from "../api/types.ts";
import type { Invocation } from "./invocation.ts";
import { kerror, KubectlError } from "./errors.ts";
import { remoteManifest } from "./remote-manifests.ts";
import { FsError } from "../shell/types.ts";


export interface SourcedObject {
  obj: KObject;
  source: string; // file name as given, or "STDIN"
}

/** The YAML parser and everything after it recurse per nesting level; deeper input than this
 * would overflow the JS stack (and can even abort the process inside V8's RegExp compiler). */
export const MAX_MANIFEST_DEPTH = 400;

/**
 * Estimate how deeply `text` nests (flow brackets outside quotes, plus block indentation and
 * compact `- - -` sequences), without recursion. Returns an error text when it is too deep:
 * kubectl's own limit (10000, go-yaml's message) or the simulator's.
 */
export function nestingError(text: string): string | undefined {
  let flow = 0;
  let maxFlow = 0;
  let quote = "";
  let maxBlock = 0;
  const indents: number[] = [];
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart && flow === 0 && !quote) {
      lineStart = false;
      let j = i;
      while (text[j] === " ") j++;
      if (text[j] !== "\n" && text[j] !== "#" && j < text.length) {
        const indent = j - i;
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let dashes = 0;
        while (text[j] === "-" && (text[j + 1] === " " || text[j + 1] === "\n")) {
          dashes++;
          j += 2;
          while (text[j] === " ") j++;
        }
        maxBlock = Math.max(maxBlock, indents.length + dashes);
      }
    }
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      else if (c === "\n") lineStart = true;
      continue;
    }
    if (c === '"' || (c === "'" && flow > 0)) quote = c;
    else if (c === "[" || c === "{") maxFlow = Math.max(maxFlow, ++flow);
    else if (c === "]" || c === "}") flow = Math.max(0, flow - 1);
    else if (c === "\n") lineStart = true;
  }
  const depth = maxFlow + maxBlock;
  if (depth > 10000) return "error converting YAML to JSON: yaml: exceeded max depth of 10000";
  if (depth > MAX_MANIFEST_DEPTH) return `manifest nests deeper than ${MAX_MANIFEST_DEPTH} levels`;
  return undefined;
}

function parseText(text: string, source: string): KObject[] {
  const deep = nestingError(text);
  if (deep) throw new KubectlError(`error: error parsing ${source}: ${deep}`);
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
      const text = remoteManifest(f);
      if (text === undefined) {
        // The workstation has no internet: kubectl's HTTP GET fails at the DNS lookup.
        const host = f.replace(/^https?:\/\//, "").split("/")[0];
        throw kerror(`Get "${f}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`);
      }
      for (const obj of parseText(text, f)) out.push({ obj, source: f });
      continue;
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
