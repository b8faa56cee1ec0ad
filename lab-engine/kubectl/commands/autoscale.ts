// kubectl autoscale: an autoscaling/v2 HorizontalPodAutoscaler for a Deployment, ReplicaSet,
// StatefulSet or ReplicationController, built field by field as kubectl 1.32 builds it.

import type { KObject } from "../../api/types.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, reportWrite } from "./common.ts";
import type { KubectlCommand } from "./registry.ts";

const SCALABLE = ["deployments", "replicasets", "statefulsets", "replicationcontrollers"];

function runAutoscale(inv: Invocation): number {
  const dry = dryRunOf(inv);
  const refs = parseResourceArgs(inv.args, "kubectl autoscale");
  if (!refs.length || !refs[0].names.length) {
    throw kerror(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  }
  const max: number = inv.flags.max;
  const min: number = inv.flags.min;
  if (max < 1) throw kerror(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw kerror(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  for (const ref of refs) {
    for (const name of ref.names) {
      const target = inv.cluster.api.get(ref.ri.plural, inv.namespace, name);
      if (!SCALABLE.includes(ref.ri.plural)) throw kerror(`cannot autoscale a ${ref.ri.kind}: cannot autoscale a ${ref.ri.kind}`);
      const hpaName: string = inv.flags.name ?? name;
      const spec: any = {
        maxReplicas: max,
        scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name },
      };
      if (min > 0) spec.minReplicas = min;
      if (inv.flags["cpu-percent"] >= 0) spec.metrics = [{ resource: { name: "cpu", target: { averageUtilization: inv.flags["cpu-percent"], type: "Utilization" } }, type: "Resource" }];
      // kubectl's generator orders spec fields alphabetically (it marshals a typed struct).
      const ordered: any = {};
      for (const k of Object.keys(spec).sort()) ordered[k] = spec[k];
      const hpa: KObject = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: hpaName } as any, spec: ordered, status: { currentMetrics: null, desiredReplicas: 0 } };
      if (dry === "client") {
        const fmt = parseOutput(inv.flags.output);
        if (fmt.kind === "table" || fmt.kind === "wide") inv.out(`horizontalpodautoscaler.autoscaling/${hpaName} autoscaled (dry run)\n`);
        else inv.out(printStructured([{ ...hpa, metadata: { ...hpa.metadata, creationTimestamp: null } } as any], fmt, false));
        continue;
      }
      const created = inv.cluster.api.create("horizontalpodautoscalers", { ...hpa, metadata: { ...hpa.metadata, namespace: inv.namespace } }, { namespace: inv.namespace, dryRun: dry === "server", user: inv.user });
      reportWrite(inv, created, "autoscaled", dry);
    }
  }
  return 0;
}

export const autoscaleCommand: KubectlCommand = {
  name: "autoscale",
  flags: [
    { name: "min", type: "int", default: -1 },
    { name: "max", type: "int", default: -1 },
    { name: "cpu-percent", type: "int", default: -1 },
    { name: "name", type: "string" },
    { name: "filename", short: "f", type: "strings" },
    { name: "save-config", type: "bool" },
    { name: "record", type: "bool" },
    { name: "field-manager", type: "string" },
    { name: "show-managed-fields", type: "bool" },
    { name: "template", type: "string" },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run: runAutoscale,
};
