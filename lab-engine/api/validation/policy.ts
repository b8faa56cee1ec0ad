// Adapter from these rules to the API server's pluggable ApiPolicy (../policy.ts):
//   import { schemaPolicy } from "./validation/policy.ts"; installPolicy(schemaPolicy);
// Errors are ApiError("Invalid") with the server's Status message and `details`
// (kind, name, causes), and `kubectlText()` returning what kubectl 1.32 prints for a 422.
import type { KObject } from "../types.ts";
import { ApiError } from "../errors.ts";
import type { ApiPolicy } from "../policy.ts";
import { applyDefaults } from "../defaults/index.ts";
import { validateCreate, validateUpdate, invalidStatus, type FieldError } from "./index.ts";
import { decodeErrorMessage } from "../schema/validate.ts";

export interface InvalidError extends ApiError {
  details: { name: string; group: string; kind: string; causes: { reason: string; message: string; field: string }[] };
  fieldErrors: FieldError[];
}

/** ApiError("Invalid") for field errors on resource/name; undefined when there are none. */
export function invalidError(resource: string, name: string, errors: FieldError[]): InvalidError | undefined {
  if (errors.length === 0) return undefined;
  const s = invalidStatus(resource, name, errors);
  const err = new ApiError("Invalid", s.message) as InvalidError;
  err.details = s.details;
  err.fieldErrors = errors;
  err.kubectlText = () => s.kubectlText;
  return err;
}

export const schemaPolicy: ApiPolicy = {
  /** fieldValidation=Strict decoding: `Pod in version "v1" cannot be handled as a Pod: strict decoding error: ...` (400). */
  decode(_plural: string, obj: KObject) {
    if (!obj || typeof obj.kind !== "string" || typeof obj.apiVersion !== "string") return undefined;
    const msg = decodeErrorMessage(obj.kind, obj.apiVersion, obj);
    return msg ? new ApiError("BadRequest", msg) : undefined;
  },
  applyDefaults(plural: string, obj: KObject) {
    applyDefaults(plural, obj);
  },
  validateCreate(plural: string, obj: KObject) {
    return invalidError(plural, obj.metadata?.name ?? "", validateCreate(plural, obj));
  },
  validateUpdate(plural: string, obj: KObject, old: KObject) {
    return invalidError(plural, obj.metadata?.name ?? "", validateUpdate(plural, obj, old));
  },
};
