// Socket.IO namespace /terminal: authenticated from the next-auth session cookie at the
// handshake; a socket attaches to the caller's own sandbox for one lab at a time.
import type { Server, Socket } from "socket.io";
import { userFromCookieHeader, type TokenUser } from "../auth/token-from-cookie.ts";
import { originAllowed } from "./check-origin.ts";
import { OutputFlow } from "./output-flow.ts";
import { PerUserLimiter } from "./rate-limit.ts";
import { SandboxElsewhereError, type SandboxRegistry, type HostedSandbox, type Listener } from "../sandbox-host/sandbox-registry.ts";
import type { LabInfo } from "../sandbox-host/sandbox-types.ts";

export const MAX_INPUT_BYTES = 64 * 1024;
const LAB_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_EDITOR_BYTES = 512 * 1024;

const msg = {
  tooLarge: "\r\n\x1b[31m[입력이 너무 깁니다. 한 번에 64KiB까지 보낼 수 있습니다]\x1b[0m\r\n",
  rateLimited: "\r\n\x1b[31m[입력이 너무 빠릅니다. 잠시 후 다시 입력하세요]\x1b[0m\r\n",
};

export function setupTerminalNamespace(
  io: Server,
  registry: SandboxRegistry,
  opts: { secret: string; allowedOrigins: string[] },
) {
  const nsp = io.of("/terminal");
  const limiter = new PerUserLimiter();

  nsp.use(async (socket, next) => {
    const h = socket.request.headers;
    if (!originAllowed(h.origin, h.host, opts.allowedOrigins)) return next(new Error("forbidden-origin"));
    try {
      const user = await userFromCookieHeader(h.cookie, opts.secret);
      if (!user) return next(new Error("unauthenticated"));
      socket.data.user = user;
      next();
    } catch {
      next(new Error("unauthenticated"));
    }
  });

  nsp.on("connection", (socket: Socket) => {
    const user = socket.data.user as TokenUser;
    let hosted: HostedSandbox | undefined;
    let listener: Listener | undefined;
    let flow: OutputFlow | undefined;
    let lastNotice = 0;
    let attachSeq = 0;

    const notice = (text: string) => {
      const t = Date.now();
      if (t - lastNotice < 1000) return;
      lastNotice = t;
      flow?.write(text);
    };

    const detach = () => {
      if (hosted && listener) hosted.removeListener(listener);
      flow?.close();
      hosted = undefined;
      listener = undefined;
      flow = undefined;
    };

    socket.on("attach", async (payload: unknown, ack?: (r: unknown) => void) => {
      const labId = (payload as any)?.labId;
      if (typeof labId !== "string" || !LAB_ID.test(labId)) {
        ack?.({ ok: false, error: "잘못된 실습 ID입니다." });
        return;
      }
      detach();
      const seq = ++attachSeq;
      socket.emit("status", { state: "attaching", labId });
      try {
        const h = await registry.getOrCreate(user.id, labId);
        // Disconnected, or a newer attach superseded this one while the sandbox was loading.
        if (!socket.connected || seq !== attachSeq) return;
        const f = new OutputFlow((data, done) => socket.emit("output", data, done));
        const l: Listener = {
          output: (d) => f.write(d),
          event: (ev) => {
            if (ev.type === "editor-open") socket.emit("editor-open", { path: ev.path, content: ev.content });
            else if (ev.type === "editor-close") socket.emit("editor-close", { path: ev.path });
            else if (ev.type === "cluster-changed") socket.emit("status", { state: "attached", labId, clusterChanged: true });
          },
        };
        hosted = h;
        listener = l;
        flow = f;
        // Repaint what the terminal showed before (reload, reconnect, restart).
        f.write(h.scrollback.text());
        h.addListener(l);
        let lab: LabInfo | null = null;
        try {
          lab = registry.engine.labInfo?.(h.sb, labId) ?? null;
        } catch (e) {
          console.warn(`[terminal] lab info for ${labId} failed`, (e as Error).message);
        }
        socket.emit("status", {
          state: "attached",
          labId,
          engine: registry.engine.engineAvailable,
          grading: Boolean(registry.engine.gradeLab && lab),
          lab,
        });
        ack?.({ ok: true });
      } catch (e) {
        if (e instanceof SandboxElsewhereError) {
          ack?.({ ok: false, error: e.message, code: e.code });
          return;
        }
        console.error("[terminal] attach failed", e);
        ack?.({ ok: false, error: "실습 환경을 열지 못했습니다." });
      }
    });

    socket.on("input", (data: unknown) => {
      if (!hosted || typeof data !== "string") return;
      if (Buffer.byteLength(data) > MAX_INPUT_BYTES) return notice(msg.tooLarge);
      if (!limiter.allow(user.id)) return notice(msg.rateLimited);
      try {
        hosted.input(data);
        // The echo of a keystroke goes out in the same turn as the keystroke came in.
        flow?.flushNow();
      } catch (e) {
        console.error("[terminal] input failed", e);
      }
    });

    socket.on("resize", (size: unknown) => {
      const cols = Number((size as any)?.cols);
      const rows = Number((size as any)?.rows);
      if (!hosted || !Number.isInteger(cols) || !Number.isInteger(rows)) return;
      if (cols < 10 || cols > 500 || rows < 2 || rows > 200) return;
      const h = hosted;
      h.quietly(() => h.sb.resize(cols, rows));
    });

    socket.on("editor-save", (payload: unknown, ack?: (r: unknown) => void) => {
      const p = payload as any;
      // content null/absent = closed without saving (like :q!).
      const content = typeof p?.content === "string" ? p.content : undefined;
      if (!hosted || typeof p?.path !== "string" || (p?.content != null && content === undefined)) return ack?.({ ok: false });
      if (content && content.length > MAX_EDITOR_BYTES) return ack?.({ ok: false, error: "파일이 너무 큽니다." });
      try {
        hosted.sb.saveEditor?.(p.path, content as string);
        hosted.markDirty();
        ack?.({ ok: true });
      } catch (e) {
        console.error("[terminal] editor-save failed", e);
        ack?.({ ok: false, error: "저장하지 못했습니다." });
      }
    });

    socket.on("reset", async (p: unknown, cb?: (r: unknown) => void) => {
      const ack = typeof p === "function" ? (p as (r: unknown) => void) : cb;
      if (!hosted) return ack?.({ ok: false });
      try {
        await registry.reset(user.id, hosted.labId);
        ack?.({ ok: true });
      } catch (e) {
        console.error("[terminal] reset failed", e);
        ack?.({ ok: false, error: "초기화하지 못했습니다." });
      }
    });

    socket.on("disconnect", detach);
  });
  return nsp;
}
