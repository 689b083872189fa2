import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '#src/logger.js';
import { StartupError } from '#src/startup/startup-error.js';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** The one HTTP server of a process, on PORT: health, metrics and, in webhook mode, Telegram's calls. */
export interface AppServer {
  /** PORT, or the port the system chose when PORT is 0 */
  readonly port: number;
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startAppServer(port: number, logger: Logger): Promise<AppServer> {
  const routes = new Map<string, RouteHandler>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const handler = routes.get(`${request.method} ${path}`);
    if (!handler) {
      response.writeHead(404).end();
      return;
    }
    handler(request, response).catch((error: unknown) => {
      logger.error({ err: error, path }, 'HTTP request failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(
              `port ${port} is taken by another program: set PORT to a free port (health, metrics and the webhook listen there)`,
            )
          : error,
      );
    });
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
