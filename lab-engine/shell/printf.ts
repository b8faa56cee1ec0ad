// bash's `printf` and `echo -e` formatting, plus `%q` quoting (also used by `alias` and `set`).

import { unescapeC } from "./parser.ts";

/** Process backslash escapes (`echo -e`, `%b`); `stop` is set when `\c` ends output. */
export function processEscapes(s: string): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n === "c") return { text: out, stop: true };
    const m = /^(x[0-9a-fA-F]{1,2}|0[0-7]{0,3}|[0-7]{1,3}|u[0-9a-fA-F]{1,4}|.)/s.exec(s.slice(i + 1, i + 6));
    const e = m![1];
    if (e[0] === "u" && e.length > 1) out += String.fromCharCode(parseInt(e.slice(1), 16));
    else if (e[0] === "0" || /^[0-7]/.test(e)) out += String.fromCharCode(parseInt(e, 8) & 0xff);
    else {
      const u = unescapeC(e);
      out += u;
    }
    i += e.length;
  }
  return { text: out, stop: false };
}

/** bash `printf %q`: a form the shell reads back as the same string. */
export function shellQuote(s: string): string {
  if (s === "") return "''";
  if (/^[A-Za-z0-9_.,:\/@%+=^-]+$/.test(s)) return s;
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return "$'" + s.replace(/[\\']/g, "\\$&").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\x1b/g, "\\E").replace(/[\x00-\x1f\x7f]/g, (c) => "\\" + c.charCodeAt(0).toString(8).padStart(3, "0")) + "'";
  }
  return s.replace(/[^A-Za-z0-9_.,:\/@%+=^-]/g, "\\$&");
}

/** Single-quote for `alias` / `declare -p` display: 'it'\''s'. */
export function singleQuote(s: string): string {
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

export function formatPrintf(fmt: string, args: string[]): { out: string; errors: string[] } {
  let out = "";
  const errors: string[] = [];
  let ai = 0;
  const next = () => args[ai++];
  const num = (s: string | undefined, float = false): number => {
    if (s === undefined || s === "") return 0;
    let t = s.trim();
    if (/^['"]./.test(t)) return t.charCodeAt(1);
    if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
    if (!float && /^[-+]?0[0-7]+$/.test(t)) return parseInt(t, 8);
    const v = float ? Number(t) : /^[-+]?\d+$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(v)) {
      errors.push(`bash: printf: ${s}: invalid number`);
      t = t.replace(/[^\d].*$/, "");
      return Number(t) || 0;
    }
    return v;
  };
  let guard = 0;
  do {
    const startAi = ai;
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i];
      if (c === "\\") {
        const m = /^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/s.exec(fmt.slice(i, i + 5));
        if (!m) {
          out += c;
          continue;
        }
        if (m[1] === "c") return { out, errors };
        out += unescapeC(m[1]);
        i += m[0].length - 1;
        continue;
      }
      if (c !== "%") {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([sdiuxXofeEgGcbq%])/.exec(fmt.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const [, flags, w, p, conv] = m;
      if (conv === "%") {
        out += "%";
        continue;
      }
      const width = w === "*" ? num(next()) : w ? Number(w) : 0;
      const prec = p === "*" ? num(next()) : p !== undefined ? Number(p || 0) : undefined;
      const arg = next();
      let s: string;
      switch (conv) {
        case "s":
          s = arg ?? "";
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case "b": {
          const r = processEscapes(arg ?? "");
          s = r.text;
          if (r.stop) return { out: out + s, errors };
          break;
        }
        case "q":
          s = arg === undefined ? "''" : shellQuote(arg);
          break;
        case "c":
          s = (arg ?? "").charAt(0);
          break;
        case "d":
        case "i":
        case "u": {
          const v = Math.trunc(num(arg));
          s = String(Math.abs(v));
          if (prec !== undefined) s = s.padStart(prec, "0");
          s = (v < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "") + s;
          break;
        }
        case "x":
        case "X":
        case "o": {
          const v = Math.trunc(num(arg));
          s = (v >>> 0).toString(conv === "o" ? 8 : 16);
          if (conv === "X") s = s.toUpperCase();
          if (flags.includes("#") && v !== 0) s = (conv === "o" ? "0" : conv === "x" ? "0x" : "0X") + s;
          break;
        }
        default: {
          const v = num(arg, true);
          const pr = prec ?? 6;
          if (conv === "f") s = toFixedC(v, pr);
          else if (conv === "e" || conv === "E") {
            s = v.toExponential(pr).replace(/e([+-])(\d)$/, "e$10$2");
            if (conv === "E") s = s.toUpperCase();
          } else s = String(Number(v.toPrecision(pr || 1)));
          if (v >= 0 && flags.includes("+")) s = "+" + s;
        }
      }
      if (s.length < width) {
        if (flags.includes("-")) s = s.padEnd(width);
        else if (flags.includes("0") && "diuxXofeEgG".includes(conv) && !flags.includes("-")) {
          const sign = /^[-+ ]/.test(s) ? s[0] : "";
          s = sign + s.slice(sign.length).padStart(width - sign.length, "0");
        } else s = s.padStart(width);
      }
      out += s;
    }
    if (ai === startAi) break;
  } while (ai < args.length && ++guard < 100_000);
  return { out, errors };
}

/** glibc rounds exact ties to even (`printf %.1f 2.25` is 2.2); JS toFixed rounds them up. */
function toFixedC(v: number, p: number): string {
  const scaled = v * 10 ** p;
  if (Number.isFinite(scaled) && Math.abs(scaled) < 2 ** 52 && Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
    const t = Math.trunc(scaled);
    const even = t % 2 === 0 ? t : t + Math.sign(scaled);
    return (even / 10 ** p).toFixed(p);
  }
  return v.toFixed(p);
}
