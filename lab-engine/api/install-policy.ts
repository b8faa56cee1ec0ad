// Plugs the real rules into the API server: strict decoding against the 1.32 OpenAPI schema,
// the defaulting functions, and create/update validation with the 1.32 error texts.

import { installPolicy } from "./policy.ts";
import { ApiError } from "./errors.ts";
import { schemaPolicy } from "./validation/policy.ts";
import { decodeErrorMessage } from "./schema/validate.ts";

installPolicy({
  ...schemaPolicy,
  decode(_plural, obj) {
    const msg = decodeErrorMessage(obj.kind, obj.apiVersion, obj);
    return msg ? new ApiError("BadRequest", msg) : undefined;
  },
});
