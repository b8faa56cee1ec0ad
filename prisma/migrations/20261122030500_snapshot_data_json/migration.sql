-- Snapshots are written often and read back whole, never queried inside: plain `json` stores
-- the text as is, where `jsonb` re-parses it into its binary form on every write (about half
-- of the write cost on the embedded PGlite, which runs on the server's own thread).
ALTER TABLE "SandboxSnapshot" ALTER COLUMN "data" SET DATA TYPE JSON;
