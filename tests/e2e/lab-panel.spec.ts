import { test, expect } from "@playwright/test";
import { login, student, waitAttached, engineAvailable } from "./helpers.ts";

test("lab panel shows tasks and hints, and 채점하기 grades the learner's own sandbox in Korean", async ({ page }) => {
  await login(page, student, "/lessons/why-kubernetes");
  await waitAttached(page);
  test.skip(!(await engineAvailable(page)), "lab-engine Sandbox is not available in this build");
  const panel = page.getByTestId("lab-panel");
  await expect(panel.locator(".lab-tasks li").first()).toBeVisible();
  await panel.getByRole("button", { name: /힌트 보기/ }).first().click();
  await expect(panel.locator(".hint").first()).toContainText("힌트 1");
  await panel.getByRole("button", { name: "채점하기" }).click();
  await expect(page.getByTestId("grade-summary")).toContainText("아직 통과하지 못한 과제가 있습니다.");
  await expect(panel.locator(".lab-tasks li.fail").first()).toBeVisible();
});
