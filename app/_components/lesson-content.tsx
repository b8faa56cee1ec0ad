"use client";
// Server-rendered lesson HTML plus the two client behaviours it needs: "실행" buttons that send
// a command to the terminal, and mermaid diagrams drawn in the browser from the bundled package.
import { useEffect, useRef } from "react";

export const RUN_EVENT = "kubelab:run";

export default function LessonContent({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onClick = (e: MouseEvent) => {
      const btn = (e.target as HTMLElement).closest<HTMLElement>("[data-run]");
      if (!btn) return;
      window.dispatchEvent(new CustomEvent(RUN_EVENT, { detail: btn.dataset.run ?? "" }));
    };
    el.addEventListener("click", onClick);
    return () => el.removeEventListener("click", onClick);
  }, []);

  useEffect(() => {
    const blocks = ref.current?.querySelectorAll<HTMLElement>("pre.mermaid:not([data-processed])");
    if (!blocks?.length) return;
    let cancelled = false;
    (async () => {
      const mermaid = (await import("mermaid")).default;
      if (cancelled) return;
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
      try {
        await mermaid.run({ nodes: Array.from(blocks) });
      } catch (e) {
        console.warn("mermaid", e);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [html]);

  return <div ref={ref} className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
