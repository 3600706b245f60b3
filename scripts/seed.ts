/** npm run db:seed — demo assets, markets, users, funds and liquidity; safe to run again. */
import { getCache } from "../src/server/cache";
import { getDatabase } from "../src/server/db";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import { seedDemo } from "../src/server/services/demo/seed-demo";

const database = await getDatabase();
const started = performance.now();
await seedDemo({ db: database.db, cache: getCache(), bus: createMemoryBus() });
console.log(`demo data seeded in ${Math.round(performance.now() - started)} ms (${database.kind})`);
await database.close();
process.exit(0);
