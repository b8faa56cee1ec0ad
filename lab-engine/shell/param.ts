// `${…}` parameter expansion: defaults, lengths, prefix/suffix removal, substitution,
// substrings and case changes. Arrays are simulated as space-joined strings.

import { CommandError, type IO } from "./state.ts";
import { globMatchLinear, globToRegexSource, starCount } from "./glob.ts";
import { parseLooseWord } from "./parser.ts";
import type { Shell } from "./shell.ts";

const NAME = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(\[[^\]]*\])?/;

function lookup(sh: Shell, name: string, index: string | undefined): string | undefined {
  const v = sh.getVar(name);
  if (v === undefined || index === undefined) return v;
  const i = index.slice(1, -1);
  if (i === "@" || i === "*") return v;
  const n = Number(i);
  if (!Number.isInteger(n)) return n === 0 ? v : undefined;
  return v.split(" ")[n];
}

/** Expand `raw` (the text between `${` and `}`, or a bare name); undefined = unset. */
export async function expandParam(sh: Shell, raw: string, quoted: boolean, io: IO): Promise<string | undefined> {
  const bad = () => new CommandError(`bash: \${${raw}}: bad substitution`, 1);
  if (raw === "#") return sh.getVar("#");
  if (raw.startsWith("#") && raw.length > 1) {
    const m = NAME.exec(raw.slice(1));
    if (!m || m[0].length !== raw.length - 1) throw bad();
    if (m[2] === "[@]" || m[2] === "[*]") return String((sh.getVar(m[1]) ?? "").split(" ").filter(Boolean).length);
    return String([...(lookup(sh, m[1], m[2]) ?? "")].length);
  }
  let indirect = false;
  let body = raw;
  if (raw.startsWith("!") && raw.length > 1) {
    indirect = true;
    body = raw.slice(1);
  }
  const m = NAME.exec(body);
  if (!m) throw bad();
  const name = m[1];
  let value = lookup(sh, name, m[2]);
  if (indirect) value = value === undefined ? undefined : sh.getVar(value);
  const rest = body.slice(m[0].length);
  if (rest === "") {
    if (value === undefined && sh.state.options.nounset && !"@*".includes(name)) throw new CommandError(`bash: ${name}: unbound variable`, 1);
    return value;
  }
  const word = async (text: string) => (await sh.expandParts(parseLooseWord(text, quoted), io, true)).join(" ");
  const pattern = async (text: string) => sh.expandPattern(parseLooseWord(text, false), io);

  const op = /^(:?[-=+?])|^(##?|%%?)|^(\/\/|\/#|\/%|\/)|^(\^\^|,,|\^|,)|^(:)/.exec(rest);
  if (!op) throw bad();
  const arg = rest.slice(op[0].length);
  if (op[1]) {
    const colon = op[1].length === 2;
    const missing = value === undefined || (colon && value === "");
    switch (op[1].slice(-1)) {
      case "-":
        return missing ? await word(arg) : value;
      case "=":
        if (missing) {
          value = await word(arg);
          sh.setVar(name, value);
        }
        return value;
      case "+":
        return missing ? "" : await word(arg);
      case "?":
        if (missing) throw new CommandError(`bash: ${name}: ${arg ? await word(arg) : colon ? "parameter null or not set" : "parameter not set"}`, 1);
        return value;
    }
  }
  const v = value ?? "";
  if (op[2]) return removeAffix(v, await pattern(arg), op[2]);
  if (op[3]) {
    const slash = splitUnescaped(arg);
    const pat = await pattern(slash[0]);
    const repl = slash.length > 1 ? await word(slash[1]) : "";
    if (!slash[0]) return v;
    if (!regexSafe(pat, v)) return substituteSlow(v, pat, repl, op[3]);
    const re = globToRegexSource(pat);
    const flags = op[3] === "//" ? "gs" : "s";
    const src = op[3] === "/#" ? "^(?:" + re + ")" : op[3] === "/%" ? "(?:" + re + ")$" : "(?:" + re + ")";
    return v.replace(new RegExp(src, flags), () => repl);
  }
  if (op[4]) {
    if (op[4] === "^^") return v.toUpperCase();
    if (op[4] === ",,") return v.toLowerCase();
    if (op[4] === "^") return v.charAt(0).toUpperCase() + v.slice(1);
    return v.charAt(0).toLowerCase() + v.slice(1);
  }
  if (op[5]) {
    const [offS, lenS] = splitColon(arg);
    const off = await sh.arith(offS, io);
    let start = off < 0 ? Math.max(0, v.length + off) : off;
    if (start > v.length) start = v.length;
    if (lenS === undefined) return v.slice(start);
    const len = await sh.arith(lenS, io);
    if (len < 0) return v.slice(start, Math.max(start, v.length + len));
    return v.slice(start, start + len);
  }
  throw bad();
}

function splitUnescaped(s: string): string[] {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === "/") return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s];
}

