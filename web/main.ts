// `npm start`: the whole product in one process: HTTP server and workers, on the embedded
// database unless DATABASE_URL is set.
import { runServer } from './server.ts';

await runServer({ withWorkers: true });
