// C printf formatting shared by awk's printf/sprintf and seq -f.

function toNum(v: unknown): number {
  if (typeof v === "number") return v;
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(String(v ?? ""));
  return m ? Number(m[0]) : 0;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + " ".repeat(width - s.length);
  if (zero) {
    const sign = /^[+\- ]/.test(s) ? s[0] : "";
    const body = sign ? s.slice(1) : s;
    const pfx = /^0[xX]/.test(body) ? body.slice(0, 2) : "";
    return sign + pfx + "0".repeat(width - s.length) + body.slice(pfx.length);
  }
  return " ".repeat(width - s.length) + s;
}

export function fmtG(v: number, prec: number, alt = false, upper = false): string {
  if (!isFinite(v)) return isNaN(v) ? (upper ? "NAN" : "nan") : (v < 0 ? "-" : "") + (upper ? "INF" : "inf");
  if (prec === 0) prec = 1;
  if (v === 0) return alt ? "0." + "0".repeat(prec - 1) : "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toExponential(prec - 1)))));
  let s: string;
  if (exp < -4 || exp >= prec) {
    s = v.toExponential(prec - 1);
    let [mant, e] = s.split("e");
    if (!alt && mant.includes(".")) mant = mant.replace(/\.?0+$/, "");
    const en = Number(e);
    s = mant + "e" + (en < 0 ? "-" : "+") + String(Math.abs(en)).padStart(2, "0");
  } else {
    s = v.toFixed(Math.max(0, prec - 1 - exp));
    if (!alt && s.includes(".")) s = s.replace(/\.?0+$/, "");
  }
  return upper ? s.toUpperCase() : s;
}

function fmtE(v: number, prec: number, upper: boolean): string {
  let s = v.toExponential(prec);
  const [mant, e] = s.split("e");
  const en = Number(e);
  s = mant + "e" + (en < 0 ? "-" : "+") + String(Math.abs(en)).padStart(2, "0");
  return upper ? s.toUpperCase() : s;
}

/** Format like C printf. String args for %d etc. are converted awk-style. */
export function formatPrintf(
  fmt: string,
  args: unknown[],
  toStr: (v: unknown) => string = (v) => String(v ?? ""),
  onMissing?: (index: number) => void,
): string {
  let out = "";
  let ai = 0;
  let convAt = 0;
  const next = () => {
    if (ai >= args.length && onMissing) onMissing(convAt);
    return args[ai++];
  };
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([diouxXeEfFgGcs%])/.exec(fmt.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    convAt = i;
    i += m[0].length - 1;
    const flags = m[1];
    let width = m[2] === "*" ? Math.trunc(toNum(next())) : m[2] ? Number(m[2]) : 0;
    let left = flags.includes("-");
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precRaw = m[3] === "*" ? String(Math.trunc(toNum(next()))) : m[3];
    const prec = precRaw === undefined ? undefined : precRaw === "" ? 0 : Number(precRaw);
    const conv = m[5];
    const zero = flags.includes("0") && !left;
    const sign = (v: number, s: string) => (v >= 0 && !Object.is(v, -0) ? (flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") : "") + s;
    let s: string;
    switch (conv) {
      case "%":
        s = "%";
        out += s;
        continue;
      case "d":
      case "i": {
        const v = Math.trunc(toNum(next()));
        let digits = String(Math.abs(v));
        if (prec !== undefined) digits = prec === 0 && v === 0 ? "" : digits.padStart(prec, "0");
        s = (v < 0 ? "-" : sign(v, "")) + digits;
        out += pad(s, width, left, zero && prec === undefined);
        continue;
      }
      case "o":
      case "u":
      case "x":
      case "X": {
        let v = Math.trunc(toNum(next()));
        if (v < 0) v = v + 2 ** 64;
        let digits = conv === "o" ? v.toString(8) : conv === "u" ? String(v) : v.toString(16);
        if (conv === "X") digits = digits.toUpperCase();
        if (prec !== undefined) digits = digits.padStart(prec, "0");
        if (flags.includes("#") && v !== 0) digits = (conv === "o" ? "0" : conv === "x" ? "0x" : conv === "X" ? "0X" : "") + digits;
        out += pad(digits, width, left, zero && prec === undefined);
        continue;
      }
      case "f":
      case "F": {
        const v = toNum(next());
        s = isFinite(v) ? Math.abs(v).toFixed(prec ?? 6) : isNaN(v) ? "nan" : "inf";
        if (flags.includes("#") && prec === 0) s += ".";
        s = (v < 0 || Object.is(v, -0) ? "-" : sign(v, "")) + s;
        out += pad(s, width, left, zero);
        continue;
      }
      case "e":
      case "E": {
        const v = toNum(next());
        s = fmtE(Math.abs(v), prec ?? 6, conv === "E");
        s = (v < 0 ? "-" : sign(v, "")) + s;
        out += pad(s, width, left, zero);
        continue;
      }
      case "g":
      case "G": {
        const v = toNum(next());
        s = fmtG(Math.abs(v), prec ?? 6, flags.includes("#"), conv === "G");
        s = (v < 0 ? "-" : sign(v, "")) + s;
        out += pad(s, width, left, zero);
        continue;
      }
      case "c": {
        const v = next();
        s = typeof v === "number" ? String.fromCodePoint(Math.trunc(v)) : [...toStr(v)][0] ?? "";
        out += pad(s, width, left, false);
        continue;
      }
      case "s": {
        s = toStr(next());
        if (prec !== undefined) s = [...s].slice(0, prec).join("");
        out += pad(s, width, left, false);
        continue;
      }
    }
  }
  return out;
}
