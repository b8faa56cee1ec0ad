// kubectl get: tables (incl. wide, -A, --show-labels, -L, --no-headers, --show-kind, several
// types at once), structured output, selectors, --sort-by and -w.

import type { KObject } from "../../api/types.ts";
import type { ResourceInfo } from "../../api/resources.ts";
import { qualifiedKind } from "../../api/resources.ts";
import { ApiError } from "../../api/errors.ts";
import { apiProxy } from "../../network/api-proxy.ts";
import { parseFieldSelector, parseLabelSelector, validateFieldSelector } from "../../api/selectors.ts";
import { qualifiedPlural } from "../../api/server.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseResourceArgs, type ResourceRef } from "../resource-args.ts";
import { columnsFor } from "../printers/columns.ts";
import { parseOutput, printStructured, type OutputFormat } from "../printers/print-objects.ts";
import { formatTable } from "../output/tabwriter.ts";
import { sortObjects } from "../printers/sort-by.ts";
import { ageSince } from "../../util/duration.ts";
import { matchesLabels } from "../../api/selectors.ts";

export const getFlags: FlagDef[] = [
  { name: "output", short: "o", type: "string" },
  { name: "selector", short: "l", type: "string" },
  { name: "field-selector", type: "string" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "show-labels", type: "bool" },
  { name: "label-columns", short: "L", type: "strings" },
  { name: "no-headers", type: "bool" },
  { name: "show-kind", type: "bool" },
  { name: "sort-by", type: "string" },
  { name: "watch", short: "w", type: "bool" },
  { name: "watch-only", type: "bool" },
  { name: "output-watch-events", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "ignore-not-found", type: "bool" },
  { name: "chunk-size", type: "int" },
  { name: "show-managed-fields", type: "bool" },
  { name: "raw", type: "string" },
  { name: "subresource", type: "string" },
  { name: "allow-missing-template-keys", type: "bool", default: true },
  { name: "template", type: "string" },
];

interface Fetched {
  ri: ResourceInfo;
  objs: KObject[];
  named: boolean;
}

export function fetch(inv: Invocation, refs: ResourceRef[]): { results: Fetched[]; errors: string[] } {
  const allNs = !!inv.flags["all-namespaces"];
  const labelSel = inv.flags.selector !== undefined ? parseLabelSelector(inv.flags.selector) : undefined;
  const fieldSel = inv.flags["field-selector"] !== undefined ? parseFieldSelector(inv.flags["field-selector"]) : undefined;
  const results: Fetched[] = [];
  const errors: string[] = [];
  for (const { ri, names } of refs) {
    const ns = ri.namespaced ? (allNs && names.length === 0 ? undefined : inv.namespace) : undefined;
    inv.cluster.authorize(inv.user, names.length ? "get" : "list", ri, ns);
    if (names.length) {
      const objs: KObject[] = [];
      for (const n of names) {
        const o = inv.cluster.api.tryGet(ri.plural, ns, n);
        if (o) objs.push(o);
        else if (!inv.flags["ignore-not-found"]) errors.push(`Error from server (NotFound): ${qualifiedPlural(ri)} "${n}" not found`);
      }
      results.push({ ri, objs, named: true });
    } else {
      if (fieldSel) validateFieldSelector(ri.plural, fieldSel, ri.kind);
      results.push({ ri, objs: inv.cluster.api.list(ri.plural, ns, { labelSelector: labelSel, fieldSelector: fieldSel }), named: false });
    }
  }
  return { results, errors };
}

function labelsCell(o: KObject): string {
  const l = o.metadata.labels ?? {};
  const keys = Object.keys(l).sort();
  return keys.length ? keys.map((k) => `${k}=${l[k]}`).join(",") : "<none>";
}

