import net from 'node:net';

/**
 * A TCP relay between the app processes and the database, so a chaos run can drop every
 * connection at once and refuse new ones for a while: what a database restart looks like
 * from the app's side.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target);
    track(client);
    track(upstream);
    clients.add(client);
    client.once('close', () => clients.delete(client));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    /** resets every open connection and each new one for `ms`; how many were open */
    async drop(ms: number): Promise<number> {
      refusing = true;
      const dropped = clients.size;
      for (const socket of sockets) socket.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, ms));
      refusing = false;
      return dropped;
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
