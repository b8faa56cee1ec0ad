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
      // The registry's `codemirror` meta package is CodeMirror 5, so assemble the setup from @codemirror/*.
      const [cm, commands, language, { yaml }] = await Promise.all([
        import("@codemirror/view"),
        import("@codemirror/commands"),
        import("@codemirror/language"),
        import("@codemirror/lang-yaml"),
      ]);
      if (disposed || !host.current) return;
      const v = new cm.EditorView({
        doc: file.content,
        parent: host.current,
        extensions: [
          cm.lineNumbers(),
          cm.highlightActiveLine(),
          cm.drawSelection(),
          commands.history(),
          language.indentOnInput(),
          language.bracketMatching(),
          language.syntaxHighlighting(language.defaultHighlightStyle, { fallback: true }),
          cm.keymap.of([...commands.defaultKeymap, ...commands.historyKeymap, commands.indentWithTab]),
          yaml(),
        ],
      });
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