/** Rows of one resource type for the table printer. */
export function tableRows(inv: Invocation, ri: ResourceInfo, objs: KObject[], opts: { wide: boolean; withNamespace: boolean; kindPrefix: boolean }): { headers: string[]; rows: string[][] } {
  const cols = columnsFor(ri.plural);
  const now = inv.cluster.now;
  const labelCols: string[] = (inv.flags["label-columns"] ?? []).flatMap((s: string) => s.split(","));
  const headers = [...cols.headers, ...(opts.wide && cols.wide ? cols.wide : [])];
  if (ri.plural === "events" && opts.wide) {
    // The wide event table reorders columns rather than appending.
    headers.splice(0, headers.length, "LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME");
  }
  for (const l of labelCols) headers.push(l.split("/").pop()!.toUpperCase());
  if (inv.flags["show-labels"]) headers.push("LABELS");
  if (opts.withNamespace) headers.unshift("NAMESPACE");
  const rows = objs.map((o) => {
    let cells = cols.row(o, now);
    if (opts.wide && cols.wideRow) cells = [...cells, ...cols.wideRow(o, now)];
    if (ri.plural === "events" && opts.wide) {
      const src = o.source?.component ? [o.source.component, o.source.host].filter(Boolean).join(", ") : [o.reportingComponent, o.reportingInstance].filter(Boolean).join(", ");
      cells = [cells[0], cells[1], cells[2], cells[3], o.involvedObject?.fieldPath ?? "", src, cells[4], ageFirst(o, now), String(o.count || 1), o.metadata.name];
    }
    if (opts.kindPrefix) cells[0] = `${qualifiedKind(ri)}/${cells[0]}`;
    for (const l of labelCols) cells.push(o.metadata.labels?.[l] ?? "");
    if (inv.flags["show-labels"]) cells.push(labelsCell(o));
    if (opts.withNamespace) cells.unshift(o.metadata.namespace ?? "");
    return cells;
  });
  return { headers, rows };
}

function ageFirst(e: KObject, now: number): string {
  return ageSince(e.eventTime ?? e.firstTimestamp, now);
}

function noResourcesMessage(inv: Invocation, refs: ResourceRef[]): string {
  const allNs = !!inv.flags["all-namespaces"];
  const namespaced = refs.some((r) => r.ri.namespaced);
  if (allNs || !namespaced) return "No resources found\n";
  return `No resources found in ${inv.namespace} namespace.\n`;
}

