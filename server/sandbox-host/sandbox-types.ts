// The part of lab-engine's Sandbox (lab-engine/sandbox/sandbox.ts) that the server uses.
// Kept structural so the server compiles while the engine is being built.
export type SandboxEvent =
  | { type: "editor-open"; path: string; content: string }
  | { type: "editor-close"; path: string }
  | { type: "cluster-changed" }
  | { type: "exit" }
  | { type: string; [k: string]: unknown };

export interface SandboxLike {
  input(data: string): void;
  onOutput(cb: (data: string) => void): unknown;
  onEvent(cb: (ev: SandboxEvent) => void): unknown;
  resize(cols: number, rows: number): void;
  snapshot(): unknown;
  reset(): void;
  start?(): void;
  tick?(): void;
  saveEditor?(path: string, content: string | undefined): void;
  run?(line: string): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  dispose?(): void;
}

export type LabInfo = {
  id: string;
  title: string;
  intro: string;
  tasks: { id: string; title: string; description: string; hints: string[] }[];
};

export interface SandboxFactory {
  create(opts: { seed: number; labId?: string }): SandboxLike | Promise<SandboxLike>;
  restore(snapshot: unknown): SandboxLike | Promise<SandboxLike>;
  /** Learner-visible lab texts (tasks, hints) for a sandbox, or null when the lab is unknown. */
  labInfo?: (sandbox: SandboxLike, labId: string) => LabInfo | null;
  /** Grader entry, when the engine provides one; null when the lab has no definition. */
  gradeLab?: (sandbox: SandboxLike, labId: string) => Promise<unknown> | unknown;
  engineAvailable: boolean;
}
