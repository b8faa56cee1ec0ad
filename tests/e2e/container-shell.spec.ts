import { test, expect } from "@playwright/test";
import { signUpFresh, terminalText, waitAttached, typeInTerminal, engineAvailable, firstLesson, lastTerminalLine } from "./helpers.ts";

const WORKSTATION = "controlplane:~$";
const BUSYBOX = "/ #";

test("kubectl exec -it POD -- sh takes the terminal: container prompt, Ctrl-C, reload mid-session, exit and Ctrl-D back", async ({ page }) => {
  await signUpFresh(page);
  await page.goto(firstLesson);
  await waitAttached(page);
  test.skip(!(await engineAvailable(page)), "lab-engine Sandbox is not available in this build");
  const pod = `box-${Date.now().toString(36)}`;
  await typeInTerminal(page, `kubectl run ${pod} --image=busybox -- sleep 3600\n`);
  await expect.poll(() => terminalText(page)).toContain(`pod/${pod} created`);
  await typeInTerminal(page, `kubectl wait --for=condition=Ready pod/${pod} --timeout=90s\n`);
  await expect.poll(() => terminalText(page), { timeout: 100_000 }).toContain(`pod/${pod} condition met`);

  await typeInTerminal(page, `kubectl exec -it ${pod} -- sh\n`);
  await expect.poll(() => lastTerminalLine(page)).toBe(BUSYBOX);
  await typeInTerminal(page, "hostname\n");
  await expect.poll(() => terminalText(page)).toMatch(new RegExp(`/ # hostname\\s+${pod}\\s`));

  // Ctrl-C interrupts the container's foreground command and gives the container prompt back.
  await typeInTerminal(page, "sleep 600\n");
  await page.keyboard.press("Control+C");
  await expect.poll(() => terminalText(page)).toMatch(/sleep 600\s*\^C/);
  await expect.poll(() => lastTerminalLine(page)).toBe(BUSYBOX);

  // A reload reconnects to the same sandbox, still inside the container shell.
  await page.reload();
  await waitAttached(page);
  await expect.poll(() => lastTerminalLine(page)).toBe(BUSYBOX);
  await typeInTerminal(page, "echo inside-$((6*7)) $(hostname)\n");
  await expect.poll(() => terminalText(page)).toContain(`inside-42 ${pod}`);
  await expect.poll(() => lastTerminalLine(page)).toBe(BUSYBOX);

  await typeInTerminal(page, "exit\n");
  await expect.poll(() => lastTerminalLine(page)).toBe(WORKSTATION);
  await typeInTerminal(page, "hostname\n");
  await expect.poll(() => terminalText(page)).toMatch(/\$ hostname\s+controlplane\s/);

  // /bin/sh by path, left with Ctrl-D.
  await typeInTerminal(page, `kubectl exec -it ${pod} -- /bin/sh\n`);
  await expect.poll(() => lastTerminalLine(page)).toBe(BUSYBOX);
  await page.keyboard.press("Control+D");
  await expect.poll(() => lastTerminalLine(page)).toBe(WORKSTATION);
});

test("kubectl run tmp --rm -it --image=busybox -- sh gives a shell and deletes the pod on exit", async ({ page }) => {
  await signUpFresh(page);
  await page.goto(firstLesson);
  await waitAttached(page);
  test.skip(!(await engineAvailable(page)), "lab-engine Sandbox is not available in this build");
  await typeInTerminal(page, "kubectl run tmp --rm -it --image=busybox -- sh\n");
  await expect.poll(() => lastTerminalLine(page), { timeout: 60_000 }).toBe(BUSYBOX);
  await typeInTerminal(page, "hostname\n");
  await expect.poll(() => terminalText(page)).toMatch(/\/ # hostname\s+tmp\s/);
  await typeInTerminal(page, "exit\n");
  await expect.poll(() => terminalText(page)).toContain('pod "tmp" deleted');
  await expect.poll(() => lastTerminalLine(page)).toBe(WORKSTATION);
  await typeInTerminal(page, "kubectl get pod tmp\n");
  await expect.poll(() => terminalText(page)).toContain('Error from server (NotFound): pods "tmp" not found');
});
