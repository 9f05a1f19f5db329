import { z } from "zod";
import { Scope } from "../auth/principal";
import { WITNESS_STATUSES } from "../integrity/witness-status";
import { EventRecord, Instant, PositionText, Sha256Hex } from "./openapi-event-schemas";

/**
 * Response bodies of the integrity, key and operating endpoints as zod schemas, for the OpenAPI
 * document only; openapi-schemas.test.ts checks each against the TS type named in its comment.
 */

const DecimalText = z.string().regex(/^(0|[1-9][0-9]*)$/);
const KeyId = z.string().regex(/^[0-9a-f]{16}$/);

/** `SignedTreeHead` (RFC 9162 §4.10 in JSON, chained by headHash). */
export const SignedTreeHead = z.object({
  seq: DecimalText,
  treeSize: DecimalText,
  rootHash: Sha256Hex,
  timestamp: Instant,
  keyId: KeyId.meta({ description: "First 16 hex digits of SHA-256 over the public key's DER (SPKI)" }),
  prevHeadHash: Sha256Hex.nullable(),
  signature: z.string().meta({ description: "Ed25519, base64" }),
  headHash: Sha256Hex,
});
export const TreeHeadList = z.object({ treeHeads: z.array(SignedTreeHead) });
export const SignedTreeHeadResult = z.object({
  treeHead: SignedTreeHead.nullable().meta({ description: "null on an empty log" }),
});
export const Keyring = z.object({
  keys: z.array(z.object({ keyId: KeyId, publicKey: z.string(), current: z.boolean() })),
});

/** `Receipt`: an event as hashed, a signed tree head and its inclusion proof. */
export const Receipt = z.object({
  trailbook: z.literal("receipt"),
  version: z.literal(1),
  event: EventRecord,
  leafIndex: DecimalText,
  treeHead: SignedTreeHead,
  inclusionProof: z.array(Sha256Hex).meta({ description: "Sibling hashes, leaf level first" }),
});
export const ConsistencyProof = z.object({ first: DecimalText, second: DecimalText, proof: z.array(Sha256Hex) });

export const FaultKind = z.enum([
  "missing_position",
  "prev_hash_mismatch",
  "hash_mismatch",
  "unreadable_row",
  "membership_missing",
  "tree_node_mismatch",
  "bad_signature",
  "unknown_key",
  "head_chain_break",
  "root_mismatch",
  "truncated",
  "witness_mismatch",
  "hash_differs",
]);
export const Fault = z.object({
  kind: FaultKind,
  position: PositionText.optional(),
  seq: DecimalText.optional(),
  detail: z.string(),
});
const Tally = z.object({ checked: z.int().min(0), ok: z.int().min(0) });

/** `IntegrityResult`: a verification run. */
export const VerifyResult = z.object({
  ok: z.boolean(),
  checked: z.int().min(0),
  head: z.object({ position: PositionText, hash: Sha256Hex }).nullable(),
  faults: z.array(Fault).meta({ description: "The first 100 faults in position order" }),
  faultCount: z.int().min(0),
  firstBad: z.object({ position: PositionText, reason: FaultKind, detail: z.string() }).optional(),
  treeHeads: Tally.extend({ latest: z.object({ seq: DecimalText, treeSize: DecimalText }).nullable() }),
  witness: z.object({
    heads: z.int().min(0).meta({ description: "Heads the witness file outside the database holds" }),
    status: z.enum(WITNESS_STATUSES).meta({
      description:
        "consistent: it holds the database's latest head and every head it holds is the database's; " +
        "behind: it lacks the newest heads; missing: it holds none while the database holds some; " +
        "inconsistent: it disagrees with the database (witness_mismatch faults); no_heads: nothing signed yet; " +
        "not_checked: a range run. missing and behind are no fault, but the run did not check those heads " +
        "against anything outside the database: show the warning.",
    }),
    warning: z.string().optional().meta({ description: "For missing and behind: what the run did not prove" }),
  }),
  checkpoints: Tally,
  verifiedAt: Instant,
});

/** `ApiKeySummary`: a key as listed, never its secret. */
export const ApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(Scope),
  tenant: z.string().nullable(),
  rateLimit: z.int().min(0).nullable().meta({ description: "Requests per second; null: the server's default" }),
  createdAt: Instant,
  revokedAt: Instant.nullable(),
});
export const CreatedKey = ApiKey.extend({ secret: z.string().meta({ description: "Shown this once" }) });
export const KeyList = z.object({ keys: z.array(ApiKey) });

const DatabaseKind = z.enum(["pglite", "postgres"]);
/** `Health`. */
export const Health = z.object({ status: z.literal("ok"), database: DatabaseKind, migrations: z.int().min(0) });
/** The ready half of `Readiness`, as `GET /api/ready` answers it. */
export const Ready = z.object({
  status: z.literal("ready"),
  database: DatabaseKind,
  migrations: z.literal("applied"),
  signingKey: z.literal("present"),
});
