// Where the embedded database and generated secrets live. KUBELAB_DATA_DIR lets tests use a
// fresh temporary directory per run.
import path from "node:path";

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.KUBELAB_DATA_DIR || ".data");
}
