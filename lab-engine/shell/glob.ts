// Glob patterns (`*`, `?`, `[…]`) for pathname expansion, `case` and `[[ == ]]`. Patterns are
// strings where a backslash makes the next character literal: that is how quoted text inside
// an otherwise unquoted word stays literal after expansion.

import type { FileSystem } from "./types.ts";

export function escapeGlob(s: string): string {
  return s.replace(/[\\*?[\]]/g, "\\$&");
}

export function unescapeGlob(p: string): string {
  return p.replace(/\\(.)/gs, "$1");
}

export function hasGlob(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") i++;
    else if (p[i] === "*" || p[i] === "?") return true;
    else if (p[i] === "[" && p.indexOf("]", i + 2) > 0) return true;
  }
  return false;
}

/** Regex source for a pattern; `pathMode`: `*`/`?` do not match `/`. */
export function globToRegexSource(p: string, pathMode = false): string {
  let out = "";
  const any = pathMode ? "[^/]" : "[\\s\\S]";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && i + 1 < p.length) out += escapeRe(p[++i]);
    else if (c === "*") out += any + "*";
    else if (c === "?") out += any;
    else if (c === "[") {
      const end = p.indexOf("]", i + 2);
      if (end < 0) {
        out += "\\[";
        continue;
      }
      let body = p.slice(i + 1, end);
      let neg = false;
      if (body[0] === "!" || body[0] === "^") {
        neg = true;
        body = body.slice(1);
      }
      body = body.replace(/\[:(\w+):\]/g, (_, cls: string) => ({ alpha: "A-Za-z", digit: "0-9", alnum: "A-Za-z0-9", upper: "A-Z", lower: "a-z", space: "\\s" })[cls] ?? "");
      out += "[" + (neg ? "^" : "") + body.replace(/\\(?![-\]])/g, "\\\\").replace(/[\]^]/g, "\\$&") + "]";
      i = end;
    } else out += escapeRe(c);
  }
  return out;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
}

export function globMatch(p: string, s: string): boolean {
  try {
    return new RegExp("^" + globToRegexSource(p) + "$").test(s);
  } catch {
    return unescapeGlob(p) === s;
  }
}

/** Expand a path pattern against the file system; sorted matches, or [] when none. */
export function expandPathGlob(fs: FileSystem, cwd: string, pattern: string, home: string): string[] {
  const abs = pattern.startsWith("/");
  const segs = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let results: string[] = [abs ? "" : "."];
  if (abs) segs.shift();
  for (let si = 0; si < segs.length; si++) {
    const seg = segs[si];
    const next: string[] = [];
    for (const base of results) {
      const dirPath = fs.resolve(cwd, base === "" ? "/" : base, home);
      if (!hasGlob(seg)) {
        const name = unescapeGlob(seg);
        const candidate = base === "" ? "/" + name : base === "." && !abs ? name : base + "/" + name;
        if (fs.exists(fs.resolve(cwd, candidate, home))) next.push(candidate);
        continue;
      }
      const st = fs.stat(dirPath);
      if (!st || st.type !== "dir") continue;
      let re: RegExp;
      try {
        re = new RegExp("^" + globToRegexSource(seg, true) + "$");
      } catch {
        continue;
      }
      const showHidden = unescapeGlob(seg).startsWith(".");
      for (const name of fs.readdir(dirPath)) {
        if (name.startsWith(".") && !showHidden) continue;
        if (re.test(name)) next.push(base === "" ? "/" + name : base === "." && !abs ? name : base + "/" + name);
      }
    }
    results = next;
    if (!results.length) return [];
  }
  return results.sort();
}
