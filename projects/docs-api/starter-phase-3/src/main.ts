// The entry the contract command runs (`node --import tsx src/main.ts ...`): the CLI with the process's streams.
import { main } from './cli.js';

await main();
