// The fast manifest reader must agree with the `yaml` library path on every document it accepts,
// and must refuse (NOT_HANDLED) every document the library path rejects. Corpus: every manifest
// of the course, the study notes and the acceptance scenarios, what `kubectl get -o yaml` prints,
// hand-picked edge cases, and seeded random mutations of all of those.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { fastYamlToJson, NOT_HANDLED } from "../../../lab-engine/kubectl/output/yaml-fast.ts";
import { resolvePlainScalar, splitYamlDocuments, yamlToJsonSlow } from "../../../lab-engine/kubectl/output/yamlparse.ts";
import { toKubectlYaml } from "../../../lab-engine/kubectl/output/yaml.ts";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const HEREDOC = /<<-?\s*['"]?(\w+)['"]?[^\n]*\n([\s\S]*?)\n\1(\n|$)/g;
const R = {
  plain: resolvePlainScalar,
  key: (k: unknown) => {
    if (typeof k === "string") return k;
    if (typeof k === "boolean" || (typeof k === "number" && Number.isInteger(k))) return String(k);
    throw new Error("unsupported key");
  },
};

function files(dir: string, ext: RegExp, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, ext, out);
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** YAML-looking texts: fenced yaml blocks, heredoc bodies, multi-line strings of lab files. */
function corpus(): string[] {
  const texts: string[] = [];
  const md = [...files(join(ROOT, "content"), /\.md$/), ...files(join(ROOT, "../shared/seeds"), /\.md$/)];
  for (const f of md) {
    const s = readFileSync(f, "utf8");
    for (const m of s.matchAll(/```ya?ml\n([\s\S]*?)```/g)) texts.push(m[1]);
    for (const m of s.matchAll(HEREDOC)) texts.push(m[2] + "\n");
  }
  const yamlFiles = [...files(join(ROOT, "content/labs"), /\.ya?ml$/), ...files(join(ROOT, "../shared/acceptance"), /\.ya?ml$/), ...files(join(ROOT, "tests/acceptance"), /\.ya?ml$/)];
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      if (v.includes("\n") && /^(apiVersion|kind):/.test(v)) texts.push(v);
      for (const m of v.matchAll(HEREDOC)) texts.push(m[2] + "\n");
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const f of yamlFiles) {
    try {
      walk(parseYaml(readFileSync(f, "utf8")));
    } catch {
      /* not our concern here */
    }
  }
  for (const f of files(join(ROOT, "tests/unit"), /\.ya?ml$/)) texts.push(readFileSync(f, "utf8"));
  // What kubectl get -o yaml prints (kubectl edit and `-o yaml > f; apply -f f` read it back).
  const sb = Sandbox.create({ seed: 7, clock: new VirtualClock() });
  for (const plural of ["pods", "nodes", "services", "configmaps", "daemonsets", "deployments", "serviceaccounts", "clusterroles", "endpointslices"]) {
    for (const o of sb.cluster.store.list(plural)) texts.push(toKubectlYaml(o));
  }
  const docs: string[] = [];
  for (const t of texts) for (const d of splitYamlDocuments(t)) if (d.text.trim()) docs.push(d.text);
  return docs;
}

