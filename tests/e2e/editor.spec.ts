import { test, expect } from "@playwright/test";
import { login, student, terminalText, waitAttached, typeInTerminal, engineAvailable, firstLesson } from "./helpers.ts";

test("vi opens the YAML editor pane and saving writes the file in the sandbox", async ({ page }) => {
  await login(page, student, firstLesson);
  await waitAttached(page);
  test.skip(!(await engineAvailable(page)), "lab-engine Sandbox is not available in this build");
  const file = `note-${Date.now()}.yaml`;
  await typeInTerminal(page, `vi ${file}\n`);
  const editor = page.getByTestId("editor");
  await expect(editor).toBeVisible();
  await expect(editor).toContainText(file);
  await editor.locator(".cm-content").click();
  await page.keyboard.type("kind: Pod");
  await editor.getByRole("button", { name: "저장하고 닫기" }).click();
  await expect(editor).toBeHidden();
  await typeInTerminal(page, `cat ${file}\n`);
  await expect.poll(() => terminalText(page)).toMatch(/kind: Pod/);
});
