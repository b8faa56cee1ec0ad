// The closed vocabulary of errors a user can see. Each code maps to one Korean message and one
// HTTP status; anything else becomes INTERNAL so internals never leak to the browser.
export const errorCodes = {
  UNAUTHENTICATED: { status: 401, message: "로그인이 필요합니다." },
  FORBIDDEN: { status: 403, message: "권한이 없습니다." },
  NOT_FOUND: { status: 404, message: "찾을 수 없습니다." },
  INVALID_INPUT: { status: 400, message: "입력값이 올바르지 않습니다." },
  // Sign-up with an address that already has an account; the form suggests logging in.
  EMAIL_TAKEN: { status: 409, message: "이미 가입된 이메일입니다." },
  // Too many failed log-ins for this email from this IP within the window.
  TOO_MANY_ATTEMPTS: { status: 429, message: "로그인 시도가 너무 많습니다. 15분 후에 다시 시도하세요." },
  // Several instances serve the site and another one hosts this learner's sandbox now.
  SANDBOX_ELSEWHERE: { status: 409, message: "이 실습 환경은 지금 다른 서버에서 열려 있습니다. 잠시 후 다시 시도하세요." },
  RATE_LIMITED: { status: 429, message: "요청이 너무 많습니다. 잠시 후 다시 시도하세요." },
  INTERNAL: { status: 500, message: "서버 오류가 발생했습니다." },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    super(detail ?? errorCodes[code].message);
  }
}

export function toPublicError(e: unknown): { code: ErrorCode; status: number; message: string } {
  const code: ErrorCode = e instanceof AppError ? e.code : "INTERNAL";
  if (code === "INTERNAL") console.error(e);
  const { status, message } = errorCodes[code];
  return { code, status, message: e instanceof AppError ? e.message : message };
}
