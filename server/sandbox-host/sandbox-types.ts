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

export interface SandboxFactory {
  create(opts: { seed: number; labId?: string }): SandboxLike;
  restore(snapshot: unknown): SandboxLike;
  /** Grader entry, when the engine provides one. */
  gradeLab?: (sandbox: SandboxLike, labId: string) => Promise<unknown> | unknown;
  engineAvailable: boolean;
}
