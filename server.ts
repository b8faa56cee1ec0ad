// Entry point: `node --import tsx server.ts` (see README). Everything lives in server/.
import { startServer } from "./server/start-server.ts";

try {
  await startServer();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
