// Step 3: context propagation over HTTP — extract on the way in, inject on the way out.
// This is what @opentelemetry/instrumentation-http does for you automatically.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { formatTraceparent, parseTraceparent } from './traceparent.js';
import type { Tracer } from './tracer.js';

export function tracedServer(
  tracer: Tracer,
  route: string,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Server {
  return createServer((req, res) => {
    const header = req.headers.traceparent;
    const parent = parseTraceparent(Array.isArray(header) ? header[0] : header) ?? undefined;
    void tracer
      .startActiveSpan(`${req.method} ${route}`, { kind: 'SERVER', parent }, async (span) => {
        span.setAttribute('http.request.method', req.method ?? 'GET').setAttribute('http.route', route);
        await handler(req, res);
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.status = 'ERROR'; // 4xx is the client's fault, not a server error
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
}

/** fetch() inside a CLIENT span, sending the span's context in the `traceparent` header. */
export async function tracedFetch(tracer: Tracer, url: string): Promise<Response> {
  return tracer.startActiveSpan(`GET ${new URL(url).pathname}`, { kind: 'CLIENT' }, async (span) => {
    const headers = { traceparent: formatTraceparent(span.context) };
    const res = await fetch(url, { headers });
    span.setAttribute('http.response.status_code', res.status);
    return res;
  });
}
