import http from "node:http";
import type net from "node:net";
import { answerWithFetch } from "../src/server/http/node-bridge";

/**
 * A fetch-style handler (what a Next.js route exports) served over plain node:http, streaming the
 * response as it is produced, which SSE needs. Used by the live HTTP tests and scripts/live-server.ts.
 */
export interface FetchServer {
  readonly url: string;
  /** Cuts every open connection, as a proxy restart or network drop would. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function serveFetch(handler: (request: Request) => Promise<Response>, port = 0): Promise<FetchServer> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => void answerWithFetch(req, res, handler));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("server has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
