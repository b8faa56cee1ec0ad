// Lab definitions as data: the zod schema of content/labs/<id>.yaml, parsing, seeded
// parameters and their substitution ({{name}} anywhere in the lab's strings).

import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { Rng } from "../util/rng.ts";

const str = z.string().min(1);
const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** Text that a numeric parameter may fill ({{replicas}} as a whole value stays a number). */
const text = z.union([z.string(), z.number()]).transform(String);
/** Expected value of a field: a literal (compared as text), or {regex}, or {absent: true}, or {contains}. */
export const Expected = z.union([
  scalar,
  z.null(),
  z.object({ regex: str }).strict(),
  z.object({ absent: z.literal(true) }).strict(),
  z.object({ contains: scalar }).strict(),
  z.object({ gte: z.number() }).strict(),
  /** The value, or no value at all where the API server would default to it. */
  z.object({ default: scalar }).strict(),
]);
export type Expected = z.infer<typeof Expected>;

const base = {
  id: str,
  /** What this check verifies, in Korean (shown in the result list). */
  title: z.string().optional(),
  /** Korean hint shown when this check fails. */
  hint: z.string().optional(),
};
const target = {
  namespace: z.string().optional(),
  /** Kubeconfig context whose cluster to read (default: the sandbox's current cluster). */
  cluster: z.string().optional(),
};

export const ExistsCheck = z.object({
  ...base, ...target,
  kind: z.literal("exists"),
  resource: str,
  name: z.string().optional(),
  selector: z.string().optional(),
  /** Paths such as spec.template.spec.containers[name=web].image or metadata.labels.app. */
  fields: z.record(z.string(), Expected).optional(),
  /** true: the object must NOT exist. */
  absent: z.boolean().optional(),
}).strict();

export const PodReadyCheck = z.object({
  ...base, ...target,
  kind: z.literal("podReady"),
  name: z.string().optional(),
  selector: z.string().optional(),
  /** At least this many Running and Ready pods (default 1). */
  count: z.number().int().min(0).optional(),
  /** Exactly `count` (default: at least). */
  exact: z.boolean().optional(),
  /** Also require 0 restarts in the ready pods' current containers? No: restarts must not grow beyond this. */
  maxRestarts: z.number().int().optional(),
}).strict();

export const ServiceEndpointsCheck = z.object({
  ...base, ...target,
  kind: z.literal("serviceEndpoints"),
  service: str,
  /** At least this many ready endpoint addresses (default 1). */
  min: z.number().int().min(0).optional(),
  /** Exactly this many ready endpoints. */
  exactly: z.number().int().min(0).optional(),
  /** Label selector the endpoint pods must match (each ready endpoint is such a pod). */
  selects: z.string().optional(),
  /** Endpoint port number the Service must target. */
  targetPort: z.number().int().optional(),
  /** Service port that must exist. */
  port: z.number().int().optional(),
}).strict();

export const RolloutCompleteCheck = z.object({
  ...base, ...target,
  kind: z.literal("rolloutComplete"),
  deployment: str,
  revision: z.number().int().optional(),
  image: z.string().optional(),
  replicas: z.number().int().optional(),
}).strict();

export const ContainerImageCheck = z.object({
  ...base, ...target,
  kind: z.literal("containerImage"),
  resource: str,
  name: z.string().optional(),
  selector: z.string().optional(),
  container: z.string().optional(),
  image: str,
}).strict();

export const CountCheck = z.object({
  ...base, ...target,
  kind: z.literal("count"),
  resource: str,
  selector: z.string().optional(),
  /** Only objects whose field paths match (same syntax as exists.fields). */
  where: z.record(z.string(), Expected).optional(),
  expected: z.number().int().optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  allNamespaces: z.boolean().optional(),
}).strict();

export const EventCheck = z.object({
  ...base, ...target,
  kind: z.literal("event"),
  reason: str,
  message: z.string().optional(),
  objectKind: z.string().optional(),
  /** Regex on the involved object's name. */
  objectName: z.string().optional(),
  /** Invert: no such event may exist (after `since`, not used otherwise). */
  absent: z.boolean().optional(),
}).strict();

export const HttpCheck = z.object({
  ...base, ...target,
  kind: z.literal("httpThroughService"),
  service: z.string().optional(),
  port: z.number().int().optional(),
  /** Route through an Ingress (host/path) instead of naming the Service. */
  ingress: z.object({ name: z.string().optional(), host: z.string().optional() }).strict().optional(),
  path: z.string().optional(),
  /** Regex the body must match. */
  expect: str,
  status: z.number().int().optional(),
}).strict();

export const CommandCheck = z.object({
  ...base,
  kind: z.literal("command"),
  run: str,
  expect: text.optional(),
  regex: z.string().optional(),
  exitCode: z.number().int().optional(),
}).strict();

export const CanICheck = z.object({
  ...base,
  kind: z.literal("canI"),
  as: str,
  verb: str,
  resource: str,
  namespace: z.string().optional(),
  expect: z.boolean(),
}).strict();

export const FileContainsCheck = z.object({
  ...base,
  kind: z.literal("fileContains"),
  path: str,
  contains: z.string().optional(),
  regex: z.string().optional(),
}).strict();