export async function runGet(inv: Invocation): Promise<number> {
  if (inv.flags.raw !== undefined) return getRaw(inv);
  const fmt: OutputFormat = parseOutput(inv.flags.output, { get: true });
  if (inv.args.length === 0 && !(inv.flags.filename ?? []).length) {
    throw new KubectlError(
      `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
    );
  }
  const refs = parseResourceArgs(inv.args, "kubectl get");
  let fetched: { results: Fetched[]; errors: string[] };
  try {
    fetched = fetch(inv, refs);
  } catch (e) {
    if (e instanceof ApiError) throw new KubectlError(e.kubectlText());
    throw e;
  }
  const { results, errors } = fetched;
  if (inv.flags["sort-by"]) for (const r of results) r.objs = sortObjects(r.objs, inv.flags["sort-by"]);
  const total = results.reduce((n, r) => n + r.objs.length, 0);
  const anyNamed = results.some((r) => r.named);

  if (fmt.kind !== "table" && fmt.kind !== "wide") {
    const objs = results.flatMap((r) => r.objs);
    const single = results.length === 1 && results[0].named && results[0].objs.length === 1 && refs[0].names.length === 1;
    if (objs.length || !anyNamed) {
      if (objs.length === 0 && (fmt.kind === "name" || fmt.kind === "custom-columns")) {
        // nothing
      } else inv.out(printStructured(objs, inv.flags["no-headers"] ? { ...fmt, noHeaders: true } : fmt, !single, (p) => inv.ctx.fs.readFile(inv.ctx.fs.resolve(inv.ctx.cwd, p))));
    }
    if (objs.length === 0 && !anyNamed && fmt.kind !== "yaml" && fmt.kind !== "json" && !fmt.kind.startsWith("jsonpath") && !fmt.kind.startsWith("go-template")) {
      inv.err(noResourcesMessage(inv, refs));
    }
    for (const e of errors) inv.err(e + "\n");
    if (inv.flags.watch) await watchLoop(inv, refs, fmt);
    return errors.length ? 1 : 0;
  }

  const wide = fmt.kind === "wide";
  const withNamespace = !!inv.flags["all-namespaces"];
  // kubectl prints kinds when the infos it got back span several types: a list request always
  // yields an info (even an empty table), a name that was not found yields none.
  const gotTypes = new Set(results.filter((r) => !r.named || r.objs.length > 0).map((r) => r.ri.plural));
  const multi = gotTypes.size > 1 || !!inv.flags["show-kind"];
  let first = true;
  for (const r of results) {
    if (r.objs.length === 0) continue;
    const { headers, rows } = tableRows(inv, r.ri, r.objs, { wide, withNamespace: withNamespace && r.ri.namespaced, kindPrefix: multi });
    // kubectl separates the tables of several kinds with a blank line, but not with --no-headers.
    if (!first && !inv.flags["no-headers"]) inv.out("\n");
    first = false;
    inv.out(formatTable(inv.flags["no-headers"] ? rows : [headers, ...rows]));
  }
  if (total === 0 && !anyNamed) inv.err(noResourcesMessage(inv, refs));
  for (const e of errors) inv.err(e + "\n");
  if (inv.flags.watch || inv.flags["watch-only"]) await watchLoop(inv, refs, fmt);
  return errors.length ? 1 : 0;
}

/**
 * -w: print a row per change until Ctrl-C. Rows are not re-aligned with the first table,
 * just like real kubectl. On a virtual clock the watch runs until the cluster has nothing
 * pending any more (or an hour of simulated time), since nobody can press Ctrl-C in a script.
 */
async function watchLoop(inv: Invocation, refs: ResourceRef[], fmt: OutputFormat): Promise<void> {
  if (refs.length !== 1) throw kerror("you may only specify a single resource type");
  const { ri, names } = refs[0];
  const allNs = !!inv.flags["all-namespaces"];
  const labelSel = inv.flags.selector !== undefined ? parseLabelSelector(inv.flags.selector) : undefined;
  const pending: KObject[] = [];
  const unwatch = inv.cluster.store.watch((ev) => {
    if (ev.resource !== ri.plural) return;
    const o = ev.object;
    if (ri.namespaced && !allNs && o.metadata.namespace !== inv.namespace) return;
    if (names.length && !names.includes(o.metadata.name)) return;
    if (labelSel && !matchesLabels(labelSel, o.metadata.labels)) return;
    pending.push(JSON.parse(JSON.stringify(o)));
  });
  const flush = () => {
    const batch = pending.splice(0);
    if (!batch.length) return;
    if (fmt.kind === "table" || fmt.kind === "wide") {
      const { rows } = tableRows(inv, ri, batch, { wide: fmt.kind === "wide", withNamespace: allNs && ri.namespaced, kindPrefix: false });
      inv.out(formatTable(rows));
    } else {
      for (const o of batch) inv.out(printStructured([o], fmt, false));
    }
  };
  try {
    const virtual = inv.ctx.host.clock.mode === "virtual";
    const deadline = inv.cluster.now + 3600_000;
    while (!inv.ctx.signal.aborted) {
      if (virtual) {
        const next = inv.cluster.nextDue();
        if (next === undefined || next > deadline) break;
        await inv.host.sleep(Math.max(1, next - inv.cluster.now), inv.ctx);
      } else {
        await inv.host.sleep(250, inv.ctx);
        inv.host.sync();
      }
      flush();
    }
    flush();
  } finally {
    unwatch();
  }
}

/**
 * `kubectl get --raw PATH` (get.go RawGet): the response body as the API server sends it to
 * kubectl -- "ok" for the health endpoints, compact JSON (json.Encoder, newline-terminated)
 * for REST paths; an error status becomes "Error from server (Reason): message".
 */
function getRaw(inv: Invocation): number {
  if (inv.args.length) throw kerror("arguments may not be passed when --raw is specified");
  const r = apiProxy(inv.cluster, String(inv.flags.raw));
  if (r.status >= 400) {
    let st: any;
    try {
      st = JSON.parse(r.body);
    } catch {
      st = undefined;
    }
    throw new KubectlError(new ApiError(st?.reason ?? "NotFound", st?.message ?? "the server could not find the requested resource").kubectlText());
  }
  inv.out(r.contentType.startsWith("application/json") ? JSON.stringify(JSON.parse(r.body)) + "\n" : r.body);
  return 0;
}