const EDGE = [
  "a: b: c\n", "a:\n  b: 1\n c: 2\n", "a:\n  b: 1\n   c: 2\n", "key: 'it''s'\n", 'key: "a\\x41"\n', 'key: "a\\"b"\n',
  "- a\n-b\n", "a: |\n  x\n\n  y\n", "a: |-\n  x\n  y\n", "a: |+\n  x\n\n", "a: >\n  x\n  y\n", "a: |\n   x\n  y\n",
  "a: [1, 2\n", "a: {b: c\n", "a: b #c\n", "a: b#c\n", "? a\n: b\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "yes: no\n",
  "0x1F: 010\n", "a: 1_000\n", "a: 2024-01-01\n", "a: .5\n", "a: -.inf\n", "a:\n- 1\n- 2\nb: 3\n", "a:\n  - x\n  -   y: 1\n      z: 2\n",
  "a: b\n  c\n", "a: 'x\n  y'\n", "a:\n\tb: 1\n", "a: [a, [b, c], {d: e}]\n", "a: {b: [1, 2], 'c': \"d\"}\n", "a: [a,]\n",
  "a: []\nb: {}\n", "a: ~\nb:\nc: null\n", "a: -1\nb: -x\nc: - x\n", "a: 'b' c\n", "a: \"b\" # c\n", "a: :b\n", "- - a\n  - b\n- c\n",
  "a:\n  - b: 1\n    c:\n    - d\n  - e\n", "a: |\n  # not a comment\n  x\n", "a: |\n  x\n# comment\nb: 1\n", "a:   b   \n", "a : b\n",
  "a: 1\na: 2\n", "__proto__: {a: 1}\n", "a: x: y\n", "- a: 1\n - b: 2\n", "a:\n    b: 1\n  c: 2\n", "{a: 1}\n", "[1, 2]\n", "plain\n",
  "a: \"\"\nb: ''\n", "a: 'b\"c'\n", "a: \"b'c\"\n", "a: \"\\\\\"\n", "a: [\"x, y\", 'z]']\n", "a: {\"b: c\": d}\n", "a: 1e3\nb: 0o17\nc: +12\n",
  "a: |\n\n  x\n", "a: |\n  x\n   y\n  z\n", "- |\n  x\n- y\n", "a:\n- |\n  x\nb: 1\n", "a: b\n...\n", "%YAML 1.2\n---\na: 1\n",
];

function check(doc: string): "fast" | "slow" {
  const fast = fastYamlToJson(doc, R);
  if (fast === NOT_HANDLED) return "slow";
  let slow: unknown;
  try {
    slow = yamlToJsonSlow(doc);
  } catch (e) {
    assert.fail(`fast path accepted a document the library rejects (${(e as Error).message}):\n${doc}`);
  }
  assert.deepStrictEqual(fast, slow, `fast and library paths differ on:\n${doc}`);
  return "fast";
}

test("fast reader agrees with the library on the whole corpus and handles most of it", () => {
  const docs = corpus();
  assert.ok(docs.length > 200, `corpus too small: ${docs.length}`);
  let fast = 0;
  for (const d of docs) if (check(d) === "fast") fast++;
  // Manifests are plain block YAML: if this drops, the fast path stopped paying for itself.
  assert.ok(fast / docs.length > 0.75, `fast path handled only ${fast}/${docs.length}`);
  console.log(`# fast path handled ${fast}/${docs.length} documents`);
});

test("edge cases: the fast reader matches the library or leaves the document to it", () => {
  for (const d of EDGE) check(d);
  // A few must really take the fast path.
  assert.notEqual(fastYamlToJson("a: [a, [b, c], {d: e}]\n", R), NOT_HANDLED);
  assert.notEqual(fastYamlToJson("a: |\n  x\n\n  y\n", R), NOT_HANDLED);
  assert.notEqual(fastYamlToJson("a:\n- 1\n- 2\nb: 3\n", R), NOT_HANDLED);
});

test("seeded mutations of the corpus never make the two paths disagree", () => {
  const docs = [...corpus(), ...EDGE];
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const pieces = [" ", "  ", ":", ": ", "- ", "#", "'", '"', "|", "[", "]", "{", "}", ",", "\n", "\n  ", "x", "1", "&a", "*a", "!"];
  for (let n = 0; n < 6000; n++) {
    const d = docs[rnd(docs.length)];
    let m = d;
    const ops = 1 + rnd(3);
    for (let k = 0; k < ops; k++) {
      const at = rnd(m.length + 1);
      switch (rnd(4)) {
        case 0: m = m.slice(0, at) + m.slice(at + 1); break; // delete a character
        case 1: m = m.slice(0, at) + pieces[rnd(pieces.length)] + m.slice(at); break; // insert a piece
        case 2: { // re-indent one line
          const lines = m.split("\n");
          const i = rnd(lines.length);
          lines[i] = rnd(2) ? " " + lines[i] : lines[i].replace(/^ /, "");
          m = lines.join("\n");
          break;
        }
        default: { // duplicate a line
          const lines = m.split("\n");
          const i = rnd(lines.length);
          lines.splice(i, 0, lines[i]);
          m = lines.join("\n");
        }
      }
    }
    check(m);
  }
});
