// describe for Role/ClusterRole (PolicyRule table after BreakdownRule + CompactRules) and
// RoleBinding/ClusterRoleBinding.

import type { Describer } from "./types.ts";
import { LEVEL_0, LEVEL_1, goSlice, printAnnotationsMultiline, printLabelsMultiline, tabbed } from "./writer.ts";

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function breakdownRule(r: any): Rule[] {
  const out: Rule[] = [];
  const verbs: string[] = r.verbs ?? [];
  for (const g of r.apiGroups ?? [])
    for (const res of r.resources ?? [])
      for (const v of verbs) {
        if (r.resourceNames?.length) for (const n of r.resourceNames) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
        else out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
      }
  for (const u of r.nonResourceURLs ?? []) for (const v of verbs) out.push({ verbs: [v], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [u] });
  return out;
}

function compactRules(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? ""]);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** rbacv1.PolicyRule.String() — the sort key of SortableRuleSlice. */
function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;
}

function combineResourceGroup(resource: string[], group: string[]): string {
  if (resource.length === 0) return "";
  const i = resource[0].indexOf("/");
  const parts = i < 0 ? [resource[0]] : [resource[0].slice(0, i), resource[0].slice(i + 1)];
  let combine = parts[0];
  if (group.length > 0 && group[0] !== "") combine += "." + group[0];
  if (parts.length === 2) combine += "/" + parts[1];
  return combine;
}

export const describeRole: Describer = (_c, role) => {
  const rules = compactRules((role.rules ?? []).flatMap(breakdownRule))
    .map((r, i) => ({ r, i, k: ruleString(r) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.r);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", role.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", role.metadata.annotations);
    w.write(LEVEL_0, "PolicyRule:\n");
    w.write(LEVEL_1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(LEVEL_1, "---------\t-----------------\t--------------\t-----\n");
    for (const r of rules) w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`);
  });
};

export const describeRoleBinding: Describer = (_c, b) => {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", b.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", b.metadata.annotations);
    w.write(LEVEL_0, "Role:\n");
    w.write(LEVEL_1, `Kind:\t${b.roleRef?.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${b.roleRef?.name ?? ""}\n`);
    w.write(LEVEL_0, "Subjects:\n");
    w.write(LEVEL_1, "Kind\tName\tNamespace\n");
    w.write(LEVEL_1, "----\t----\t---------\n");
    for (const s of b.subjects ?? []) w.write(LEVEL_1, `${s.kind ?? ""}\t${s.name ?? ""}\t${s.namespace ?? ""}\n`);
  });
};
