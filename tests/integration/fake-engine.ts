// A minimal engine double for registry tests: echoes input and snapshots what it has seen.
import type { SandboxFactory, SandboxLike, SandboxEvent } from "../../server/sandbox-host/sandbox-types.ts";

export function fakeSandbox(state: { lines: string[] } = { lines: [] }): SandboxLike & { state: { lines: string[] } } {
  const outs: ((d: string) => void)[] = [];
  const evs: ((e: SandboxEvent) => void)[] = [];
  let buf = "";
  return {
    state,
    input(d) {
      for (const ch of d) {
        if (ch === "\r") {
          state.lines.push(buf);
          outs.forEach((cb) => cb(`\r\nran: ${buf}\r\n$ `));
          if (buf.startsWith("vi ")) evs.forEach((cb) => cb({ type: "editor-open", path: buf.slice(3), content: "a: 1\n" }));
          buf = "";
        } else {
          buf += ch;
          outs.forEach((cb) => cb(ch));
        }
      }
    },
    onOutput: (cb) => outs.push(cb),
    onEvent: (cb) => evs.push(cb),
    resize() {},
    snapshot: () => ({ lines: [...state.lines] }),
    reset() {
      state.lines = [];
    },
    start: () => outs.forEach((cb) => cb("$ ")),
  };
}

export const fakeEngine: SandboxFactory = {
  engineAvailable: true,
  create: () => fakeSandbox(),
  restore: (snap: any) => fakeSandbox({ lines: [...(snap?.lines ?? [])] }),
};
