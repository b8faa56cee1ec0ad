// Reads the course from content/: modules.yaml and lessons/*.md (front matter via gray-matter).
// Re-read when files change (mtime check), so authors see edits without a restart.
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";

export type Lesson = {
  id: string;
  slug: string;
  title: string;
  module: string;
  order: number;
  summary: string;
  objectives: string[];
  estimatedMinutes?: number;
  labs: string[];
  body: string;
};
export type Module = { id: string; title: string; order: number; summary: string; lessons: Lesson[] };
export type Course = { modules: Module[]; lessons: Lesson[] };

const contentDir = () => path.resolve(/*turbopackIgnore: true*/ process.env.KUBELAB_CONTENT_DIR || "content");
let cache: { stamp: string; course: Course } | undefined;

function stampOf(dir: string): string {
  const files = [path.join(dir, "modules.yaml"), ...listLessonFiles(dir)];
  return files.map((f) => `${f}:${fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0}`).join("|");
}

function listLessonFiles(dir: string): string[] {
  const ld = path.join(dir, "lessons");
  if (!fs.existsSync(ld)) return [];
  return fs.readdirSync(ld).filter((f) => f.endsWith(".md")).sort().map((f) => path.join(ld, f));
}

function parseLesson(file: string): Lesson | null {
  try {
    const { data, content } = matter(fs.readFileSync(file, "utf8"));
    const slug = String(data.id ?? path.basename(file, ".md").replace(/^\d+-/, ""));
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) return null;
    return {
      id: slug,
      slug,
      title: String(data.title ?? slug),
      module: String(data.module ?? ""),
      order: Number(data.order ?? 0),
      summary: String(data.summary ?? ""),
      objectives: Array.isArray(data.objectives) ? data.objectives.map(String) : [],
      estimatedMinutes: data.estimatedMinutes ? Number(data.estimatedMinutes) : undefined,
      labs: Array.isArray(data.labs) ? data.labs.map(String) : [],
      body: content,
    };
  } catch (e) {
    console.warn(`[content] skipping ${file}: ${(e as Error).message}`);
    return null;
  }
}

export function loadCourse(): Course {
  const dir = contentDir();
  const stamp = stampOf(dir);
  if (cache?.stamp === stamp) return cache.course;
  const modFile = path.join(dir, "modules.yaml");
  const rawModules: any[] = fs.existsSync(modFile) ? (YAML.parse(fs.readFileSync(modFile, "utf8")) ?? []) : [];
  const lessons = listLessonFiles(dir)
    .map(parseLesson)
    .filter((l): l is Lesson => l !== null);
  const modules: Module[] = rawModules
    .map((m) => ({
      id: String(m.id),
      title: String(m.title ?? m.id),
      order: Number(m.order ?? 0),
      summary: String(m.summary ?? ""),
      lessons: lessons.filter((l) => l.module === String(m.id)).sort((a, b) => a.order - b.order),
    }))
    .sort((a, b) => a.order - b.order);
  const orphans = lessons.filter((l) => !modules.some((m) => m.id === l.module));
  if (orphans.length) modules.push({ id: "etc", title: "기타", order: 999, summary: "", lessons: orphans });
  const ordered = modules.flatMap((m) => m.lessons);
  cache = { stamp, course: { modules, lessons: ordered } };
  return cache.course;
}

export function findLesson(slug: string): { lesson: Lesson; prev?: Lesson; next?: Lesson } | null {
  const { lessons } = loadCourse();
  const i = lessons.findIndex((l) => l.slug === slug);
  if (i < 0) return null;
  return { lesson: lessons[i], prev: lessons[i - 1], next: lessons[i + 1] };
}

/** The lab whose sandbox sits beside a lesson: its first lab, or a shared playground. */
export function labIdForLesson(lesson: Lesson): string {
  return lesson.labs[0] ?? "playground";
}
