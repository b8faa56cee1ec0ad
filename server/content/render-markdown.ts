// Lesson markdown to HTML, on the server: highlight.js for code, GitHub-style callouts
// (> [!NOTE] / [!TIP] / [!WARNING] / [!IMPORTANT] / [!CAUTION]), tables, mermaid blocks left
// for the client to draw, and a "실행" button on every ```bash block not marked `norun`.
import MarkdownIt from "markdown-it";
import hljs from "highlight.js/lib/common";

const calloutTitles: Record<string, string> = {
  NOTE: "참고",
  TIP: "팁",
  IMPORTANT: "중요",
  WARNING: "주의",
  CAUTION: "경고",
};

function escapeHtml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function highlight(code: string, lang: string): string {
  const l = lang === "sh" || lang === "shell" || lang === "console" ? "bash" : lang;
  if (l && hljs.getLanguage(l)) return hljs.highlight(code, { language: l, ignoreIllegals: true }).value;
  return escapeHtml(code);
}

function calloutPlugin(md: InstanceType<typeof MarkdownIt>) {
  md.core.ruler.after("block", "github-callouts", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "blockquote_open") continue;
      const inline = tokens[i + 2];
      if (tokens[i + 1]?.type !== "paragraph_open" || inline?.type !== "inline") continue;
      const m = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i.exec(inline.content);
      if (!m) continue;
      const kind = m[1].toUpperCase();
      inline.content = inline.content.slice(m[0].length);
      const first = inline.children?.[0];
      if (first?.type === "text") first.content = first.content.replace(/^\[!\w+\]\s*/, "");
      // drop a leading softbreak left behind by "[!NOTE]\n"
      if (inline.children?.[0]?.type === "text" && inline.children[0].content === "" && inline.children[1]?.type === "softbreak") {
        inline.children.splice(0, 2);
      }
      tokens[i].attrSet("class", `callout callout-${kind.toLowerCase()}`);
      tokens[i].meta = { callout: kind };
    }
  });
  const defaultOpen = md.renderer.rules.blockquote_open ?? ((t, i, o, _e, s) => s.renderToken(t, i, o));
  md.renderer.rules.blockquote_open = (tokens, idx, opts, env, self) => {
    const kind = tokens[idx].meta?.callout as string | undefined;
    const open = defaultOpen(tokens, idx, opts, env, self);
    return kind ? `${open}<p class="callout-title">${calloutTitles[kind]}</p>` : open;
  };
}

function fencePlugin(md: InstanceType<typeof MarkdownIt>) {
  md.renderer.rules.fence = (tokens, idx) => {
    const t = tokens[idx];
    const info = t.info.trim().split(/\s+/);
    const lang = (info[0] ?? "").toLowerCase();
    const flags = info.slice(1);
    const code = t.content;
    if (lang === "mermaid") return `<pre class="mermaid">${escapeHtml(code)}</pre>\n`;
    const body = `<pre class="code"><code class="hljs language-${escapeHtml(lang || "text")}">${highlight(code, lang)}</code></pre>`;
    const runnable = (lang === "bash" || lang === "sh" || lang === "shell") && !flags.includes("norun");
    if (!runnable) return `<div class="code-block">${body}</div>\n`;
    const command = code.replace(/\n+$/, "");
    return (
      `<div class="code-block runnable">${body}` +
      `<button type="button" class="run-button" data-run="${escapeHtml(command)}">▶ 실행</button></div>\n`
    );
  };
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(calloutPlugin).use(fencePlugin);

export function renderMarkdown(src: string): string {
  return md.render(src);
}
