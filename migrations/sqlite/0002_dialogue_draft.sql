-- The draft id of a conversation in clear (a random id, not content), so
-- that the files of a draft still in progress are never purged as orphans.
ALTER TABLE dialogues ADD COLUMN draft_id TEXT;
CREATE INDEX dialogues_draft ON dialogues (draft_id);
