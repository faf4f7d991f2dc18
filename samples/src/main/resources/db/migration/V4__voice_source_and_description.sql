-- Voice design (the original utter app after Step 8): where a voice came from, 'uploaded' (cloned from
-- a recording, every voice before this migration) or 'designed' (made from a description), and the
-- description a designed voice was made from.
ALTER TABLE voices ADD COLUMN source VARCHAR(20) NOT NULL DEFAULT 'uploaded';
ALTER TABLE voices ADD COLUMN description TEXT;
