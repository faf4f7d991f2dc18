-- Seed step 8.7: add reference_transcript and language (default 'Auto') to voices, and the language
-- used for each generation.
ALTER TABLE voices ADD COLUMN reference_transcript TEXT;
ALTER TABLE voices ADD COLUMN language VARCHAR(20) DEFAULT 'Auto';
ALTER TABLE generations ADD COLUMN language VARCHAR(20) DEFAULT 'Auto';
