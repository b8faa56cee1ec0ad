// `npm run sandbox`: the same sandbox as the web terminal, in your own terminal.
//   npm run sandbox                          interactive (raw mode, line editing, completion)
//   npm run sandbox -- --jsonl [--virtual-clock]   {"input": "..."} per line -> one JSON result line
//   npm run sandbox -- --lab <id>            start from a lab's initial state
//   --seed N                                 deterministic randomness (default 1)
// This is the only engine file with host I/O (stdin/stdout, $EDITOR, temp files).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { RealClock, VirtualClock, type Clock } from "../clock/clock.ts";
import { Sandbox } from "../sandbox/sandbox.ts";
import { prepareLab } from "./lab-loader.ts";
import "./lab-files.ts";

interface Args {
  jsonl: boolean;
  virtual: boolean;
  lab?: string;
  seed: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { jsonl: false, virtual: false, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--jsonl") a.jsonl = true;
    else if (x === "--virtual-clock") a.virtual = true;
    else if (x === "--lab") a.lab = argv[++i];
    else if (x.startsWith("--lab=")) a.lab = x.slice(6);
    else if (x === "--seed") a.seed = Number(argv[++i]);
    else if (x === "--help" || x === "-h") {
      process.stdout.write("usage: npm run sandbox -- [--jsonl] [--virtual-clock] [--lab ID] [--seed N]\n");
      process.exit(0);
    } else {
      process.stderr.write(`sandbox: unknown option ${x}\n`);
      process.exit(2);
    }
  }
  return a;
}

async function makeSandbox(args: Args, clock: Clock): Promise<Sandbox> {
  if (args.lab) {
    const setup = await prepareLab(args.lab);
    return Sandbox.create({ seed: args.seed, clock, setup, labId: args.lab });
  }
  return Sandbox.create({ seed: args.seed, clock });
}

async function runJsonl(args: Args): Promise<void> {
  const clock: Clock = args.virtual ? new VirtualClock() : new RealClock(() => Date.now(), (cb, ms) => setTimeout(cb, ms), (h) => clearTimeout(h as any));
  const sb = await makeSandbox(args, clock);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Inputs are handled strictly in order, one result line each.
  let chain = Promise.resolve();
  rl.on("line", (line) => {
    chain = chain.then(async () => {
      if (!line.trim()) return;
      let input: string;
      try {
        const msg = JSON.parse(line);
        input = String(msg.input ?? "");
      } catch {
        process.stdout.write(JSON.stringify({ stdout: "", stderr: "sandbox: invalid JSON input line\n", exitCode: 2 }) + "\n");
        return;
      }
      let res;
      try {
        res = await sb.run(input);
      } catch (e) {
        res = { stdout: "", stderr: `sandbox: ${(e as Error).message}\n`, exitCode: 1 };
      }
      process.stdout.write(JSON.stringify(res) + "\n");
    });
  });
  rl.on("close", () => {
    chain.then(() => process.exit(0));
  });
}

async function runInteractive(args: Args): Promise<void> {
  const clock: Clock = args.virtual ? new VirtualClock() : new RealClock(() => Date.now(), (cb, ms) => setTimeout(cb, ms), (h) => clearTimeout(h as any));
  const sb = await makeSandbox(args, clock);
  sb.externalEditor = async (path, content) => {
    const dir = mkdtempSync(join(tmpdir(), "kubelab-"));
    const file = join(dir, path.split("/").pop() || "file");
    writeFileSync(file, content);
    const editor = process.env.EDITOR || process.env.VISUAL || "vi";
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    spawnSync(editor, [file], { stdio: "inherit" });
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    const saved = readFileSync(file, "utf8");
    rmSync(dir, { recursive: true, force: true });
    return saved === content ? undefined : saved;
  };
  sb.onOutput((d) => process.stdout.write(d));
  sb.onEvent((ev) => {
    if (ev.type === "exit") process.exit(0);
  });
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding("utf8");
  const resize = () => sb.resize(process.stdout.columns || 80, process.stdout.rows || 24);
  resize();
  process.stdout.on("resize", resize);
  sb.start();
  process.stdin.on("data", (d: string) => sb.input(d));
  process.stdin.on("end", () => process.exit(0));
  setInterval(() => sb.tick(), 1000).unref();
}

const args = parseArgs(process.argv.slice(2));
(args.jsonl ? runJsonl(args) : runInteractive(args)).catch((e) => {
  process.stderr.write(`sandbox: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
