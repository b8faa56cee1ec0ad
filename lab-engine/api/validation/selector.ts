// Label selector checks and matching (metav1 validation ValidateLabelSelector, LabelSelectorAsSelector).
import { type FieldError, invalid, required, forbidden, notSupported } from "./field.ts";
import { isQualifiedName, isValidLabelValue, validateLabels } from "./names.ts";

const OPS = ["In", "NotIn", "Exists", "DoesNotExist"];

export function validateLabelSelector(sel: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  (sel.matchExpressions ?? []).forEach((r: any, i: number) => {
    const p = `${field}.matchExpressions[${i}]`;
    const op = r?.operator;
    if (op === "In" || op === "NotIn") {
      if (!r.values || r.values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === "Exists" || op === "DoesNotExist") {
      if (r.values && r.values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(`${p}.operator`, op ?? "", "not a valid selector operator"));
    }
    for (const m of isQualifiedName(r?.key ?? "")) errs.push(invalid(`${p}.key`, r?.key ?? "", m));
    (r?.values ?? []).forEach((v: string, j: number) => {
      for (const m of isValidLabelValue(String(v))) errs.push(invalid(`${p}.values[${j}]`, v, m));
    });
  });
  void notSupported;
  void OPS;
  return errs;
}

/** LabelSelectorAsSelector(sel).Matches(labels). nil selector matches nothing; empty selector matches everything. */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  if (sel === undefined || sel === null) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.operator) {
      case "In":
        if (!has || !(r.values ?? []).includes(l[r.key])) return false;
        break;
      case "NotIn":
        if (has && (r.values ?? []).includes(l[r.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(sel: any): boolean {
  return !!sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
}

/** LabelSelectorAsSelector error check (bad operator / values) — the "invalid label selector" case. */
export function selectorParseable(sel: any): boolean {
  if (!sel) return true;
  for (const r of sel.matchExpressions ?? []) {
    if (!OPS.includes(r?.operator)) return false;
    if ((r.operator === "In" || r.operator === "NotIn") && !(r.values ?? []).length) return false;
  }
  return true;
}
