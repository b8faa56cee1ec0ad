// The simulated kube-apiserver: the only door learners' writes go through. It does what the
// real one does between the HTTP handler and etcd: namespace checks, defaulting, validation,
// admission (service accounts, tolerations, priority, quota, limit ranges), allocation of
// cluster IPs and node ports, optimistic concurrency, graceful deletion, finalizers and the
// deletion propagation policies.

import type { KObject } from "./types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { ApiError, alreadyExists, conflict, notFound } from "./errors.ts";
import { resourceByPlural, type ResourceInfo } from "./resources.ts";
import { matchesFields, matchesLabels, type FieldRequirement, type LabelSelector } from "./selectors.ts";
import { policy } from "./policy.ts";
import "./install-policy.ts";
import { admitCreate, admitUpdate } from "./admission/admit.ts";
import { updateServiceNodePorts } from "./admission/service-alloc.ts";
import { b64encode } from "../util/base64.ts";

export interface WriteOptions {
  dryRun?: boolean;
  /** Namespace from the request path (kubectl -n); the object's own must match if set. */
  namespace?: string;
  /** Identity making the request, for RBAC. Undefined = cluster admin (kubectl default context). */
  user?: string;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  gracePeriodSeconds?: number;
}

export interface ListOptions {
  labelSelector?: LabelSelector;
  fieldSelector?: FieldRequirement[];
}

