// A fast reader for the plain block YAML that manifests are almost always written in.
//
// The `yaml` library (through yamlparse.ts) stays the authority: it reports go-yaml's errors and
// covers the whole language. It costs about 100 µs for an eight-line document, which made a
// 20-object `kubectl apply` spend most of its time parsing. This reader accepts only a strict
// subset and returns NOT_HANDLED for anything else (anchors, aliases, tags, merge keys, folded
// scalars, multi-line plain or quoted scalars, flow collections over several lines, tabs, odd
// indentation, anything that could be an error), so the library sees every unusual or invalid
// input. Inside the subset the result must equal the library path's exactly; a differential test
// (tests/unit/output/yaml-fast.test.ts) compares both on every manifest of the course and tests.

export const NOT_HANDLED: unique symbol = Symbol("not handled");
type Result = unknown | typeof NOT_HANDLED;

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

export interface ScalarResolvers {
  /** go-yaml v2 resolution of an untagged plain scalar. */
  plain(s: string): unknown;
  /** sigs.k8s.io/yaml map key text for a resolved key (throws for unsupported keys). */
  key(k: unknown): string;
}

interface Line {
  indent: number;
  text: string; // content after the indentation, trailing whitespace removed
}

/** YAML text of one document → JSON value, or NOT_HANDLED when outside the subset. */
export function fastYamlToJson(text: string, r: ScalarResolvers): Result {
  if (text.includes("\t") || text.includes("\r") || text.length > 200_000) return NOT_HANDLED;
  try {
    return new Reader(text.split("\n"), r).document();
  } catch {
    // A Bail, or a resolver error (e.g. an unsupported key): the library path reports those.
    return NOT_HANDLED;
  }
}

// Characters that may not start a plain scalar in our subset (YAML indicators and quotes).
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

class Reader {
  private i = 0;
  constructor(private readonly raw: string[], private readonly r: ScalarResolvers) {}

  document(): unknown {
    const first = this.peek();
    if (!first) return null;
    if (first.indent !== 0) bail();
    if (first.text === "..." || first.text.startsWith("%") || first.text.startsWith("---")) bail();
    const v = this.block(0);
    if (this.peek()) bail();
    return v;
  }

  /** Next structural line (skips blank and comment-only lines), not consumed. */
  private peek(): Line | undefined {
    while (this.i < this.raw.length) {
      const line = this.raw[this.i];
      const trimmed = line.trimStart();
      if (trimmed === "" || trimmed.startsWith("#")) {
        this.i++;
        continue;
      }
      return { indent: line.length - trimmed.length, text: trimmed.trimEnd() };
    }
    return undefined;
  }

  /** A virtual line replacing the current one (the rest of a `- ` sequence entry). */
  private override?: Line;

  private current(): Line | undefined {
    return this.override ?? this.peek();
  }

  private consume(): void {
    if (this.override) this.override = undefined;
    else this.i++;
  }

  private block(indent: number): unknown {
    const line = this.current();
    if (!line || line.indent !== indent) return bail();
    if (line.text === "-" || line.text.startsWith("- ")) return this.sequence(indent);
    if (splitKey(line.text)) return this.mapping(indent);
    return bail(); // a bare scalar as a whole block: rare, leave it to the library
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.current();
      if (!line || line.indent < indent) return out;
      if (line.indent > indent) bail();
      if (line.text === "-" || line.text.startsWith("- ")) bail();
      const kv = splitKey(line.text);
      if (!kv) return bail();
      const key = this.key(kv.key);
      this.consume();
      out[key] = kv.rest === "" ? this.nested(indent, true) : this.inline(kv.rest, indent);
    }
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.current();
      if (!line || line.indent < indent) return out;
      if (line.indent > indent) bail();
      if (!(line.text === "-" || line.text.startsWith("- "))) return out; // the parent map's next key
      this.consume();
      const after = line.text.slice(1);
      const rest = after.trimStart();
      if (rest === "" || rest.startsWith("#")) {
        out.push(this.nested(indent, false));
        continue;
      }
      const col = indent + 1 + (after.length - rest.length);
      if (rest === "-" || rest.startsWith("- ") || splitKey(rest)) {
        // `- name: x` / `- - a`: a block that starts on the entry's own line
        this.override = { indent: col, text: rest };
        out.push(this.block(col));
        if (this.override) bail();
      } else {
        out.push(this.inline(rest, indent));
      }
    }
  }

  /** The value of `key:` or `-` with nothing after it on the line. */
  private nested(indent: number, inMapping: boolean): unknown {
    const next = this.current();
    if (!next) return null;
    if (next.indent > indent) return this.block(next.indent);
    // `key:` followed by `- item` at the key's own indentation (a common kubectl style)
    if (inMapping && next.indent === indent && (next.text === "-" || next.text.startsWith("- "))) return this.sequence(indent);
    return null;
  }

  /** A value written on the same line as its key or dash. `indent` is the owning block's. */
  private inline(text: string, indent: number): unknown {
    let v: unknown;
    const c = text[0];
    if (c === "|") v = this.literal(text, indent);
    else {
      if (c === "{" || c === "[") v = this.flowWhole(text);
      else if (c === '"' || c === "'") {
        const q = readQuoted(text, 0);
        if (!endsLine(text, q.end)) bail();
        v = q.value;
      } else v = this.plain(text, false);
      // A following line indented deeper would continue a multi-line scalar (or be an error).
      const next = this.current();
      if (next && next.indent > indent) bail();
    }
    return v;
  }

  private plain(text: string, inFlow: boolean): unknown {
    if (INDICATOR.test(text) && !/^-[^\s]/.test(text)) bail();
    if (inFlow && text.includes("#")) bail();
    let s = text;
    const hash = s.indexOf(" #");
    if (hash >= 0) s = s.slice(0, hash);
    s = s.trimEnd();
    if (s === "" || s.includes(": ") || s.endsWith(":")) bail();
    if (inFlow && /[,[\]{}]/.test(s)) bail();
    return this.r.plain(s);
  }

  private key(raw: string): string {
    if (raw[0] === '"' || raw[0] === "'") {
      const q = readQuoted(raw, 0);
      if (q.end !== raw.length) bail();
      return q.value;
    }
    if (INDICATOR.test(raw) || raw.includes("#") || raw === "<<" || raw === "__proto__" || raw !== raw.trim()) bail();
    return this.r.key(this.r.plain(raw));
  }

  /** `|` or `|-` literal block scalar (the common forms); anything fancier is left to the library. */
  private literal(header: string, indent: number): string {
    const h = header.replace(/\s+#.*$/, "").trimEnd();
    if (h !== "|" && h !== "|-") bail();
    const lines: string[] = [];
    let blockIndent = -1;
    while (this.i < this.raw.length) {
      const line = this.raw[this.i];
      const trimmed = line.trimStart();
      const ind = line.length - trimmed.length;
      if (trimmed === "") {
        if (blockIndent >= 0 ? ind > blockIndent : ind > indent) bail(); // significant spaces
        lines.push("");
        this.i++;
        continue;
      }
      if (ind <= indent) break;
      if (blockIndent < 0) blockIndent = ind;
      else if (ind < blockIndent) bail();
      lines.push(line.slice(blockIndent));
      this.i++;
    }
    if (blockIndent < 0) bail();
    // The trailing empty lines are not content (clip and strip chomping both drop them).
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    const body = lines.join("\n");
    return h === "|-" ? body : body + "\n";
  }

  /** A flow collection that opens and closes on this line, optionally followed by a comment. */
  private flowWhole(text: string): unknown {
    const f = new Flow(text, this);
    const v = f.value();
    if (!endsLine(text, f.pos)) bail();
    return v;
  }

  // used by Flow
  flowPlain(s: string): unknown {
    return this.plain(s, true);
  }
  flowKey(s: string): string {
    return this.key(s);
  }
}

