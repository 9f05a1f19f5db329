import type { AddressInfo } from "node:net";
import net from "node:net";

/**
 * A port nothing listens on now, chosen by the OS from its ephemeral range: never a fixed range
 * that a service of the machine may hold (a random pick in 3300-3340 once met MariaDB's 3306).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
