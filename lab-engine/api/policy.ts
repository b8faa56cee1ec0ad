// Where the API server gets its defaulting and validation rules. Kept as one replaceable object so
// the rules (api/defaults, api/validation, api/schema) plug in without the server knowing them.

import type { KObject } from "./types.ts";
import type { ApiError } from "./errors.ts";

export interface ApiPolicy {
  /** Strict decoding of the raw body (unknown fields, wrong types) before anything else. */
  decode?(plural: string, obj: KObject): ApiError | undefined;
  applyDefaults(plural: string, obj: KObject): void;
  /** Returns the error to throw, or undefined when the object is valid. */
  validateCreate(plural: string, obj: KObject): ApiError | undefined;
  validateUpdate(plural: string, obj: KObject, old: KObject): ApiError | undefined;
}

export const policy: ApiPolicy = {
  decode() {
    return undefined;
  },
  applyDefaults() {},
  validateCreate() {
    return undefined;
  },
  validateUpdate() {
    return undefined;
  },
};

export function installPolicy(p: Partial<ApiPolicy>): void {
  Object.assign(policy, p);
}
