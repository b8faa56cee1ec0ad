// Output formats implemented in their own modules plug in here (go-template, custom-columns),
// keeping print-objects.ts free of their internals.

import type { KObject } from "../../api/types.ts";

export const extraFormatters: {
  goTemplate?: (data: unknown, template: string) => string;
  customColumns?: (objs: KObject[], spec: string, fromFile: boolean) => string;
} = {};
