// seq: print a sequence of numbers (GNU coreutils).

import type { CommandContext } from "../../types.ts";
import { charge, usageError } from "./util.ts";
import { formatPrintf } from "./printf-format.ts";

export function seq(ctx: CommandContext): number {
  const argv = ctx.argv.slice(1);
  let sep = "\n", fmt: string | undefined, equal = false;
  const nums: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (nums.length === 0 && a.startsWith("-") && a.length > 1 && !/^-[\d.]/.test(a)) {
      if (a === "--") {
        nums.push(...argv.slice(i + 1));
        break;
      }
      const takeArg = (rest: string) => (rest !== "" ? rest : argv[++i]);
      if (a.startsWith("--separator")) sep = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      else if (a.startsWith("--format")) fmt = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      else if (a === "--equal-width") equal = true;
      else if (a.startsWith("--")) return usageError(ctx, "seq", `unrecognized option '${a}'`, {});
      else {
        for (let j = 1; j < a.length; j++) {
          const c = a[j];
          if (c === "w") equal = true;
          else if (c === "s" || c === "f") {
            const v = takeArg(a.slice(j + 1));
            if (v === undefined) return usageError(ctx, "seq", `option requires an argument -- '${c}'`, {});
            if (c === "s") sep = v;
            else fmt = v;
            break;
          } else return usageError(ctx, "seq", `invalid option -- '${c}'`, {});
        }
      }
      continue;
    }
    nums.push(a);
  }
  if (nums.length === 0) return usageError(ctx, "seq", "missing operand", {});
  if (nums.length > 3) return usageError(ctx, "seq", `extra operand ‘${nums[3]}’`, {});
  for (const n of nums) {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n.trim())) {
      return usageError(ctx, "seq", `invalid floating point argument: ‘${n}’`, {});
    }
  }
  const [firstS, incS, lastS] = nums.length === 1 ? ["1", "1", nums[0]] : nums.length === 2 ? [nums[0], "1", nums[1]] : nums;
  const first = Number(firstS), inc = Number(incS), last = Number(lastS);
  if (inc === 0) {
    ctx.stderr.write(`seq: invalid Zero increment value: ‘${incS}’\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const decimals = (s: string) => (/[eE]/.test(s) ? 0 : s.includes(".") ? s.length - s.indexOf(".") - 1 : 0);
  const prec = Math.max(decimals(firstS), decimals(incS));
  const fmtNum = (v: number) => {
    if (fmt !== undefined) return formatPrintf(fmt, [v]);
    return prec > 0 ? v.toFixed(prec) : String(Math.round(v));
  };
  const vals: string[] = [];
  for (let i = 0; ; i++) {
    const v = first + i * inc;
    if (inc > 0 ? v > last + 1e-12 : v < last - 1e-12) break;
    charge(ctx);
    if (i > 1e7) break;
    vals.push(fmtNum(prec > 0 ? Number(v.toFixed(prec)) : v));
  }
  if (equal && fmt === undefined) {
    const w = Math.max(...vals.map((v) => v.length), fmtNum(last).length);
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      vals[i] = v.startsWith("-") ? "-" + v.slice(1).padStart(w - 1, "0") : v.padStart(w, "0");
    }
  }
  if (vals.length) ctx.stdout.write(vals.join(sep) + "\n");
  return 0;
}
