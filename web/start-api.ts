// `npm run start:api`: HTTP only, for running N API processes beside N worker processes.
import { runServer } from './server.ts';

await runServer({ withWorkers: false });