function splitColon(s: string): [string, string | undefined] {
  const i = s.indexOf(":");
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * Regexes built from globs backtrack polynomially (or worse) in the number of `*`: use them
 * only where that is cheap; elsewhere use the linear matcher under a work budget.
 */
/** `${v#p}` `${v##p}` `${v%p}` `${v%%p}`: the shortest or longest match of glob `pat` removed. */
export function removeAffix(v: string, pat: string, op: string): string {
  if (!regexSafe(pat, v)) return removeAffixSlow(v, pat, op);
  const re = globToRegexSource(pat);
  const longest = op.length === 2;
  const whole = new RegExp("^(?:" + re + ")$", "s");
  // Greedy/leftmost regex search gives the longest forms directly; the shortest forms scan
  // from the near end, where typical patterns (`*.`, `.*`) match after a few steps.
  if (op[0] === "#") {
    if (longest) {
      const mm = new RegExp("^(?:" + re + ")", "s").exec(v);
      return mm ? v.slice(mm[0].length) : v;
    }
    for (let i = 0; i <= v.length; i++) if (whole.test(v.slice(0, i))) return v.slice(i);
    return v;
  }
  if (longest) {
    const mm = new RegExp("(?:" + re + ")$", "s").exec(v);
    return mm ? v.slice(0, mm.index) : v;
  }
  for (let i = v.length; i >= 0; i--) if (whole.test(v.slice(i))) return v.slice(0, i);
  return v;
}

function regexSafe(pat: string, v: string): boolean {
  const stars = starCount(pat);
  return stars === 0 || (stars <= 2 && v.length <= 256);
}

function budgetedMatcher(pat: string): (x: string) => boolean {
  let work = 0;
  return (x) => {
    work += (x.length + 1) * (pat.length + 1);
    if (work > 50_000_000) throw new CommandError("bash: pattern matching too expensive", 1);
    return globMatchLinear(pat, x);
  };
}

/** Prefix/suffix removal with the linear matcher. */
function removeAffixSlow(v: string, pat: string, op: string): string {
  const test = budgetedMatcher(pat);
  if (op === "#") for (let i = 0; i <= v.length; i++) if (test(v.slice(0, i))) return v.slice(i);
  if (op === "##") for (let i = v.length; i >= 0; i--) if (test(v.slice(0, i))) return v.slice(i);
  if (op === "%") for (let i = v.length; i >= 0; i--) if (test(v.slice(i))) return v.slice(0, i);
  if (op === "%%") for (let i = 0; i <= v.length; i++) if (test(v.slice(i))) return v.slice(0, i);
  return v;
}

/** `${v/pat/rep}` (and `//`, `/#`, `/%`): leftmost, longest matches, with the linear matcher. */
function substituteSlow(v: string, pat: string, rep: string, op: string): string {
  const test = budgetedMatcher(pat);
  let out = "";
  let i = 0;
  while (i <= v.length) {
    if (op === "/#" && i > 0) break;
    let found = -1;
    for (let j = v.length; j > i; j--) {
      if (op === "/%" && j !== v.length) break;
      if (test(v.slice(i, j))) {
        found = j;
        break;
      }
    }
    if (found > i) {
      out += rep;
      i = found;
      if (op !== "//") return out + v.slice(i);
      continue;
    }
    if (i < v.length) out += v[i];
    i++;
  }
  return out + v.slice(i);
}
