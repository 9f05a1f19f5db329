import {
  body,
  json,
  operation,
  pathParam,
  positionSchema,
  query,
  schemaRef,
  tenantQuery,
  text,
} from "./openapi-helpers";

/** OpenAPI path entries of verification, signed tree heads, receipts and proofs, and API keys. */

const size = (name: string, description: string) => ({
  ...query(name, description, { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  required: true,
});

export const INTEGRITY_PATHS = {
  "/api/verify": {
    get: operation({
      id: "verifyLog",
      tag: "Integrity",
      summary: "Verify the log",
      description:
        "Scope read. Recomputes the hash chain (or a range of it), the Merkle tree, every signed tree head and " +
        "the witness, names every fault, and records the run. One run at a time per server process. A witness " +
        "that holds no heads or lacks the newest is no fault: `witness.status` and `witness.warning` say so, " +
        "and a client should show the warning next to ok.",
      parameters: [query("from", "First position", positionSchema), query("to", "Last position", positionSchema)],
      ok: { 200: json("VerifyResult", "The outcome (ok false names the faults)") },
    }),
  },
  "/api/checkpoints": {
    get: operation({
      id: "listTreeHeads",
      tag: "Integrity",
      summary: "Signed tree heads",
      description: "Scope read. RFC 9162 signed tree heads, chained, newest first (up to 100).",
      ok: { 200: json("TreeHeadList", "The newest heads") },
    }),
    post: operation({
      id: "signTreeHead",
      tag: "Integrity",
      summary: "Sign a tree head now",
      description: "Scope admin. Signs a head over the whole log (the latest again when the log has not grown).",
      ok: {
        201: json("SignedTreeHeadResult", "A new head"),
        200: json(
          "SignedTreeHeadResult",
          "Nothing signed: the latest head, the log not having grown since; null on an empty log",
        ),
      },
    }),
  },
  "/api/checkpoints/public-key": {
    get: operation({
      id: "getPublicKey",
      tag: "Integrity",
      summary: "The current public key",
      description: "Scope read. The Ed25519 public key (SPKI PEM) that signs tree heads and export manifests now.",
      ok: {
        200: {
          ...text("The key as PEM", ["application/x-pem-file"]),
          headers: { "X-Key-Id": { description: "The key's id", schema: { type: "string" } } },
        },
      },
    }),
  },
  "/api/checkpoints/public-keys": {
    get: operation({
      id: "getKeyring",
      tag: "Integrity",
      summary: "The keyring",
      description: "Scope read. Every public key that ever signed for this log, the current one marked.",
      ok: { 200: json("Keyring", "The keyring") },
    }),
  },
  "/api/events/{id}/receipt": {
    get: operation({
      id: "getReceipt",
      tag: "Integrity",
      summary: "An event's receipt",
      description:
        "Scope read. The event as hashed, a signed tree head and the event's inclusion proof, checkable offline " +
        "with the verifier. `tenant` picks among tenants holding the id, as for getEvent. `treeSize` asks for " +
        "the proof in the tree of that size (RFC 9162 §2.1.3), e.g. a head kept from an earlier audit: it must " +
        "be a size a signed tree head has (no_tree_head_at_size, with the nearest, otherwise) and at least the " +
        "event's position (tree_size_before_event). Without it, the latest head that covers the event.",
      parameters: [
        pathParam("id", "Event id"),
        tenantQuery,
        query("treeSize", "The size of the signed tree head to prove inclusion in (default: the latest)", {
          type: "integer",
          minimum: 1,
          maximum: Number.MAX_SAFE_INTEGER,
        }),
      ],
      ok: {
        200: json("Receipt", "The receipt (an attachment)", {
          "Content-Disposition": { description: "attachment; filename=…", schema: { type: "string" } },
        }),
      },
      errors: { found: true, conflict: true },
    }),
  },
  "/api/proofs/consistency": {
    get: operation({
      id: "proveConsistency",
      tag: "Integrity",
      summary: "A consistency proof",
      description: "Scope read. RFC 9162 §2.1.4 proof that the tree of `first` leaves is a prefix of that of `second`.",
      parameters: [size("first", "The older tree size"), size("second", "The newer tree size (at most the log's)")],
      ok: { 200: json("ConsistencyProof", "The proof") },
    }),
  },
  "/api/verifier": {
    get: operation({
      id: "getVerifier",
      tag: "Integrity",
      summary: "The offline verifier",
      description: "Scope read. trailbook-verify.mjs, one dependency-free file; its SHA-256 is in the README.",
      ok: { 200: text("The verifier as an attachment", ["text/javascript"], true) },
    }),
  },
  "/api/keys": {
    get: operation({
      id: "listKeys",
      tag: "Keys",
      summary: "List keys",
      description: "Scope admin. Every key, newest first, revoked ones included; never their secrets.",
      ok: { 200: json("KeyList", "The keys") },
    }),
    post: operation({
      id: "createKey",
      tag: "Keys",
      summary: "Create a key",
      description: "Scope admin. The answer is the only time the key's secret is shown.",
      requestBody: body(schemaRef("CreateKeyRequest")),
      ok: { 201: json("CreatedKey", "The key with its secret") },
    }),
  },
  "/api/keys/{id}": {
    delete: operation({
      id: "revokeKey",
      tag: "Keys",
      summary: "Revoke a key",
      description: "Scope admin. Requests with the key are refused from now on; revoking twice keeps the first time.",
      parameters: [pathParam("id", "Key id")],
      ok: { 200: json("ApiKey", "The revoked key") },
      errors: { found: true },
    }),
  },
};
