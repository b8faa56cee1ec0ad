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
