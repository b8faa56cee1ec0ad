// Interactive history expansion, the conservative subset people type: `!!`, `!$`, `!N`, `!-N`.
// Like bash it is skipped inside single quotes, after a backslash, and before a blank, `=`,
// `(` or `"`, so `[ a != b ]`, `if ! cmd` and `echo "hi!"` are untouched.

export type HistoryExpansion = { line: string; changed: boolean } | { error: string };

function lastWord(cmd: string): string {
  const words = cmd.trim().split(/\s+/);
  return words[words.length - 1] ?? "";
}

export function expandHistory(line: string, history: string[]): HistoryExpansion {
  if (!line.includes("!")) return { line, changed: false };
  let out = "";
  let changed = false;
  let inSingle = false;
  let inDouble = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && !inSingle) {
      out += c + (line[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "'" && !inDouble) inSingle = !inSingle;
    else if (c === '"' && !inSingle) inDouble = !inDouble;
    if (c !== "!" || inSingle || line[i - 1] === "$" || line[i - 1] === "{") {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    const m = /^(!|\$|-?\d+)/.exec(rest);
    if (!m) {
      out += c;
      continue;
    }
    const tok = m[1];
    let entry: string | undefined;
    if (tok === "!" || tok === "$") entry = history[history.length - 1];
    else {
      const n = Number(tok);
      entry = n < 0 ? history[history.length + n] : history[n - 1];
    }
    if (entry === undefined) return { error: `bash: !${tok}: event not found` };
    out += tok === "$" ? lastWord(entry) : entry;
    changed = true;
    i += tok.length;
  }
  return { line: out, changed };
}
