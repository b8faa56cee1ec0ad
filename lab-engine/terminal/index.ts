export {
  LineDiscipline,
  MAX_LINE,
  MAX_INPUT,
  MAX_INPUT_LINES,
  MAX_PENDING,
  WORK_BUDGET,
  COMPLETION_QUERY_ITEMS,
  type Completion,
  type LineDisciplineHost,
  type LineDisciplineOptions,
  type LineDisciplineState,
} from "./line-discipline.ts";
export { formatPrompt, tildePath, type PromptInfo } from "./prompt.ts";
export { wcwidth, strWidth } from "./wcwidth.ts";
export { nextKey, type Key } from "./keys.ts";
