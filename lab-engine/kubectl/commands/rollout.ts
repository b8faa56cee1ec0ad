// kubectl rollout status | history | undo | pause | resume | restart, for Deployments,
// DaemonSets and StatefulSets (pkg/polymorphichelpers in kubectl).

import { sortedJson } from "../../util/json.ts";
import type { KObject } from "../../api/types.ts";
import { parseGoDuration } from "../../util/duration.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, reportWrite } from "./common.ts";
import type { KubectlCommand } from "./registry.ts";
import { formatTable } from "../output/tabwriter.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { iso } from "../../cluster/cluster.ts";

const ROLLABLE = ["deployments", "daemonsets", "statefulsets"];

function target(inv: Invocation): { plural: string; obj: KObject }[] {
  const refs = parseResourceArgs(inv.args, inv.cmdPath);
  if (!refs.length) throw new KubectlError(`error: required resource not specified`);
  const out: { plural: string; obj: KObject }[] = [];
  for (const { ri, names } of refs) {
    if (!ROLLABLE.includes(ri.plural) && ri.plural !== "replicasets") {
      throw kerror(`no ${inv.cmdPath.split(" ").pop() === "status" ? "status viewer" : "rollbacker"} has been implemented for "${ri.kind}"`.replace(`"${ri.kind}"`, `{"${ri.group}" "${ri.kind}"}`));
    }
    if (!names.length) {
      if (inv.flags.selector) {
        for (const o of inv.cluster.api.list(ri.plural, inv.namespace)) out.push({ plural: ri.plural, obj: o });
      } else throw kerror(`resource(s) were provided, but no name was specified`);
    }
    for (const n of names) out.push({ plural: ri.plural, obj: inv.cluster.api.get(ri.plural, inv.namespace, n) });
  }
  return out;
}

