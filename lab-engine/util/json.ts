// JSON with object keys in sorted order, as encoding/json writes Go maps: the text is the same
// whatever order the keys were added in, so it can be compared and hashed. Values follow
// JSON.stringify (undefined properties are skipped, undefined array items become null).

export function sortedJson(x: unknown): string {
  if (x === null || typeof x !== "object") return JSON.stringify(x) ?? "null";
  if (Array.isArray(x)) {
    let s = "[";
    for (let i = 0; i < x.length; i++) s += (i ? "," : "") + sortedJson(x[i]);
    return s + "]";
  }
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let s = "{";
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || typeof v === "function") continue;
    s += (first ? "" : ",") + JSON.stringify(k) + ":" + sortedJson(v);
    first = false;
  }
  return s + "}";
}
