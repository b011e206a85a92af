import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between Chromium and the browser host (Playwright's `proxy`
 * option) that can cut every connection through it while the host keeps
 * running, as a network blip or a sleeping laptop would. The page keeps its
 * own address, so the host's origin check and content security policy see
 * exactly what they see without the proxy. Plain requests arrive in absolute
 * form and are forwarded; the page's WebSocket arrives as a CONNECT tunnel,
 * a plain TCP relay.
 */
export interface CuttableProxy {
  /** For Playwright: `{ proxy: { server } }`. */
  readonly server: string;
  /** CONNECT tunnels open now (the page's WebSocket is one). */
  tunnels(): number;
  /** Drop every connection and refuse new ones until `restore()`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(): Promise<CuttableProxy> {
  let isCut = false;
  const sockets = new Set<net.Socket>();
  const tunnels = new Set<net.Socket>();
  const track = (socket: net.Socket, set: Set<net.Socket> = sockets) => {
    if (set.has(socket)) return; // a kept-alive socket carries many requests
    set.add(socket);
    socket.once('close', () => set.delete(socket));
  };

  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = http.request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('socket', (socket) => track(socket));
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('connection', (socket: net.Socket) => {
    if (isCut) {
      socket.destroy();
      return;
    }
    track(socket);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const { hostname, port } = new URL(`http://${req.url ?? ''}`);
    const upstream = net.connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    track(client, tunnels);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    server: `http://127.0.0.1:${port}`,
    tunnels: () => tunnels.size,
    cut: () => {
      isCut = true;
      for (const socket of [...sockets, ...tunnels]) socket.destroy();
    },
    restore: () => {
      isCut = false;
    },
    close: async () => {
      for (const socket of [...sockets, ...tunnels]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
