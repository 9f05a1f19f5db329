-- A receipt can be asked for in the tree size of any signed head (`GET /api/events/{id}/receipt?treeSize=`):
-- the head of a size is one index probe, not a scan of every head.
CREATE INDEX "tree_heads_tree_size_idx" ON "tree_heads" ("tree_size");
