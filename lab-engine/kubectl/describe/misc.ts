// describe for Namespace (quotas, limit ranges), ResourceQuota, LimitRange,
// HorizontalPodAutoscaler, PodDisruptionBudget, PriorityClass and NetworkPolicy.

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import { formatQuantity, parseQuantity, quantityFromValue, value } from "../../util/quantity.ts";
import { describeEvents, refFor, searchEvents } from "./events.ts";
import { formatLabelSelector } from "./pod.ts";
import { formatLabels } from "./workload.ts";
import type { Describer, DescribeSettings } from "./types.ts";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, goLess, intOrString, printAnnotationsMultiline, printLabelsMultiline, qty, sortedKeys, tabbed, timeRFC1123Z, type PrefixWriter } from "./writer.ts";

function eventsFor(c: Cluster, o: KObject, s: DescribeSettings): KObject[] | undefined {
  return s.showEvents ? searchEvents(c, refFor(o)) : undefined;
}

// ---- quotas and limit ranges -----------------------------------------------------------------

const SCOPE_HELP: Record<string, string> = {
  Terminating: "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort: "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort: "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

/** `used` printed in the format of `hard` when they differ (resource.NewQuantity(used.Value(), hard.Format)). */
function usedString(used: unknown, hard: unknown): string {
  try {
    const u = parseQuantity(String(used ?? "0"));
    const h = parseQuantity(String(hard ?? "0"));
    if (used === undefined || used === null) return "0";
    if (u.format !== h.format) return formatQuantity(quantityFromValue(value(u), h.format));
    return formatQuantity(u);
  } catch {
    return String(used ?? "0");
  }
}

function describeLimitRangeSpec(spec: any, prefix: string, w: PrefixWriter): void {
  for (const item of spec?.limits ?? []) {
    const sets = [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio];
    const keys = [...new Set(sets.flatMap((m) => Object.keys(m ?? {})))].sort(goLess);
    const v = (m: any, k: string) => (m && m[k] !== undefined ? qty(m[k]) : "-");
    for (const k of keys) {
      w.write(LEVEL_0, `${prefix}${item.type ?? ""}\t${k}\t${v(item.min, k)}\t${v(item.max, k)}\t${v(item.defaultRequest, k)}\t${v(item.default, k)}\t${v(item.maxLimitRequestRatio, k)}\n`);
    }
  }
}

export const describeNamespace: Describer = (c, ns) => {
  const quotas = c.store.list("resourcequotas", ns.metadata.name).sort((a, b) => goLess(a.metadata.name, b.metadata.name));
  const limits = c.store.list("limitranges", ns.metadata.name);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ns.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ""}\n`);
    const conds: any[] = ns.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
      for (const cd of conds) w.write(LEVEL_1, `${cd.type}\t${cd.status}\t${timeRFC1123Z(cd.lastTransitionTime)}\t${cd.reason ?? ""}\t${cd.message ?? ""}\n`);
    }
    w.write(LEVEL_0, "\n");
    if (quotas.length === 0) w.write(LEVEL_0, "No resource quota.\n");
    else {
      w.write(LEVEL_0, "Resource Quotas\n");
      for (const q of quotas) {
        w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
        const scopes: string[] = [...(q.spec?.scopes ?? [])].sort(goLess);
        if (scopes.length) {
          w.write(LEVEL_1, `Scopes:\t${scopes.join(", ")}\n`);
          for (const sc of scopes) if (SCOPE_HELP[sc]) w.write(LEVEL_1, `* ${SCOPE_HELP[sc]}\n`);
        }
        w.write(LEVEL_1, "Resource\tUsed\tHard\n");
        w.write(LEVEL_1, "--------\t---\t---\n");
        const hard = q.status?.hard ?? {};
        for (const r of sortedKeys(hard)) {
          const used = q.status?.used?.[r];
          w.write(LEVEL_1, `${r}\t${used === undefined ? "0" : qty(used)}\t${qty(hard[r])}\n`);
        }
      }
    }
    w.write(LEVEL_0, "\n");
    if (limits.length === 0) w.write(LEVEL_0, "No LimitRange resource.\n");
    else {
      w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
      w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
      for (const lr of limits) describeLimitRangeSpec(lr.spec, " ", w);
    }
  });
};

export const describeResourceQuota: Describer = (_c, q) => {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace ?? ""}\n`);
    const scopes: string[] = [...(q.spec?.scopes ?? [])].sort(goLess);
    if (scopes.length) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(", ")}\n`);
      for (const sc of scopes) if (SCOPE_HELP[sc]) w.write(LEVEL_0, ` * ${SCOPE_HELP[sc]}\n`);
    }
    w.write(LEVEL_0, "Resource\tUsed\tHard\n");
    w.write(LEVEL_0, "--------\t----\t----\n");
    const hard = q.status?.hard ?? {};
    for (const r of sortedKeys(hard)) w.write(LEVEL_0, `${r}\t${usedString(q.status?.used?.[r], hard[r])}\t${qty(hard[r])}\n`);
  });
};

export const describeLimitRange: Describer = (_c, lr) => {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    describeLimitRangeSpec(lr.spec, "", w);
  });
};

// ---- HorizontalPodAutoscaler -----------------------------------------------------------------

/** autoscaling/v1 fields (targetCPUUtilizationPercentage) seen as the v2 metrics list. */
function hpaMetrics(spec: any): any[] {
  if (spec.metrics) return spec.metrics;
  if (spec.targetCPUUtilizationPercentage !== undefined) {
    return [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  }
  return [];
}

function hpaCurrent(status: any, i: number): any {
  if (status.currentMetrics) return status.currentMetrics[i];
  if (i === 0 && status.currentCPUUtilizationPercentage !== undefined) return { type: "Resource", resource: { name: "cpu", current: { averageUtilization: status.currentCPUUtilizationPercentage } } };
  return undefined;
}

const qv = (v: unknown) => (v === undefined || v === null ? "0" : qty(v));

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(LEVEL_2, "Policies:\n");
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
  }
}

export const describeHPA: Describer = (c, hpa, s) => {
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  const events = eventsFor(c, hpa, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", hpa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${timeRFC1123Z(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ""}/${spec.scaleTargetRef?.name ?? ""}\n`);
    w.write(LEVEL_0, "Metrics:\t( current / target )\n");
    hpaMetrics(spec).forEach((m, i) => {
      const cur = hpaCurrent(st, i);
      switch (m.type) {
        case "External": {
          const t = m.external?.target ?? {};
          if (t.averageValue !== undefined) {
            const current = cur?.external?.current?.averageValue !== undefined ? qty(cur.external.current.averageValue) : "<unknown>";
            w.write(LEVEL_1, `${JSON.stringify(m.external?.metric?.name ?? "")} (target average value):\t${current} / ${qty(t.averageValue)}\n`);
          } else {
            const current = cur?.external ? qv(cur.external.current?.value) : "<unknown>";
            w.write(LEVEL_1, `${JSON.stringify(m.external?.metric?.name ?? "")} (target value):\t${current} / ${qv(t.value)}\n`);
          }
          break;
        }
        case "Pods": {
          const current = cur?.pods ? qv(cur.pods.current?.averageValue) : "<unknown>";
          w.write(LEVEL_1, `${JSON.stringify(m.pods?.metric?.name ?? "")} on pods:\t${current} / ${qv(m.pods?.target?.averageValue)}\n`);
          break;
        }
        case "Object": {
          w.write(LEVEL_1, `"${m.object?.metric?.name ?? ""}" on ${m.object?.describedObject?.kind ?? ""}/${m.object?.describedObject?.name ?? ""} `);
          if (m.object?.target?.type === "AverageValue") {
            const current = cur?.object ? qv(cur.object.current?.averageValue) : "<unknown>";
            w.write(LEVEL_0, `(target average value):\t${current} / ${qv(m.object.target.averageValue)}\n`);
          } else {
            const current = cur?.object ? qv(cur.object.current?.value) : "<unknown>";
            w.write(LEVEL_0, `(target value):\t${current} / ${qv(m.object?.target?.value)}\n`);
          }
          break;
        }
        case "Resource":
        case "ContainerResource": {
          const r = m.type === "Resource" ? m.resource : m.containerResource;
          const cr = m.type === "Resource" ? cur?.resource : cur?.containerResource;
          if (m.type === "Resource") w.write(LEVEL_1, `resource ${r?.name ?? ""} on pods`);
          else w.write(LEVEL_1, `resource ${r?.name ?? ""} of container "${r?.container ?? ""}" on pods`);
          if (r?.target?.averageValue !== undefined) {
            const current = cr ? qv(cr.current?.averageValue) : "<unknown>";
            w.write(LEVEL_0, `:\t${current} / ${qty(r.target.averageValue)}\n`);
          } else {
            const current = cr?.current?.averageUtilization !== undefined ? `${cr.current.averageUtilization}% (${qv(cr.current.averageValue)})` : "<unknown>";
            const target = r?.target?.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : "<auto>";
            w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${target}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(m.type ?? "")}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas ?? "<unset>"}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, "Behavior:\n");
      printDirectionBehavior(w, "Scale Up", spec.behavior.scaleUp);
      printDirectionBehavior(w, "Scale Down", spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ""} pods:\t`);
    w.write(LEVEL_0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
    const conds: any[] = st.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------\t-------\n");
      for (const cd of conds) w.write(LEVEL_1, `${cd.type}\t${cd.status}\t${cd.reason ?? ""}\t${cd.message ?? ""}\n`);
    }
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- PodDisruptionBudget / PriorityClass -----------------------------------------------------

export const describePDB: Describer = (c, pdb, s) => {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  const events = eventsFor(c, pdb, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ""}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
    w.write(LEVEL_0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : "Selector:\t<unset>\n");
    w.write(LEVEL_0, "Status:\n");
    w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
    if (events) describeEvents(events, w, s.now);
  });
};

export const describePriorityClass: Describer = (c, pc, s) => {
  const events = eventsFor(c, pc, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? "PreemptLowerPriority"}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ""}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- NetworkPolicy ---------------------------------------------------------------------------

/** Go time.Time.String() in UTC: `2026-11-21 22:00:00 +0000 UTC`. */
function goTimeString(ts: string | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return "0001-01-01 00:00:00 +0000 UTC";
  return new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, "").replace(/Z$/, "") + " +0000 UTC";
}

function printPeers(kind: "ingress" | "egress", rules: any[] | undefined, indent: string, w: PrefixWriter): void {
  if (!rules?.length) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${kind} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else
      for (const p of rule.ports) {
        const proto = p.protocol ?? "TCP";
        const port = p.port === undefined || p.port === null ? "<nil>" : intOrString(p.port);
        if (p.endPort === undefined || p.endPort === null) w.write(LEVEL_0, `${indent}To Port: ${port}/${proto}\n`);
        else w.write(LEVEL_0, `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
      }
    const peers: any[] = (kind === "ingress" ? rule.from : rule.to) ?? [];
    const label = kind === "ingress" ? "From" : "To";
    if (peers.length === 0) w.write(LEVEL_0, `${indent}${label}: <any> (traffic not restricted by ${kind === "ingress" ? "source" : "destination"})\n`);
    else
      for (const peer of peers) {
        w.write(LEVEL_0, `${indent}${label}:\n`);
        if (peer.podSelector && peer.namespaceSelector) {
          w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
          w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.podSelector) w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        else if (peer.namespaceSelector) w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        else if (peer.ipBlock) {
          w.write(LEVEL_1, `${indent}IPBlock:\n`);
          w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ""}\n`);
          w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(", ")}\n`);
        }
      }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export const describeNetworkPolicy: Describer = (_c, np) => {
  const spec = np.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", np.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", np.metadata.annotations);
    w.write(LEVEL_0, "Spec:\n");
    w.write(LEVEL_1, "PodSelector: ");
    const ps = spec.podSelector ?? {};
    if (!Object.keys(ps.matchLabels ?? {}).length && !(ps.matchExpressions ?? []).length) w.write(LEVEL_2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
    else w.write(LEVEL_2, `${formatLabelSelector(ps)}\n`);
    const types: string[] = spec.policyTypes ?? [];
    if (types.includes("Ingress")) {
      w.write(LEVEL_1, "Allowing ingress traffic:\n");
      printPeers("ingress", spec.ingress, "    ", w);
    } else w.write(LEVEL_1, "Not affecting ingress traffic\n");
    if (types.includes("Egress")) {
      w.write(LEVEL_1, "Allowing egress traffic:\n");
      printPeers("egress", spec.egress, "    ", w);
    } else w.write(LEVEL_1, "Not affecting egress traffic\n");
    w.write(LEVEL_1, `Policy Types: ${spec.policyTypes ? spec.policyTypes.join(", ") || "<none>" : "<none>"}\n`);
  });
};
