// Stands in for the engine when lab-engine/sandbox cannot be loaded: echoes lines and says, in
// Korean, that the lab environment is unavailable. Keeps the site usable and the gateway testable.
import type { SandboxEvent, SandboxLike } from "./sandbox-types.ts";

export function createFallbackSandbox(): SandboxLike {
  const outs: ((d: string) => void)[] = [];
  const evs: ((e: SandboxEvent) => void)[] = [];
  let line = "";
  const out = (d: string) => outs.forEach((cb) => cb(d));
  const prompt = () => out("controlplane:~$ ");
  return {
    input(data) {
      for (const ch of data) {
        if (ch === "\r" || ch === "\n") {
          out("\r\n");
          if (line.trim()) out(`실습 환경을 불러오지 못했습니다. 잠시 후 다시 시도하세요. (${line.trim()})\r\n`);
          line = "";
          prompt();
        } else if (ch === "\x7f") {
          if (line) {
            line = line.slice(0, -1);
            out("\b \b");
          }
        } else if (ch >= " ") {
          line += ch;
          out(ch);
        }
      }
    },
    onOutput: (cb) => outs.push(cb),
    onEvent: (cb) => evs.push(cb),
    resize() {},
    snapshot: () => ({ fallback: true }),
    reset() {
      line = "";
    },
    start: prompt,
  };
}
