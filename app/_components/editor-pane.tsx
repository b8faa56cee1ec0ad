"use client";
// CodeMirror 6 YAML editor for files the sandbox opens (vi, kubectl edit). Saving sends the
// text back through the terminal socket, which completes the pending editor in the sandbox.
import { useEffect, useRef } from "react";
import type { EditorFile } from "./lab-workspace.tsx";

export default function EditorPane({ file, onClose }: { file: EditorFile; onClose(content: string | null): void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<{ state: { doc: { toString(): string } }; destroy(): void } | null>(null);

  useEffect(() => {
    let disposed = false;
    (async () => {
      const [{ EditorView, basicSetup }, { yaml }] = await Promise.all([import("codemirror"), import("@codemirror/lang-yaml")]);
      if (disposed || !host.current) return;
      const v = new EditorView({ doc: file.content, extensions: [basicSetup, yaml()], parent: host.current });
      view.current = v;
      v.focus();
    })();
    return () => {
      disposed = true;
      view.current?.destroy();
      view.current = null;
    };
  }, [file]);

  return (
    <div className="editor-pane" data-testid="editor">
      <div className="editor-bar">
        <span>편집기 · {file.path}</span>
        <span>
          <button type="button" onClick={() => onClose(view.current?.state.doc.toString() ?? file.content)}>
            저장하고 닫기
          </button>{" "}
          <button type="button" className="secondary" onClick={() => onClose(null)}>
            저장하지 않고 닫기
          </button>
        </span>
      </div>
      <div ref={host} className="editor-host" />
    </div>
  );
}
