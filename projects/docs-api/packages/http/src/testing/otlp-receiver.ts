import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An OTLP attribute value as OTLP/JSON writes it (only the kinds the assertions read). */
export interface OtlpValue {
  readonly stringValue?: string;
  readonly intValue?: string | number;
  readonly boolValue?: boolean;
}

interface OtlpAttribute {
  readonly key: string;
  readonly value: OtlpValue;
}

/** A span as the receiver hands it to a test: OTLP/JSON's fields, flattened with its resource's service name. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly scope: string;
  readonly serviceName: string;
  readonly attributes: Readonly<Record<string, OtlpValue>>;
  readonly status?: { readonly code?: number; readonly message?: string };
}

export interface ReceivedLogRecord {
  readonly traceId?: string;
  readonly spanId?: string;
  readonly severityText?: string;
  readonly body?: OtlpValue;
  readonly serviceName: string;
  readonly attributes: Readonly<Record<string, OtlpValue>>;
}

/** A real OTLP/HTTP receiver (JSON encoding) on 127.0.0.1: what a collector or grafana/otel-lgtm would be. */
export interface OtlpReceiver {
  /** The base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (`/v1/traces` and `/v1/logs` are appended). */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  readonly logs: ReceivedLogRecord[];
  /** TCP connections accepted so far: 0 proves no exporter ever tried to send. */
  readonly connections: number;
  close(): Promise<void>;
}

function attributes(list: readonly OtlpAttribute[] | undefined): Record<string, OtlpValue> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, a.value]));
}

interface Resource {
  readonly resource?: { readonly attributes?: readonly OtlpAttribute[] };
}

function serviceName(entry: Resource): string {
  return attributes(entry.resource?.attributes)['service.name']?.stringValue ?? '';
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the receiver; it collects POST /v1/traces and /v1/logs and answers 200 `{}` as a collector does. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const logs: ReceivedLogRecord[] = [];
  let connections = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void body(request).then((text) => {
      if (request.method !== 'POST' || !(request.headers['content-type'] ?? '').includes('application/json')) {
        response.writeHead(415).end();
        return;
      }
      const payload = JSON.parse(text) as {
        resourceSpans?: (Resource & { scopeSpans?: { scope?: { name?: string }; spans?: (Omit<ReceivedSpan, 'scope' | 'serviceName' | 'attributes'> & { attributes?: OtlpAttribute[] })[] }[] })[];
        resourceLogs?: (Resource & { scopeLogs?: { logRecords?: (Omit<ReceivedLogRecord, 'serviceName' | 'attributes'> & { attributes?: OtlpAttribute[] })[] }[] })[];
      };
      if (request.url === '/v1/traces') {
        for (const resource of payload.resourceSpans ?? []) {
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({ ...span, scope: scope.scope?.name ?? '', serviceName: serviceName(resource), attributes: attributes(span.attributes) });
            }
          }
        }
      } else if (request.url === '/v1/logs') {
        for (const resource of payload.resourceLogs ?? []) {
          for (const scope of resource.scopeLogs ?? []) {
            for (const record of scope.logRecords ?? []) logs.push({ ...record, serviceName: serviceName(resource), attributes: attributes(record.attributes) });
          }
        }
      } else {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    logs,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
