// Per-image facts for `kubectl exec`: which shell the image ships (distroless images have
// none, alpine/busybox only `sh`) and the image's own binaries (etcdctl, nginx, redis-cli...).
// Data: add an image by adding a row.

export interface ImageBinResult {
  stdout?: string;
  stderr?: string;
  code?: number;
}

/** What a binary sees of the container it runs in. */
export interface ImageBinContext {
  /** The container's environment (MYSQL_ROOT_PASSWORD...). */
  env: Record<string, string>;
  stdin: string;
  /** stdout is a terminal (`kubectl exec -it`). */
  tty: boolean;
}

/** args excludes argv[0]; tag is the image tag ("latest" when none). */
export type ImageBin = (args: string[], tag: string, ctx?: ImageBinContext) => ImageBinResult;

export interface ImageProfile {
  /** Matched against the normalised repository (`docker.io/library/nginx`). */
  repo: RegExp;
  shell: "bash" | "sh" | "none";
  /** Alpine-flavoured tags have only sh. */
  alpineTagsShOnly?: boolean;
  bins: Record<string, ImageBin>;
  /** Version when the tag does not carry one. */
  latest?: string;
}

const ver = (tag: string, latest: string) => (/^\d+(\.\d+)*/.exec(tag)?.[0] ?? latest);
const full = (v: string, latest: string) => (v.split(".").length >= 3 ? v : latest.startsWith(v) ? latest : `${v}.0`);

