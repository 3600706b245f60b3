/** npm run db:migrate — applies drizzle/ to DATABASE_URL (or the embedded database). */
import { getDatabase } from "../src/server/db";

const database = await getDatabase();
console.log(`migrations applied (${database.kind})`);
await database.close();
