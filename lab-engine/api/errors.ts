// API errors as the real API server returns them (metav1.Status reason + message).
// kubectl prints them as `Error from server (<Reason>): <message>`.

export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "BadRequest"
  | "Forbidden"
  | "MethodNotAllowed"
  | "Gone"
  | "InternalError"
  | "Timeout"
  | "TooManyRequests";

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  Gone: 410,
  InternalError: 500,
  Timeout: 504,
  TooManyRequests: 429,
};

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
  ) {
    super(message);
    this.code = CODES[reason];
  }
  /** What kubectl prints for this error (without a trailing newline). */
  kubectlText(): string {
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

/** `pods "x" not found`; group-qualified for non-core: `deployments.apps "x" not found`. */
export function notFound(qualifiedPlural: string, name: string): ApiError {
  return new ApiError("NotFound", `${qualifiedPlural} "${name}" not found`);
}

export function alreadyExists(qualifiedPlural: string, name: string): ApiError {
  return new ApiError("AlreadyExists", `${qualifiedPlural} "${name}" already exists`);
}

export function conflict(qualifiedPlural: string, name: string): ApiError {
  return new ApiError(
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedPlural} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}
