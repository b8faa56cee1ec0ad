// Captures ground truth from the REAL kubectl 1.32 into fixtures/<family>.txt.
// Usage (from the repo root):
//   node tests/unit/kubectl-golden/capture.mjs <family>     (reads fixtures/<family>.cmds)
// Each line of <family>.cmds is the argument string after `kubectl` (bash quoting), run with
// cwd fixtures/inputs. Commands that need discovery (run, create role...) were captured with
// the fake API server of /work/shared/reference/kubectl-probe (`node fakeapi.js` on
// 127.0.0.1:18080, PROTO=decode) and KUBECONFIG=<that folder>/kubeconfig.yaml; everything in
// the fixtures is client-side output (--dry-run=client, flag/usage errors, --help), so the
// fake server's content never shows up in them.
// Output format: for each command
//   ### kubectl <args>
//   ### exit <code>
//   ### stdout <n chars>\n<stdout>\n### stderr <n chars>\n<stderr>\n
import { readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
const here = dirname(fileURLToPath(import.meta.url));
const fam = process.argv[2];
const lines = readFileSync(join(here, "fixtures", fam + ".cmds"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
let out = "";
for (const l of lines) {
  const r = spawnSync("bash", ["-c", "kubectl " + l], { cwd: join(here, "fixtures/inputs"), encoding: "utf8" });
  out += `### kubectl ${l}\n### exit ${r.status}\n### stdout ${r.stdout.length}\n${r.stdout}\n### stderr ${r.stderr.length}\n${r.stderr}\n`;
}
writeFileSync(join(here, "fixtures", fam + ".txt"), out);
console.log(`${lines.length} commands -> fixtures/${fam}.txt`);
