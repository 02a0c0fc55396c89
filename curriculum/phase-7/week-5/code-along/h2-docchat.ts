// Step 3 — a real (minimal) gRPC exchange over HTTP/2 with node:http2, no gRPC library:
// POST /docchat.v1.DocChat/AskStream, framed protobuf messages in the body,
// grpc-timeout as the deadline, and grpc-status in the trailers.
// @grpc/grpc-js does all of this for you; here you can see every piece.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { encodeGrpcTimeout, frameMessage, MessageDecoder, parseGrpcTimeout, Status } from './grpc-wire.js';
import { decodeAskChunk, decodeAskRequest, encodeAskChunk, encodeAskRequest, type AskRequest } from './protobuf.js';

export type AskStreamHandler = (req: AskRequest, signal: AbortSignal) => AsyncIterable<string>;

export async function startDocChatServer(handler: AskStreamHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http2.createServer(); // cleartext HTTP/2 ("h2c"), fine on localhost
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });

  server.on('stream', (stream, headers) => {
    if (headers[':path'] !== '/docchat.v1.DocChat/AskStream') {
      // "Trailers-only" response: the status travels in the only HEADERS frame.
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(Status.UNIMPLEMENTED) }, { endStream: true });
      return;
    }
    const work = new AbortController();
    stream.on('close', () => work.abort()); // the client went away (cancel or deadline): stop working
    stream.on('error', () => work.abort()); // e.g. writing after the client reset the stream
    const timeout = headers['grpc-timeout'];
    const timer = typeof timeout === 'string' ? setTimeout(() => work.abort(), parseGrpcTimeout(timeout)) : undefined;

    const decoder = new MessageDecoder();
    const requests: Uint8Array[] = [];
    stream.on('data', (chunk: Buffer) => requests.push(...decoder.push(chunk)));
    stream.on('end', async () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc+proto' }, { waitForTrailers: true });
      let status: number = Status.OK;
      let message = '';
      try {
        const first = requests[0];
        if (!first) throw Object.assign(new Error('missing request message'), { code: Status.INVALID_ARGUMENT });
        for await (const text of handler(decodeAskRequest(first), work.signal)) {
          stream.write(frameMessage(encodeAskChunk({ text, done: false })));
        }
        stream.write(frameMessage(encodeAskChunk({ text: '', done: true })));
      } catch (err) {
        status = work.signal.aborted ? Status.DEADLINE_EXCEEDED : ((err as { code?: number }).code ?? Status.INTERNAL);
        message = err instanceof Error ? err.message : String(err);
      } finally {
        clearTimeout(timer);
      }
      if (stream.destroyed) return;
      stream.once('wantTrailers', () =>
        stream.sendTrailers({ 'grpc-status': String(status), ...(message ? { 'grpc-message': encodeURIComponent(message) } : {}) }),
      );
      stream.end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface CallResult {
  status: number;
  statusMessage: string;
  chunks: Array<{ text: string; done: boolean }>;
}

/** Client side of the server-streaming call. The client enforces its deadline as well. */
export function askStream(
  url: string,
  req: AskRequest,
  { timeoutMs, path = '/docchat.v1.DocChat/AskStream' }: { timeoutMs?: number; path?: string } = {},
): Promise<CallResult> {
  return new Promise((resolve) => {
    const session = http2.connect(url);
    const call = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc+proto',
      te: 'trailers',
      ...(timeoutMs !== undefined ? { 'grpc-timeout': encodeGrpcTimeout(timeoutMs) } : {}),
    });
    const decoder = new MessageDecoder();
    const chunks: CallResult['chunks'] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (status: number, statusMessage: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      call.close(http2.constants.NGHTTP2_CANCEL); // RST_STREAM: the server sees 'close' and stops
      session.close();
      resolve({ status, statusMessage, chunks });
    };
    if (timeoutMs !== undefined) timer = setTimeout(() => finish(Status.DEADLINE_EXCEEDED, 'deadline exceeded'), timeoutMs);

    const statusOf = (h: http2.IncomingHttpHeaders) => [Number(h['grpc-status']), decodeURIComponent(String(h['grpc-message'] ?? ''))] as const;
    call.on('response', (h) => h['grpc-status'] !== undefined && finish(...statusOf(h))); // trailers-only
    call.on('data', (buf: Buffer) => chunks.push(...decoder.push(buf).map(decodeAskChunk)));
    call.on('trailers', (h) => finish(...statusOf(h)));
    call.on('close', () => finish(Status.UNAVAILABLE, 'stream closed without a status'));
    call.on('error', (err) => finish(Status.UNAVAILABLE, err.message));
    session.on('error', (err) => finish(Status.UNAVAILABLE, err.message));
    call.end(frameMessage(encodeAskRequest(req)));
  });
}
