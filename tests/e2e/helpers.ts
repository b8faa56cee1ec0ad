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
  return page.locator(".xterm-rows").innerText();
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
