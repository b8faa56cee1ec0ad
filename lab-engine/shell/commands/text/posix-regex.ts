// Translate POSIX basic/extended regular expressions (GNU flavour) to JavaScript RegExp source.

export class RegexSyntaxError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "a-zA-Z0-9_",
};

/** Parse a bracket expression starting at re[i] === "["; returns [jsClass, nextIndex]. */
function bracket(re: string, i: number, icase: boolean): [string, number] {
  let j = i + 1;
  let out = "[";
  if (re[j] === "^") {
    out += "^";
    j++;
  }
  let first = true;
  if (j >= re.length) throw new RegexSyntaxError("Invalid regular expression");
  for (;;) {
    if (j >= re.length) throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
    const c = re[j];
    if (c === "]" && !first) {
      j++;
      break;
    }
    first = false;
    if (c === "[" && (re[j + 1] === ":" || re[j + 1] === "=" || re[j + 1] === ".")) {
      const kind = re[j + 1];
      const end = re.indexOf(kind + "]", j + 2);
      if (end < 0) throw new RegexSyntaxError("Unmatched [, [^, [:, [., or [=");
      const name = re.slice(j + 2, end);
      if (kind === ":") {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexSyntaxError("Invalid character class name");
        out += icase && (name === "upper" || name === "lower") ? "a-zA-Z" : cls;
      } else {
        out += escClassChar(name);
      }
      j = end + 2;
      continue;
    }
    out += escClassChar(c);
    j++;
  }
  return [out + "]", j];
}

function escClassChar(c: string): string {
  return c === "\\" || c === "]" || c === "[" || c === "^" ? "\\" + c : c;
}

const JS_SPECIAL = new Set(["+", "?", "(", ")", "{", "}", "|", ".", "*", "^", "$", "[", "]", "\\", "/"]);

function lit(c: string): string {
  return JS_SPECIAL.has(c) ? "\\" + c : c;
}

function escapeSeq(c: string): string | undefined {
  switch (c) {
    case "<":
      return "\\b(?=\\w)";
    case ">":
      return "\\b(?<=\\w)";
    case "b":
    case "B":
    case "w":
    case "W":
    case "s":
    case "S":
      return "\\" + c;
    case "`":
      return "^";
    case "'":
      return "$";
    case "n":
      return "\\n";
    case "t":
      return "\\t";
    default:
      if (c >= "1" && c <= "9") return "\\" + c;
      return undefined;
  }
}

/** Translate a POSIX regex (BRE when !extended) to JS RegExp source. */
export function posixToJs(re: string, extended: boolean, icase = false, warnings?: string[]): string {
  let out = "";
  let depth = 0;
  let i = 0;
  // atStart: position where "*" is literal and "^" is an anchor (BRE)
  let atStart = true;
  const n = re.length;
  while (i < n) {
    const c = re[i];
    const wasStart = atStart;
    atStart = false;
    if (c === "[") {
      const [cls, j] = bracket(re, i, icase);
      out += cls;
      i = j;
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= n) throw new RegexSyntaxError("Trailing backslash");
      const d = re[i + 1];
      i += 2;
      if (!extended) {
        if (d === "(") {
          out += "(";
          depth++;
          atStart = true;
          continue;
        }
        if (d === ")") {
          if (depth === 0) throw new RegexSyntaxError("Unmatched ) or \\)");
          depth--;
          out += ")";
          continue;
        }
        if (d === "|") {
          out += "|";
          atStart = true;
          continue;
        }
        if (d === "{") {
          const m = /^(\d*)(,(\d*))?\\\}/.exec(re.slice(i));
          if (!m) throw new RegexSyntaxError("Unmatched \\{");
          out += "{" + (m[1] || "0") + (m[2] ? "," + m[3] : "") + "}";
          i += m[0].length;
          continue;
        }
        if (d === "+" || d === "?") {
          out += wasStart ? "\\" + d : d;
          continue;
        }
      }
      const e = escapeSeq(d);
      out += e ?? lit(d);
      continue;
    }
    if (extended) {
      if (c === "(") {
        depth++;
        out += "(";
        atStart = true;
        i++;
        if (re[i] === ")") {
          // "()" matches empty
        }
        continue;
      }
      if (c === ")") {
        if (depth === 0) {
          out += "\\)";
        } else {
          depth--;
          out += ")";
        }
        i++;
        continue;
      }
      if (c === "|") {
        out += "|";
        atStart = true;
        i++;
        continue;
      }
      if (c === "{") {
        const m = /^\{(\d*)(,(\d*))?\}/.exec(re.slice(i));
        if (m && !wasStart && (m[1] !== "" || m[2] !== undefined)) {
          out += "{" + (m[1] || "0") + (m[2] ? "," + m[3] : "") + "}";
          i += m[0].length;
        } else {
          out += "\\{";
          i++;
        }
        continue;
      }
      if (c === "*" || c === "+" || c === "?") {
        if (wasStart) {
          // GNU: a leading repetition operator applies to nothing
          warnings?.push(`${c} at start of expression`);
          atStart = true;
        } else out += c;
        i++;
        continue;
      }
      if (c === "^") {
        out += "^";
        atStart = true;
        i++;
        continue;
      }
      if (c === "$") {
        out += "$";
        i++;
        continue;
      }
      out += c === "." ? "." : lit(c);
      i++;
      continue;
    }
    // BRE
    if (c === "*") {
      out += wasStart ? "\\*" : "*";
      i++;
      continue;
    }
    if (c === "^") {
      if (wasStart) {
        out += "^";
        atStart = true;
      } else out += "\\^";
      i++;
      continue;
    }
    if (c === "$") {
      const rest = re.slice(i + 1);
      out += rest === "" || rest.startsWith("\\)") || rest.startsWith("\\|") ? "$" : "\\$";
      i++;
      continue;
    }
    out += c === "." ? "." : lit(c);
    i++;
  }
  if (depth > 0) throw new RegexSyntaxError("Unmatched ( or \\(");
  return out;
}

