-- Round 2 tamper evidence: a Merkle tree over the log and signed tree heads (RFC 9162), and the
-- server-attested writer of each event. Runs unchanged on PostgreSQL 15+ and on PGlite.

-- Which credential recorded the event (an API key id, or "bootstrap-token"), attested by the server
-- and part of the event's hash when set. Events recorded before this column existed have NULL:
-- their hashes never covered a writer, and they still verify.
ALTER TABLE "events" ADD COLUMN "writer" TEXT COLLATE "C";

-- The Merkle tree over the log in position order (leaf i = the event at position i + 1, entry =
-- the event's 32-byte hash; leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right)).
-- Row p holds, hex-encoded, the roots of the perfect subtrees that end at leaf p - 1: hashes[1] is
-- the leaf hash and hashes[L + 1] the level-L node, for every L with 2^L dividing p. So node
-- (level L, index j) is element L + 1 of row (j + 1) * 2^L, rows are written once with their event
-- and never change, and any root or proof of any tree size reads O(log n) rows.
CREATE TABLE "merkle_nodes" (
    "position" BIGINT NOT NULL,
    "hashes"   TEXT[] NOT NULL,
    CONSTRAINT "merkle_nodes_pkey" PRIMARY KEY ("position"),
    CONSTRAINT "merkle_nodes_position_fkey" FOREIGN KEY ("position") REFERENCES "events" ("position")
);

-- Signed tree heads: tree size, root, time, signing key, and the hash of the previous head, so
-- deleting or altering stored heads breaks a chain that the witness (a file outside the database)
-- also holds. The signature (Ed25519) covers RFC 8785 JSON of every other column but head_hash.
CREATE TABLE "tree_heads" (
    "seq"            BIGINT         NOT NULL,
    "tree_size"      BIGINT         NOT NULL,
    "root_hash"      TEXT           NOT NULL,
    "signed_at"      TIMESTAMPTZ(3) NOT NULL,
    "key_id"         TEXT           NOT NULL,
    "prev_head_hash" TEXT,
    "signature"      TEXT           NOT NULL,
    "head_hash"      TEXT           NOT NULL,
    CONSTRAINT "tree_heads_pkey" PRIMARY KEY ("seq"),
    CONSTRAINT "tree_heads_seq_positive" CHECK ("seq" > 0),
    CONSTRAINT "tree_heads_size_nonnegative" CHECK ("tree_size" >= 0)
);

CREATE TRIGGER "merkle_nodes_append_only" BEFORE UPDATE OR DELETE ON "merkle_nodes"
    FOR EACH ROW EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "merkle_nodes_no_truncate" BEFORE TRUNCATE ON "merkle_nodes"
    FOR EACH STATEMENT EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "tree_heads_append_only" BEFORE UPDATE OR DELETE ON "tree_heads"
    FOR EACH ROW EXECUTE FUNCTION "trailbook_refuse_change"();
CREATE TRIGGER "tree_heads_no_truncate" BEFORE TRUNCATE ON "tree_heads"
    FOR EACH STATEMENT EXECUTE FUNCTION "trailbook_refuse_change"();
