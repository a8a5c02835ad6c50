// A loopback TCP proxy between the server and its database, so a test can take the database away
// from one server without touching the MariaDB that other test files share. `stop()` looks to the
// server exactly like a database that was shut down: open connections are reset and new ones are
// refused; `start()` brings it back on the same port.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Reset every open connection and refuse new ones, as a stopped database does. */
  stop(): Promise<void>;
  /** Accept connections again on the same port. */
  start(): Promise<void>;
  /** Hold every byte, both ways, on open and new connections: a database that hangs without closing anything. */
  freeze(): void;
  /** Let the held bytes through again. */
  thaw(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  let port = 0;
  let server: net.Server | null = null;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          // An error on one side ends both: the peer sees a reset connection, as with a real outage.
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
        if (frozen) {
          client.pause();
          upstream.pause();
        }
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      // RST rather than FIN: a killed database does not say goodbye.
      for (const socket of sockets) socket.resetAndDestroy();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    stop,
    start: listen,
    freeze() {
      frozen = true;
      for (const socket of sockets) socket.pause();
    },
    thaw() {
      frozen = false;
      for (const socket of sockets) socket.resume();
    },
    close: stop,
  };
}
