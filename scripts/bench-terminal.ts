// `npm run bench:terminal -- [--clients 50] [--idle 0] [--commands 10] [--pace 200] [--duration 120]`
// `clients` authenticated Socket.IO clients on loopback type commands key by key (waiting for each
// echo, like a fast typist) into their own sandboxes, one command every `pace` ms; `idle` more
// terminals stay attached and idle. Prints echo latency (key -> echoed byte), command latency
// (Enter -> next prompt), server event-loop delay during the run, RSS per sandbox and the
// machine's load average. `--profile DIR` writes a V8 CPU profile of the server's typing phase.
// The typing phase stops after `duration` seconds; whatever was measured is reported.
import { fork } from "node:child_process";
import os from "node:os";
import { SERVER_NODE_FLAGS } from "./node-flags.mjs";
import { io, type Socket } from "socket.io-client";
import { encode } from "next-auth/jwt";

const argStr = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const arg = (name: string, def: number) => Number(argStr(name) ?? def);
const clients = arg("clients", 50);
const idle = arg("idle", 0);
const commandsPerClient = arg("commands", 10);
const pace = arg("pace", 200);
const durationMs = arg("duration", 120) * 1000;
const profileDir = argStr("profile");
// Connecting and attaching thousands of terminals on a busy machine may take a while.
const SETUP_DEADLINE_MS = 600_000;
let deadline = Date.now() + SETUP_DEADLINE_MS;
const commands = ["kubectl get nodes", "kubectl get pods -A", "echo hello", "kubectl run web --image=nginx", "kubectl get pods -o wide"];
const PROMPT = /\$ $/;
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

const child = fork("scripts/lib/bench-gateway-server.ts", [], {
  execArgv: [...SERVER_NODE_FLAGS, "--import", "tsx", "--expose-gc"], // as `npm start` runs the server
  env: { ...process.env, BENCH_USERS: String(clients + idle), ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}) },
});
// Never leave the server behind (it holds our stdout open).
process.on("exit", () => child.exitCode === null && child.kill());
const ask = (m: string, type: string) =>
  new Promise<any>((r) => {
    const on = (x: any) => x.type === type && (child.off("message", on), r(x));
    child.on("message", on);
    child.send(m);
  });
const ready: any = await new Promise((r) => child.once("message", r));
const base = `http://127.0.0.1:${ready.port}`;
console.log(
  `bench:terminal  clients(typing)=${clients} idle=${idle} connected=${clients + idle} commands=${commandsPerClient} pace=${pace}ms ` +
    `engine=${ready.engine ? "lab-engine" : "FALLBACK"} cores=${os.cpus().length} load=${load()}`,
);

type Client = { s: Socket; out: string; waiters: (() => void)[] };
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "-");

async function connectClient(uid: string): Promise<Client> {
  const token = await encode({ token: { uid, role: "STUDENT" }, secret: ready.secret });
  const s = io(`${base}/terminal`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: `next-auth.session-token=${token}`, origin: base },
  });
  const c: Client = { s, out: "", waiters: [] };
  s.on("output", (d: string, ack?: () => void) => {
    c.out += d;
    ack?.();
    c.waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    s.on("connect_error", reject);
    s.on("connect", () => s.emit("attach", { labId: "bench" }, (r: any) => (r.ok ? resolve() : reject(new Error(r.error)))));
  });
  return c;
}

class Deadline extends Error {}
const waitFor = (c: Client, cond: () => boolean) =>
  new Promise<void>((resolve, reject) => {
    const check = () => {
      if (cond()) return resolve();
      if (Date.now() > deadline) return reject(new Deadline("deadline"));
      c.waiters.push(check);
    };
    check();
  });

const t0 = performance.now();
// Connect in batches so 2,000 handshakes don't all land in the same tick.
const allConns: Client[] = [];
for (let i = 0; i < ready.users.length; i += 200) allConns.push(...(await Promise.all(ready.users.slice(i, i + 200).map(connectClient))));
const conns = allConns.slice(0, clients);
await Promise.all(allConns.map((c) => waitFor(c, () => PROMPT.test(c.out))));
const connectMs = performance.now() - t0;
const afterAttach = await ask("stats", "stats");
// Let the attach burst's snapshot saves drain before measuring.
await new Promise((r) => setTimeout(r, 3000));
await ask("reset", "reset");
const loadBefore = load();

const echo: number[] = [];
const cmd: number[] = [];
let stoppedEarly = false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runStart = performance.now();
deadline = Date.now() + durationMs;
await Promise.all(
  conns.map(async (c, ci) => {
    try {
      await sleep(Math.random() * pace);
      for (let k = 0; k < commandsPerClient && Date.now() < deadline; k++) {
        const line = commands[(k + ci) % commands.length].replace("web", `web-${k}`);
        for (const ch of line) {
          const before = c.out.length;
          const t = performance.now();
          c.s.emit("input", ch);
          await waitFor(c, () => c.out.length > before);
          echo.push(performance.now() - t);
        }
        c.out = "";
        const t = performance.now();
        c.s.emit("input", "\r");
        await waitFor(c, () => c.out.includes("\n") && PROMPT.test(c.out));
        cmd.push(performance.now() - t);
        await sleep(pace);
      }
    } catch (e) {
      if (!(e instanceof Deadline)) throw e;
      stoppedEarly = true;
    }
  }),
);
const runMs = performance.now() - runStart;
const end = await ask("stats", "stats");
allConns.forEach((c) => c.s.close());

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
console.log(`connect+attach ${clients + idle} clients: ${connectMs.toFixed(0)} ms`);
console.log(`echo latency    p50 ${fmt(pct(echo, 50))} ms  p99 ${fmt(pct(echo, 99))} ms  max ${fmt(Math.max(...echo))} ms  (n=${echo.length})`);
console.log(`command latency p50 ${fmt(pct(cmd, 50))} ms  p99 ${fmt(pct(cmd, 99))} ms  max ${fmt(Math.max(...cmd))} ms  (n=${cmd.length})`);
console.log(
  `throughput      ${((echo.length + cmd.length) / (runMs / 1000)).toFixed(0)} messages/s over ${(runMs / 1000).toFixed(1)} s` +
    (stoppedEarly ? `  (stopped at the ${durationMs / 1000} s limit)` : ""),
);
console.log(`event-loop lag  p50 ${end.eld.p50} ms  p99 ${end.eld.p99} ms  max ${end.eld.max} ms`);
console.log(`snapshot saves  ${end.saves - afterAttach.saves} during the run`);
console.log(
  `RSS             baseline ${mb(ready.rss)} MiB, ${afterAttach.sandboxes} sandboxes ${mb(afterAttach.rss)} MiB, after run ${mb(end.rss)} MiB` +
    `  => ${((end.rss - ready.rss) / 1024 / 1024 / Math.max(1, end.sandboxes)).toFixed(2)} MiB per sandbox`,
);
console.log(`load average    before run ${loadBefore}, after ${load()} (1/5/15 min, ${os.cpus().length} cores)`);
// Let the server exit by itself (it writes the CPU profile on exit).
await new Promise((r) => {
  child.once("exit", r);
  child.send("stop");
});
process.exit(0);
