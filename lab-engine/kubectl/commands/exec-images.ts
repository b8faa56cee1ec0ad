// Per-image facts for `kubectl exec`: which shell the image ships (distroless images have
// none, alpine/busybox only `sh`) and the image's own binaries (etcdctl, nginx, redis-cli...).
// Data: add an image by adding a row.

export interface ImageBinResult {
  stdout?: string;
  stderr?: string;
  code?: number;
}

/** args excludes argv[0]; tag is the image tag ("latest" when none). */
export type ImageBin = (args: string[], tag: string) => ImageBinResult;

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
      mysql: (a, tag) => {
        const v = ver(tag, "9.1.0");
        if (a[0] === "--version" || a[0] === "-V") {
          if (v.startsWith("5.")) return { stdout: `mysql  Ver 14.14 Distrib ${full(v, "5.7.44")}, for Linux (x86_64) using  EditLine wrapper\n` };
          return { stdout: `mysql  Ver ${full(v, "8.0.40")} for Linux on x86_64 (MySQL Community Server - GPL)\n` };
        }
        return { stderr: "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n", code: 1 };
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

export function profileFor(repo: string): ImageProfile | undefined {
  return IMAGE_PROFILES.find((p) => p.repo.test(repo));
}

/** Which shells a container has: bash images also have sh. Unknown images: a Debian-like sh+bash. */
export function shellsOf(repo: string, tag: string): { sh: boolean; bash: boolean; coreutils: boolean } {
  const p = profileFor(repo);
  const kind = p ? (p.alpineTagsShOnly && /alpine/.test(tag) ? "sh" : p.shell) : "bash";
  return { sh: kind !== "none", bash: kind === "bash", coreutils: kind !== "none" };
}