class Flow {
  pos = 0;
  constructor(private readonly s: string, private readonly rd: Reader) {}

  private ws(): void {
    while (this.s[this.pos] === " ") this.pos++;
  }

  value(): unknown {
    this.ws();
    const c = this.s[this.pos];
    if (c === "{") return this.map();
    if (c === "[") return this.seq();
    if (c === '"' || c === "'") {
      const q = readQuoted(this.s, this.pos);
      this.pos = q.end;
      return q.value;
    }
    const start = this.pos;
    while (this.pos < this.s.length && !",]}".includes(this.s[this.pos])) {
      if (this.s[this.pos] === ":" && this.s[this.pos + 1] === " ") bail();
      this.pos++;
    }
    return this.rd.flowPlain(this.s.slice(start, this.pos).trim());
  }

  private seq(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.pos++];
      if (c === "]") return out;
      if (c !== ",") bail();
      this.ws();
      if (this.s[this.pos] === "]") bail(); // trailing comma: leave to the library
    }
  }

  private map(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    this.ws();
    if (this.s[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      let key: string;
      if (this.s[this.pos] === '"' || this.s[this.pos] === "'") {
        const q = readQuoted(this.s, this.pos);
        key = this.rd.flowKey(this.s.slice(this.pos, q.end));
        this.pos = q.end;
        if (this.s[this.pos] !== ":") bail();
      } else {
        const start = this.pos;
        while (this.pos < this.s.length && this.s[this.pos] !== ":") {
          if (",[]{}".includes(this.s[this.pos])) bail();
          this.pos++;
        }
        key = this.rd.flowKey(this.s.slice(start, this.pos).trim());
      }
      if (this.s[this.pos] !== ":" || this.s[this.pos + 1] !== " ") bail();
      this.pos += 2;
      out[key] = this.value();
      this.ws();
      const c = this.s[this.pos++];
      if (c === "}") return out;
      if (c !== ",") bail();
      this.ws();
      if (this.s[this.pos] === "}") bail();
    }
  }
}

/** Only whitespace or a comment after position `p`. */
function endsLine(text: string, p: number): boolean {
  const rest = text.slice(p);
  return rest.trim() === "" || /^\s+#/.test(rest);
}

/** A quoted scalar that closes on the same line, with the escapes manifests use. */
function readQuoted(s: string, start: number): { value: string; end: number } {
  const q = s[start];
  let out = "";
  let i = start + 1;
  for (;;) {
    if (i >= s.length) return bail();
    const c = s[i];
    if (q === "'") {
      if (c === "'") {
        if (s[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        return { value: out, end: i + 1 };
      }
    } else if (c === '"') {
      return { value: out, end: i + 1 };
    } else if (c === "\\") {
      const e = s[i + 1];
      const map: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", t: "\t", "/": "/" };
      if (!(e in map)) bail();
      out += map[e];
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
}

/** `key: rest` or `key:` → parts, when the line is a mapping entry in our subset. */
function splitKey(text: string): { key: string; rest: string } | undefined {
  let end: number;
  if (text[0] === '"' || text[0] === "'") {
    try {
      end = readQuoted(text, 0).end;
    } catch {
      return undefined;
    }
    if (text[end] !== ":") return undefined;
  } else {
    end = text.indexOf(": ");
    if (end < 0) {
      if (!text.endsWith(":")) return undefined;
      end = text.length - 1;
    }
  }
  if (end === 0) return undefined;
  const rest = text.slice(end + 1).trim();
  return { key: text.slice(0, end), rest: rest.startsWith("#") ? "" : rest };
}
