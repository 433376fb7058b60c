// A Chrome DevTools Protocol session over one WebSocket: requests matched to
// responses by id, events dispatched by method name. Every failure (refused
// connection, closed socket, protocol error) rejects as a one-line RecordError.
//
// The WebSocket is `ws`: Node 20 has no stable global WebSocket, and ws is the
// de-facto client, dependency-free, and exposes pause()/resume() so a snapshot
// that arrives faster than it is parsed waits in the socket, not in our heap.

import WebSocket from 'ws';
import { RecordError } from '../errors.js';

type EventHandler = (params: any) => void;

interface Pending {
  readonly method: string;
  readonly resolve: (result: any) => void;
  readonly reject: (error: Error) => void;
}

export class InspectorClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private closedWith: RecordError | undefined;
  private readonly closeListeners = new Set<(error: RecordError) => void>();

  private constructor(
    private readonly socket: WebSocket,
    readonly url: string,
  ) {
    socket.on('message', (data: WebSocket.RawData) => this.dispatch(data));
    socket.on('close', () => this.fail(new RecordError(`the inspector at ${url} closed the connection`)));
    socket.on('error', (e: Error) => this.fail(new RecordError(`the inspector at ${url} failed: ${e.message}`)));
  }

  /** Opens the session; rejects when the endpoint refuses or does not answer within `timeoutMs`. */
  static connect(url: string, timeoutMs = 10_000): Promise<InspectorClient> {
    return new Promise((resolve, reject) => {
      // No compression: snapshot chunks would be deflated by the target for nothing on loopback.
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024, handshakeTimeout: timeoutMs });
      const onError = (e: Error & { code?: string }): void => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(new RecordError(`cannot reach the inspector at ${url}: ${e.code ?? e.message}`));
      };
      socket.once('error', onError);
      socket.once('unexpected-response', (_req, res) => onError(new Error(`HTTP ${res.statusCode}`)));
      socket.once('open', () => {
        socket.off('error', onError);
        resolve(new InspectorClient(socket, url));
      });
    });
  }

  /** Sends one command; resolves to its result, rejects with the protocol's error message. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }), (e) => {
        if (e) this.fail(new RecordError(`cannot send ${method} to the inspector at ${this.url}: ${e.message}`));
      });
    });
  }

  on(method: string, handler: EventHandler): () => void {
    let set = this.handlers.get(method);
    if (!set) this.handlers.set(method, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Called once when the session ends for any reason other than close(). */
  onClose(listener: (error: RecordError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Stops reading from the socket (TCP holds the rest on the target's side). */
  pause(): void {
    if (!this.closedWith) this.socket.pause();
  }

  resume(): void {
    if (!this.closedWith) this.socket.resume();
  }

  close(): void {
    if (this.closedWith) return;
    this.closedWith = new RecordError(`the inspector session to ${this.url} was closed`);
    this.rejectPending(this.closedWith);
    this.socket.removeAllListeners('close');
    this.socket.on('error', () => undefined);
    this.socket.close();
    // A target that does not answer the close handshake must not keep us alive.
    setTimeout(() => this.socket.terminate(), 1000).unref();
  }

  private dispatch(data: WebSocket.RawData): void {
    let message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(data.toString());
    } catch {
      this.fail(new RecordError(`the inspector at ${this.url} sent a message that is not JSON`));
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new RecordError(`the inspector refused ${pending.method}: ${message.error.message ?? 'unknown error'}`));
      else pending.resolve(message.result);
      return;
    }
    if (typeof message.method === 'string') {
      for (const handler of this.handlers.get(message.method) ?? []) handler(message.params);
    }
  }

  private fail(error: RecordError): void {
    if (this.closedWith) return;
    this.closedWith = error;
    this.rejectPending(error);
    this.socket.terminate();
    for (const listener of this.closeListeners) listener(error);
  }

  private rejectPending(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
