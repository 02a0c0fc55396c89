/**
 * Your scraper starts here. `roadmap verify phase-1` runs
 *
 *   node --import tsx src/cli.ts <start-url> --out FILE --progress json
 *
 * and holds the result to the contract in README.md. Until this file does something, verify fails and says why.
 *
 * Suggested order (each step is one Saturday's worth at most):
 *   1. parse the arguments (node:util parseArgs), fetch the start URL with undici, print one NDJSON line;
 *   2. follow same-site links with a queue, a Set of seen URLs and a p-limit concurrency limit;
 *   3. read robots.txt first (robots-parser) and never request a disallowed path;
 *   4. retry 5xx and timeouts with exponential backoff and jitter; follow redirects; skip non-HTML;
 *   5. write records with a stream that respects backpressure (wait for 'drain');
 *   6. report progress every 500 ms on stderr (`--progress json`: one JSON line per tick, then a summary line
 *      with the event-loop delay p99 from perf_hooks.monitorEventLoopDelay and the peak RSS).
 */
export {};
