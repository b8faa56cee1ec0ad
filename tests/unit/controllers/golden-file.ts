// Golden-file comparison shared by the controller and node-side traces (no engine imports).

import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";

/**
 * Compare `actual` with `<dir>/<name>.txt`. UPDATE_GOLDEN=1 rewrites it. A missing file fails
 * under CI (CI=true or any non-empty CI other than "false"/"0"); elsewhere it is written once so
 * a developer can review and commit it.
 */
export function checkGolden(dir: string, name: string, actual: string): void {
  const file = join(dir, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    const ci = process.env.CI;
    if (ci && ci !== "false" && ci !== "0") {
      assert.fail(`golden file ${file} is missing (run with UPDATE_GOLDEN=1 locally, review and commit it)`);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, "utf8"), `golden ${name} differs (UPDATE_GOLDEN=1 rewrites it after review)`);
}
