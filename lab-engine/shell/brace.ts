// Brace expansion: `file{1,2}.txt`, `{1..5}`, `{a..e}`, `{10..0..2}`. Applied to unquoted
// literal words only, before any other expansion, as bash does.

const MAX_RESULTS = 10_000;

export function braceExpand(s: string): string[] {
  const out = expand(s);
  return out.length > MAX_RESULTS ? out.slice(0, MAX_RESULTS) : out;
}

function expand(s: string): string[] {
  // Find the first top-level `{…}` that contains a top-level comma or is a sequence.
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s[i] !== "{" || s[i + 1] === "}") continue;
    let depth = 0;
    const commas: number[] = [];
    let j = i;
    for (; j < s.length; j++) {
      if (s[j] === "\\") j++;
      else if (s[j] === "{") depth++;
      else if (s[j] === "}") {
        if (--depth === 0) break;
      } else if (s[j] === "," && depth === 1) commas.push(j);
    }
    if (j >= s.length) return [s];
    const pre = s.slice(0, i);
    const post = s.slice(j + 1);
    const inner = s.slice(i + 1, j);
    let alts: string[] | null = null;
    if (commas.length) {
      alts = [];
      let last = i + 1;
      for (const c of [...commas, j]) {
        alts.push(s.slice(last, c));
        last = c + 1;
      }
    } else alts = sequence(inner);
    if (!alts) continue;
    const tails = expand(post);
    const res: string[] = [];
    for (const a of alts) {
      for (const x of expand(pre + a)) {
        for (const t of tails) {
          res.push(x + t);
          if (res.length > MAX_RESULTS) return res;
        }
      }
    }
    return res;
  }
  return [s];
}

function sequence(inner: string): string[] | null {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(inner);
  if (!m) return null;
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const num = /\d/.test(m[1]);
  if (num !== /\d/.test(m[2])) return null;
  const a = num ? Number(m[1]) : m[1].charCodeAt(0);
  const b = num ? Number(m[2]) : m[2].charCodeAt(0);
  const width = num && (/^-?0\d/.test(m[1]) || /^-?0\d/.test(m[2])) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? step : -step) {
    out.push(num ? String(v).padStart(width, "0") : String.fromCharCode(v));
    if (out.length > MAX_RESULTS) break;
  }
  return out;
}
