import type { NewEvent } from "../store/schemas";
import type { SeededRandom } from "./random";

const TENANTS = ["acme", "globex", "initech"] as const;
const CARD_ERRORS = ["card declined", "insufficient funds", "expired card"] as const;

/** Generates one business flow (one correlation) at a time; each event gets its streams as links. */
export class DemoFlows {
  private orderNo = 0;

  constructor(
    private readonly random: SeededRandom,
    /** When the nth event (1-based) happened (demo-timeline.ts). */
    private readonly timeAt: (n: number) => number,
  ) {}

  /** The next flow: 2-7 events whose causation chains are 1-6 deep, all in one correlation. `clock.at`
   * counts the events generated so far. */
  next(clock: { at: number }): NewEvent[] {
    const tenant = this.random.pick(TENANTS);
    const user = `${tenant}-user-${this.random.int(500)}`;
    const roll = this.random.next();
    const flow = roll < 0.55 ? this.order(tenant, user) : roll < 0.9 ? this.login(tenant, user) : this.admin(tenant);
    return flow.map((event) => {
      clock.at += 1;
      return { ...event, occurredAt: new Date(this.timeAt(clock.at)).toISOString() };
    });
  }

  private event(
    type: string,
    tenant: string,
    actor: string,
    links: string[],
    data: Record<string, unknown>,
    cause?: NewEvent,
  ): NewEvent {
    return {
      id: this.random.uuid(),
      type,
      tenant,
      actor: { id: actor, type: actor.includes("user") ? "user" : "service" },
      data,
      metadata: { source: "seed", ip: `10.0.${this.random.int(255)}.${this.random.int(255)}` },
      links,
      ...(cause && { causationId: cause.id }),
    };
  }

  private order(tenant: string, user: string): NewEvent[] {
    const n = ++this.orderNo;
    const order = `Order-${tenant}-${n}`;
    const customer = `Customer-${user}`;
    const amount = 5 + this.random.int(500);
    const placed = this.event("OrderPlaced", tenant, user, [order, customer], {
      orderId: n,
      amount,
      currency: "EUR",
      items: Array.from({ length: 1 + this.random.int(3) }, () => ({
        sku: `SKU-${this.random.int(900)}`,
        qty: 1 + this.random.int(3),
      })),
    });
    const flow = [placed];
    const payment = `Payment-${tenant}-${n}`;
    if (this.random.chance(0.1)) {
      flow.push(
        this.event(
          "PaymentFailed",
          tenant,
          "payments-service",
          [order, payment],
          { amount, reason: this.random.pick(CARD_ERRORS) },
          placed,
        ),
      );
      return flow;
    }
    const authorized = this.event("PaymentAuthorized", tenant, "payments-service", [payment], { amount }, placed);
    const captured = this.event(
      "PaymentCaptured",
      tenant,
      "payments-service",
      [payment, order],
      { amount },
      authorized,
    );
    flow.push(authorized, captured);
    if (this.random.chance(0.2)) return flow;
    const shipment = `Shipment-${tenant}-${n}`;
    const shipped = this.event(
      "ShipmentCreated",
      tenant,
      "warehouse",
      [shipment, order],
      { carrier: this.random.pick(["DHL", "UPS", "PostNL"]) },
      captured,
    );
    const delivered = this.event(
      "ShipmentDelivered",
      tenant,
      "carrier-webhook",
      [shipment],
      { signedBy: user },
      shipped,
    );
    flow.push(shipped, delivered);
    if (this.random.chance(0.15)) {
      const refund = this.event(
        "RefundRequested",
        tenant,
        user,
        [order, customer],
        { amount, reason: "damaged in transit" },
        shipped,
      );
      flow.push(refund, this.event("invoice.refunded", tenant, "billing", [payment], { amount }, refund));
    }
    return flow;
  }

  private login(tenant: string, user: string): NewEvent[] {
    const stream = `User-${user}`;
    const attempt = this.event("user.login_attempted", tenant, user, [stream], {
      method: this.random.pick(["password", "sso", "passkey"]),
    });
    if (this.random.chance(0.15)) {
      return [
        attempt,
        this.event("user.login_failed", tenant, "auth-service", [stream], { reason: "bad password" }, attempt),
      ];
    }
    const login = this.event("user.login", tenant, "auth-service", [stream], { sessionTtl: 3600 }, attempt);
    return [
      attempt,
      login,
      this.event(
        "user.session_started",
        tenant,
        "auth-service",
        [stream],
        { device: this.random.pick(["web", "ios", "android"]) },
        login,
      ),
    ];
  }

  private admin(tenant: string): NewEvent[] {
    const admin = `${tenant}-admin-${this.random.int(3)}`;
    const stream = `Admin-${tenant}`;
    const granted = this.event("admin.role_granted", tenant, admin, [stream], {
      role: this.random.pick(["billing", "support", "owner"]),
      to: `${tenant}-user-${this.random.int(500)}`,
    });
    return [
      granted,
      this.event("admin.audit_reviewed", tenant, admin, [stream], { findings: this.random.int(3) }, granted),
    ];
  }
}
