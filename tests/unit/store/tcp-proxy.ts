/**
 * A TCP proxy in front of the real Redis that can stall: in `hold` mode it accepts connections
 * and reads what the client sends — on new and open connections — but forwards nothing and
 * answers nothing: a server that accepts but never answers. `release()` then forwards what was
 * held and carries on, so a test can see whether anything the client had queued reaches Redis
 * late.
 */
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** 'pass' forwards; 'hold' stalls every connection, new or open. */
  setMode(mode: 'pass' | 'hold'): void;
  /** Forwards what every connection still open sent while held, and carries on in 'pass'. */
  release(): void;
  /** How many connections clients have opened through the proxy so far. */
  accepted(): number;
  close(): Promise<void>;
}

interface Link {
  readonly client: net.Socket;
  upstream: net.Socket | undefined;
  /** Bytes from the client not forwarded yet (held). */
  readonly pending: Buffer[];
}

export async function startTcpProxy(target = { host: '127.0.0.1', port: 6379 }): Promise<TcpProxy> {
  let mode: 'pass' | 'hold' = 'pass';
  const links = new Set<Link>();
  let accepted = 0;

  const connectUpstream = (link: Link): void => {
    const upstream = net.connect(target);
    link.upstream = upstream;
    upstream.pipe(link.client);
    const end = (): void => {
      link.client.destroy();
      upstream.destroy();
    };
    upstream.on('error', end).on('close', end);
    link.client.on('close', end);
  };
  const flush = (link: Link): void => {
    if (!link.upstream) connectUpstream(link);
    for (const chunk of link.pending.splice(0)) link.upstream!.write(chunk);
  };

  const server = net.createServer((client) => {
    const link: Link = { client, upstream: undefined, pending: [] };
    accepted += 1;
    links.add(link);
    client.on('error', () => client.destroy());
    client.on('close', () => links.delete(link));
    client.on('data', (chunk: Buffer) => {
      link.pending.push(chunk);
      if (mode === 'pass') flush(link);
    });
    if (mode === 'pass') connectUpstream(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as net.AddressInfo).port,
    setMode: (next) => void (mode = next),
    accepted: () => accepted,
    release() {
      mode = 'pass';
      for (const link of links) if (!link.client.destroyed) flush(link);
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
