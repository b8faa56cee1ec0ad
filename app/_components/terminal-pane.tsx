"use client";
// xterm.js bound to the learner's sandbox. xterm and socket.io-client touch `window` when
// imported, so they load inside the effect (stack-notes gotcha 25); `disposed` guards React
// StrictMode's double effect. Socket.IO reconnects by itself; every (re)connect re-attaches
// to the same sandbox, and the server repaints the scrollback, so the screen is cleared first.
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import "@xterm/xterm/css/xterm.css";
import type { ConnState, EditorFile, LabInfo } from "./lab-workspace.tsx";

export type TerminalHandle = {
  run(command: string): void;
  saveEditor(path: string, content: string | null): void;
  reset(): void;
  focus(): void;
};

type Props = {
  labId: string;
  onStatus(state: ConnState, info?: { grading?: boolean; engine?: boolean; lab?: LabInfo | null }): void;
  onEditorOpen(file: EditorFile | null): void;
};

const TerminalPane = forwardRef<TerminalHandle, Props>(function TerminalPane({ labId, onStatus, onEditorOpen }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const api = useRef<TerminalHandle | null>(null);

  useImperativeHandle(ref, () => ({
    run: (c) => api.current?.run(c),
    saveEditor: (p, c) => api.current?.saveEditor(p, c),
    reset: () => api.current?.reset(),
    focus: () => api.current?.focus(),
  }));

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    (async () => {
      const [{ Terminal }, { FitAddon }, { io }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
        import("socket.io-client"),
      ]);
      if (disposed || !host.current) return;
      const term = new Terminal({
        cursorBlink: true,
        fontSize: 14,
        fontFamily: '"D2Coding", "Noto Sans Mono CJK KR", Menlo, Consolas, monospace',
        scrollback: 5000,
        theme: { background: "#1e1e2e", foreground: "#e6e6e6" },
        convertEol: false,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host.current);
      fit.fit();

      const socket = io("/terminal", { path: "/socket.io", transports: ["websocket"], reconnectionDelayMax: 5000 });
      const attach = () => {
        term.reset();
        socket.emit("attach", { labId }, (r: { ok: boolean; error?: string }) => {
          if (!r?.ok) {
            onStatus("error");
            term.write(`\r\n\x1b[31m${r?.error ?? "실습 환경을 열지 못했습니다."}\x1b[0m\r\n`);
            return;
          }
          socket.emit("resize", { cols: term.cols, rows: term.rows });
        });
      };
      socket.on("connect", () => {
        onStatus("connecting");
        attach();
      });
      socket.on("status", (s: { state: string; grading?: boolean; engine?: boolean; lab?: LabInfo | null; clusterChanged?: boolean }) => {
        if (s.state === "attached" && !s.clusterChanged) onStatus("attached", { grading: s.grading, engine: s.engine, lab: s.lab });
      });
      socket.on("output", (data: string, ack?: () => void) => {
        // Acknowledge after xterm has parsed the chunk: the server's flow control waits on it.
        term.write(data, () => ack?.());
      });
      socket.on("editor-open", (f: EditorFile) => onEditorOpen(f));
      socket.on("editor-close", () => onEditorOpen(null));
      socket.on("disconnect", (reason) => onStatus(reason === "io client disconnect" ? "disconnected" : "reconnecting"));
      socket.on("connect_error", (err) => onStatus(err.message === "unauthenticated" ? "unauthenticated" : "reconnecting"));
      socket.io.on("reconnect_attempt", () => onStatus("reconnecting"));

      term.onData((d) => socket.emit("input", d));
      term.attachCustomKeyEventHandler((e) => {
        // Ctrl+Shift+C / Ctrl+Shift+V: copy and paste like a desktop terminal (Ctrl+C stays SIGINT).
        if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
        if (e.code === "KeyC") {
          const sel = term.getSelection();
          if (sel) void navigator.clipboard?.writeText(sel);
          return false;
        }
        if (e.code === "KeyV") {
          void navigator.clipboard?.readText().then((t) => t && term.paste(t));
          return false;
        }
        return true;
      });

      let resizeTimer: ReturnType<typeof setTimeout> | undefined;
      const ro = new ResizeObserver(() => {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(() => {
          fit.fit();
          if (socket.connected) socket.emit("resize", { cols: term.cols, rows: term.rows });
        }, 50);
      });
      ro.observe(host.current);

      api.current = {
        run(command) {
          // One line at a time, as if typed and Enter pressed.
          const text = command.replace(/\r?\n/g, "\r");
          socket.emit("input", text + "\r");
          term.focus();
        },
        saveEditor(path, content) {
          socket.emit("editor-save", { path, content });
        },
        reset() {
          socket.emit("reset", {}, () => term.focus());
        },
        focus: () => term.focus(),
      };
      term.focus();
      cleanup = () => {
        ro.disconnect();
        socket.close();
        term.dispose();
        api.current = null;
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, [labId, onStatus, onEditorOpen]);

  return <div ref={host} className="terminal" data-testid="terminal" />;
});

export default TerminalPane;
