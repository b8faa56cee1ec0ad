// Lesson rendering: the pieces the course depends on (callouts, run buttons, mermaid, tables)
// and that lesson text cannot inject HTML.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderMarkdown } from "../../server/content/render-markdown.ts";
import { loadCourse } from "../../server/content/load-course.ts";

test("GitHub callouts become titled Korean boxes", () => {
  const html = renderMarkdown("> [!WARNING]\n> 노드를 지우면 파드도 사라집니다.\n");
  assert.match(html, /<blockquote class="callout callout-warning">\n<p class="callout-title">주의<\/p><p>노드를/);
  assert.ok(!html.includes("[!WARNING]"));
});

test("bash blocks get a 실행 button with the command; norun and other languages do not", () => {
  const html = renderMarkdown("```bash\nkubectl get nodes\n```\n\n```bash norun\nbrew install kubectl\n```\n\n```yaml\na: 1\n```\n");
  assert.equal((html.match(/class="run-button"/g) ?? []).length, 1);
  assert.match(html, /data-run="kubectl get nodes">▶ 실행<\/button>/);
  assert.match(html, /hljs language-yaml/);
});

test("run-button commands and mermaid sources are escaped; raw HTML in lessons is not rendered", () => {
  const html = renderMarkdown('```bash\necho "<b>" && ls\n```\n\n```mermaid\ngraph LR; A-->B\n```\n\n<script>alert(1)</script>\n');
  assert.match(html, /data-run="echo &quot;&lt;b&gt;&quot; &amp;&amp; ls"/);
  assert.match(html, /<pre class="mermaid">graph LR; A--&gt;B\n<\/pre>/);
  assert.ok(!html.includes("<script>"));
});

test("tables render", () => {
  assert.match(renderMarkdown("| a | b |\n| - | - |\n| 1 | 2 |\n"), /<table>[\s\S]*<td>1<\/td>/);
});

test("the course loads: every lesson belongs to a module and has a unique slug", () => {
  const { modules, lessons } = loadCourse();
  assert.ok(modules.length > 0 && lessons.length > 0);
  assert.equal(new Set(lessons.map((l) => l.slug)).size, lessons.length);
  for (const l of lessons) assert.ok(modules.some((m) => m.lessons.includes(l)), l.slug);
});
