// Three-way strategic merge as `kubectl apply` does it: fields the user removed from their
// manifest since the last apply are deleted, fields they set win, and fields nobody declared
// (server defaults, controller-managed fields) are kept. Lists with a merge key (containers by
// name, ports by containerPort...) merge item by item instead of being replaced.

const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  ownerReferences: "uid",
  conditions: "type",
  topologySpreadConstraints: "topologyKey",
};

/** containerPort for container ports, port for service ports (both are called `ports`). */
function mergeKeyFor(field: string, sample: any): string | undefined {
  if (field === "ports") return sample && "containerPort" in sample ? "containerPort" : sample && "port" in sample ? "port" : undefined;
  return MERGE_KEYS[field];
}

const isObj = (x: any) => x !== null && typeof x === "object" && !Array.isArray(x);

/** Returns the new live object (does not mutate inputs). */
export function threeWayMerge(original: any, modified: any, live: any, field = ""): any {
  if (isObj(modified) && isObj(live)) {
    const out: any = { ...live };
    const orig = isObj(original) ? original : {};
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const k of Object.keys(modified)) out[k] = threeWayMerge(orig[k], modified[k], live[k], k);
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(live)) {
    const key = mergeKeyFor(field, modified[0] ?? live[0]);
    if (!key || !modified.every(isObj) || !live.every(isObj)) return clone(modified);
    const origList: any[] = Array.isArray(original) ? original : [];
    const out: any[] = [];
    const liveBy = new Map(live.map((x) => [String(x[key]), x]));
    const origBy = new Map(origList.map((x) => [String(x[key]), x]));
    const modKeys = new Set(modified.map((x) => String(x[key])));
    // Items in modified, in their order, merged with live.
    for (const m of modified) {
      const k = String(m[key]);
      out.push(liveBy.has(k) ? threeWayMerge(origBy.get(k), m, liveBy.get(k), field) : clone(m));
    }
    // Live items nobody declared stay (server-added), those removed from the manifest go.
    for (const l of live) {
      const k = String(l[key]);
      if (modKeys.has(k) || origBy.has(k)) continue;
      out.push(l);
    }
    return out;
  }
  return clone(modified);
}

function clone<T>(x: T): T {
  return x === undefined ? x : JSON.parse(JSON.stringify(x));
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: any, patch: any): any {
  if (!isObj(patch)) return clone(patch);
  const out: any = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch (kubectl patch default): like merge patch, but keyed lists merge by key. */
export function strategicPatch(target: any, patch: any, field = ""): any {
  if (isObj(patch) && isObj(target)) {
    const out: any = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith("$")) continue;
      if (v === null) delete out[k];
      else out[k] = strategicPatch(target[k], v, k);
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target)) {
    const key = mergeKeyFor(field, patch[0] ?? target[0]);
    if (!key || !patch.every(isObj)) return clone(patch);
    const out = target.map((x) => clone(x));
    for (const p of patch) {
      if (p.$patch === "delete") {
        const i = out.findIndex((x) => String(x[key]) === String(p[key]));
        if (i >= 0) out.splice(i, 1);
        continue;
      }
      const i = out.findIndex((x) => String(x[key]) === String(p[key]));
      if (i >= 0) out[i] = strategicPatch(out[i], p, field);
      else out.push(clone(p));
    }
    return out;
  }
  if (isObj(patch)) return strategicPatch({}, patch, field);
  return clone(patch);
}

/** RFC 6902 JSON patch; throws Error with kubectl-like text on failure. */
export function jsonPatch(target: any, ops: any[]): any {
  let doc = clone(target);
  const parse = (p: string) =>
    p
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const walk = (path: string[], create = false): [any, string] => {
    let cur = doc;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i];
      if (cur[seg] === undefined) {
        if (!create) throw new Error(`jsonpatch add operation does not apply: doc is missing path: "/${path.join("/")}": missing value`);
        cur[seg] = {};
      }
      cur = cur[seg];
    }
    return [cur, path[path.length - 1]];
  };
  for (const op of ops) {
    const path = parse(op.path ?? "");
    if (path.length === 0) {
      if (op.op === "replace" || op.op === "add") doc = clone(op.value);
      continue;
    }
    switch (op.op) {
      case "add": {
        const [parent, last] = walk(path);
        if (Array.isArray(parent)) {
          const idx = last === "-" ? parent.length : Number(last);
          parent.splice(idx, 0, clone(op.value));
        } else parent[last] = clone(op.value);
        break;
      }
      case "replace": {
        const [parent, last] = walk(path);
        if (parent[last] === undefined) throw new Error(`jsonpatch replace operation does not apply: doc is missing key: /${path.join("/")}: missing value`);
        parent[last] = clone(op.value);
        break;
      }
      case "remove": {
        const [parent, last] = walk(path);
        if (parent[last] === undefined) throw new Error(`jsonpatch remove operation does not apply: doc is missing path: "/${path.join("/")}": missing value`);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      }
      case "test": {
        const [parent, last] = walk(path);
        if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) throw new Error(`testing value /${path.join("/")} failed: test failed`);
        break;
      }
      case "copy":
      case "move": {
        const from = parse(op.from ?? "");
        const [fp, fl] = walk(from);
        const v = clone(fp[fl]);
        if (op.op === "move") {
          if (Array.isArray(fp)) fp.splice(Number(fl), 1);
          else delete fp[fl];
        }
        const [parent, last] = walk(path);
        if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, v);
        else parent[last] = v;
        break;
      }
      default:
        throw new Error(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
