import { test, expect } from "@playwright/test";
import { login, student, terminalText, waitAttached, typeInTerminal, engineAvailable, firstLesson } from "./helpers.ts";

test("demo student logs in, opens a lesson and runs kubectl get nodes in the terminal", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  await login(page, student, firstLesson);
  await expect(page.locator("h1.lesson-title")).toBeVisible();
  await waitAttached(page);
  test.skip(!(await engineAvailable(page)), "lab-engine Sandbox is not available in this build");
  await typeInTerminal(page, "kubectl get nodes\n");
  await expect.poll(() => terminalText(page)).toMatch(/controlplane[\s\S]*node01[\s\S]*node02/);
  expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test("a 실행 button sends its command to the terminal", async ({ page }) => {
  await login(page, student, firstLesson);
  await waitAttached(page);
  const button = page.locator(".run-button").first();
  await expect(button).toBeVisible();
  const command = (await button.getAttribute("data-run"))!.split("\n")[0];
  await button.click();
  await expect.poll(() => terminalText(page)).toContain(command.slice(0, 20));
});

test("reload keeps the terminal history (same sandbox after reconnect)", async ({ page }) => {
  await login(page, student, firstLesson);
  await waitAttached(page);
  const marker = `echo keep-${Date.now()}`;
  await typeInTerminal(page, `${marker}\n`);
  await expect.poll(() => terminalText(page)).toContain(marker);
  await page.reload();
  await waitAttached(page);
  await expect.poll(() => terminalText(page)).toContain(marker);
});

test("lesson page renders callouts, tables and mermaid diagrams locally", async ({ page }) => {
  await login(page, student, "/lessons/why-kubernetes");
  await expect(page.locator(".callout").first()).toBeVisible();
  await expect(page.locator(".callout-title").first()).toHaveText(/참고|주의|팁|중요|경고/);
  await expect(page.locator("pre.mermaid svg").first()).toBeVisible();
});
