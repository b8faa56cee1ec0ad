// An approximation of the go-cmp report that 1.32 appends to "pod updates may not change ..."
// and to the PVC "spec is immutable" message. Real output walks Go structs in field order and
// uses internal type names; this walks the JSON objects (key order of the old object) and
// upper-cases field names. Shape kept: "  core.PodSpec{", "- \t<Field>: <old>,", "+ \t<Field>: <new>,",
// "\t... // N identical fields", closing "  }".

const SLICE_TYPES: Record<string, string> = {
  containers: "[]core.Container",
  initContainers: "[]core.Container",
  ephemeralContainers: "[]core.EphemeralContainer",
  volumes: "[]core.Volume",
  ports: "[]core.ContainerPort",
  env: "[]core.EnvVar",
  envFrom: "[]core.EnvFromSource",
  volumeMounts: "[]core.VolumeMount",
  tolerations: "[]core.Toleration",
  command: "[]string",
  args: "[]string",
  accessModes: "[]core.PersistentVolumeAccessMode",
};

function goField(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function goValue(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "{" + v.map(goValue).join(", ") + "}";
  return "{" + Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => `${goField(k)}: ${goValue(x)}`).join(", ") + "}";
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(stable).join(",") + "]";
  if (v && typeof v === "object") return "{" + Object.keys(v).sort().filter((k) => (v as any)[k] !== undefined && (v as any)[k] !== null).map((k) => JSON.stringify(k) + ":" + stable((v as any)[k])).join(",") + "}";
  return JSON.stringify(v ?? null);
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function diffInto(lines: string[], a: unknown, b: unknown, depth: number, label: string): void {
  const tabs = "\t".repeat(depth);
  if (isObj(a) && isObj(b)) {
    lines.push(`  ${tabs}${label}{`);
    structBody(lines, a, b, depth + 1);
    lines.push(`  ${tabs}}${depth > 1 ? "," : ""}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    lines.push(`  ${tabs}${label}{`);
    let same = 0;
    const flush = () => {
      if (same) lines.push(`  ${tabs}\t... // ${same} identical ${same === 1 ? "element" : "elements"}`);
      same = 0;
    };
    for (let i = 0; i < a.length; i++) {
      if (stable(a[i]) === stable(b[i])) {
        same++;
        continue;
      }
      flush();
      diffInto(lines, a[i], b[i], depth + 1, "");
    }
    flush();
    lines.push(`  ${tabs}},`);
    return;
  }
  lines.push(`- ${tabs}${label}${goValue(a)},`);
  lines.push(`+ ${tabs}${label}${goValue(b)},`);
}

function structBody(lines: string[], a: Record<string, unknown>, b: Record<string, unknown>, depth: number): void {
  const tabs = "\t".repeat(depth);
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  ${tabs}... // ${same} identical ${same === 1 ? "field" : "fields"}`);
    same = 0;
  };
  for (const k of keys) {
    if (stable(a[k]) === stable(b[k])) {
      same++;
      continue;
    }
    flush();
    const av = a[k];
    const bv = b[k];
    const t = SLICE_TYPES[k] ?? "";
    if (isObj(av) && isObj(bv)) {
      diffInto(lines, av, bv, depth, `${goField(k)}: `);
    } else if (Array.isArray(av) && Array.isArray(bv) && av.length === bv.length) {
      diffInto(lines, av, bv, depth, `${goField(k)}: ${t}`);
    } else {
      lines.push(`- ${tabs}${goField(k)}: ${Array.isArray(av) ? t : ""}${goValue(av)},`);
      lines.push(`+ ${tabs}${goField(k)}: ${Array.isArray(bv) ? t : ""}${goValue(bv)},`);
    }
  }
  flush();
}

/** `  core.PodSpec{ ... }` report for old -> new. */
export function cmpDiff(typeName: string, a: Record<string, unknown>, b: Record<string, unknown>): string {
  const lines = [`  ${typeName}{`];
  structBody(lines, a ?? {}, b ?? {}, 1);
  lines.push("  }");
  return lines.join("\n") + "\n";
}
