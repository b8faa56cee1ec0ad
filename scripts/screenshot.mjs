// `node scripts/screenshot.mjs [--url http://127.0.0.1:3000] [--out docs/screenshot.png]`
// The README screenshot: the demo student on a lesson with the lab workspace beside it, after
// typing a couple of commands in the terminal. Without --url it starts the production server
// like `npm start` (building first if needed) on a free port with a fresh temporary data
// directory, and stops it afterwards. Uses Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH)
// and needs a Korean font (fonts-nanum). Not part of `npm test`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const out = arg("out", "docs/screenshot.png");
const lesson = arg("lesson", "/lessons/kubectl-basics");
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(executablePath)) {
  console.error(`screenshot: ${executablePath} is missing (apt-get install -y chromium)`);
  process.exit(1);
}

// Without a Korean font Chromium draws the lesson as empty boxes.
if (!spawnSync("fc-list", [":lang=ko"], { encoding: "utf8" }).stdout?.trim()) {
  console.error("screenshot: no Korean font found (apt-get install -y fonts-nanum)");
  process.exit(1);
}

let base = arg("url");
let server;
let dataDir;
if (!base) {
  const port = await new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kubelab-shot-"));
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", KUBELAB_DATA_DIR: dataDir, NEXTAUTH_URL: base, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  process.on("exit", () => server.exitCode === null && server.kill("SIGTERM"));
  const deadline = Date.now() + 900_000; // includes `next build` when the build is stale
  while (!log.includes("ready on")) {
    if (server.exitCode !== null || Date.now() > deadline) {
      console.error(`screenshot: server did not start\n${log.slice(-4000)}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: "ko-KR", deviceScaleFactor: 1 });
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}/login?callbackUrl=${encodeURIComponent(lesson)}`);
  await page.getByLabel("이메일").fill("student@kubelab.local");
  await page.getByLabel("비밀번호").fill("kubelab-student");
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await page.getByTestId("conn-state").and(page.locator('[data-state="attached"]')).waitFor();
  await page.locator(".xterm").click();
  const screenText = () => page.locator(".xterm-rows").innerText();
  const typeAndWait = async (text, re) => {
    await page.keyboard.type(text, { delay: 15 });
    for (let i = 0; i < 120 && !re.test(await screenText()); i++) await page.waitForTimeout(250);
  };
  await typeAndWait("kubectl run web --image=nginx\n", /pod\/web (created|already exists)|AlreadyExists/);
  // Give the pod time to pull its image and start, so the table below reads Running.
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(2000);
    await typeAndWait("clear\nkubectl get pods\n", /web\s+\S+\s+\S+/);
    if (/web\s+1\/1\s+Running/.test(await screenText())) break;
  }
  await typeAndWait("clear\nkubectl get nodes\n", /node02/);
  await typeAndWait("kubectl get pods\n", /web\s+1\/1[\s\S]*\$\s*$/);
  await page.mouse.move(0, 0);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`screenshot: wrote ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB) from ${base}${lesson}`);
} finally {
  await browser.close();
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
