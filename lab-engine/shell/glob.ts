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
  return globMatchLinear(p, s);
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
      const showHidden = unescapeGlob(seg).startsWith(".");
      for (const name of fs.readdir(dirPath)) {
        if (name.startsWith(".") && !showHidden) continue;
        if (globMatchLinear(seg, name)) next.push(base === "" ? "/" + name : base === "." && !abs ? name : base + "/" + name);
      }
    }
    results = next;
    if (!results.length) return [];
  }
  return results.sort();
}

type Tok = { k: "star" } | { k: "one"; test: (c: string) => boolean };

function tokenize(p: string): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && i + 1 < p.length) {
      const lit = p[++i];
      toks.push({ k: "one", test: (x) => x === lit });
    } else if (c === "*") {
      if (toks[toks.length - 1]?.k !== "star") toks.push({ k: "star" });
    } else if (c === "?") toks.push({ k: "one", test: () => true });
    else if (c === "[" && p.indexOf("]", i + 2) > 0) {
      const end = p.indexOf("]", i + 2);
      let re: RegExp;
      try {
        re = new RegExp("^" + globToRegexSource(p.slice(i, end + 1)) + "$", "s");
      } catch {
        re = /^\[$/;
      }
      toks.push({ k: "one", test: (x) => re.test(x) });
      i = end;
    } else toks.push({ k: "one", test: (x) => x === c });
  }
  return toks;
}

/**
 * Whole-string glob match in O(len(s) × len(p)) (wildcard matching with star backtracking).
 * Regexes built from globs backtrack exponentially on hostile patterns like `*a*a*a*b`.
 */
export function globMatchLinear(p: string, s: string): boolean {
  const t = tokenize(p);
  let ti = 0;
  let si = 0;
  let starT = -1;
  let starS = 0;
  while (si < s.length) {
    const tok = t[ti];
    if (tok && tok.k === "one" && tok.test(s[si])) {
      ti++;
      si++;
    } else if (tok && tok.k === "star") {
      starT = ti++;
      starS = si;
    } else if (starT >= 0) {
      ti = starT + 1;
      si = ++starS;
    } else return false;
  }
  while (t[ti]?.k === "star") ti++;
  return ti === t.length;
}

/** Count of `*` in a pattern: more than two makes regex matching potentially exponential. */
export function starCount(p: string): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") i++;
    else if (p[i] === "*") n++;
  }
  return n;
}
