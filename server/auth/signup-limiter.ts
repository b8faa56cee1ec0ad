import { PerUserLimiter } from "../gateway/rate-limit.ts";

// Sign-ups per client IP: burst 10, then one every 30 s. In memory is enough (one instance per DB lock).
export const signupLimiter = new PerUserLimiter(10, 1 / 30);
