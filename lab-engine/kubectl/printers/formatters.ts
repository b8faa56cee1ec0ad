// Output formats implemented in their own modules plug in here (go-template, custom-columns),
// keeping print-objects.ts free of their internals.

import type { KObject } from "../../api/types.ts";

export const extraFormatters: {
  goTemplate?: (data: unknown, template: string) => string;
  customColumns?: (objs: KObject[], spec: string, fromFile: boolean, noHeaders?: boolean) => string;
} = {};

import { parseCustomColumnsSpec, parseCustomColumnsTemplate, printCustomColumns } from "../output/customcolumns.ts";

extraFormatters.customColumns = (objs, spec, fromFile, noHeaders) => {
  const cols = fromFile ? parseCustomColumnsTemplate(spec) : parseCustomColumnsSpec(spec);
  const r = printCustomColumns(cols, objs, { noHeaders });
  if (r.error) throw new Error(r.error.replace(/^error: /, "").trimEnd());
  return r.out;
};

import { printGoTemplate } from "../output/gotemplate.ts";

extraFormatters.goTemplate = (data, template) => {
  const r = printGoTemplate(template, data);
  if (r.error) {
    // kubectl writes what the template produced so far, then the error.
    const e = new Error(r.error.replace(/^error: /, "").trimEnd()) as Error & { partial?: string };
    e.partial = r.out;
    throw e;
  }
  return r.out;
};