export const Check = z.discriminatedUnion("kind", [
  ExistsCheck, PodReadyCheck, ServiceEndpointsCheck, RolloutCompleteCheck, ContainerImageCheck,
  CountCheck, EventCheck, HttpCheck, CommandCheck, CanICheck, FileContainsCheck,
]);
export type Check = z.infer<typeof Check>;

export const Param = z.union([
  z.object({ choices: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  z.object({ range: z.tuple([z.number().int(), z.number().int()]) }).strict(),
]);

export const NodeSpecSchema = z.object({
  name: str,
  controlPlane: z.boolean().optional(),
  cpu: z.string().optional(),
  memory: z.string().optional(),
  pods: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  taints: z.array(z.object({ key: str, value: z.string().optional(), effect: str }).strict()).optional(),
}).strict();

export const Task = z.object({
  id: str,
  title: str,
  description: z.string().optional(),
  hints: z.array(z.string()).default([]),
  checks: z.array(Check).min(1),
  solution: z.array(z.string()).min(1),
  /** Seconds of sandbox time that pass after the solution before grading (default 30). */
  settle: z.number().optional(),
  wrong: z.array(z.object({ commands: z.array(z.string()).min(1), failsCheck: str, note: z.string().optional() }).strict()).min(1),
  /** Other correct ways (imperative vs declarative...): each must pass the task too. */
  alternatives: z.array(z.object({ commands: z.array(z.string()).min(1), note: z.string().optional() }).strict()).default([]),
}).strict();
export type Task = z.infer<typeof Task>;

export const Lab = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: str,
  lesson: str,
  version: z.union([z.string(), z.number()]).optional(),
  estimatedMinutes: z.number().optional(),
  params: z.record(z.string(), Param).default({}),
  setup: z.object({
    topology: z.object({ nodes: z.array(NodeSpecSchema).min(1) }).strict().optional(),
    commands: z.array(z.string()).default([]),
    files: z.record(z.string(), z.string()).default({}),
    advance: z.number().default(60),
  }).strict().default({ commands: [], files: {}, advance: 60 }),
  intro: z.string().optional(),
  tasks: z.array(Task).min(1),
  explanation: str,
}).strict().superRefine((lab, ctx) => {
  const ids = new Set<string>();
  for (const t of lab.tasks) {
    if (ids.has(t.id)) ctx.addIssue({ code: "custom", message: `duplicate task id ${t.id}` });
    ids.add(t.id);
    const cids = new Set(t.checks.map((c) => c.id));
    if (cids.size !== t.checks.length) ctx.addIssue({ code: "custom", message: `task ${t.id}: duplicate check ids` });
    for (const w of t.wrong) if (!cids.has(w.failsCheck)) ctx.addIssue({ code: "custom", message: `task ${t.id}: wrong answer names unknown check ${w.failsCheck}` });
  }
});
export type Lab = z.infer<typeof Lab> & { /** The data as written, placeholders intact. */ source?: unknown };
export type LabParams = Record<string, string | number>;

/** Parse and validate a lab YAML text. Throws an Error listing every schema problem. */
export function parseLab(yamlText: string): Lab {
  return labFromData(parseYaml(yamlText));
}

function validate(data: unknown): z.infer<typeof Lab> {
  const r = Lab.safeParse(data);
  if (!r.success) {
    const msgs = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`invalid lab: ${msgs.join("; ")}`);
  }
  return r.data;
}

/** Validate already-parsed data (placeholders are checked with every parameter at its first value). */
export function labFromData(data: unknown): Lab {
  const params = (data && typeof data === "object" ? (data as any).params : undefined) ?? {};
  const first: LabParams = {};
  for (const [k, p] of Object.entries(params as Record<string, any>)) first[k] = p?.choices ? p.choices[0] : Array.isArray(p?.range) ? p.range[0] : "";
  const lab: Lab = validate(subst(data, first));
  lab.source = data;
  return lab;
}

/** Seeded parameter values: same lab and seed, same values. */
export function pickParams(lab: Lab, seed: number): LabParams {
  const rng = new Rng((seed ^ 0x5bd1e995) >>> 0);
  const out: LabParams = {};
  for (const name of Object.keys(lab.params).sort()) {
    const p = lab.params[name];
    if ("choices" in p) out[name] = rng.pick(p.choices);
    else out[name] = p.range[0] + rng.int(p.range[1] - p.range[0] + 1);
  }
  return out;
}

function subst(v: unknown, params: LabParams): unknown {
  if (typeof v === "string") {
    // A string that is exactly one placeholder keeps the parameter's type (numbers stay numbers).
    const whole = /^\{\{\s*([A-Za-z_][\w]*)\s*\}\}$/.exec(v);
    if (whole && whole[1] in params) return params[whole[1]];
    return v.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  }
  if (Array.isArray(v)) return v.map((x) => subst(x, params));
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[subst(k, params) as string] = subst(x, params);
    return o;
  }
  return v;
}

/** The lab with its parameters filled in everywhere (texts, setup, checks, solutions). */
export function instantiateLab(lab: Lab, params: LabParams): Lab {
  if (!Object.keys(params).length || lab.source === undefined) return lab;
  const out: Lab = validate(subst(lab.source, params));
  out.source = lab.source;
  return out;
}

/** Stable text of a parameter set (template versions, cache keys). */
export function paramsKey(params: LabParams): string {
  return Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join(",");
}
