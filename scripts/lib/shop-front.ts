import http from 'node:http';

/** What the front knows of a request when it picks the shop behind it. */
export interface FrontRequest {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Many fake shops behind one address: the app has one API root per marketplace, while a
 * credential belongs to one shop, so the front sends each request to the shop `pick` names
 * (an origin such as `http://127.0.0.1:1234`).
 */
export async function startShopFront(pick: (request: FrontRequest) => string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const front = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = new URL(pick({ headers: request.headers, body }));
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    // a client that gave up (an injected timeout) frees the shop's socket too
    response.on('close', () => upstream.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      agent.destroy();
    },
  };
}

export const bearerOf = (headers: http.IncomingHttpHeaders) =>
  /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim() ?? '';
