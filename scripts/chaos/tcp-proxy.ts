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
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    track(client);
    track(upstream);
    clients.add(client);
    client.once('close', () => clients.delete(client));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    /** destroys every open connection and refuses new ones for `ms`; how many were open */
    async drop(ms: number): Promise<number> {
      const closing = stopListening();
      const dropped = clients.size;
      for (const socket of sockets) socket.destroy();
      await closing;
      await new Promise((resolve) => setTimeout(resolve, ms));
      await listen(port);
      return dropped;
    },
    async close() {
      const closing = stopListening();
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
