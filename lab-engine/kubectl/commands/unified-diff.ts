// `diff -u` (GNU diffutils) output for two texts: LCS line matching, hunks with 3 lines of
// context, `@@ -a,b +c,d @@` headers with diffutils' rules for 0- and 1-line ranges.

type Op = { t: " " | "-" | "+"; line: string };

function lines(s: string): string[] {
  if (!s) return [];
  const l = s.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}

function ops(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // LCS table from the end so the walk below prefers deletions before insertions, like diff.
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ t: " ", line: a[i++] });
      j++;
    } else if (i < n && (j >= m || dp[i + 1][j] >= dp[i][j + 1])) out.push({ t: "-", line: a[i++] });
    else out.push({ t: "+", line: b[j++] });
  }
  return out;
}

function range(start: number, count: number): string {
  if (count === 1) return `${start}`;
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** Hunks only (no ---/+++ header); "" when the texts are equal. */
export function unifiedHunks(oldText: string, newText: string, context = 3): string {
  const o = ops(lines(oldText), lines(newText));
  const changed = o.map((x, k) => (x.t !== " " ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return "";
  // Group changes whose context windows touch.
  const groups: [number, number][] = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] <= 2 * context) last[1] = k;
    else groups.push([k, k]);
  }
  let out = "";
  for (const [s, e] of groups) {
    const from = Math.max(0, s - context);
    const to = Math.min(o.length - 1, e + context);
    let aStart = 1;
    let bStart = 1;
    for (let k = 0; k < from; k++) {
      if (o[k].t !== "+") aStart++;
      if (o[k].t !== "-") bStart++;
    }
    const seg = o.slice(from, to + 1);
    const aCount = seg.filter((x) => x.t !== "+").length;
    const bCount = seg.filter((x) => x.t !== "-").length;
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`;
    for (const x of seg) out += `${x.t}${x.line}\n`;
  }
  return out;
}
