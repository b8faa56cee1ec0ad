// Learner-driven golden traces for the controllers and the scheduler: a fresh sandbox on a
// virtual clock, driven through the shell (kubectl, heredocs) and by letting time pass. The
// trace records, with time as an offset from the start (`+12s`):
//   - each command and its output,
//   - every new or repeated event (kubelet events and kube-system left out unless asked for),
//   - the lines of a state function whenever they change.
// Random name suffixes (pods of ReplicaSets, Jobs, DaemonSets...) become stable placeholders
// numbered in order of first appearance (`web-5c94f75b5d-<1>`), UIDs become `<uid>`.
// Files live in tests/unit/controllers/golden/<name>.txt; UPDATE_GOLDEN=1 rewrites them and a
// missing file fails under CI (see golden-file.ts).

import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import type { KObject } from "../../../lab-engine/api/types.ts";
import { podStatus } from "../node-side/helpers.ts";
import { checkGolden } from "./golden-file.ts";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");

export interface ScenarioOptions {
  seed?: number;
  /** Lines describing the watched state; written whenever they change. */
  state?: (s: Scenario) => string[];
  /** Which events to show (default: every namespace but kube-system, no kubelet events). */
  events?: (e: KObject) => boolean;
}

const defaultEvents = (e: KObject) => e.metadata.namespace !== "kube-system" && e.source?.component !== "kubelet";

export class Scenario {
  readonly sb: Sandbox;
  private readonly lines: string[] = [];
  private readonly t0: number;
  private readonly shown = new Map<string, number>();
  private last: string[] = [];
  /** random name -> placeholder */
  private readonly placeholders = new Map<string, string>();
  private readonly perPrefix = new Map<string, number>();
  /** random names seen in the store, with their generateName */
  private readonly randomNames = new Map<string, string>();

  constructor(private readonly opts: ScenarioOptions = {}) {
    this.sb = Sandbox.create({ seed: opts.seed ?? 1, clock: new VirtualClock() });
    this.t0 = this.sb.cluster.now;
    this.shown = new Map();
    // Events that exist before the scenario starts are not part of it.
    for (const e of this.sb.cluster.store.list("events")) this.shown.set(`${e.metadata.namespace}/${e.metadata.name}`, e.count ?? 1);
  }

  get c(): Cluster {
    return this.sb.cluster;
  }

  private stamp(): string {
    return `+${Math.round((this.c.now - this.t0) / 1000)}s`.padEnd(6);
  }

  note(text: string): void {
    this.lines.push(`${this.stamp()} # ${text}`);
  }

  /** Run a command as typed; records it, its output (unless `quiet`), then what changed. */
  async run(line: string, opts: { quiet?: boolean; exit?: number } = {}): Promise<string> {
    const start = this.stamp();
    const r = await this.sb.run(line);
    assert.equal(r.exitCode, opts.exit ?? 0, `\`${line}\` exited ${r.exitCode}: ${r.stderr}${r.stdout}`);
    // Controllers react to the command's writes at the same instant (as a real cluster does
    // within milliseconds), before anything is recorded.
    this.sb.sync();
    this.learn();
    const shownLine = line.includes("\n") ? `${line.split("\n")[0]} ...` : line;
    this.lines.push(`${start} $ ${this.mask(shownLine)}`);
    if (!opts.quiet) {
      // stdout first, then stderr marked with `!` (the terminal would interleave them).
      for (const l of r.stdout.split("\n").filter((x) => x.length)) this.lines.push(`         ${this.mask(l)}`);
      for (const l of r.stderr.split("\n").filter((x) => x.length)) this.lines.push(`       ! ${this.mask(l)}`);
    }
    this.record();
    return r.stdout + r.stderr;
  }

  /** Apply a manifest through a heredoc, as a learner pastes YAML. */
  async apply(yaml: string, flags = ""): Promise<string> {
    return this.run(`kubectl apply ${flags}${flags ? " " : ""}-f - <<'EOF'\n${yaml.replace(/\n?$/, "\n")}EOF`);
  }

  /** Let `seconds` of virtual time pass in steps, recording changes after each step. */
  async wait(seconds: number, step = 1): Promise<void> {
    for (let done = 0; done < seconds; done += step) {
      await this.sb.sleepFor(Math.min(step, seconds - done) * 1000);
      this.record();
    }
  }

