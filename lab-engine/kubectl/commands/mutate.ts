// Commands that change existing objects: label, annotate, scale, patch, replace, edit.

import type { KObject } from "../../api/types.ts";
import type { ResourceInfo } from "../../api/resources.ts";
import { ApiError } from "../../api/errors.ts";
import { parseLabelSelector } from "../../api/selectors.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { readManifests, nestingError } from "../manifests.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, refName, reportWrite, riOf, writeErrorText, requiredFlagError } from "./common.ts";
import { jsonPatch, mergePatch, strategicPatch } from "../patch/strategic.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { parse as parseYaml } from "yaml";
import type { KubectlCommand } from "./registry.ts";

interface Target {
  ri: ResourceInfo;
  obj: KObject;
}

/** Objects named by args (TYPE NAME..., TYPE/NAME), -f, -l or --all. */
function targets(inv: Invocation, args: string[], opts: { allowAll?: boolean } = {}): Target[] {
  const out: Target[] = [];
  if ((inv.flags.filename ?? []).length) {
    for (const { obj, source } of readManifests(inv, inv.flags.filename, !!inv.flags.recursive)) {
      const ri = riOf(obj, source);
      out.push({ ri, obj: inv.cluster.api.get(ri.plural, ri.namespaced ? obj.metadata.namespace || inv.namespace : undefined, obj.metadata.name) });
    }
    return out;
  }
  const refs = parseResourceArgs(args, inv.cmdPath);
  if (!refs.length) throw new KubectlError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  for (const { ri, names } of refs) {
    const ns = ri.namespaced ? inv.namespace : undefined;
    if (names.length) for (const n of names) out.push({ ri, obj: inv.cluster.api.get(ri.plural, ns, n) });
    else if (inv.flags.selector !== undefined || (opts.allowAll && inv.flags.all)) {
      const sel = inv.flags.selector !== undefined ? parseLabelSelector(inv.flags.selector) : undefined;
      for (const o of inv.cluster.api.list(ri.plural, inv.flags["all-namespaces"] ? undefined : ns, { labelSelector: sel })) out.push({ ri, obj: o });
    } else throw kerror(`resource(s) were provided, but no name was specified`);
  }
  return out;
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

function update(inv: Invocation, t: Target, next: KObject): KObject {
  const dry = dryRunOf(inv);
  if (dry === "client") return next;
  return inv.cluster.api.update(t.ri.plural, next, { namespace: t.obj.metadata.namespace, dryRun: dry === "server", user: inv.user });
}

// ---------- label / annotate ----------

function metaCommand(field: "labels" | "annotations"): KubectlCommand {
  const verb = field === "labels" ? "labeled" : "annotated";
  const unverb = field === "labels" ? "unlabeled" : "annotated";
  return {
    name: field === "labels" ? "label" : "annotate",
    flags: [
      { name: "overwrite", type: "bool" },
      { name: "list", type: "bool" },
      { name: "all", type: "bool" },
      { name: "all-namespaces", short: "A", type: "bool" },
      { name: "selector", short: "l", type: "string" },
      { name: "field-selector", type: "string" },
      { name: "filename", short: "f", type: "strings" },
      { name: "recursive", short: "R", type: "bool" },
      { name: "local", type: "bool" },
      { name: "resource-version", type: "string" },
      { name: "field-manager", type: "string" },
      OUTPUT_FLAG,
      DRY_RUN_FLAG,
    ],
    run(inv) {
      // Split positional args into the resource part and KEY=VAL / KEY- changes.
      const changes: string[] = [];
      const res: string[] = [];
      // cmdutil.GetResourcesAndPairs: KEY=VAL or KEY- are changes (keys may carry a prefix such
      // as kubernetes.io/change-cause); every resource argument must come before them.
      for (const a of inv.args) {
        const isPair = (a.includes("=") && a[0] !== "=") || (a.endsWith("-") && a !== "-");
        if (isPair) changes.push(a);
        else if (changes.length) throw kerror(`all resources must be specified before ${field === "labels" ? "label" : "annotation"} changes: ${a}`);
        else res.push(a);
      }
      if (!res.length && !(inv.flags.filename ?? []).length) throw kerror(`one or more resources must be specified as <resource> <name> or <resource>/<name>`);
      if (!changes.length && !inv.flags.list) throw kerror(`at least one ${field === "labels" ? "label" : "annotation"} update is required`);
      const sets: Record<string, string> = {};
      const removes: string[] = [];
      for (const c of changes) {
        if (c.endsWith("-") && !c.includes("=")) removes.push(c.slice(0, -1));
        else {
          const i = c.indexOf("=");
          const k = c.slice(0, i);
          const v = c.slice(i + 1);
          if (field === "labels" && !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v)) {
            throw kerror(`invalid label value: "${c}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
          }
          sets[k] = v;
        }
      }
      let failed = 0;
      for (const t of targets(inv, res, { allowAll: true })) {
        if (inv.flags.list) {
          const m = t.obj.metadata[field] ?? {};
          for (const k of Object.keys(m).sort()) inv.out(`${k}=${m[k]}\n`);
          continue;
        }
        const next = clone(t.obj);
        const m: Record<string, string> = { ...(next.metadata[field] ?? {}) };
        for (const [k, v] of Object.entries(sets)) {
          if (Object.hasOwn(m, k) && !inv.flags.overwrite && m[k] !== v) {
            inv.err(`error: '${k}' already has a value (${m[k]}), and --overwrite is false\n`);
            failed++;
            continue;
          }
          m[k] = v;
        }
        for (const k of removes) {
          if (!Object.hasOwn(m, k)) {
            if (field === "labels") inv.err(`label "${k}" not found.\n`);
            continue;
          }
          delete m[k];
        }
        if (failed) continue;
        if (Object.keys(m).length) next.metadata[field] = m;
        else delete next.metadata[field];
        if (field === "labels") {
          // label.go updateDataChangeMsg: "not labeled" without a change (and no request);
          // "unlabeled" when the object got shorter without --overwrite; else "labeled".
          const before = JSON.stringify(t.obj), after = JSON.stringify(next);
          if (before === after) {
            reportWrite(inv, t.obj, "not labeled", dryRunOf(inv));
            continue;
          }
          const stored = update(inv, t, next);
          reportWrite(inv, stored, !inv.flags.overwrite && after.length < before.length ? unverb : verb, dryRunOf(inv));
          continue;
        }
        const stored = update(inv, t, next);
        reportWrite(inv, stored, verb, dryRunOf(inv));
      }
      return failed ? 1 : 0;
    },
  };
}

export const labelCommand = metaCommand("labels");
export const annotateCommand = metaCommand("annotations");

// ---------- scale ----------

export const scaleCommand: KubectlCommand = {
  name: "scale",
  flags: [
    { name: "replicas", type: "int", default: -1 },
    { name: "current-replicas", type: "int", default: -1 },
    { name: "resource-version", type: "string" },
    { name: "selector", short: "l", type: "string" },
    { name: "all", type: "bool" },
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "timeout", type: "string" },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(inv) {
    if (!inv.set.has("replicas")) throw requiredFlagError(inv, "replicas");
    if (inv.flags.replicas < 0) throw kerror(`The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0`);
    for (const t of targets(inv, inv.args, { allowAll: true })) {
      if (!["deployments", "replicasets", "replicationcontrollers", "statefulsets"].includes(t.ri.plural)) {
        throw new KubectlError(`Error from server (NotFound): the server could not find the requested resource`);
      }
      if (inv.flags["current-replicas"] >= 0 && (t.obj.spec?.replicas ?? 1) !== inv.flags["current-replicas"]) {
        throw kerror(`Expected replicas to be ${inv.flags["current-replicas"]}, was ${t.obj.spec?.replicas ?? 1}`);
      }
      const next = clone(t.obj);
      next.spec.replicas = inv.flags.replicas;
      const stored = update(inv, t, next);
      reportWrite(inv, stored, "scaled", dryRunOf(inv));
    }
    return 0;
  },
};

// ---------- patch ----------

export const patchCommand: KubectlCommand = {
  name: "patch",
  flags: [
    { name: "patch", short: "p", type: "string" },
    { name: "patch-file", type: "string" },
    { name: "type", type: "string", default: "strategic" },
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "local", type: "bool" },
    { name: "subresource", type: "string" },
    { name: "field-manager", type: "string" },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(inv) {
    let text = inv.flags.patch;
    if (inv.flags["patch-file"]) text = inv.ctx.fs.readFile(inv.ctx.fs.resolve(inv.ctx.cwd, inv.flags["patch-file"]));
    if (text === undefined) throw kerror(`must specify --patch or --patch-file containing the contents of the patch`);
    let patch: any;
    const deep = nestingError(text);
    if (deep) throw kerror(`unable to parse "${text.length > 200 ? text.slice(0, 200) + "..." : text}": ${deep}`);
    try {
      patch = parseYaml(text);
    } catch (e) {
      throw kerror(`unable to parse "${text}": yaml: ${(e as Error).message.split("\n")[0]}`);
    }
    const type = inv.flags.type;
    if (!["strategic", "merge", "json"].includes(type)) throw kerror(`--type must be one of [json merge strategic], not "${type}"`);
    if (type !== "json" && patch === null) patch = {};
    // The API server decodes merge and strategic patches into map[string]interface{}.
    if (type !== "json" && patch !== null && (typeof patch !== "object" || Array.isArray(patch))) {
      const goType = Array.isArray(patch) ? "array" : typeof patch === "boolean" ? "bool" : typeof patch;
      throw new KubectlError(`Error from server (BadRequest): json: cannot unmarshal ${goType} into Go value of type map[string]interface {}`);
    }
    for (const t of targets(inv, inv.args)) {
      let next: KObject;
      try {
        if (type === "json") {
          if (!Array.isArray(patch)) throw new Error(`json: cannot unmarshal object into Go value of type jsonpatch.Patch`);
          next = jsonPatch(t.obj, patch);
        } else if (type === "merge") next = mergePatch(t.obj, patch);
        else next = strategicPatch(t.obj, patch);
      } catch (e) {
        if (e instanceof ApiError) throw e;
        throw new KubectlError(`The request is invalid: ${(e as Error).message}`);
      }
      next.metadata.resourceVersion = t.obj.metadata.resourceVersion;
      const same = JSON.stringify(next) === JSON.stringify(t.obj);
      const stored = same ? t.obj : update(inv, t, next);
      reportWrite(inv, stored, same ? "patched (no change)" : "patched", dryRunOf(inv));
    }
    return 0;
  },
};

// ---------- replace ----------

export const replaceCommand: KubectlCommand = {
  name: "replace",
  flags: [
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "force", type: "bool" },
    { name: "grace-period", type: "int", default: -1 },
    { name: "cascade", type: "string", default: "background" },
    { name: "wait", type: "bool" },
    { name: "save-config", type: "bool" },
    { name: "validate", type: "string", noOptDefault: "strict" },
    { name: "field-manager", type: "string" },
    { name: "subresource", type: "string" },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run(inv) {
    const files: string[] = inv.flags.filename ?? [];
    if (!files.length) throw kerror(`must specify one of -f and -k`);
    let failed = 0;
    for (const { obj, source } of readManifests(inv, files, !!inv.flags.recursive)) {
      try {
        const ri = riOf(obj, source);
        const ns = ri.namespaced ? obj.metadata.namespace || inv.namespace : undefined;
        if (inv.flags.force) {
          const live = inv.cluster.api.tryGet(ri.plural, ns, obj.metadata.name);
          if (live) {
            inv.cluster.api.delete(ri.plural, ns, obj.metadata.name, { gracePeriodSeconds: inv.flags["grace-period"] >= 0 ? inv.flags["grace-period"] : undefined });
            if (ri.plural === "pods") inv.cluster.store.remove("pods", ns, obj.metadata.name);
            inv.out(`${ri.singular} "${obj.metadata.name}" deleted\n`);
          }
          const created = inv.cluster.api.create(ri.plural, obj, { namespace: ns, user: inv.user });
          reportWrite(inv, created, "replaced", "none");
          continue;
        }
        const live = inv.cluster.api.get(ri.plural, ns, obj.metadata.name);
        const next = clone(obj);
        next.metadata.namespace = ns;
        if (!next.metadata.resourceVersion) next.metadata.resourceVersion = live.metadata.resourceVersion;
        const stored = update(inv, { ri, obj: live }, next);
        reportWrite(inv, stored, "replaced", dryRunOf(inv));
      } catch (e) {
        failed++;
        inv.err(writeErrorText(e, "replacing", source) + "\n");
      }
    }
    return failed ? 1 : 0;
  },
};

// ---------- edit ----------

export const editCommand: KubectlCommand = {
  name: "edit",
  flags: [
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "output", short: "o", type: "string", default: "yaml" },
    { name: "save-config", type: "bool" },
    { name: "validate", type: "string", noOptDefault: "strict" },
    { name: "windows-line-endings", type: "bool" },
    { name: "field-manager", type: "string" },
    { name: "subresource", type: "string" },
    { name: "show-managed-fields", type: "bool" },
  ],
  async run(inv) {
    const ts = targets(inv, inv.args);
    for (const t of ts) {
      const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n`;
      const original = header + toKubectlYaml(t.obj);
      const path = `/tmp/kubectl-edit-${inv.cluster.rng.int(4294967295)}.yaml`;
      const fs = inv.ctx.fs;
      fs.writeFile(path, original);
      if (!inv.ctx.host.openEditor) throw kerror(`unable to launch the editor "vi"`);
      await inv.ctx.host.openEditor(path, fs);
      const edited = fs.exists(path) ? fs.readFile(path) : "";
      const body = edited
        .split("\n")
        .filter((l) => !l.startsWith("#"))
        .join("\n");
      if (!body.trim()) {
        inv.out(`Edit cancelled, no changes made.\n`);
        fs.remove(path);
        continue;
      }
      if (edited === original) {
        inv.out(`Edit cancelled, no changes made.\n`);
        fs.remove(path);
        continue;
      }
      let next: KObject;
      const deep = nestingError(body);
      if (deep) {
        inv.err(`error: error parsing edited file: ${deep}\n`);
        return 1;
      }
      try {
        next = parseYaml(body);
      } catch (e) {
        inv.err(`error: error parsing edited file: ${(e as Error).message.split("\n")[0]}\n`);
        return 1;
      }
      try {
        next.metadata.resourceVersion = t.obj.metadata.resourceVersion;
        const stored = inv.cluster.api.update(t.ri.plural, next, { namespace: t.obj.metadata.namespace, user: inv.user });
        fs.remove(path);
        inv.out(`${refName(stored)} edited\n`);
      } catch (e) {
        const msg = e instanceof ApiError ? e.message : (e as Error).message;
        inv.err(`error: ${refName(t.obj).split("/")[0]} "${t.obj.metadata.name}" is invalid\nA copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`.replace("is invalid\n", `is invalid\n`));
        void msg;
        return 1;
      }
    }
    return 0;
  },
};

export const MUTATE_FLAGS: FlagDef[] = [];
