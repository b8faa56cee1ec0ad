// Turning `pods`, `po/web`, `deploy web api`, `pods,svc`, `all` into (resource, names) pairs,
// with kubectl's error texts.

import { resolveResource, RESOURCES, type ResourceInfo } from "../api/resources.ts";
import { kerror } from "./errors.ts";

export interface ResourceRef {
  ri: ResourceInfo;
  names: string[];
}

export function lookupType(typed: string): ResourceInfo {
  const ri = resolveResource(typed);
  if (!ri || ["bindings", "componentstatuses", "podtemplates"].includes(ri.plural)) {
    throw kerror(`the server doesn't have a resource type "${typed}"`);
  }
  return ri;
}

const ALL = ["pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs", "replicationcontrollers"];

export function expandTypes(typed: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const t of typed.split(",")) {
    if (t === "all") {
      // `kubectl get all` order (category "all", discovery order).
      for (const p of ["pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets", "statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs"]) {
        out.push(RESOURCES.find((r) => r.plural === p)!);
      }
      void ALL;
    } else out.push(lookupType(t));
  }
  return out;
}

/**
 * Parse positional args. Either `TYPE[,TYPE] [NAME...]` or one or more `TYPE/NAME`.
 * Returns refs in the order typed; names empty means "all of that type".
 */
export function parseResourceArgs(args: string[], cmdPath: string): ResourceRef[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes("/"))) {
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const i = a.indexOf("/");
      if (i < 0) {
        throw kerror(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${cmdPath.replace(/^kubectl /, "kubectl ")} resource/<resource_name>' instead of '${cmdPath} resource resource/<resource_name>'`);
      }
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) throw kerror(`arguments in resource/name form must have a single resource and name`);
      const ri = lookupType(type);
      const last = refs[refs.length - 1];
      if (last && last.ri === ri) last.names.push(name);
      else refs.push({ ri, names: [name] });
    }
    return refs;
  }
  const types = expandTypes(args[0]);
  const names = args.slice(1);
  // `kubectl get pods,svc web` looks up web as a pod and as a service.
  return types.map((ri) => ({ ri, names: [...names] }));
}
