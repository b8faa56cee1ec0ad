import { test, expect } from "@playwright/test";
import { login, student, terminalText, waitAttached, typeInTerminal, firstLesson } from "./helpers.ts";

test("sign-up in Korean creates an account and logs in", async ({ page }) => {
  const email = `new-${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("이름").fill("새 학생");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호 (8자 이상)").fill("password-123");
  await page.getByLabel("비밀번호 확인").fill("password-123");
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByTestId("current-user")).toHaveText("새 학생");

  // Same email again: a Korean error.
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("link", { name: "로그인", exact: true })).toBeVisible();
  await page.goto("/signup");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호 (8자 이상)").fill("password-123");
  await page.getByLabel("비밀번호 확인").fill("password-123");
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("이미 가입된 이메일입니다.");
});

test("wrong password shows a Korean error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("이메일").fill("teacher@kubelab.local");
  await page.getByLabel("비밀번호").fill("wrong-password");
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await expect(page.getByTestId("form-error")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
});

test("a second user cannot see or attach to the first user's sandbox", async ({ browser }) => {
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await login(a, student, firstLesson);
  await waitAttached(a);
  const secret = `echo only-student-${Date.now()}`;
  await typeInTerminal(a, `${secret}\n`);
  await expect.poll(() => terminalText(a)).toContain(secret);

  const ctxB = await browser.newContext();
  const b = await ctxB.newPage();
  await b.goto("/signup");
  await b.getByLabel("이메일").fill(`other-${Date.now()}@example.com`);
  await b.getByLabel("비밀번호 (8자 이상)").fill("password-123");
  await b.getByLabel("비밀번호 확인").fill("password-123");
  await b.getByRole("button", { name: "가입하기" }).click();
  await expect(b.getByTestId("current-user")).toBeVisible();
  await b.goto(firstLesson);
  await waitAttached(b);
  await b.waitForTimeout(500);
  expect(await terminalText(b)).not.toContain("only-student");

  // Without a session the socket is refused outright.
  const ctxC = await browser.newContext();
  const c = await ctxC.newPage();
  await c.goto("/login");
  const refused = await c.evaluate(async () => {
    const ws = new WebSocket(`${location.origin.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`);
    return await new Promise<string>((resolve) => {
      ws.onmessage = (m) => {
        const d = String(m.data);
        if (d.startsWith("0")) ws.send("40/terminal,");
        else if (d.startsWith("44/terminal")) resolve(d);
      };
      setTimeout(() => resolve("timeout"), 5000);
    });
  });
  expect(refused).toContain("unauthenticated");
  await Promise.all([ctxA.close(), ctxB.close(), ctxC.close()]);
});

test("내 학습 shows progress after completing a lesson", async ({ page }) => {
  await login(page, student, firstLesson);
  await page.getByRole("button", { name: "학습 완료로 표시" }).click();
  await expect(page.getByTestId("lesson-completed")).toBeVisible();
  await page.goto("/me");
  await expect(page.getByTestId("done-count")).not.toHaveText("0");
});

test("without OAuth keys the login page offers only email sign-in, and next-auth lists only credentials", async ({ page, request }) => {
  test.skip(Boolean(process.env.GITHUB_ID || process.env.GOOGLE_ID), "OAuth keys are configured in this environment");
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "로그인", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /GitHub로 로그인|Google로 로그인/ })).toHaveCount(0);
  const providers = await (await request.get("/api/auth/providers")).json();
  expect(Object.keys(providers)).toEqual(["credentials"]);
});
