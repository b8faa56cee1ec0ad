// Tags the simulated registry holds for the common official images: the real published release
// ranges (data), expanded into tag lists. `images.ts` refers to these lists; a tag outside them
// fails to pull with containerd's "not found", as a typo'd or never-released version does.

/**
 * Expand release series. Each word is `X.Y.A-B` (patch releases A..B of X.Y, plus the `X.Y`
 * tag) or a plain tag kept as is. `1.14.0-2` gives 1.14, 1.14.0, 1.14.1, 1.14.2.
 */
export function releases(spec: string): string[] {
  const out: string[] = [];
  for (const word of spec.split(/\s+/).filter(Boolean)) {
    const m = /^(\d+\.\d+)\.(\d+)-(\d+)$/.exec(word);
    if (!m) {
      out.push(word);
      continue;
    }
    out.push(m[1]);
    for (let p = Number(m[2]); p <= Number(m[3]); p++) out.push(`${m[1]}.${p}`);
  }
  return out;
}

/** Major versions (`1.25.3` -> `1`) of a list of versions, once each. */
function majors(versions: string[]): string[] {
  return [...new Set(versions.map((v) => v.split(".")[0]))];
}

/** `tags` plus each tag but `latest` with each suffix (`1.25` -> `1.25-alpine`), for tags `when` accepts. */
function variants(tags: string[], suffixes: string[], when: (tag: string) => boolean = () => true): string[] {
  const out = [...tags];
  for (const t of tags) if (t !== "latest" && when(t)) for (const s of suffixes) out.push(`${t}-${s}`);
  return out;
}

/** Minor number of an `X.Y[.Z]` version (NaN for names). */
const minorOf = (t: string): number => (/^\d+\.\d+/.test(t) ? Number(t.split(".")[1]) : Number.NaN);

// nginx.org releases 1.7 - 1.28 (odd minors mainline, even stable).
const NGINX_VERSIONS = releases(
  "1.7.0-12 1.8.0-1 1.9.0-15 1.10.0-3 1.11.0-13 1.12.0-2 1.13.0-12 1.14.0-2 1.15.0-12 1.16.0-1 1.17.0-10 1.18.0-0 1.19.0-10 1.20.0-2 1.21.0-6 1.22.0-1 1.23.0-4 1.24.0-0 1.25.0-5 1.26.0-3 1.27.0-5 1.28.0-0",
);
export const NGINX_TAGS: string[] = [
  ...variants(["latest", "mainline", "stable", "1", ...NGINX_VERSIONS], ["alpine"], (t) => !(minorOf(t) < 10)),
  ...variants(["mainline", "stable", "1", ...NGINX_VERSIONS], ["perl", "alpine-perl"], (t) => !(minorOf(t) < 13)),
  ...variants(["mainline", "stable", "1", ...NGINX_VERSIONS], ["alpine-slim"], (t) => !(minorOf(t) < 23)),
  ...variants(["mainline", "stable", "1", ...NGINX_VERSIONS], ["bookworm", "bookworm-perl", "alpine-otel", "otel", "bookworm-otel"], (t) => !(minorOf(t) < 25)),
  ...variants(NGINX_VERSIONS, ["bullseye", "bullseye-perl"], (t) => minorOf(t) >= 21 && minorOf(t) <= 25),
  "alpine",
  "perl",
  "alpine-perl",
  "alpine-slim",
  "bookworm",
  "bookworm-perl",
  "otel",
  "alpine-otel",
  "bookworm-otel",
].filter((t, i, all) => all.indexOf(t) === i);

// busybox.net releases with the image's libc variants.
const BUSYBOX_VERSIONS = releases(
  "1.24.0-2 1.25.0-1 1.26.0-2 1.27.0-2 1.28.0-4 1.29.0-3 1.30.0-1 1.31.0-1 1.32.0-1 1.33.0-1 1.34.0-1 1.35.0-0 1.36.0-1 1.37.0-0",
);
export const BUSYBOX_TAGS: string[] = variants(["latest", "stable", "unstable", "1", ...BUSYBOX_VERSIONS], ["glibc", "musl", "uclibc"]).concat(["glibc", "musl", "uclibc"]);

// Redis 5 - 7.4 patch releases; Debian (bookworm/bullseye) and Alpine variants.
const REDIS_VERSIONS = releases("5.0.0-14 6.0.0-20 6.2.0-17 7.0.0-15 7.2.0-7 7.4.0-2");
export const REDIS_TAGS: string[] = [
  ...variants(["latest", ...majors(REDIS_VERSIONS), ...REDIS_VERSIONS], ["alpine", "bookworm"]),
  ...variants(REDIS_VERSIONS.filter((v) => !v.startsWith("7.4")), ["bullseye"]),
  "alpine",
  "bookworm",
];

