// kubectl's flag parsing (spf13/pflag + cobra): long and short flags, `--flag=value`,
// `-n value`, `-nvalue`, bool flags with optional `=false`, flags anywhere among the
// arguments, `--` ends flags. Errors use cobra's wording.

export type FlagType = "bool" | "string" | "int" | "strings" | "duration";

export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  default?: any;
  /** Value used when a bool-like flag is given without `=` (e.g. --dry-run means client?). */
  noOptDefault?: string;
}

export interface ParsedFlags {
  flags: Record<string, any>;
  args: string[];
  /** Arguments after `--` (for exec/run --command). */
  dashArgs: string[] | undefined;
  /** Names of flags the user actually set. */
  set: Set<string>;
}

export class FlagError extends Error {}

/** Flags every kubectl command accepts (kubectl's persistent flags that matter here). */
export const GLOBAL_FLAGS: FlagDef[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "context", type: "string" },
  { name: "kubeconfig", type: "string" },
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "as", type: "string" },
  { name: "as-group", type: "strings" },
  { name: "request-timeout", type: "string" },
  { name: "v", short: "v", type: "int" },
  { name: "server", short: "s", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
  { name: "token", type: "string" },
  { name: "match-server-version", type: "bool" },
  { name: "warnings-as-errors", type: "bool" },
  { name: "help", short: "h", type: "bool" },
];

export function parseFlags(argv: string[], defs: FlagDef[], cmdPath: string): ParsedFlags {
  const all = [...defs, ...GLOBAL_FLAGS];
  // A command's own flag shadows a global one of the same name (cobra: local before persistent),
  // e.g. `kubectl create rolebinding --user=alice` is the subject, not the kubeconfig user.
  const byName = new Map([...all].reverse().map((d) => [d.name, d]));
  const byShort = new Map([...all].reverse().filter((d) => d.short).map((d) => [d.short!, d]));
  const flags: Record<string, any> = {};
  const set = new Set<string>();
  for (const d of all) if (d.default !== undefined) flags[d.name] = d.type === "strings" ? [...d.default] : d.default;
  const args: string[] = [];
  let dashArgs: string[] | undefined;

  const assign = (d: FlagDef, raw: string, _shown: string) => {
    // pflag names a flag with its shorthand in errors: "-r, --replicas".
    const shown = d.short ? `-${d.short}, --${d.name}` : `--${d.name}`;
    set.add(d.name);
    switch (d.type) {
      case "bool":
        if (!["true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False"].includes(raw)) {
          throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
        }
        flags[d.name] = ["true", "1", "t", "TRUE", "True"].includes(raw);
        break;
      case "int": {
        if (!/^-?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
        flags[d.name] = parseInt(raw, 10);
        break;
      }
      case "strings":
        if (!set.has(d.name + "#touched")) {
          flags[d.name] = [];
          set.add(d.name + "#touched");
        }
        flags[d.name].push(raw);
        break;
      default:
        flags[d.name] = raw;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      dashArgs = argv.slice(i + 1);
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const d = byName.get(name);
      if (!d) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) assign(d, a.slice(eq + 1), `--${name}`);
      else if (d.type === "bool") assign(d, "true", `--${name}`);
      else if (d.noOptDefault !== undefined) assign(d, d.noOptDefault, `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        assign(d, argv[++i], `--${name}`);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && !/^-\d/.test(a)) {
      // A cluster of shorthands: -it, -n foo, -nfoo, -o=yaml.
      let j = 1;
      while (j < a.length) {
        const ch = a[j];
        const d = byShort.get(ch);
        if (!d) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (d.type === "bool") {
          if (a[j + 1] === "=") {
            assign(d, a.slice(j + 2), `-${ch}, --${d.name}`);
            j = a.length;
          } else {
            assign(d, "true", `-${ch}, --${d.name}`);
            j++;
          }
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith("=")) rest = rest.slice(1);
        if (rest) assign(d, rest, `-${ch}, --${d.name}`);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          assign(d, argv[++i], `-${ch}, --${d.name}`);
        }
        j = a.length;
      }
      continue;
    }
    args.push(a);
  }
  void cmdPath;
  return { flags, args, dashArgs, set };
}
