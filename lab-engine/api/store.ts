// The object store of one cluster: plain data keyed by resource plural and "<ns>/<name>".
// Every write bumps the cluster-wide resourceVersion and notifies watchers, like etcd + the
// API server's watch cache. Watchers are transient (not part of the snapshot).

import type { KObject, WatchEvent } from "./types.ts";

export interface StoreState {
  rv: number;
  /** Count of removals and deletion starts: the garbage collector only has work after one. */
  deletions?: number;
  objects: Record<string, Record<string, KObject>>;
}

export type Watcher = (ev: WatchEvent) => void;

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Store {
  private watchers = new Set<Watcher>();
  /**
   * Sorted keys per "<plural>\0<namespace>" (namespace "" = all). Controllers list the same
   * resources on every reconcile, so sorting each time dominated busy clusters. Only a new key
   * or a removal changes the order; replacing an object under its key does not.
   */
  private sortedKeys = new Map<string, { bucket: Record<string, KObject>; keys: string[] }>();
  constructor(readonly state: StoreState) {}

  static empty(): StoreState {
    return { rv: 1000, objects: {} };
  }

  get rv(): number {
    return this.state.rv;
  }

  get(plural: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.state.objects[plural]?.[objectKey(namespace, name)];
  }

  /** All objects of a resource, optionally in one namespace, sorted by namespace then name (as the API lists). */
  list(plural: string, namespace?: string): KObject[] {
    const bucket = this.state.objects[plural];
    if (!bucket) return [];
    const cacheKey = `${plural}\0${namespace ?? ""}`;
    let cached = this.sortedKeys.get(cacheKey);
    if (!cached || cached.bucket !== bucket) {
      let keys = Object.keys(bucket).sort();
      if (namespace !== undefined) keys = keys.filter((k) => bucket[k].metadata.namespace === namespace);
      cached = { bucket, keys };
      this.sortedKeys.set(cacheKey, cached);
    }
    const out: KObject[] = new Array(cached.keys.length);
    for (let i = 0; i < cached.keys.length; i++) out[i] = bucket[cached.keys[i]];
    return out;
  }

  private forgetOrder(plural: string): void {
    const prefix = `${plural}\0`;
    for (const k of this.sortedKeys.keys()) if (k.startsWith(prefix)) this.sortedKeys.delete(k);
  }

  count(plural: string): number {
    const b = this.state.objects[plural];
    return b ? Object.keys(b).length : 0;
  }

  /** Insert or replace; assigns a fresh resourceVersion. Returns the stored object. */
  put(plural: string, obj: KObject): KObject {
    const bucket = (this.state.objects[plural] ??= {});
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    const existed = key in bucket;
    this.state.rv++;
    if (obj.metadata.deletionTimestamp && !bucket[key]?.metadata.deletionTimestamp) this.state.deletions = (this.state.deletions ?? 0) + 1;
    // A fresh metadata object: stored objects may be shared with a frozen sandbox template,
    // so the store never writes into an object it did not create.
    if (Object.isFrozen(obj.metadata)) obj = { ...obj, metadata: { ...obj.metadata } };
    obj.metadata.resourceVersion = String(this.state.rv);
    bucket[key] = obj;
    if (!existed) this.forgetOrder(plural);
    this.emit({ type: existed ? "MODIFIED" : "ADDED", resource: plural, object: obj });
    return obj;
  }

  remove(plural: string, namespace: string | undefined, name: string): KObject | undefined {
    const bucket = this.state.objects[plural];
    const key = objectKey(namespace, name);
    const obj = bucket?.[key];
    if (!obj) return undefined;
    delete bucket[key];
    this.forgetOrder(plural);
    this.state.rv++;
    this.state.deletions = (this.state.deletions ?? 0) + 1;
    this.emit({ type: "DELETED", resource: plural, object: obj });
    return obj;
  }

  watch(w: Watcher): () => void {
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  private emit(ev: WatchEvent): void {
    if (this.watchers.size === 0) return;
    for (const w of [...this.watchers]) w(ev);
  }
}