// Apache httpd 2.4.x (and the last 2.2).
const HTTPD_VERSIONS = releases("2.4.17-63 2.2.34-34");
export const HTTPD_TAGS: string[] = [...variants(["latest", "2", ...HTTPD_VERSIONS], ["alpine", "bookworm"], (t) => t.startsWith("2.4") || t === "2" || t === "latest"), "alpine", "bookworm"];

// Alpine Linux 3.x point releases.
const ALPINE_VERSIONS = releases("3.7.0-3 3.8.0-5 3.9.0-6 3.10.0-9 3.11.0-13 3.12.0-12 3.13.0-12 3.14.0-10 3.15.0-11 3.16.0-9 3.17.0-10 3.18.0-9 3.19.0-4 3.20.0-3 3.21.0-2");
export const ALPINE_TAGS: string[] = ["latest", "3", "edge", ...ALPINE_VERSIONS];

export const UBUNTU_TAGS: string[] = ["latest", "rolling", "devel", "16.04", "xenial", "18.04", "bionic", "20.04", "focal", "22.04", "jammy", "24.04", "noble", "24.10", "oracular"];

export const DEBIAN_TAGS: string[] = variants(["latest", "stable", "testing", "unstable", "9", "stretch", "10", "buster", "11", "bullseye", "12", "bookworm", "trixie", "12.8", "12.7", "11.11"], ["slim"]);

// PostgreSQL 12 - 17 minor releases (Docker tags are major.minor).
const POSTGRES_VERSIONS = ["9.6", "10", "11", "12", "13", "14", "15", "16", "17", "10.23", "11.22"]
  .concat(Array.from({ length: 23 }, (_, i) => `12.${i}`).slice(1))
  .concat(Array.from({ length: 19 }, (_, i) => `13.${i}`).slice(1))
  .concat(Array.from({ length: 16 }, (_, i) => `14.${i}`).slice(1))
  .concat(Array.from({ length: 11 }, (_, i) => `15.${i}`).slice(1))
  .concat(Array.from({ length: 7 }, (_, i) => `16.${i}`).slice(1))
  .concat(["17.0", "17.1", "17.2"]);
export const POSTGRES_TAGS: string[] = [...variants(["latest", ...POSTGRES_VERSIONS], ["alpine", "bookworm", "bullseye"]), "alpine", "bookworm", "bullseye"];

// MySQL 5.7, 8.0, 8.4 LTS and 9.x innovation releases.
const MYSQL_VERSIONS = releases("5.7.4-44 8.0.11-40 8.4.0-3 9.0.0-1 9.1.0-1");
export const MYSQL_TAGS: string[] = [...variants(["latest", "lts", "innovation", "5", "8", "9", ...MYSQL_VERSIONS], ["oracle", "debian"], (t) => !t.startsWith("5")), "oracle", "debian"];

// CPython 3.8 - 3.13.
const PYTHON_VERSIONS = releases("3.8.0-20 3.9.0-21 3.10.0-16 3.11.0-11 3.12.0-8 3.13.0-1");
export const PYTHON_TAGS: string[] = [...variants(["latest", "3", ...PYTHON_VERSIONS], ["slim", "alpine", "bookworm", "slim-bookworm", "bullseye", "slim-bullseye"]), "slim", "alpine", "bookworm", "slim-bookworm", "bullseye"];

// Node.js majors and LTS code names (minor/patch tags of the current LTS lines).
const NODE_VERSIONS = ["14", "16", "18", "19", "20", "21", "22", "23", "18.20", "18.20.4", "18.20.5", "20.17", "20.17.0", "20.18", "20.18.0", "20.18.1", "22.11", "22.11.0", "22.12", "22.12.0", "23.3", "23.3.0", "lts", "current", "hydrogen", "iron", "jod"];
export const NODE_TAGS: string[] = [...variants(["latest", ...NODE_VERSIONS], ["alpine", "slim", "bookworm", "bookworm-slim", "bullseye"]), "alpine", "slim", "bookworm", "bullseye"];

// Perl 5.30 - 5.40.
const PERL_VERSIONS = releases("5.30.0-3 5.32.0-1 5.34.0-3 5.36.0-3 5.38.0-3 5.40.0-0");
export const PERL_TAGS: string[] = [...variants(["latest", "5", ...PERL_VERSIONS], ["slim", "threaded", "slim-threaded"]), "slim", "threaded", "stable"];
