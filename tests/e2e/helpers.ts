import { expect, type Page } from "@playwright/test";

export const student = { email: "student@kubelab.local", password: "kubelab-student" };

export async function login(page: Page, who: { email: string; password: string }, callbackUrl = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("이메일").fill(who.email);
  await page.getByLabel("비밀번호").fill(who.password);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Text currently rendered by xterm (DOM renderer), lines joined with \n. */
export async function terminalText(page: Page): Promise<string> {
  return (await page.locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}

export async function waitAttached(page: Page) {
  await expect(page.getByTestId("conn-state")).toHaveAttribute("data-state", "attached");
}

export async function typeInTerminal(page: Page, text: string) {
  await page.locator(".xterm").click();
  await page.keyboard.type(text, { delay: 5 });
}

export async function engineAvailable(page: Page): Promise<boolean> {
  return (await page.getByTestId("workspace").getAttribute("data-engine")) === "true";
}

export const firstLesson = "/lessons/kubectl-basics";

/** Signs up a fresh learner (own sandboxes, nothing shared with other tests) and stays logged in. */
export async function signUpFresh(page: Page, name = "셸 학생") {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("이름").fill(name);
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호 (8자 이상)").fill("password-123");
  await page.getByLabel("비밀번호 확인").fill("password-123");
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(name);
  return email;
}

/** The last non-blank line xterm shows (the prompt while the shell waits), trimmed. */
export async function lastTerminalLine(page: Page): Promise<string> {
  const lines = (await terminalText(page)).split("\n").map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? "";
}
