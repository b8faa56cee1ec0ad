// ControllerRevision bookkeeping shared by DaemonSet and StatefulSet: one revision object per
// distinct pod template, named `<owner>-<hash>`, numbered 1, 2, ... with reuse on rollback and
// cleanup beyond revisionHistoryLimit.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { clone, computeHash, frozenMemo, ownedBy, ownerRef, stableJson, stableJsonOf } from "./workload-util.ts";

export function revisionsOf(c: Cluster, owner: KObject): KObject[] {
  return c.store
    .list("controllerrevisions", owner.metadata.namespace)
    .filter((r) => ownedBy(r, owner.metadata.uid))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** The data a revision stores: the template as a strategic-merge "replace" patch, like the real controllers. */
function revisionData(owner: KObject): any {
  return { spec: { template: { ...clone(owner.spec?.template ?? {}), $patch: "replace" } } };
}

/** stableJson of the revision data for a template (memoised for frozen templates). */
const revisionKey = frozenMemo((template: any) => stableJson({ spec: { template: { ...template, $patch: "replace" } } }));

/**
 * The revision matching the owner's current template, created (or renumbered, on rollback)
 * as needed. Returns its hash, the value of the pods' `controller-revision-hash` label.
 */
export function ensureRevision(c: Cluster, owner: KObject, podLabels: Record<string, string>): { name: string; hash: string; revision: number } {
  const revs = revisionsOf(c, owner);
  const key = revisionKey(owner.spec?.template ?? {});
  const maxRev = revs.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const found = revs.find((r) => stableJsonOf(r.data) === key);
  if (found) {
    const hash = found.metadata.labels?.["controller-revision-hash"] ?? found.metadata.name.slice(owner.metadata.name.length + 1);
    if ((found.revision ?? 0) < maxRev) {
      // Going back to an older template: that revision becomes the newest.
      const upd = clone(found);
      upd.revision = maxRev + 1;
      c.store.put("controllerrevisions", upd);
      return { name: found.metadata.name, hash, revision: maxRev + 1 };
    }
    return { name: found.metadata.name, hash, revision: found.revision ?? 1 };
  }
  const hash = computeHash(owner.spec?.template ?? {}, owner.status?.collisionCount);
  const name = `${owner.metadata.name}-${hash}`;
  const rev: KObject = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...podLabels, "controller-revision-hash": hash },
      ownerReferences: [ownerRef(owner)],
    } as any,
    data: revisionData(owner),
    revision: maxRev + 1,
  };
  if (!c.store.get("controllerrevisions", owner.metadata.namespace, name)) {
    try {
      c.api.create("controllerrevisions", rev, { namespace: owner.metadata.namespace });
    } catch {
      rev.metadata.uid = c.rng.uuid();
      rev.metadata.creationTimestamp = c.isoNow();
      c.store.put("controllerrevisions", rev);
    }
  }
  return { name, hash, revision: maxRev + 1 };
}

/** Delete the oldest revisions (by name) that are neither current nor used by a live pod, beyond `limit`. */
export function cleanupRevisions(c: Cluster, owner: KObject, keep: Set<string>): void {
  const limit = owner.spec?.revisionHistoryLimit ?? 10;
  const revs = revisionsOf(c, owner).filter((r) => !keep.has(r.metadata.name));
  const extra = revs.length - limit;
  for (let i = 0; i < extra; i++) c.store.remove("controllerrevisions", owner.metadata.namespace, revs[i].metadata.name);
}

/** The pod template a revision stores. */
export function revisionTemplate(rev: KObject | undefined): any {
  const t = clone(rev?.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}
