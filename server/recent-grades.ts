import "server-only";
import { getDb } from "./db/client.ts";
import { listGradingResults } from "./data/grading-result.ts";

export async function getRecentGrades(userId: string) {
  return listGradingResults(getDb(), userId);
}