/** One status line and whether the rollout is done (rollout_status.go). */
function statusOf(plural: string, o: KObject): { msg: string; done: boolean; error?: string } {
  const s = o.status ?? {};
  const name = o.metadata.name;
  if (plural === "deployments") {
    if ((o.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { msg: "Waiting for deployment spec update to be observed...", done: false };
    const prog = (s.conditions ?? []).find((c: any) => c.type === "Progressing");
    if (prog?.reason === "ProgressDeadlineExceeded") return { msg: "", done: true, error: `deployment "${name}" exceeded its progress deadline` };
    const want = o.spec?.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (updated < want) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
    if ((s.replicas ?? 0) > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
    if ((s.availableReplicas ?? 0) < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
    return { msg: `deployment "${name}" successfully rolled out`, done: true };
  }
  if (plural === "daemonsets") {
    if ((o.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { msg: "Waiting for daemon set spec update to be observed...", done: false };
    const want = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < want) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...`, done: false };
    if ((s.numberAvailable ?? 0) < want) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${want} updated pods are available...`, done: false };
    return { msg: `daemon set "${name}" successfully rolled out`, done: true };
  }
  // statefulsets
  if ((o.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { msg: "Waiting for statefulset spec update to be observed...", done: false };
  const want = o.spec?.replicas ?? 1;
  if ((s.readyReplicas ?? 0) < want) return { msg: `Waiting for ${want - (s.readyReplicas ?? 0)} pods to be ready...`, done: false };
  const partition = o.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (partition > 0) {
    if ((s.updatedReplicas ?? 0) < want - partition) return { msg: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...`, done: false };
    return { msg: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...`, done: true };
  }
  if (s.updateRevision !== s.currentRevision) return { msg: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${want} new pods have been updated...`, done: false };
  return { msg: `statefulset rolling update complete ${s.currentReplicas ?? want} pods at revision ${s.currentRevision}...`, done: true };
}

const status: KubectlCommand = {
  name: "status",
  flags: [
    { name: "watch", short: "w", type: "bool", default: true },
    { name: "timeout", type: "string", default: "0s" },
    { name: "revision", type: "int", default: 0 },
    { name: "selector", short: "l", type: "string" },
    { name: "filename", short: "f", type: "strings" },
  ],
  async run(inv) {
    for (const { plural, obj } of target(inv)) {
      const timeout = parseGoDuration(String(inv.flags.timeout));
      const deadline = timeout > 0 ? inv.cluster.now + timeout : inv.cluster.now + 3600_000;
      let last = "";
      for (;;) {
        const cur = inv.cluster.store.get(plural, obj.metadata.namespace, obj.metadata.name);
        if (!cur) throw kerror(`object has been deleted`);
        const st = statusOf(plural, cur);
        if (st.error) throw kerror(st.error);
        if (st.msg !== last || st.done) {
          inv.out(st.msg + "\n");
          last = st.msg;
        }
        if (st.done || !inv.flags.watch) break;
        if (inv.ctx.signal.aborted) return 130;
        if (inv.cluster.now >= deadline) {
          inv.err(`error: timed out waiting for the condition\n`);
          return 1;
        }
        if (inv.ctx.host.clock.mode === "virtual") {
          const next = inv.cluster.nextDue();
          if (next === undefined) {
            // Nothing will ever change: a real kubectl would wait until its timeout.
            if (timeout > 0) {
              await inv.host.sleep(deadline - inv.cluster.now, inv.ctx);
              continue;
            }
            inv.err(`error: timed out waiting for the condition\n`);
            return 1;
          }
          await inv.host.sleep(Math.max(1, Math.min(next, deadline) - inv.cluster.now), inv.ctx);
        } else {
          await inv.host.sleep(250, inv.ctx);
          inv.host.sync();
        }
      }
    }
    return 0;
  },
};

function ownedReplicaSets(inv: Invocation, d: KObject): KObject[] {
  return inv.cluster.store
    .list("replicasets", d.metadata.namespace)
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid && r.controller))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

function revisionOf(o: KObject): number {
  return Number(o.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? o.revision ?? 0);
}

function controllerRevisions(inv: Invocation, o: KObject): KObject[] {
  return inv.cluster.store
    .list("controllerrevisions", o.metadata.namespace)
    .filter((r) => r.metadata.ownerReferences?.some((x) => x.uid === o.metadata.uid))
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

const history: KubectlCommand = {
  name: "history",
  flags: [{ name: "revision", type: "int", default: 0 }, OUTPUT_FLAG, { name: "selector", short: "l", type: "string" }, { name: "filename", short: "f", type: "strings" }],
  run(inv) {
    for (const { plural, obj } of target(inv)) {
      const revs =
        plural === "deployments"
          ? ownedReplicaSets(inv, obj).map((rs) => ({ rev: revisionOf(rs), cause: rs.metadata.annotations?.["kubernetes.io/change-cause"], template: rs.spec.template }))
          : controllerRevisions(inv, obj).map((r) => ({ rev: r.revision, cause: r.metadata.annotations?.["kubernetes.io/change-cause"], template: r.data?.spec?.template }));
      const kindRef = `${plural === "deployments" ? "deployment.apps" : plural === "daemonsets" ? "daemonset.apps" : "statefulset.apps"}/${obj.metadata.name}`;
      if (inv.flags.revision) {
        const r = revs.find((x) => x.rev === inv.flags.revision);
        if (!r) throw kerror(`unable to find the specified revision`);
        // kubectl prints the ReplicaSet's template as stored, pod-template-hash label included.
        const tmpl = JSON.parse(JSON.stringify(r.template));
        inv.out(`${kindRef} with revision #${r.rev}\n${podTemplateText(tmpl)}\n`);
        continue;
      }
      const rows = revs.map((r) => [String(r.rev), r.cause ?? "<none>"]);
      inv.out(`${kindRef} \n${formatTable([["REVISION", "CHANGE-CAUSE"], ...rows], { minwidth: 0, tabwidth: 0, padding: 2 })}\n`);
    }
    return 0;
  },
};

/** `rollout history --revision=N` prints the pod template like describe's Pod Template block. */
function podTemplateText(tmpl: any): string {
  const lines: string[] = ["Pod Template:"];
  const labels = tmpl?.metadata?.labels ?? {};
  const lk = Object.keys(labels).sort();
  lines.push(`  Labels:\t${lk.length ? lk.map((k, i) => (i ? "\t" : "") + `${k}=${labels[k]}`).join("\n  \t") : "<none>"}`);
  const ann = tmpl?.metadata?.annotations ?? {};
  const ak = Object.keys(ann).sort();
  lines.push(`  Annotations:\t${ak.length ? ak.map((k) => `${k}: ${ann[k]}`).join("\n  \t") : "<none>"}`);
  lines.push("  Containers:");
  for (const c of tmpl?.spec?.containers ?? []) {
    lines.push(`   ${c.name}:`);
    lines.push(`    Image:\t${c.image}`);
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? "TCP"}`);
    lines.push(`    Port:\t${ports.length ? ports.join(", ") : "<none>"}`);
    lines.push(`    Host Port:\t${ports.length ? (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ") : "<none>"}`);
    lines.push(`    Environment:\t${(c.env ?? []).length ? "" : "<none>"}`);
    for (const e of c.env ?? []) lines.push(`      ${e.name}:\t${e.value ?? ""}`);
    lines.push(`    Mounts:\t<none>`);
  }
  lines.push(`  Volumes:\t<none>`);
  lines.push(`  Node-Selectors:\t<none>`);
  lines.push(`  Tolerations:\t<none>`);
  // Align like a describe block: label column width = longest label + 2.
  const width = Math.max(...lines.filter((l) => l.includes("\t")).map((l) => l.indexOf("\t"))) + 2;
  return lines
    .map((l) => {
      if (!l.includes("\t")) return l;
      return l
        .split("\n")
        .map((part) => {
          const i = part.indexOf("\t");
          return part.slice(0, i).padEnd(width, " ") + part.slice(i + 1);
        })
        .join("\n");
    })
    .join("\n");
}

const ROLLBACK_SKIP = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

const undo: KubectlCommand = {
  name: "undo",
  flags: [{ name: "to-revision", type: "int", default: 0 }, OUTPUT_FLAG, DRY_RUN_FLAG, { name: "selector", short: "l", type: "string" }, { name: "filename", short: "f", type: "strings" }],
  run(inv) {
    for (const { plural, obj } of target(inv)) {
      const kindRef = `${plural === "deployments" ? "deployment.apps" : plural === "daemonsets" ? "daemonset.apps" : "statefulset.apps"}/${obj.metadata.name}`;
      let revs: { rev: number; template: any; annotations?: Record<string, string> }[];
      if (plural === "deployments") {
        if (obj.spec?.paused) throw kerror(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
        revs = ownedReplicaSets(inv, obj).map((rs) => ({ rev: revisionOf(rs), template: rs.spec.template, annotations: rs.metadata.annotations ?? {} }));
      } else {
        revs = controllerRevisions(inv, obj).map((r) => ({ rev: r.revision, template: r.data?.spec?.template }));
      }
      const current = Math.max(0, ...revs.map((r) => r.rev));
      let target: (typeof revs)[number] | undefined;
      if (inv.flags["to-revision"]) {
        target = revs.find((r) => r.rev === inv.flags["to-revision"]);
        if (!target) throw kerror(`unable to find specified revision ${inv.flags["to-revision"]} in history`);
      } else {
        const older = revs.filter((r) => r.rev < current);
        target = older[older.length - 1];
        if (!target) throw kerror(`no rollout history found for ${plural === "deployments" ? "deployment" : plural.slice(0, -1)} "${obj.metadata.name}"`);
      }
      const tmpl = JSON.parse(JSON.stringify(target.template));
      if (tmpl?.metadata?.labels) delete tmpl.metadata.labels["pod-template-hash"];
      const curTmpl = JSON.parse(JSON.stringify(obj.spec.template));
      if (sortedJson(tmpl) === sortedJson(curTmpl)) {
        inv.out(`${kindRef} skipped rollback (current template already matches revision ${target.rev})\n`);
        continue;
      }
      const next = JSON.parse(JSON.stringify(obj));
      next.spec.template = tmpl;
      // kubectl's rollback.go replaces the annotations too: the deployment keeps its own
      // annotationsToSkip, every other one comes from the revision's ReplicaSet (change-cause...).
      if (target.annotations) {
        const annotations: Record<string, string> = {};
        for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) if (ROLLBACK_SKIP.has(k)) annotations[k] = v as string;
        for (const [k, v] of Object.entries(target.annotations)) if (!ROLLBACK_SKIP.has(k)) annotations[k] = v;
        next.metadata.annotations = annotations;
      }
      const dry = dryRunOf(inv);
      if (dry === "client") {
        inv.out(inv.flags.output === "yaml" ? toKubectlYaml(next) : `${kindRef} rolled back (dry run)\n`);
        continue;
      }
      inv.cluster.api.update(plural, next, { namespace: obj.metadata.namespace, user: inv.user, dryRun: dry === "server" });
      inv.out(`${kindRef} rolled back${dry === "server" ? " (server dry run)" : ""}\n`);
    }
    return 0;
  },
};


function simpleUpdate(name: string, verb: string, apply: (o: KObject, inv: Invocation) => string | undefined): KubectlCommand {
  return {
    name,
    flags: [OUTPUT_FLAG, DRY_RUN_FLAG, { name: "selector", short: "l", type: "string" }, { name: "filename", short: "f", type: "strings" }, { name: "field-manager", type: "string" }],
    run(inv) {
      for (const { plural, obj } of target(inv)) {
        const next = JSON.parse(JSON.stringify(obj));
        const skip = apply(next, inv);
        const kindRef = `${plural === "deployments" ? "deployment.apps" : plural === "daemonsets" ? "daemonset.apps" : "statefulset.apps"}/${obj.metadata.name}`;
        if (skip) {
          inv.out(`${kindRef} ${skip}\n`);
          continue;
        }
        const dry = dryRunOf(inv);
        const stored = dry === "client" ? next : inv.cluster.api.update(plural, next, { namespace: obj.metadata.namespace, user: inv.user, dryRun: dry === "server" });
        reportWrite(inv, stored, verb, dry);
      }
      return 0;
    },
  };
}

const pause = simpleUpdate("pause", "paused", (o, inv) => {
  if (o.kind !== "Deployment") throw kerror(`${o.kind.toLowerCase()}s.apps "${o.metadata.name}" pausing is not supported`);
  if (o.spec.paused) return "already paused";
  o.spec.paused = true;
  void inv;
  return undefined;
});

const resume = simpleUpdate("resume", "resumed", (o) => {
  if (o.kind !== "Deployment") throw kerror(`${o.kind.toLowerCase()}s.apps "${o.metadata.name}" resuming is not supported`);
  if (!o.spec.paused) throw kerror(`deployments.apps "${o.metadata.name}" is not paused`);
  delete o.spec.paused;
  return undefined;
});

const restart = simpleUpdate("restart", "restarted", (o, inv) => {
  if (o.kind === "Deployment" && o.spec.paused) throw kerror(`deployments.apps "${o.metadata.name}" can't restart paused deployment (run rollout resume first)`);
  o.spec.template.metadata ??= {};
  o.spec.template.metadata.annotations = { ...(o.spec.template.metadata.annotations ?? {}), "kubectl.kubernetes.io/restartedAt": iso(inv.cluster.now).replace("Z", "Z") };
  return undefined;
});

export const rolloutCommand: KubectlCommand = {
  name: "rollout",
  subcommands: { status, history, undo, pause, resume, restart },
  help: `Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n`,
};
