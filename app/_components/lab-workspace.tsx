"use client";
// The lab beside a lesson: terminal (xterm over Socket.IO /terminal), the YAML editor that
// opens when the sandbox asks for it (vi/kubectl edit), and the lab panel.
import { useCallback, useEffect, useRef, useState } from "react";
import TerminalPane, { type TerminalHandle } from "./terminal-pane.tsx";
import EditorPane from "./editor-pane.tsx";
import LabPanel from "./lab-panel.tsx";
import { RUN_EVENT } from "./lesson-content.tsx";

export type ConnState = "connecting" | "attached" | "reconnecting" | "disconnected" | "unauthenticated" | "error";
export type EditorFile = { path: string; content: string };
export type LabInfo = { id: string; title: string; intro: string; tasks: { id: string; title: string; description: string; hints: string[] }[] };

const stateLabel: Record<ConnState, string> = {
  connecting: "연결 중…",
  attached: "연결됨",
  reconnecting: "재연결 중…",
  disconnected: "연결 끊김",
  unauthenticated: "로그인이 필요합니다",
  error: "연결 오류",
};

export default function LabWorkspace({ labIds }: { labIds: string[] }) {
  const [labId, setLabId] = useState(labIds[0]);
  const term = useRef<TerminalHandle>(null);
  const [state, setState] = useState<ConnState>("connecting");
  const [grading, setGrading] = useState(false);
  const [engine, setEngine] = useState<boolean | null>(null);
  const [lab, setLab] = useState<LabInfo | null>(null);
  const [editor, setEditor] = useState<EditorFile | null>(null);

  useEffect(() => {
    const onRun = (e: Event) => {
      const cmd = String((e as CustomEvent).detail ?? "");
      if (cmd) term.current?.run(cmd);
    };
    window.addEventListener(RUN_EVENT, onRun);
    return () => window.removeEventListener(RUN_EVENT, onRun);
  }, []);

  const onStatus = useCallback((s: ConnState, info?: { grading?: boolean; engine?: boolean; lab?: LabInfo | null }) => {
    setState(s);
    if (info?.grading !== undefined) setGrading(info.grading);
    if (info?.engine !== undefined) setEngine(info.engine);
    if (info?.lab !== undefined) setLab(info.lab);
  }, []);

  return (
    <aside className="workspace" data-testid="workspace" data-engine={engine === null ? undefined : String(engine)}>
      <div className="workspace-bar">
        <span>
          실습 터미널 ·{" "}
          {labIds.length > 1 ? (
            <select aria-label="실습 선택" value={labId} onChange={(e) => setLabId(e.target.value)}>
              {labIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          ) : (
            labId
          )}
        </span>
        <span className={`conn conn-${state}`} data-testid="conn-state" data-state={state}>
          {stateLabel[state]}
        </span>
      </div>
      <div className="terminal-area">
        <TerminalPane ref={term} labId={labId} onStatus={onStatus} onEditorOpen={setEditor} />
        {editor && (
          <EditorPane
            file={editor}
            onClose={(content) => {
              term.current?.saveEditor(editor.path, content);
              setEditor(null);
              term.current?.focus();
            }}
          />
        )}
      </div>
      <LabPanel key={labId} labId={labId} lab={lab} grading={grading} onReset={() => term.current?.reset()} />
    </aside>
  );
}