/** Compile a POSIX regex; flags are JS flags (e.g. "g", "i", "m"). */
export function compilePosix(re: string, extended: boolean, flags = ""): RegExp {
  const src = posixToJs(re, extended, flags.includes("i"));
  try {
    return new RegExp(src, flags);
  } catch {
    throw new RegexSyntaxError("Invalid regular expression");
  }
}

/** Escape a literal string for use in a JS RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// ---------- catastrophic backtracking guard ----------
// JS regexes backtrack, and one `exec` cannot be interrupted: `(a+)+b` on forty a's runs for
// minutes. Patterns whose repeated group can match the same text in many ways (a repeated
// element that could fill the whole group, or repeated alternatives that start alike) are
// marked risky; matching a line against them is charged as exponential in its length, so the
// per-command work budget stops the command with a clear error before the engine hangs.

type RxNode = { kind: "atom"; first: string; nullable: boolean; unbounded: boolean; risky: boolean; alts?: RxNode[][] };

const risky = new WeakSet<RegExp>();

/** Parse enough of a JS regex source to judge its backtracking risk. */
function analyse(src: string): boolean {
  let i = 0;
  let found = false;
  const seqNullable = (seq: RxNode[]) => seq.every((n) => n.nullable);
  const parseAlts = (): RxNode[][] => {
    const alts: RxNode[][] = [[]];
    while (i < src.length && src[i] !== ")") {
      if (src[i] === "|") {
        i++;
        alts.push([]);
        continue;
      }
      alts[alts.length - 1].push(parseQuantified());
    }
    return alts;
  };
  const parseAtom = (): RxNode => {
    const c = src[i];
    if (c === "(") {
      i++;
      if (src[i] === "?") {
        i++;
        if (src[i] === "<" && src[i + 1] !== "=" && src[i + 1] !== "!") while (i < src.length && src[i] !== ">") i++;
        i++;
      }
      const alts = parseAlts();
      i++; // ")"
      const firsts = alts.map((a) => a[0]?.first ?? "");
      return { kind: "atom", first: firsts.length === 1 ? firsts[0] : "*", nullable: alts.some(seqNullable), unbounded: alts.some((a) => a.some((n) => n.unbounded)), risky: false, alts };
    }
    if (c === "[") {
      const start = i;
      i++;
      if (src[i] === "^") i++;
      if (src[i] === "]") i++;
      while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      i++;
      return { kind: "atom", first: "[" + src.slice(start, i), nullable: false, unbounded: false, risky: false };
    }
    if (c === "\\") {
      i += 2;
      const e = src[i - 1];
      if (/[bB]/.test(e)) return { kind: "atom", first: "", nullable: true, unbounded: false, risky: false };
      return { kind: "atom", first: /[dDwWsS]/.test(e) ? "*" : e, nullable: false, unbounded: false, risky: false };
    }
    i++;
    if (c === "^" || c === "$") return { kind: "atom", first: "", nullable: true, unbounded: false, risky: false };
    return { kind: "atom", first: c === "." ? "*" : c, nullable: false, unbounded: false, risky: false };
  };
  const parseQuantified = (): RxNode => {
    const atom = parseAtom();
    const q = src[i];
    let min = 1;
    let max = 1;
    if (q === "*" || q === "+" || q === "?") {
      i++;
      min = q === "+" ? 1 : 0;
      max = q === "?" ? 1 : Infinity;
    } else if (q === "{") {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        min = Number(m[1] || 0);
        max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      }
    }
    if (src[i] === "?") i++; // lazy
    if (max > 1 && atom.alts) {
      for (const alt of atom.alts) {
        // A repeated element that could make up the whole group: many ways to split the text.
        for (let k = 0; k < alt.length; k++) {
          if (alt[k].unbounded && alt.every((n, j) => j === k || n.nullable)) found = true;
          // Two adjacent repeats that can eat the same characters (`(x+x+)+`).
          const nx = alt[k + 1];
          if (alt[k].unbounded && nx?.unbounded && (alt[k].first === nx.first || alt[k].first === "*" || nx.first === "*")) found = true;
        }
      }
      // Repeated alternatives that can start with the same character.
      const firsts = atom.alts.map((a) => a[0]?.first ?? "");
      if (firsts.length > 1 && (firsts.includes("*") || firsts.some((f) => f.startsWith("[")) || new Set(firsts).size < firsts.length)) found = true;
    }
    return { ...atom, nullable: atom.nullable || min === 0, unbounded: atom.unbounded || max === Infinity };
  };
  try {
    while (i < src.length) {
      parseAlts();
      i++;
    }
  } catch {
    return true;
  }
  return found;
}

/** Mark `re` if its pattern can backtrack catastrophically; returns it. */
export function guardRegex<T extends RegExp>(re: T): T {
  if (analyse(re.source)) risky.add(re);
  return re;
}

export function isRiskyRegex(re: RegExp): boolean {
  return risky.has(re);
}

/** Charge the work budget for matching `text` against `re` (exponential in length when risky). */
export function chargeRegex(charge: ((units: number) => void) | undefined, re: RegExp, text: string): void {
  if (!charge || !risky.has(re) || text.length < 16) return;
  charge(2 ** Math.min(text.length, 48));
}