export const IMAGE_PROFILES: ImageProfile[] = [
  {
    repo: /\/etcd$/,
    shell: "none",
    bins: {
      etcdctl: (a) => {
        if (a[0] === "version" || a[0] === "--version") return { stdout: "etcdctl version: 3.5.16\nAPI version: 3.5\n" };
        if (a.includes("endpoint") && a.includes("health")) return { stdout: "127.0.0.1:2379 is healthy: successfully committed proposal: took = 9.818ms\n" };
        if (a.includes("member") && a.includes("list")) return { stdout: "8e9e05c52164694d, started, controlplane, https://172.30.1.2:2380, https://172.30.1.2:2379, false\n" };
        return { stderr: "Error: context deadline exceeded\n", code: 1 };
      },
      etcd: (a) => (a[0] === "--version" || a[0] === "version" ? { stdout: "etcd Version: 3.5.16\nGit SHA: f20bbad\nGo Version: go1.22.7\nGo OS/Arch: linux/amd64\n" } : { code: 1 }),
    },
  },
  {
    repo: /\/nginx$/,
    shell: "bash",
    alpineTagsShOnly: true,
    latest: "1.27.3",
    bins: {
      nginx: (a, tag) => {
        const v = full(ver(tag, "1.27.3"), "1.27.3");
        if (a[0] === "-v") return { stderr: `nginx version: nginx/${v}\n` };
        if (a[0] === "-t") return { stderr: "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n" };
        if (a[0] === "-s") return {};
        return { stderr: "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n", code: 1 };
      },
    },
  },
  {
    repo: /\/(mysql|mariadb)$/,
    shell: "bash",
    bins: {
      mysql: (a, tag, ctx) => {
        const v = ver(tag, "9.1.0");
        if (a[0] === "--version" || a[0] === "-V") {
          if (v.startsWith("5.")) return { stdout: `mysql  Ver 14.14 Distrib ${full(v, "5.7.44")}, for Linux (x86_64) using  EditLine wrapper\n` };
          return { stdout: `mysql  Ver ${full(v, "8.0.40")} for Linux on x86_64 (MySQL Community Server - GPL)\n` };
        }
        return mysqlClient(a, v.startsWith("5.") ? full(v, "5.7.44") : full(v, "8.0.40"), ctx ?? { env: {}, stdin: "", tty: false });
      },
    },
  },
  {
    repo: /\/redis$/,
    shell: "bash",
    alpineTagsShOnly: true,
    bins: {
      "redis-cli": (a, tag) => {
        if (a[0] === "--version" || a[0] === "-v") return { stdout: `redis-cli ${full(ver(tag, "7.4.1"), "7.4.1")}\n` };
        if (!a.length || a[a.length - 1].toLowerCase() === "ping") return { stdout: "PONG\n" };
        return { stdout: "OK\n" };
      },
      "redis-server": (a, tag) => (a[0] === "--version" ? { stdout: `Redis server v=${full(ver(tag, "7.4.1"), "7.4.1")} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=2b1a0e4f6f1d6e8c\n` } : { code: 1 }),
    },
  },
  {
    repo: /\/postgres$/,
    shell: "bash",
    alpineTagsShOnly: true,
    bins: {
      psql: (a, tag) => (a[0] === "--version" || a[0] === "-V" ? { stdout: `psql (PostgreSQL) ${ver(tag, "17.2")}\n` } : { stderr: `psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  role "root" does not exist\n`, code: 2 }),
      pg_isready: () => ({ stdout: "/var/run/postgresql:5432 - accepting connections\n" }),
    },
  },
  { repo: /\/mongo$/, shell: "bash", bins: { mongosh: (a) => (a[0] === "--version" ? { stdout: "2.3.3\n" } : { code: 1 }) } },
  { repo: /\/(busybox|alpine|curlimages\/curl)$/, shell: "sh", bins: {} },
  { repo: /\/(ubuntu|debian|centos|httpd|node|python|wordpress|php|tomcat|openjdk|jenkins)$/, shell: "bash", alpineTagsShOnly: true, bins: {} },
  // Control-plane and add-on images are distroless: no shell, no coreutils.
  { repo: /registry\.k8s\.io\/(kube-|pause|coredns|metrics-server)|\/calico\//, shell: "none", bins: {} },
];

/** `mysql` options learners use: -u/--user, -p[PASS]/--password[=PASS], -h, -P, -e/--execute, a database name. */
function mysqlArgs(a: string[]): { user: string; password?: string; execute?: string; db?: string } {
  const o: { user: string; password?: string; execute?: string; db?: string } = { user: "root" };
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const val = (short: string, long: string): string | undefined => {
      if (x === short || x === long) return a[++i];
      if (x.startsWith(long + "=")) return x.slice(long.length + 1);
      if (x.startsWith(short) && x.length > 2 && !x.startsWith("--")) return x.slice(2);
      return undefined;
    };
    if (x === "-p" || x === "--password") o.password = "";
    else if (x.startsWith("--password=")) o.password = x.slice(11);
    else if (x.startsWith("-p") && !x.startsWith("--")) o.password = x.slice(2);
    else if (x.startsWith("-u") || x.startsWith("--user")) o.user = val("-u", "--user") ?? o.user;
    else if (x.startsWith("-e") || x.startsWith("--execute")) o.execute = val("-e", "--execute");
    else if (x.startsWith("-h") || x.startsWith("--host")) val("-h", "--host");
    else if (x.startsWith("-P") || x.startsWith("--port")) val("-P", "--port");
    else if (x.startsWith("-D") || x.startsWith("--database")) o.db = val("-D", "--database");
    else if (!x.startsWith("-")) o.db = x;
  }
  return o;
}