  /** Wait (in steps) until `cond` holds; fails after `limit` seconds. */
  async waitFor(cond: (s: Scenario) => boolean, limit = 600, step = 1): Promise<void> {
    for (let done = 0; !cond(this); done += step) {
      assert.ok(done < limit, `condition not reached in ${limit}s`);
      await this.sb.sleepFor(step * 1000);
      this.record();
    }
  }

  /** The stable placeholder form of a (possibly random) object name. */
  name(n: string): string {
    const prefix = this.randomNames.get(n);
    if (prefix === undefined) return n;
    let p = this.placeholders.get(n);
    if (!p) {
      const k = (this.perPrefix.get(prefix) ?? 0) + 1;
      this.perPrefix.set(prefix, k);
      p = `${prefix}<${k}>`;
      this.placeholders.set(n, p);
    }
    return p;
  }

  /** The real name behind a placeholder (`web-<2>`), to type it in a command. */
  real(placeholder: string): string {
    for (const [n, p] of this.placeholders) if (p === placeholder) return n;
    throw new Error(`no object is ${placeholder} yet`);
  }

  mask(text: string): string {
    return text
      .replace(/\b[a-z0-9][a-z0-9.-]*-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, (m) => this.name(m))
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uid>");
  }

  private learn(): void {
    for (const plural of ["pods", "jobs", "replicasets", "persistentvolumes", "secrets", "endpointslices"]) {
      for (const o of this.c.store.list(plural)) {
        const g = o.metadata.generateName;
        if (g && o.metadata.name.length === g.length + 5 && o.metadata.name.startsWith(g)) this.randomNames.set(o.metadata.name, g);
      }
    }
  }

  private record(): void {
    this.learn();
    const stamp = this.stamp();
    const filter = this.opts.events ?? defaultEvents;
    const fresh = this.c.store
      .list("events")
      .filter((e) => this.shown.get(`${e.metadata.namespace}/${e.metadata.name}`) !== (e.count ?? 1))
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    const out: string[] = [];
    for (const e of fresh) {
      this.shown.set(`${e.metadata.namespace}/${e.metadata.name}`, e.count ?? 1);
      if (!filter(e)) continue;
      const ns = e.involvedObject.namespace && e.involvedObject.namespace !== "default" ? `${e.involvedObject.namespace}/` : "";
      const count = (e.count ?? 1) > 1 ? ` (x${e.count})` : "";
      out.push(`         event ${e.involvedObject.kind}/${ns}${this.mask(e.involvedObject.name)} ${e.type} ${e.reason} ${e.source?.component ?? e.reportingComponent}${count}: ${this.mask(e.message ?? e.note ?? "")}`);
    }
    const state = this.opts.state ? this.opts.state(this).map((l) => this.mask(l)) : [];
    const changed = state.join("\n") !== this.last.join("\n");
    if (out.length || changed) {
      if (changed) {
        this.lines.push(`${stamp} state:`);
        for (const l of state) this.lines.push(`         ${l}`);
        if (!state.length) this.lines.push("         (nothing)");
      } else this.lines.push(stamp.trimEnd());
      this.lines.push(...out);
      this.last = state;
    }
  }

  check(name: string): void {
    checkGolden(DIR, name, this.lines.join("\n") + "\n");
  }

  // ---------- state helpers ----------

  /** `pod <name> <STATUS> <ready>/<n> <node>` for pods (optionally by name prefix), in creation order. */
  pods(prefix = "", ns = "default"): string[] {
    const ps = this.c.store.list("pods", ns).filter((p) => p.metadata.name.startsWith(prefix));
    const keyed = ps.map((p) => ({ p, n: this.name(p.metadata.name) }));
    keyed.sort((a, b) => (a.p.metadata.creationTimestamp ?? "").localeCompare(b.p.metadata.creationTimestamp ?? "") || natural(a.n, b.n));
    return keyed.map(({ p, n }) => {
      const total = (p.spec.containers ?? []).length;
      const ready = (p.status?.containerStatuses ?? []).filter((x: any) => x.ready).length;
      const status = p.metadata.deletionTimestamp ? "Terminating" : podStatus(p);
      return `pod ${n} ${status} ${ready}/${total} ${p.spec.nodeName ?? "<none>"}`;
    });
  }

  get(plural: string, name: string, ns = "default"): KObject | undefined {
    return this.c.api.tryGet(plural, ns, name);
  }
}

function natural(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** `type=status(reason)` for each condition. */
export function conds(o: KObject | undefined): string {
  return (o?.status?.conditions ?? []).map((k: any) => `${k.type}=${k.status}${k.reason ? `(${k.reason})` : ""}`).join(",");
}
