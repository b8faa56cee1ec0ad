// PGlite does not stop a second process from opening the same files (stack-notes gotcha 11):
// two Postgres instances on one directory corrupt it. This lock file refuses the second one.
import fs from "node:fs";
import path from "node:path";

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e?.code === "EPERM";
  }
}

/** Takes `<dir>/pglite.lock` for this process, or throws with the holder's pid. */
export function lockDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {}
      };
      process.once("exit", release);
      return;
    } catch (e: any) {
      if (e?.code !== "EEXIST") throw e;
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (holder === process.pid) return;
      if (holder && pidAlive(holder)) {
        throw new Error(
          `The embedded database in ${dir} is in use by process ${holder}. ` +
            `Stop it first, or set DATABASE_URL to use PostgreSQL.`,
        );
      }
      fs.unlinkSync(file); // stale lock from a crashed process
    }
  }
  throw new Error(`Could not lock ${file}`);
}
