/**
 * The WebSocket client of the live kline connector (the `ws` package), behind the small
 * interface the connector is given: it never sees `ws` itself, so its tests can hand it any
 * socket and the service room stays free of Node-only modules. Ping frames are answered with a
 * pong by `ws` (autoPong), as Binance requires; every ping and pong is also reported, so a quiet
 * but alive connection is not taken for a dead one.
 */
import WebSocket from "ws";

export interface KlineSocketHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** A ping or pong frame arrived: the connection is alive although no data came. */
  onHeartbeat(): void;
  /** Exactly once, whatever ended the connection (also a failed handshake). */
  onClose(reason: string): void;
}

export interface KlineSocket {
  send(text: string): void;
  /** Asks the server for a pong (reported through onHeartbeat). */
  ping(): void;
  /** Ends the connection at once; onClose follows. */
  close(): void;
}

export type OpenKlineSocket = (url: string, handlers: KlineSocketHandlers) => KlineSocket;

export interface KlineSocketLimits {
  /** Connect and upgrade together. */
  handshakeTimeoutMs: number;
  /** Larger frames close the connection (a kline event is under 1 kB). */
  maxMessageBytes: number;
}

export function klineSocketOpener(limits: KlineSocketLimits): OpenKlineSocket {
  return (url, handlers) => {
    const socket = new WebSocket(url, {
      handshakeTimeout: limits.handshakeTimeoutMs,
      maxPayload: limits.maxMessageBytes,
      autoPong: true,
      // Kline events are small; inflating them costs more than it saves, and bounds nothing.
      perMessageDeflate: false,
      followRedirects: false,
    });
    let failure: string | null = null;
    let isClosed = false;
    socket.on("open", () => handlers.onOpen());
    socket.on("message", (data: WebSocket.RawData) => handlers.onMessage(textOf(data)));
    socket.on("ping", () => handlers.onHeartbeat());
    socket.on("pong", () => handlers.onHeartbeat());
    // `ws` always follows an error with a close event; the error only names the reason.
    socket.on("error", (error) => {
      failure ??= error.message;
    });
    socket.on("close", (code, reason) => {
      if (isClosed) return;
      isClosed = true;
      handlers.onClose(failure ?? `closed by the server (${code}${reason.length > 0 ? ` ${reason.toString("utf8")}` : ""})`);
    });
    return {
      send: (text) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
      },
      ping: () => {
        if (socket.readyState === WebSocket.OPEN) socket.ping();
      },
      close: () => {
        failure ??= "closed by Bourse";
        socket.terminate();
      },
    };
  };
}

function textOf(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString("utf8");
}
