// GET /healthz: 200 with what is being served while running, 503 while stopping or when the data is unusable.
// HTTP mode mounts it on Bolt's own server (a custom route); Socket Mode runs it on a small server of its own.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "../answer/engine.ts";
import type { Config } from "../config.ts";

export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function healthHandler(
  mode: Config["mode"],
  engine: () => Engine,
  stopping: () => boolean,
): HealthHandler {
  return (_req, res) => {
    let body: Record<string, unknown>;
    let status = 200;
    try {
      const models = engine().catalogue.models;
      body = {
        status: stopping() ? "stopping" : "ok",
        mode,
        models: models.length,
        rows: models.reduce((sum, model) => sum + model.rows.length, 0),
      };
      if (stopping()) status = 503;
    } catch (error) {
      status = 503;
      body = { status: "error", error: (error as Error).message };
    }
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
}

/** A server answering GET /healthz only (Socket Mode, which has no HTTP server of its own). */
export interface HealthServer {
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createHealthServer(handler: HealthHandler): HealthServer {
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.split("?")[0] === "/healthz") handler(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen({ port, ...(host ? { host } : {}) }, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () => {
      if (!server.listening) return Promise.resolve();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