/** `pods`, `deployments.apps`: the name the real server uses in error messages. */
export function qualifiedPlural(ri: ResourceInfo): string {
  return ri.group ? `${ri.plural}.${ri.group}` : ri.plural;
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

function specChanged(a: KObject, b: KObject): boolean {
  return JSON.stringify(a.spec ?? null) !== JSON.stringify(b.spec ?? null);
}

export class ApiServer {
  constructor(private readonly c: Cluster) {}

  get(plural: string, namespace: string | undefined, name: string): KObject {
    const ri = resourceByPlural(plural);
    const obj = this.c.store.get(plural, ri.namespaced ? namespace : undefined, name);
    if (!obj) throw notFound(qualifiedPlural(ri), name);
    return obj;
  }

  tryGet(plural: string, namespace: string | undefined, name: string): KObject | undefined {
    const ri = resourceByPlural(plural);
    return this.c.store.get(plural, ri.namespaced ? namespace : undefined, name);
  }

  list(plural: string, namespace: string | undefined, opts: ListOptions = {}): KObject[] {
    const ri = resourceByPlural(plural);
    let items = this.c.store.list(plural, ri.namespaced ? namespace : undefined);
    if (opts.labelSelector?.length) items = items.filter((o) => matchesLabels(opts.labelSelector!, o.metadata.labels));
    if (opts.fieldSelector?.length) items = items.filter((o) => matchesFields(opts.fieldSelector!, o));
    return items;
  }

  private namespaceFor(ri: ResourceInfo, obj: KObject, opts: WriteOptions): string | undefined {
    if (!ri.namespaced) return undefined;
    const own = obj.metadata?.namespace;
    if (own && opts.namespace && own !== opts.namespace) {
      throw new ApiError(
        "BadRequest",
        `the namespace of the provided object does not match the namespace sent on the request`,
      );
    }
    return own || opts.namespace || "default";
  }

  private checkNamespace(ri: ResourceInfo, ns: string | undefined, name: string): void {
    if (!ri.namespaced || !ns) return;
    const nsObj = this.c.store.get("namespaces", undefined, ns);
    if (!nsObj) throw notFound("namespaces", ns);
    if (nsObj.status?.phase === "Terminating" || nsObj.metadata.deletionTimestamp) {
      throw new ApiError(
        "Forbidden",
        `${qualifiedPlural(ri)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      );
    }
  }

  create(plural: string, input: KObject, opts: WriteOptions = {}): KObject {
    const ri = resourceByPlural(plural);
    const c = this.c;
    const obj = clone(input);
    obj.apiVersion = input.apiVersion || (ri.group ? `${ri.group}/${ri.version}` : ri.version);
    obj.kind = input.kind || ri.kind;
    const decodeErr = policy.decode?.(plural, obj);
    if (decodeErr) throw decodeErr;
    obj.metadata ??= {} as any;
    const ns = this.namespaceFor(ri, obj, opts);
    if (ns) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + c.rng.alnum(5);
    }
    if (!obj.metadata.name) {
      throw new ApiError("Invalid", `${ri.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    }
    const name = obj.metadata.name;
    this.c.authorize(opts.user, "create", ri, ns, name);
    if (c.store.get(plural, ns, name)) throw alreadyExists(qualifiedPlural(ri), name);
    this.checkNamespace(ri, ns, name);

    // System-owned metadata is never taken from the client.
    (obj.metadata as any).resourceVersion = undefined;
    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    obj.metadata.uid = c.rng.uuid();
    obj.metadata.creationTimestamp = c.isoNow();
    if (obj.spec !== undefined || ["deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "replicationcontrollers", "horizontalpodautoscalers", "networkpolicies", "ingresses", "poddisruptionbudgets", "resourcequotas"].includes(plural)) {
      obj.metadata.generation = 1;
    }
    // Status is ignored on create for most resources, as the real server's strategies do.
    if (!["events", "leases", "nodes"].includes(plural)) delete obj.status;
    if (plural === "pods") obj.status = { phase: "Pending" };

    if (plural === "secrets") mergeStringData(obj);
    policy.applyDefaults(plural, obj);
    const errors = policy.validateCreate(plural, obj);
    if (errors) throw errors;
    admitCreate(c, ri, obj, opts);
    if (opts.dryRun) return obj;
    // Pod names must stay unique even if admission ran random allocations.
    return c.store.put(plural, obj);
  }

  /** Replace the whole object (PUT). `resourceVersion` in the input, if set, must match. */
  update(plural: string, input: KObject, opts: WriteOptions & { subresource?: "status" } = {}): KObject {
    const ri = resourceByPlural(plural);
    const c = this.c;
    const ns = ri.namespaced ? input.metadata?.namespace || opts.namespace || "default" : undefined;
    const name = input.metadata?.name;
    const cur = c.store.get(plural, ns, name);
    if (!cur) throw notFound(qualifiedPlural(ri), name);
    this.c.authorize(opts.user, "update", ri, ns, name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== cur.metadata.resourceVersion) {
      throw conflict(qualifiedPlural(ri), name);
    }
    const decodeErr = policy.decode?.(plural, { ...input, apiVersion: input.apiVersion || cur.apiVersion, kind: input.kind || cur.kind });
    if (decodeErr) throw decodeErr;
    const obj = clone(input);
    // Fields the server owns.
    obj.metadata.uid = cur.metadata.uid;
    obj.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    obj.metadata.namespace = cur.metadata.namespace;
    if (cur.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = cur.metadata.deletionTimestamp;
      obj.metadata.deletionGracePeriodSeconds = cur.metadata.deletionGracePeriodSeconds;
    }
    if (opts.subresource === "status") {
      const merged = { ...cur, status: obj.status };
      return opts.dryRun ? merged : c.store.put(plural, merged);
    }
    if (!["events", "leases", "nodes"].includes(plural) && cur.status !== undefined) obj.status = cur.status;
    if (plural === "secrets") mergeStringData(obj);
    policy.applyDefaults(plural, obj);
    if (plural === "services") updateServiceNodePorts(c, obj, cur);
    const errors = policy.validateUpdate(plural, obj, cur);
    if (errors) throw errors;
    admitUpdate(c, ri, obj, cur);
    if (cur.metadata.generation !== undefined) {
      obj.metadata.generation = (cur.metadata.generation ?? 1) + (specChanged(cur, obj) ? 1 : 0);
    }
    if (opts.dryRun) return obj;
    const stored = c.store.put(plural, obj);
    // An object whose last finalizer was removed while it was being deleted goes away now.
    if (stored.metadata.deletionTimestamp && !(stored.metadata.finalizers?.length) && plural !== "pods" && plural !== "namespaces") {
      c.store.remove(plural, ns, name);
    }
    return stored;
  }

  /** Internal status write for controllers (no validation, no RBAC). */
  writeStatus(plural: string, obj: KObject, status: any): KObject {
    const cur = this.c.store.get(plural, obj.metadata.namespace, obj.metadata.name);
    if (!cur) return obj;
    if (JSON.stringify(cur.status) === JSON.stringify(status)) return cur;
    return this.c.store.put(plural, { ...cur, status });
  }

  delete(plural: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const ri = resourceByPlural(plural);
    const c = this.c;
    const ns = ri.namespaced ? namespace || "default" : undefined;
    const cur = c.store.get(plural, ns, name);
    if (!cur) throw notFound(qualifiedPlural(ri), name);
    this.c.authorize(opts.user, "delete", ri, ns, name);
    if (opts.dryRun) return cur;
    const policyName = opts.propagationPolicy ?? defaultPropagation(plural);

    if (plural === "namespaces") {
      if (["default", "kube-system", "kube-public", "kube-node-lease"].includes(name) && name !== "kube-public" && name !== "kube-node-lease") {
        throw new ApiError("Forbidden", `namespaces "${name}" is forbidden: this namespace may not be deleted`);
      }
      if (cur.metadata.deletionTimestamp) return cur;
      return c.store.put(plural, {
        ...cur,
        metadata: { ...cur.metadata, deletionTimestamp: c.isoNow(), deletionGracePeriodSeconds: 0 },
        status: { ...cur.status, phase: "Terminating" },
      });
    }

    if (plural === "pods") {
      const grace = opts.gracePeriodSeconds ?? cur.spec?.terminationGracePeriodSeconds ?? 30;
      // Unscheduled pods and force deletions vanish at once; others wait for the kubelet.
      if (grace <= 0 || !cur.spec?.nodeName || cur.status?.phase === "Succeeded" || cur.status?.phase === "Failed" || c.nodeIsGone(cur.spec.nodeName)) {
        if (!(cur.metadata.finalizers?.length)) {
          c.store.remove(plural, ns, name);
          return cur;
        }
      }
      if (cur.metadata.deletionTimestamp) {
        // A second delete can only shorten the grace period.
        const remaining = Math.max(0, (Date.parse(cur.metadata.deletionTimestamp) - c.now) / 1000);
        if (grace >= remaining) return cur;
      }
      return c.store.put(plural, {
        ...cur,
        metadata: {
          ...cur.metadata,
          deletionTimestamp: new Date(c.now + Math.max(grace, 0) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
          deletionGracePeriodSeconds: Math.max(grace, 0),
        },
      });
    }

    if (policyName === "Orphan") {
      for (const dep of c.dependentsOf(cur)) {
        const refs = (dep.ref.metadata.ownerReferences ?? []).filter((r) => r.uid !== cur.metadata.uid);
        const upd = clone(dep.ref);
        if (refs.length) upd.metadata.ownerReferences = refs;
        else delete upd.metadata.ownerReferences;
        c.store.put(dep.plural, upd);
      }
    }

    if (policyName === "Foreground" && c.dependentsOf(cur).length > 0) {
      const fin = new Set(cur.metadata.finalizers ?? []);
      fin.add("foregroundDeletion");
      return c.store.put(plural, {
        ...cur,
        metadata: { ...cur.metadata, deletionTimestamp: cur.metadata.deletionTimestamp ?? c.isoNow(), deletionGracePeriodSeconds: 0, finalizers: [...fin] },
      });
    }

    if (cur.metadata.finalizers?.length) {
      if (cur.metadata.deletionTimestamp) return cur;
      return c.store.put(plural, {
        ...cur,
        metadata: { ...cur.metadata, deletionTimestamp: c.isoNow(), deletionGracePeriodSeconds: 0 },
      });
    }
    c.store.remove(plural, ns, name);
    c.onDeleted(plural, cur);
    return cur;
  }
}

/** Secret `stringData` is write-only: the server base64-encodes it into `data` (it wins on conflicts). */
function mergeStringData(secret: KObject): void {
  if (!secret.stringData || typeof secret.stringData !== "object") return;
  secret.data = { ...(secret.data ?? {}) };
  for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = b64encode(String(v));
  delete secret.stringData;
}

function defaultPropagation(_plural: string): "Background" | "Foreground" | "Orphan" {
  // kubectl sends Background by default; RC/RS/Deployment deletes through the raw API would orphan
  // in old versions, but kubectl 1.32 always sets propagationPolicy.
  return "Background";
}
