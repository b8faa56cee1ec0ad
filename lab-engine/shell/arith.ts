// Bash arithmetic (`$((…))`, `((…))`, `let`, `for ((…))`): 64-bit in bash, JS numbers here
// truncated to integers, which is enough for counters and sums in lab scripts.

export class ArithError extends Error {}

interface Vars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*=|<<=|>>=|\+\+|--|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*\/%&|^]=|[-+*\/%<>=!~&|^?:,()])/y;

const BINARY: [string[], number][] = [
  [["||"], 1],
  [["&&"], 2],
  [["|"], 3],
  [["^"], 4],
  [["&"], 5],
  [["==", "!="], 6],
  [["<", ">", "<=", ">="], 7],
  [["<<", ">>"], 8],
  [["+", "-"], 9],
  [["*", "/", "%"], 10],
];
const PREC = new Map<string, number>();
for (const [ops, p] of BINARY) for (const o of ops) PREC.set(o, p);

export function evalArith(expr: string, vars: Vars, depthStart = 0): number {
  const toks: string[] = [];
  const at: number[] = [];
  const shown = expr.replace(/^\s+/, "");
  TOKEN.lastIndex = 0;
  let pos = 0;
  const src = expr;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) {
      const rest = src.slice(pos).replace(/^\s+/, "");
      throw new ArithError(`${shown}: syntax error: invalid arithmetic operator (error token is "${rest}")`);
    }
    toks.push(m[1]);
    at.push(TOKEN.lastIndex - m[1].length);
    pos = TOKEN.lastIndex;
  }
  if (!toks.length) return 0;
  let i = 0;
  let depth = depthStart;
  /** > 0 while evaluating a short-circuited operand: no side effects, no division errors. */
  let noeval = 0;
  const peek = () => toks[i];
  const fail = (): never => {
    if (i < toks.length) throw new ArithError(`${shown}: syntax error: invalid arithmetic operator (error token is "${src.slice(at[i])}")`);
    throw new ArithError(`${shown}: syntax error: operand expected (error token is "${i > 0 ? src.slice(at[i - 1]) : ""}")`);
  };
  const num = (s: string | undefined, name: string): number => {
    if (s === undefined || s === "") return 0;
    const t = s.trim();
    if (/^-?\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) {
      if (++depth > 50) throw new ArithError(`${name}: expression recursion level exceeded`);
      try {
        return num(vars.get(t), t);
      } finally {
        depth--;
      }
    }
    return evalArith(t, vars, depth + 1);
  };
  const literal = (t: string): number => {
    if (/^0[xX]/.test(t)) return parseInt(t, 16);
    if (t.includes("#")) {
      const [b, d] = t.split("#");
      return parseInt(d, Number(b));
    }
    if (/^0\d+$/.test(t)) return parseInt(t, 8);
    return Number(t);
  };
  const int = (n: number) => (Number.isFinite(n) ? Math.trunc(n) : 0);

  const assignment = (): number => {
    const t = peek();
    const op = toks[i + 1];
    if (/^[A-Za-z_]/.test(t ?? "") && op && /^([-+*\/%&|^]|\*\*|<<|>>)?=$/.test(op) && op !== "==") {
      i += 2;
      const rhs = assignment();
      const cur = num(vars.get(t), t);
      const v = op === "=" ? rhs : binop(op.slice(0, -1), cur, rhs);
      if (!noeval) vars.set(t, String(v));
      return v;
    }
    return ternary();
  };
  const ternary = (): number => {
    const c = binary(1);
    if (peek() !== "?") return c;
    i++;
    if (!c) noeval++;
    const a = assignment();
    if (!c) noeval--;
    if (peek() !== ":") fail();
    i++;
    if (c) noeval++;
    const b = assignment();
    if (c) noeval--;
    return c ? a : b;
  };
  const binop = (op: string, a: number, b: number): number => {
    switch (op) {
      case "+": return int(a + b);
      case "-": return int(a - b);
      case "*": return int(a * b);
      case "/":
      case "%":
        if (b === 0 && noeval) return 0;
        if (b === 0) throw new ArithError(`${shown}: division by 0 (error token is "${src.slice(at[i - 1])}")`);
        return op === "/" ? Math.trunc(a / b) : a % b;
      case "**": return int(a ** b);
      case "<<": return a << b;
      case ">>": return a >> b;
      case "<": return +(a < b);
      case ">": return +(a > b);
      case "<=": return +(a <= b);
      case ">=": return +(a >= b);
      case "==": return +(a === b);
      case "!=": return +(a !== b);
      case "&": return a & b;
      case "|": return a | b;
      case "^": return a ^ b;
      case "&&": return +(a !== 0 && b !== 0);
      case "||": return +(a !== 0 || b !== 0);
    }
    return fail();
  };
  const binary = (minPrec: number): number => {
    let left = power();
    for (;;) {
      const op = peek();
      const p = op === undefined ? undefined : PREC.get(op);
      if (p === undefined || p < minPrec) return left;
      i++;
      const skip = (op === "&&" && !left) || (op === "||" && !!left);
      if (skip) noeval++;
      const right = binary(p + 1);
      if (skip) noeval--;
      left = binop(op!, left, right);
    }
  };
  const power = (): number => {
    const base = unary();
    if (peek() === "**") {
      i++;
      return binop("**", base, power());
    }
    return base;
  };
  const unary = (): number => {
    const t = peek();
    if (++depth > 200) throw new ArithError(`${expr.trim()}: expression recursion level exceeded`);
    try {
      if (t === "-") return i++, -unary();
      if (t === "+") return i++, unary();
      if (t === "!") return i++, +(unary() === 0);
      if (t === "~") return i++, ~unary();
      if ((t === "++" || t === "--") && /^[A-Za-z_]/.test(toks[i + 1] ?? "")) {
        const name = toks[i + 1];
        i += 2;
        const v = num(vars.get(name), name) + (t === "++" ? 1 : -1);
        if (!noeval) vars.set(name, String(v));
        return v;
      }
      return primary();
    } finally {
      depth--;
    }
  };
  const primary = (): number => {
    const t = peek();
    if (t === undefined) return fail();
    if (t === "(") {
      i++;
      const v = comma();
      if (peek() !== ")") fail();
      i++;
      return v;
    }
    if (/^\d/.test(t)) {
      i++;
      const v = literal(t);
      if (Number.isNaN(v)) throw new ArithError(`${t}: value too great for base (error token is "${t}")`);
      return v;
    }
    if (/^[A-Za-z_]/.test(t)) {
      i++;
      const cur = num(vars.get(t), t);
      if (peek() === "++" || peek() === "--") {
        if (!noeval) vars.set(t, String(cur + (peek() === "++" ? 1 : -1)));
        i++;
      }
      return cur;
    }
    return fail();
  };
  const comma = (): number => {
    let v = assignment();
    while (peek() === ",") {
      i++;
      v = assignment();
    }
    return v;
  };
  const v = comma();
  if (i < toks.length) fail();
  return v;
}
