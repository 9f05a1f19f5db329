import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { percentile, round } from "../measure";
import { barePostLoop, clock, startBenchReceiver } from "../subscription-peers";
import { type Figure, figure } from "./append";

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

interface Options {
  base: string;
  token: string;
  receiverPort: number;
  natsUrl: string;
  /** Seconds of 100 events/s for the latency figure. */
  seconds: number;
  /** Events delivered one per POST, and in batches of 100 and to NATS. */
  singles: number;
  bulk: number;
  log: (text: string) => void;
}

async function post(base: string, token: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: json(token), body: JSON.stringify(body) });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Appends `count` events of `type` in 1000-event batches; returns the first one as the API shows it. */
async function appendBulk(base: string, token: string, type: string, count: number) {
  for (let done = 0; done < count; done += 1000) {
    const events = Array.from({ length: Math.min(1000, count - done) }, (_, i) => ({
      type,
      data: { n: done + i, sku: `SKU-${(done + i) % 97}`, amount: (done + i) % 500 },
    }));
    await post(base, token, "/api/events", { events });
  }
  const page = await fetch(`${base}/api/events?${new URLSearchParams({ q: `type:${type}`, limit: "1" })}`, {
    headers: json(token),
  }).then((r) => r.json() as Promise<{ events: unknown[] }>);
  return page.events[0];
}

/**
 * Subscription figures on the production server, each next to a reference from this run: append →
 * webhook received at 100 events/s (reference: the append's own answer time), one subscription's
 * delivery rate one event per POST and 100 per POST (reference: a bare signed POST loop to the same
 * receiver), and the NATS relay (reference: a bare publish-and-await-ack loop to the same server).
 */
export async function subscriptionSuite(o: Options): Promise<Figure[]> {
  const receiver = await startBenchReceiver(o.receiverPort);
  const subscribe = async (name: string, body: Record<string, unknown>) => {
    const created = await post(o.base, o.token, "/api/subscriptions", { name, ...body });
    return created.secret as string | undefined;
  };
  const webhook = async (name: string, filter: string, batchSize: number) => {
    const secret = await subscribe(name, {
      filter,
      start: "beginning",
      mode: "webhook",
      webhook: { url: `${receiver.url}/${name}` },
      delivery: { batchSize },
    });
    return { secret: secret!, path: receiver.add(name, secret!) };
  };
  const figures: Figure[] = [];
  try {
    o.log(`append → webhook latency at 100 events/s for ${o.seconds} s`);
    const { path } = await webhook("latency", "type:bench.latency", 1);
    const appendMs: number[] = [];
    const sends: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < o.seconds * 100; i++) {
      const due = start + i * 10;
      if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      const sentAt = clock();
      sends.push(
        post(o.base, o.token, "/api/events", { type: "bench.latency", data: { sentAt, i } }).then(() => {
          appendMs.push(clock() - sentAt);
        }),
      );
    }
    await Promise.all(sends);
    await receiver.received("latency", o.seconds * 100);
    const l = path.latencies;
    figures.push(
      figure({
        name: "append → webhook received at 100 events/s (p50)",
        unit: "ms",
        ours: round(percentile(l, 50), 1),
        reference: { name: "the append's own answer, p50", value: round(percentile(appendMs, 50), 1) },
        higherIsBetter: false,
        notes:
          `p99 ${round(percentile(l, 99), 1)} ms (append p99 ${round(percentile(appendMs, 99), 1)} ms); ` +
          `${l.length} events`,
      }),
    );

    o.log(`appending ${o.bulk} events for the throughput figures`);
    await appendBulk(o.base, o.token, "bench.single", o.singles);
    const sample = await appendBulk(o.base, o.token, "bench.bulk", o.bulk);
    const body = JSON.stringify({ type: "bench.bulk", timestamp: new Date().toISOString(), data: sample });
    for (const [name, batchSize, count] of [
      ["single", 1, o.singles],
      ["batch100", 100, o.bulk],
    ] as const) {
      o.log(`one subscription, ${batchSize} event(s) per POST, ${count} events`);
      const filter = batchSize === 1 ? "type:bench.single" : "type:bench.bulk";
      const started = performance.now();
      const { secret } = await webhook(name, filter, batchSize);
      await receiver.received(name, count);
      const rate = round(count / ((performance.now() - started) / 1000));
      const bare = round(await barePostLoop(`${receiver.url}/${name}`, secret, body, Math.min(count, 2000)));
      figures.push(
        figure({
          name: `webhook delivery, one subscription, ${batchSize} event(s) per POST`,
          unit: "events/s",
          ours: rate,
          reference: { name: "bare signed POST loop, 1 event per POST, same receiver", value: bare },
          notes: `${count.toLocaleString("en")} events from the beginning of the log`,
        }),
      );
    }
    if (receiver.rejected() > 0) throw new Error(`the receiver refused ${receiver.rejected()} signatures`);

    o.log(`NATS relay of ${o.bulk} events`);
    const nc = await connect({ servers: o.natsUrl });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: "TB_BENCH", subjects: ["tbbench.>"] });
    await jsm.streams.add({ name: "TB_BARE", subjects: ["tbbare.>"] });
    const started = performance.now();
    await subscribe("relay", {
      filter: "type:bench.bulk",
      start: "beginning",
      mode: "nats",
      nats: { subjectPrefix: "tbbench" },
      delivery: { batchSize: 100 },
    });
    while ((await jsm.streams.info("TB_BENCH")).state.messages < o.bulk) await new Promise((r) => setTimeout(r, 50));
    const relay = round(o.bulk / ((performance.now() - started) / 1000));
    const js = jetstream(nc);
    const bareStart = performance.now();
    const bareCount = Math.min(o.bulk, 5000);
    for (let i = 0; i < bareCount; i++) await js.publish(`tbbare._.bench.bulk`, body, { msgID: `bare-${i}` });
    const bare = round(bareCount / ((performance.now() - bareStart) / 1000));
    await nc.close();
    figures.push(
      figure({
        name: "NATS JetStream relay, one subscription",
        unit: "events/s",
        ours: relay,
        reference: { name: "bare publish loop awaiting each ack, same server and body", value: bare },
        notes: `${o.bulk.toLocaleString("en")} events, 100 per lease, each published and acked in turn`,
      }),
    );

    // Last, as the four subscriptions it starts keep delivering after it.
    o.log(`HTTP ingest of ${o.bulk} events with no delivery running, then while 4 subscriptions deliver`);
    const ingestRate = async (type: string) => {
      const started = performance.now();
      await appendBulk(o.base, o.token, type, o.bulk);
      return round(o.bulk / ((performance.now() - started) / 1000));
    };
    const quiet = await ingestRate("bench.ingest.quiet");
    for (const n of [1, 2, 3, 4]) await webhook(`load${n}`, "type:bench.bulk", 1);
    const busy = await ingestRate("bench.ingest.busy");
    const behind = [1, 2, 3, 4].filter((n) => receiver.count(`load${n}`) < o.bulk).length;
    figures.push(
      figure({
        name: "HTTP batch ingest while 4 webhook subscriptions deliver (1 event per POST)",
        unit: "events/s",
        ours: busy,
        reference: { name: "the same ingest with no delivery running, same run", value: quiet },
        notes: `1000 events per POST, one client; ${behind} of 4 subscriptions were still delivering when it ended`,
      }),
    );
    return figures;
  } finally {
    await receiver.close();
  }
}