/** One statement's result set (column names, rows), or an error line. */
function mysqlQuery(q: string, version: string, env: Record<string, string>, user: string): { cols: string[]; rows: string[][] } | { error: string } | undefined {
  const s = q.trim().replace(/;+$/, "").trim();
  if (!s) return undefined;
  let m: RegExpExecArray | null;
  if (/^show\s+databases$/i.test(s)) {
    const dbs = ["information_schema", "mysql", "performance_schema", "sys", ...(env.MYSQL_DATABASE ? [env.MYSQL_DATABASE] : [])].sort();
    return { cols: ["Database"], rows: dbs.map((d) => [d]) };
  }
  if ((m = /^select\s+(.+)$/i.exec(s))) {
    const cols: string[] = [];
    const row: string[] = [];
    for (const raw of m[1].split(/\s*,\s*/)) {
      const e = raw.trim();
      let val: string | undefined;
      if (/^-?\d+(\.\d+)?$/.test(e)) val = e;
      else if (/^(['"])(.*)\1$/.test(e)) val = e.slice(1, -1);
      else if (/^(version|@@version)\s*(\(\s*\))?$/i.test(e)) val = version.replace(/-.*/, "");
      else if (/^(user|current_user|session_user|system_user)\s*\(\s*\)$/i.test(e)) val = /^current_user/i.test(e) ? `${user}@%`.replace(/^root@%$/, "root@localhost") : `${user}@localhost`;
      else if (/^(database|schema)\s*\(\s*\)$/i.test(e)) val = "NULL";
      else if ((m = /^(-?\d+)\s*([+*-])\s*(-?\d+)$/.exec(e))) val = String(m[2] === "+" ? Number(m[1]) + Number(m[3]) : m[2] === "-" ? Number(m[1]) - Number(m[3]) : Number(m[1]) * Number(m[3]));
      else return { error: `ERROR 1054 (42S22) at line 1: Unknown column '${e.replace(/\W.*$/, "")}' in 'field list'` };
      cols.push(/^(['"])(.*)\1$/.test(e) ? e.slice(1, -1) : e);
      row.push(val);
    }
    return { cols, rows: [row] };
  }
  // Statements without a result set (CREATE, INSERT, USE...) succeed quietly in batch mode.
  return undefined;
}

/** A result set as the mysql client prints it: tab-separated in batch mode, a table on a terminal. */
function mysqlTable(r: { cols: string[]; rows: string[][] }, tty: boolean): string {
  if (!tty) return [r.cols, ...r.rows].map((l) => l.join("\t") + "\n").join("");
  const w = r.cols.map((c, i) => Math.max(c.length, ...r.rows.map((row) => row[i].length)));
  const line = "+" + w.map((n) => "-".repeat(n + 2)).join("+") + "+\n";
  const fmt = (cells: string[], right: boolean[]) => "|" + cells.map((c, i) => " " + (right[i] ? c.padStart(w[i]) : c.padEnd(w[i])) + " ").join("|") + "|\n";
  const num = r.cols.map((_, i) => r.rows.every((row) => /^-?\d+(\.\d+)?$/.test(row[i])));
  const n = r.rows.length;
  return line + fmt(r.cols, r.cols.map(() => false)) + line + r.rows.map((row) => fmt(row, num)).join("") + line + `${n} row${n === 1 ? "" : "s"} in set (0.00 sec)\n\n`;
}

/** The mysql client inside a mysql container: the root password from the container's environment. */
function mysqlClient(a: string[], version: string, ctx: ImageBinContext): ImageBinResult {
  const o = mysqlArgs(a);
  const env = ctx.env;
  const warn = o.password ? "mysql: [Warning] Using a password on the command line interface can be insecure.\n" : "";
  const rootPw = env.MYSQL_ROOT_PASSWORD ?? env.MARIADB_ROOT_PASSWORD;
  const expected = o.user === "root" ? (rootPw ?? (env.MYSQL_ALLOW_EMPTY_PASSWORD ? "" : undefined)) : o.user === env.MYSQL_USER ? (env.MYSQL_PASSWORD ?? "") : undefined;
  const given = o.password ?? "";
  if (expected === undefined || given !== expected) {
    return { stderr: `${warn}ERROR 1045 (28000): Access denied for user '${o.user}'@'localhost' (using password: ${given ? "YES" : "NO"})\n`, code: 1 };
  }
  const script = o.execute ?? ctx.stdin;
  let out = "";
  for (const stmt of script.split(";")) {
    const r = mysqlQuery(stmt, version, env, o.user);
    if (!r) continue;
    if ("error" in r) return { stdout: out, stderr: warn + r.error + "\n", code: 1 };
    out += mysqlTable(r, ctx.tty && o.execute !== undefined);
  }
  return { stdout: out, stderr: warn };
}

export function profileFor(repo: string): ImageProfile | undefined {
  return IMAGE_PROFILES.find((p) => p.repo.test(repo));
}

/** Which shells a container has: bash images also have sh. Unknown images: a Debian-like sh+bash. */
export function shellsOf(repo: string, tag: string): { sh: boolean; bash: boolean; coreutils: boolean } {
  const p = profileFor(repo);
  const kind = p ? (p.alpineTagsShOnly && /alpine/.test(tag) ? "sh" : p.shell) : "bash";
  return { sh: kind !== "none", bash: kind === "bash", coreutils: kind !== "none" };
}
